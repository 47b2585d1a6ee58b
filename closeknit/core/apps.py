from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "closeknit.core"
    label = "core"
    verbose_name = "closeknit core"

    def ready(self) -> None:
        from closeknit.core import checks  # noqa: F401  (registers the system checks)
