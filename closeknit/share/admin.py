from django.contrib import admin

from closeknit.share.models import Prompt, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("slug", "label")


@admin.register(Prompt)
class PromptAdmin(admin.ModelAdmin):
    # Catalog content only. Answers, posts and responses are private and not in the admin.
    list_display = ("key", "depth", "topic", "kind", "active", "text")
    list_filter = ("depth", "topic", "kind", "active")
    search_fields = ("key", "text")
    readonly_fields = ("key",)
