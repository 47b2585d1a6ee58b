"""The desire item catalog (content/items.yaml): schema, loader and counts."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from closeknit.content.registry import Catalog, LoadResult
from closeknit.desires.models import ITEM_TEXT_MAX, MAX_TIER, MIN_TIER

PATH = Path(__file__).parent / "content" / "items.yaml"
SLUG = r"^[a-z0-9-]{3,60}$"


class TierInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=80)
    description: str = Field(min_length=1, max_length=300)


class DesireItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=SLUG)
    tier: int = Field(ge=MIN_TIER, le=MAX_TIER)
    category: str
    text: str = Field(min_length=10, max_length=ITEM_TEXT_MAX)
    variant: Literal["give", "receive"] | None
    pair: str | None = Field(default=None, pattern=SLUG)
    starters: list[str] = Field(min_length=2, max_length=3)

    @model_validator(mode="after")
    def _directional(self) -> DesireItem:
        if self.variant is None and self.pair is not None:
            raise ValueError(f"{self.key}: a pair needs a variant")
        if self.variant is not None and self.key != f"{self.pair}-{self.variant}":
            raise ValueError(f"{self.key}: a directional key is <pair>-<variant>")
        return self


class DesireCatalog(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    tiers: dict[int, TierInfo]
    categories: dict[str, str]
    items: list[DesireItem]

    @model_validator(mode="after")
    def _consistent(self) -> DesireCatalog:
        if set(self.tiers) != set(range(MIN_TIER, MAX_TIER + 1)):
            raise ValueError(f"tiers must be exactly {MIN_TIER} to {MAX_TIER}")
        keys = Counter(item.key for item in self.items)
        duplicates = sorted(k for k, n in keys.items() if n > 1)
        if duplicates:
            raise ValueError(f"duplicate keys: {', '.join(duplicates)}")
        unknown = sorted({item.category for item in self.items} - set(self.categories))
        if unknown:
            raise ValueError(f"undeclared categories: {', '.join(unknown)}")
        halves: dict[str, list[DesireItem]] = defaultdict(list)
        for item in self.items:
            if item.pair:
                halves[item.pair].append(item)
        for stem, pair in sorted(halves.items()):
            if sorted(i.variant or "" for i in pair) != ["give", "receive"]:
                raise ValueError(f"pair {stem} needs exactly one give and one receive")
            if len({(i.tier, i.category) for i in pair}) != 1:
                raise ValueError(f"pair {stem} is split across tiers or categories")
        return self


def load(document: DesireCatalog) -> LoadResult:
    from closeknit.desires.models import Category, Item, Tier

    for number, info in document.tiers.items():
        Tier.objects.update_or_create(
            number=number, defaults={"name": info.name, "description": info.description}
        )
    categories = {}
    for slug, label in document.categories.items():
        category, _created = Category.objects.update_or_create(slug=slug, defaults={"label": label})
        categories[slug] = category
    existing = {item.key: item for item in Item.objects.filter(space__isnull=True)}
    created = updated = unchanged = 0
    for position, entry in enumerate(document.items, start=1):
        values: dict[str, Any] = {
            "tier": entry.tier,
            "category": categories[entry.category],
            "text": entry.text,
            "variant": entry.variant or "",
            "pair": entry.pair or "",
            "starters": list(entry.starters),
            "position": position,
            "active": True,
        }
        item = existing.get(entry.key)
        if item is None:
            Item.objects.create(key=entry.key, **values)
            created += 1
        elif any(getattr(item, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(item, name, value)
            item.save()
            updated += 1
        else:
            unchanged += 1
    # Items gone from the file are retired, never deleted: answers keep pointing at them.
    keys = {entry.key for entry in document.items}
    retired = (
        Item.objects.filter(space__isnull=True, active=True)
        .exclude(key__in=keys)
        .update(active=False)
    )
    return LoadResult(created=created, updated=updated, unchanged=unchanged, retired=retired)


def stats(document: DesireCatalog) -> dict[str, Any]:
    return {
        "items": len(document.items),
        "per_level": dict(sorted(Counter(item.tier for item in document.items).items())),
        "per_category": dict(sorted(Counter(item.category for item in document.items).items())),
        "pairs": len({item.pair for item in document.items if item.pair}),
    }


CATALOG = Catalog(name="desires.items", path=PATH, schema=DesireCatalog, load=load, stats=stats)
