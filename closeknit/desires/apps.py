from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesiresConfig(AppConfig):
    name = "closeknit.desires"
    label = "desires"
    verbose_name = _("Desires")

    def ready(self) -> None:
        from closeknit.content import registry as content
        from closeknit.desires import catalog, tonight
        from closeknit.tonight import registry

        content.register(catalog.CATALOG)
        registry.register(tonight.PRACTICE)
