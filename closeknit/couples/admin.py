from django.contrib import admin

from closeknit.couples.models import Membership, Space


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "joined_at", "left_at")
    readonly_fields = ("user", "joined_at", "left_at")
    can_delete = False


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    # Operators can see that a space exists and who is in it, never what anyone wrote.
    list_display = ("public_id", "created_at", "paired_at", "romantic")
    readonly_fields = ("public_id", "created_at", "paired_at")
    fields = ("public_id", "name", "time_zone", "romantic", "created_at", "paired_at")
    inlines = [MembershipInline]
