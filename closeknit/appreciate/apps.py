from django.apps import AppConfig


class AppreciateConfig(AppConfig):
    name = "closeknit.appreciate"
    label = "appreciate"
    verbose_name = "Appreciate"
