"""The practice registry: each practice app registers itself here in its ``AppConfig.ready``.

Tonight and Progress iterate over the registry, so a practice that lands later appears in
both without touching their code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from closeknit.accounts.models import User
    from closeknit.couples.models import Space


@dataclass(frozen=True)
class TonightStep:
    """One small step for tonight, as a practice describes it."""

    title: str | Promise
    description: str | Promise
    url: str
    done: bool = False
    waiting_on_you: bool = False
    waiting_on_partner: bool = False
    minutes: int = 2


StepFn = Callable[["Space", "User"], TonightStep | None]
# Everything this person wrote or chose in this practice and space, as JSON-ready data
# (their own words only, never the partner's): the data export calls it.
ExportFn = Callable[["Space", "User"], dict[str, Any]]
AdherenceFn = Callable[["Space", "User", dt.date, dt.date], Iterable[dt.date]]


@dataclass(frozen=True)
class Practice:
    slug: str
    name: str | Promise
    description: str | Promise
    url_name: str  # the practice's main page, reversed with the space's public id
    order: int = 100
    romantic_only: bool = False  # off in spaces marked "not romantic"
    step: StepFn | None = field(default=None, compare=False)
    adherence: AdherenceFn | None = field(default=None, compare=False)
    export: ExportFn | None = field(default=None, compare=False)

    def available_in(self, space: Space) -> bool:
        return space.romantic or not self.romantic_only


_registry: dict[str, Practice] = {}


def register(practice: Practice) -> Practice:
    if practice.slug in _registry and _registry[practice.slug] != practice:
        raise ValueError(f"Practice {practice.slug!r} is registered twice.")
    _registry[practice.slug] = practice
    return practice


def unregister(slug: str) -> None:
    _registry.pop(slug, None)


def all_practices() -> list[Practice]:
    return sorted(_registry.values(), key=lambda p: (p.order, p.slug))


def get(slug: str) -> Practice | None:
    return _registry.get(slug)


def active_for(space: Space, user: User) -> list[Practice]:
    """The practices this person has on in this space, in display order."""
    return [p for p in all_practices() if p.available_in(space) and user.wants(p.slug)]
