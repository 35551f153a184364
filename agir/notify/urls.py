from django.urls import path

from . import views

app_name = "notify"

urlpatterns = [
    path("rapports/sms/", views.sms_report, name="sms_report"),
    path("rapports/twilio/", views.twilio_report, name="twilio_report"),
    path("rapports/vocal/", views.voice_report, name="voice_report"),
    path("audio/<str:token>.wav", views.signed_audio, name="signed_audio"),
]
