from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShareConfig(AppConfig):
    name = "closeknit.share"
    label = "share"
    verbose_name = _("Share")

    def ready(self) -> None:
        from closeknit.content import registry as content
        from closeknit.share import catalog, tonight
        from closeknit.tonight import registry

        content.register(catalog.CATALOG)
        registry.register(tonight.PRACTICE)
