from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppreciateConfig(AppConfig):
    name = "closeknit.appreciate"
    label = "appreciate"
    verbose_name = _("Appreciate")

    def ready(self) -> None:
        from closeknit.appreciate import tonight
        from closeknit.tonight import registry

        registry.register(tonight.PRACTICE)
