"""Test helpers for Explore, and how the authorisation matrix fills its URL arguments.

``PUBLIC_URLS`` lists Explore's URLs that anyone may open: the calendar feed, which calendar
apps fetch without a session (the secret token in the URL is the only key).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from closeknit.testing.personas import Personas

PUBLIC_URLS = {"explore:feed"}

TAGS = {
    "learn": "Learn something",
    "create": "Make something",
    "nature": "Nature",
    "move": "Move",
    "play": "Play",
}


def make_activity(key: str, **values: Any) -> Any:
    """A catalog activity with sensible defaults, created once per key."""
    from closeknit.explore.models import Activity, Tag

    for slug, label in TAGS.items():
        Tag.objects.get_or_create(slug=slug, defaults={"label": label})
    defaults = {
        "title": key.replace("-", " ").capitalize(),
        "description": f"A test activity called {key}, to try together one evening.",
        "excitement": 3,
        "novelty": 3,
        "cost": "free",
        "minutes": 60,
        "setting": "home",
        "energy": "calm",
        "tags": ["play"],
    }
    defaults.update(values)
    activity, _created = Activity.objects.get_or_create(key=key, defaults=defaults)
    return activity


def _activity_id(people: Personas) -> int:
    return make_activity("matrix-activity").pk


def _plan_id(people: Personas) -> int:
    from closeknit.explore import services

    activity = make_activity("matrix-activity")
    when = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    return services.plan_activity(
        people.space, people.bob, activity, date=when.date(), time=dt.time(19, 0)
    ).pk


def _feed_token(people: Personas) -> str:
    from closeknit.explore import feeds

    return feeds.create_feed(people.space, people.alice)[1]


ARGUMENT_SAMPLES = {
    "activity_id": _activity_id,
    "plan_id": _plan_id,
    "feed_token": _feed_token,
}
