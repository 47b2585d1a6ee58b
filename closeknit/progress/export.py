"""A person's own check-ins, for their data export."""

from __future__ import annotations

from typing import Any

from closeknit.accounts.models import User
from closeknit.couples.models import Space
from closeknit.progress.models import CheckIn, DailyCheckIn


def export(space: Space, user: User) -> dict[str, Any]:
    daily = DailyCheckIn.objects.filter(space=space, user=user).order_by("date")
    weekly = (
        CheckIn.objects.filter(space=space, user=user)
        .prefetch_related("answers")
        .order_by("period_start")
    )
    return {
        "daily": [
            {"date": d.date.isoformat(), "closeness": d.closeness, "felt_understood": d.understood}
            for d in daily
        ],
        "weekly": [
            {
                "instrument": c.instrument,
                "week_of": c.period_start.isoformat(),
                "total": c.total,
                "answers": {a.item: a.value for a in c.answers.all()},
            }
            for c in weekly
        ],
    }
