from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "agir.rounds"
    verbose_name = "Tournées des gardiens"
