from django.urls import path

from . import staff_views

app_name = "notify_staff"

urlpatterns = [
    path("<uuid:code>/audio.wav", staff_views.voice_audio, name="voice_audio"),
    path("<uuid:code>/document.pdf", staff_views.letter_pdf, name="letter_pdf"),
    path("courrier/", staff_views.print_batches, name="print_batches"),
    path(
        "courrier/<str:day>.<str:kind>",
        staff_views.print_batch_file,
        name="print_batch_file",
    ),
    path("boite-mail/", staff_views.mailbox, name="mailbox"),
    path("boite-mail/<str:name>/", staff_views.mailbox_message, name="mailbox_message"),
]
