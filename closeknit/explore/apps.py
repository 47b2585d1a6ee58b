from django.apps import AppConfig


class ExploreConfig(AppConfig):
    name = "closeknit.explore"
    label = "explore"
    verbose_name = "Explore"
