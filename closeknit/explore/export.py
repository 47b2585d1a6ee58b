"""What a person chose and wrote in Explore, for their data export: their own only."""

from __future__ import annotations

from typing import Any

from closeknit.accounts.models import User
from closeknit.couples.models import Space
from closeknit.explore.models import Activity, Mark, Rating


def export(space: Space, user: User) -> dict[str, Any]:
    marks = Mark.objects.filter(space=space, user=user).select_related("activity")
    ratings = Rating.objects.filter(plan__space=space, author=user).select_related("plan__activity")
    added = Activity.objects.filter(space=space, created_by=user)
    return {
        "marks": [
            {"activity": m.activity.title, "interest": m.interest, "newness": m.newness}
            for m in marks.order_by("activity__title")
        ],
        "ratings": [
            {
                "activity": r.plan.activity.title,
                "date": r.plan.starts_at.isoformat(),
                "how_close": r.closeness,
                "how_new": r.excitement,
                "memory": r.note,
            }
            for r in ratings.order_by("plan__starts_at")
        ],
        "activities_you_added": [
            {"title": a.title, "description": a.description} for a in added.order_by("pk")
        ],
    }
