"""A person's data export: everything they wrote or chose, in every space, as JSON.

Each practice contributes through its registry ``export`` hook, so a practice that lands later
is included without touching this file. Only the person's own words are included: a partner's
answers, marks and ratings stay the partner's.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.couples.models import Membership
from closeknit.progress.export import export as progress_export
from closeknit.tonight import registry


def _when(value: Any) -> str | None:
    return value.isoformat() if value else None


def build(user: User) -> dict[str, Any]:
    memberships = Membership.objects.filter(user=user).select_related("space").order_by("joined_at")
    spaces = []
    for membership in memberships:
        space = membership.space
        practices = {
            practice.slug: practice.export(space, user)
            for practice in registry.all_practices()
            if practice.export is not None
        }
        spaces.append(
            {
                "name": str(space),
                "joined_at": _when(membership.joined_at),
                "left_at": _when(membership.left_at),
                "practices": practices,
                "check_ins": progress_export(space, user),
            }
        )
    return {
        "format": "closeknit-export",
        "version": 1,
        "exported_at": timezone.now().isoformat(),
        "person": {
            "email": user.email,
            "name": user.display_name,
            "pronouns": user.pronouns,
            "time_zone": user.time_zone,
            "reminder_time": user.reminder_time.isoformat() if user.reminder_time else None,
            "joined_at": _when(user.date_joined),
        },
        "spaces": spaces,
    }
