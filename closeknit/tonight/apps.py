from django.apps import AppConfig


class TonightConfig(AppConfig):
    name = "closeknit.tonight"
    label = "tonight"
    verbose_name = "Tonight"
