"""The activity catalog (content/activities.yaml): schema, loader and counts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from closeknit.content.registry import Catalog, LoadResult

PATH = Path(__file__).parent / "content" / "activities.yaml"


class ActivityItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=3, max_length=60)
    title: str = Field(min_length=3, max_length=60)
    description: str = Field(min_length=20, max_length=240)
    excitement: int = Field(ge=1, le=5)
    novelty: int = Field(ge=1, le=5)
    cost: Literal["free", "$", "$$", "$$$"]
    minutes: int = Field(ge=5)
    setting: Literal["home", "outdoors", "out", "travel"]
    energy: Literal["calm", "active"]
    time: Literal["any", "evening", "daytime", "weekend"]
    season: Literal["any", "warm", "cold"]
    tags: list[str] = Field(min_length=1, max_length=4)
    accessibility: str = Field(default="", max_length=240)

    @field_validator("tags")
    @classmethod
    def _distinct(cls, tags: list[str]) -> list[str]:
        if len(set(tags)) != len(tags):
            raise ValueError("a tag is listed twice")
        return tags

    def values(self) -> dict[str, Any]:
        """The model's field values (the file says ``time``; the model says ``best_time``)."""
        data = self.model_dump(exclude={"key", "time"})
        data["best_time"] = self.time
        return data


class ActivityCatalog(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    tags: dict[str, str]
    activities: list[ActivityItem]

    @model_validator(mode="after")
    def _consistent(self) -> ActivityCatalog:
        keys = Counter(a.key for a in self.activities)
        duplicates = sorted(k for k, n in keys.items() if n > 1)
        if duplicates:
            raise ValueError(f"duplicate keys: {', '.join(duplicates)}")
        unknown = sorted({t for a in self.activities for t in a.tags} - set(self.tags))
        if unknown:
            raise ValueError(f"undeclared tags: {', '.join(unknown)}")
        return self


def load(document: ActivityCatalog) -> LoadResult:
    from closeknit.explore.models import Activity, Tag

    for slug, label in document.tags.items():
        Tag.objects.update_or_create(slug=slug, defaults={"label": label})
    existing = {a.key: a for a in Activity.objects.filter(space__isnull=True).exclude(key="")}
    created = updated = unchanged = 0
    new: list[Activity] = []
    for item in document.activities:
        values = {**item.values(), "active": True}
        activity = existing.get(item.key)
        if activity is None:
            new.append(Activity(key=item.key, **values))
            created += 1
        elif any(getattr(activity, f) != v for f, v in values.items()):
            for name, value in values.items():
                setattr(activity, name, value)
            activity.save()
            updated += 1
        else:
            unchanged += 1
    Activity.objects.bulk_create(new)
    # Activities gone from the file are retired, never deleted: plans keep pointing at them.
    keys = {item.key for item in document.activities}
    retired = (
        Activity.objects.filter(space__isnull=True, active=True)
        .exclude(key__in=keys)
        .update(active=False)
    )
    return LoadResult(created=created, updated=updated, unchanged=unchanged, retired=retired)


def stats(document: ActivityCatalog) -> dict[str, Any]:
    items = document.activities
    return {
        "items": len(items),
        "per_level": dict(sorted(Counter(a.excitement for a in items).items())),
        "per_category": dict(sorted(Counter(a.setting for a in items).items())),
        "per_tag": dict(sorted(Counter(t for a in items for t in a.tags).items())),
        "per_cost": dict(sorted(Counter(a.cost for a in items).items())),
        "per_energy": dict(sorted(Counter(a.energy for a in items).items())),
        "with_accessibility_note": sum(1 for a in items if a.accessibility),
    }


CATALOG = Catalog(
    name="explore.activities", path=PATH, schema=ActivityCatalog, load=load, stats=stats
)
