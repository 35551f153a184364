from django.urls import path

from . import staff_views

app_name = "exchange_staff"

urlpatterns = [
    path("", staff_views.run_list, name="runs"),
    path("<int:pk>/", staff_views.run_detail, name="run"),
]
