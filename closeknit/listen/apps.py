from django.apps import AppConfig


class ListenConfig(AppConfig):
    name = "closeknit.listen"
    label = "listen"
    verbose_name = "Listen"
