from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from closeknit.explore.models import Activity, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("slug", "label")


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    # Catalog content only. A space's own activities, marks, plans, ratings and notes are
    # private and not in the admin.
    list_display = ("key", "title", "excitement", "novelty", "cost", "minutes", "setting", "active")
    list_filter = ("excitement", "cost", "setting", "energy", "best_time", "season", "active")
    search_fields = ("key", "title", "description")
    readonly_fields = ("key",)
    exclude = ("space", "created_by")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Activity]:
        return super().get_queryset(request).filter(space__isnull=True)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # New catalog activities come from content/activities.yaml, with a stable key.
        return False
