"""Content catalogs as data: each practice registers its YAML catalog here.

A catalog knows how to read its file (validated by a pydantic schema, so a bad edit fails
loudly with the file and field named), how to upsert it by stable keys, and how to count
itself for ``closeknit content stats``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError


class CatalogError(Exception):
    """A catalog file that cannot be loaded: the message names the file and the problem."""


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int
    retired: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class Catalog:
    name: str  # e.g. "share.prompts"
    path: Path
    schema: type[BaseModel]
    # Upsert the validated document; returns what changed.
    load: Callable[[Any], LoadResult]
    # Counts for stats: {"items": n, "per_level": {...}, "per_category": {...}}.
    stats: Callable[[Any], dict[str, Any]]

    def read(self) -> Any:
        try:
            raw = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise CatalogError(f"{self.path}: cannot read YAML: {error}") from None
        try:
            return self.schema.model_validate(raw)
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:10]
            )
            raise CatalogError(f"{self.path}: {problems}") from None


_catalogs: dict[str, Catalog] = {}


def register(catalog: Catalog) -> Catalog:
    _catalogs[catalog.name] = catalog
    return catalog


def catalogs() -> list[Catalog]:
    return [_catalogs[name] for name in sorted(_catalogs)]
