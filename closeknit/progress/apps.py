from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "closeknit.progress"
    label = "progress"
    verbose_name = "Progress"
