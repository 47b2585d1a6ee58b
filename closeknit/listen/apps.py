from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListenConfig(AppConfig):
    name = "closeknit.listen"
    label = "listen"
    verbose_name = _("Listen")

    def ready(self) -> None:
        from closeknit.content import registry as content
        from closeknit.listen import catalog, tonight
        from closeknit.tonight import registry

        content.register(catalog.CATALOG)
        registry.register(tonight.PRACTICE)
