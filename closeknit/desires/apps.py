from django.apps import AppConfig


class DesiresConfig(AppConfig):
    name = "closeknit.desires"
    label = "desires"
    verbose_name = "Desires"
