from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "agir.api"
    verbose_name = "API"
