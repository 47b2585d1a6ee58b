from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "closeknit.content"
    label = "content"
    verbose_name = "Content catalogs"
