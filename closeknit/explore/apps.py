from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExploreConfig(AppConfig):
    name = "closeknit.explore"
    label = "explore"
    verbose_name = _("Explore")

    def ready(self) -> None:
        from closeknit.content import registry as content
        from closeknit.explore import catalog, tonight
        from closeknit.tonight import registry

        content.register(catalog.CATALOG)
        registry.register(tonight.PRACTICE)
