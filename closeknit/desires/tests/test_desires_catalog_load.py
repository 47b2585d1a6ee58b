"""The desire catalog loads by stable keys, retires what is gone, and counts itself."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from pydantic import ValidationError

from closeknit.desires import catalog
from closeknit.desires.models import Category, Item, Tier
from closeknit.desires.testing import small_catalog


def test_the_shipped_catalog_has_at_least_120_items_over_four_tiers():
    stats = catalog.stats(catalog.CATALOG.read())
    assert stats["items"] >= 120
    assert set(stats["per_level"]) == {1, 2, 3, 4}
    assert sum(stats["per_category"].values()) == stats["items"]
    assert stats["pairs"] >= 10


@pytest.mark.django_db
def test_content_stats_json_reports_the_desire_catalog():
    out = io.StringIO()
    call_command("content", "stats", "--json", stdout=out)
    report = json.loads(out.getvalue())["desires.items"]
    assert report["items"] >= 120 and set(report["per_level"]) == {"1", "2", "3", "4"}


@pytest.mark.django_db
def test_loading_twice_changes_nothing_the_second_time():
    document = catalog.CATALOG.read()
    first = catalog.load(document)
    assert first.created == len(document.items) and first.updated == 0
    second = catalog.load(document)
    assert (second.created, second.updated, second.unchanged) == (0, 0, len(document.items))
    assert Tier.objects.count() == 4
    assert Category.objects.count() == len(document.categories)
    pair = Item.objects.get(key="back-rub-give")
    assert (pair.variant, pair.pair, pair.counterpart_key) == (
        "give",
        "back-rub",
        "back-rub-receive",
    )


@pytest.mark.django_db
def test_edited_wording_updates_and_removed_items_retire_by_key():
    document = small_catalog()
    catalog.load(document)
    kept = Item.objects.get(key="test-1-0")
    document.items[0].text = "A gently reworded first item"
    removed = document.items.pop(1)
    result = catalog.load(document)
    # The reworded item, and those after the removed one (their catalog order moved up).
    assert result.updated == len(document.items) and result.retired == 1
    kept.refresh_from_db()
    assert kept.text == "A gently reworded first item"
    assert Item.objects.get(key=removed.key).active is False
    document.items.insert(1, removed)
    catalog.load(document)
    assert Item.objects.get(key=removed.key).active is True


def _raw() -> dict:
    return small_catalog().model_dump()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["items"].append(dict(d["items"][0])), "duplicate keys"),
        (lambda d: d["items"][0].update(category="nowhere"), "undeclared categories"),
        (lambda d: d["tiers"].pop(4), "tiers must be exactly"),
        (lambda d: d["items"].pop(2), "needs exactly one give and one receive"),
        (lambda d: d["items"][2].update(key="test-pair-1-gives"), "<pair>-<variant>"),
        (lambda d: d["items"][0].update(starters=["Only one?"]), "at least 2"),
        (lambda d: d["items"][0].update(text="x" * 121), "at most 120"),
        (lambda d: d["items"][0].update(spicy=True), "Extra inputs"),
    ],
)
def test_a_bad_catalog_fails_loudly(change, message):
    raw = _raw()
    change(raw)
    with pytest.raises(ValidationError, match=message):
        catalog.DesireCatalog.model_validate(raw)
