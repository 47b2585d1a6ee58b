from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from closeknit.desires.models import Category, Item, Tier


@admin.register(Tier)
class TierAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "description")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("slug", "label")


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    # Catalog content only. Items a couple added are their own words, and answers are
    # private: neither is in the admin.
    list_display = ("key", "tier", "category", "variant", "active", "text")
    list_filter = ("tier", "category", "variant", "active")
    search_fields = ("key", "text")
    fields = (
        "key",
        "tier",
        "category",
        "text",
        "variant",
        "pair",
        "starters",
        "position",
        "active",
    )
    readonly_fields = ("key", "pair", "variant")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Item]:
        return super().get_queryset(request).filter(space__isnull=True)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New items come through content/items.yaml, so their keys stay stable.
        return False
