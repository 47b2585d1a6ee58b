from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "closeknit.progress"
    label = "progress"
    verbose_name = _("Progress")

    def ready(self) -> None:
        # Registers the instrument system checks.
        from closeknit.progress import catalog  # noqa: F401
