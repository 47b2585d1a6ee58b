"""The prompt catalog (content/prompts.yaml): schema, loader and counts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from closeknit.content.registry import Catalog, LoadResult

PATH = Path(__file__).parent / "content" / "prompts.yaml"


class PromptItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9-]{3,60}$")
    depth: int = Field(ge=1, le=5)
    topic: str
    kind: Literal["fact", "feeling"]
    text: str = Field(min_length=10, max_length=240)


class PromptCatalog(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    topics: dict[str, str]
    prompts: list[PromptItem]

    @model_validator(mode="after")
    def _consistent(self) -> PromptCatalog:
        keys = Counter(p.key for p in self.prompts)
        duplicates = sorted(k for k, n in keys.items() if n > 1)
        if duplicates:
            raise ValueError(f"duplicate keys: {', '.join(duplicates)}")
        unknown = sorted({p.topic for p in self.prompts} - set(self.topics))
        if unknown:
            raise ValueError(f"undeclared topics: {', '.join(unknown)}")
        return self


def load(document: PromptCatalog) -> LoadResult:
    from closeknit.share.models import Prompt, Topic

    topics = {}
    for slug, label in document.topics.items():
        topic, _created = Topic.objects.update_or_create(slug=slug, defaults={"label": label})
        topics[slug] = topic
    existing = {p.key: p for p in Prompt.objects.all()}
    created = updated = unchanged = 0
    for item in document.prompts:
        values = {
            "depth": item.depth,
            "topic": topics[item.topic],
            "kind": item.kind,
            "text": item.text,
            "active": True,
        }
        prompt = existing.get(item.key)
        if prompt is None:
            Prompt.objects.create(key=item.key, **values)
            created += 1
        elif any(getattr(prompt, f) != v for f, v in values.items()):
            for name, value in values.items():
                setattr(prompt, name, value)
            prompt.save()
            updated += 1
        else:
            unchanged += 1
    # Prompts gone from the file are retired, never deleted: answers keep pointing at them.
    keys = {item.key for item in document.prompts}
    retired = Prompt.objects.filter(active=True).exclude(key__in=keys).update(active=False)
    return LoadResult(created=created, updated=updated, unchanged=unchanged, retired=retired)


def stats(document: PromptCatalog) -> dict[str, Any]:
    return {
        "items": len(document.prompts),
        "per_level": dict(sorted(Counter(p.depth for p in document.prompts).items())),
        "per_category": dict(sorted(Counter(p.topic for p in document.prompts).items())),
        "per_kind": dict(sorted(Counter(p.kind for p in document.prompts).items())),
    }


CATALOG = Catalog(name="share.prompts", path=PATH, schema=PromptCatalog, load=load, stats=stats)
