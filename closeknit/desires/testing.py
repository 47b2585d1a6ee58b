"""Test helpers: a small desire catalog, and how the authorisation matrix fills Desires URLs."""

from __future__ import annotations

from typing import Any

from closeknit.testing.personas import Personas

TIERS = (1, 2, 3, 4)


def small_catalog(plain_per_tier: int = 2) -> Any:
    """A catalog with, in every tier, ``plain_per_tier`` plain items and one give/receive pair."""
    from closeknit.desires.catalog import DesireCatalog

    items: list[dict[str, Any]] = []
    for tier in TIERS:
        for n in range(plain_per_tier):
            items.append(
                {
                    "key": f"test-{tier}-{n}",
                    "tier": tier,
                    "category": "touch" if n % 2 else "talk",
                    "text": f"Test item {n} of tier {tier}, gently put",
                    "variant": None,
                    "starters": [f"Starter one for {tier}-{n}?", f"Starter two for {tier}-{n}?"],
                }
            )
        for variant in ("give", "receive"):
            items.append(
                {
                    "key": f"test-pair-{tier}-{variant}",
                    "tier": tier,
                    "category": "touch",
                    "text": f"{variant.title()[:-1]}ing the pair of tier {tier}",
                    "variant": variant,
                    "pair": f"test-pair-{tier}",
                    "starters": [f"Pair starter {tier} {variant}?", f"Another for {variant}?"],
                }
            )
    return DesireCatalog.model_validate(
        {
            "version": 1,
            "tiers": {
                t: {"name": f"Tier name {t}", "description": f"About tier {t}."} for t in TIERS
            },
            "categories": {"touch": "Touch", "talk": "Talk"},
            "items": items,
        }
    )


def ensure_items(plain_per_tier: int = 2) -> None:
    """Load the small catalog unless some catalog is already there (idempotent)."""
    from closeknit.desires.catalog import load
    from closeknit.desires.models import Item

    if not Item.objects.filter(space__isnull=True).exists():
        load(small_catalog(plain_per_tier))


def _first_item_id(people: Personas) -> int:
    from closeknit.desires.models import Item

    ensure_items()
    item = Item.objects.filter(space__isnull=True, tier=1).order_by("position").first()
    assert item is not None
    return item.pk


def _space(people: Personas) -> dict[str, Any]:
    return {"space_id": people.space.public_id}


URL_SAMPLES = {
    "desires:tier": lambda people: {**_space(people), "tier": 1},
    "desires:confirm": lambda people: {**_space(people), "tier": 1},
    "desires:answer": lambda people: {**_space(people), "item_id": _first_item_id(people)},
    "desires:remove": lambda people: {**_space(people), "item_id": _first_item_id(people)},
    "api:desires_tier": lambda people: {**_space(people), "tier": 1},
    "api:desires_confirm": lambda people: {**_space(people), "tier": 1},
    "api:desires_answer": lambda people: {**_space(people), "item_id": _first_item_id(people)},
}


# Setting a space up through the real services, for tests.


def turn_on(people: Personas) -> None:
    """Alice and Bob both opt in."""
    from closeknit.desires import services

    services.opt_in(people.space, people.alice, adult=True, want=True)
    services.opt_in(people.space, people.bob, adult=True, want=True)


def tier_items(space: Any, tier: int) -> list[Any]:
    from closeknit.desires import services

    return list(services.space_items(space).filter(tier=tier))


def answer_all(space: Any, user: Any, partner: Any, tier: int, value: str = "yes") -> None:
    from closeknit.desires import services

    for item in tier_items(space, tier):
        services.answer(space, user, partner, item.pk, value)


def open_up_to(people: Personas, tier: int, value: str = "yes") -> None:
    """Both answer every item of each tier below ``tier`` and say they're ready for more."""
    from closeknit.desires import services

    space, alice, bob = people.space, people.alice, people.bob
    for number in range(1, tier):
        answer_all(space, alice, bob, number, value)
        answer_all(space, bob, alice, number, value)
        services.set_ready(space, alice, bob, ready=True)
        services.set_ready(space, bob, alice, ready=True)


def confirm_both(people: Personas, tier: int) -> None:
    from closeknit.desires import services

    for user, partner in ((people.alice, people.bob), (people.bob, people.alice)):
        view = next(v for v in services.matches(people.space, user, partner) if v.number == tier)
        services.confirm(people.space, user, partner, tier, seen=view.partner_count)


_CSRF = (
    (r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value="-"'),
    (r'"X-CSRFToken": "[^"]+"', '"X-CSRFToken": "-"'),
)


def normalized(body: str) -> str:
    """A response body without its per-request CSRF tokens, so two renders can be compared."""
    import re

    for pattern, replacement in _CSRF:
        body = re.sub(pattern, replacement, body)
    return body
