"""The listening-topic catalog (content/topics.yaml): schema, loader and counts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from closeknit.content.registry import Catalog, LoadResult

PATH = Path(__file__).parent / "content" / "topics.yaml"
LEVELS = (1, 2, 3)


class LevelItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=3, max_length=40)
    description: str = Field(min_length=10, max_length=240)


class TopicItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9-]{3,60}$")
    level: int = Field(ge=1, le=3)
    text: str = Field(min_length=10, max_length=200)
    hint: str = Field(pattern=r"^(Listener|Speaker): ", min_length=20, max_length=200)


class TopicCatalog(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    levels: dict[int, LevelItem]
    topics: list[TopicItem]

    @model_validator(mode="after")
    def _consistent(self) -> TopicCatalog:
        if tuple(sorted(self.levels)) != LEVELS:
            raise ValueError("levels must be exactly 1, 2 and 3")
        keys = Counter(t.key for t in self.topics)
        duplicates = sorted(k for k, n in keys.items() if n > 1)
        if duplicates:
            raise ValueError(f"duplicate keys: {', '.join(duplicates)}")
        return self


def load(document: TopicCatalog) -> LoadResult:
    from closeknit.listen.models import Topic

    existing = {t.key: t for t in Topic.objects.all()}
    created = updated = unchanged = 0
    new: list[Topic] = []
    for position, item in enumerate(document.topics):
        values = {
            "level": item.level,
            "text": item.text,
            "hint": item.hint,
            "position": position,
            "active": True,
        }
        topic = existing.get(item.key)
        if topic is None:
            new.append(Topic(key=item.key, **values))
            created += 1
        elif any(getattr(topic, f) != v for f, v in values.items()):
            for name, value in values.items():
                setattr(topic, name, value)
            topic.save()
            updated += 1
        else:
            unchanged += 1
    Topic.objects.bulk_create(new)
    # Topics gone from the file are retired, never deleted: past sessions keep pointing at them.
    keys = {item.key for item in document.topics}
    retired = Topic.objects.filter(active=True).exclude(key__in=keys).update(active=False)
    return LoadResult(created=created, updated=updated, unchanged=unchanged, retired=retired)


def stats(document: TopicCatalog) -> dict[str, Any]:
    per_level = Counter(t.level for t in document.topics)
    return {
        "items": len(document.topics),
        "per_level": dict(sorted(per_level.items())),
        # Topics have no categories; the level names say what the numbers mean.
        "per_category": {
            document.levels[level].name: per_level[level] for level in sorted(document.levels)
        },
    }


CATALOG = Catalog(name="listen.topics", path=PATH, schema=TopicCatalog, load=load, stats=stats)
