"""The topic catalog as the app loads it: schema, idempotent load, stats, Tonight."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from closeknit.content.registry import CatalogError, catalogs
from closeknit.core.timeutil import local_today
from closeknit.listen import catalog, services, tonight
from closeknit.listen.models import Level, Topic
from closeknit.listen.testing import next_topic
from closeknit.testing.personas import Personas
from closeknit.tonight import registry


def test_content_stats_reports_at_least_80_topics_over_3_levels():
    out = io.StringIO()
    call_command("content", "stats", "--json", stdout=out)
    stats = json.loads(out.getvalue())["listen.topics"]
    assert stats["items"] >= 80
    assert sorted(stats["per_level"]) == ["1", "2", "3"]
    assert stats["per_category"] == {
        "Light": stats["per_level"]["1"],
        "Meaningful": stats["per_level"]["2"],
        "Tender": stats["per_level"]["3"],
    }


def test_the_catalog_is_registered_once():
    assert [c.name for c in catalogs()].count("listen.topics") == 1


def test_level_names_in_the_file_match_the_app():
    document = catalog.CATALOG.read()
    assert {n: level.name for n, level in document.levels.items()} == {
        level.value: str(level.label) for level in Level
    }


@pytest.mark.parametrize(
    "change",
    [
        {"level": 4},
        {"hint": "A hint for nobody in particular"},
        {"key": "Not A Slug"},
        {"extra": "field"},
    ],
)
def test_a_bad_edit_fails_loudly_naming_the_file(tmp_path, change):
    import yaml

    data = yaml.safe_load(catalog.PATH.read_text(encoding="utf-8"))
    data["topics"][0].update(change)
    bad = tmp_path / "topics.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    broken = catalog.Catalog(
        name="listen.test",
        path=bad,
        schema=catalog.TopicCatalog,
        load=catalog.load,
        stats=catalog.stats,
    )
    with pytest.raises(CatalogError) as error:
        broken.read()
    assert str(bad) in str(error.value)


@pytest.mark.django_db
def test_loading_is_idempotent_by_key_and_retires_removed_topics():
    document = catalog.CATALOG.read()
    first = catalog.load(document)
    assert first.created == len(document.topics) >= 80
    second = catalog.load(document)
    assert (second.created, second.updated, second.retired) == (0, 0, 0)
    trimmed = document.model_copy(update={"topics": document.topics[1:]})
    assert catalog.load(trimmed).retired == 1
    assert not Topic.objects.get(key=document.topics[0].key).active
    reworded = document.model_copy(deep=True)
    reworded.topics[0].text = "A reworded topic that keeps its key and its history"
    result = catalog.load(reworded)
    assert result.updated >= 1
    topic = Topic.objects.get(key=document.topics[0].key)
    assert topic.active and topic.text.startswith("A reworded topic")


@pytest.mark.django_db
def test_listen_is_a_registered_practice_with_tonight_and_adherence(people: Personas, topics):
    practice = registry.get("listen")
    assert practice is not None and practice.url_name == "listen:home"
    step = tonight.step(people.space, people.alice)
    assert step is not None and not step.done and step.minutes == 10
    assert step.title == "Ten minutes of listening, light topic"
    assert next_topic(people.space).text in str(step.description)


@pytest.mark.django_db
def test_tonight_follows_the_live_session_and_is_done_once_one_is_completed(people: Personas):
    session = services.start(people.space, people.alice, mode="in_person", own_topic="Our day")
    alice_step = tonight.step(people.space, people.alice)
    bob_step = tonight.step(people.space, people.bob)
    assert alice_step is not None and alice_step.waiting_on_you
    assert bob_step is not None and bob_step.waiting_on_partner
    for who, action in (
        (people.alice, services.TAKE_FLOOR),
        (people.alice, services.DONE_SPEAKING),
        (people.bob, services.SUMMARISED),
        (people.alice, services.YES),
    ):
        services.act(session, who, action)
    services.end(session, people.bob)
    for person in (people.alice, people.bob):
        done = tonight.step(people.space, person)
        assert done is not None and done.done
    today = local_today(people.space.time_zone)
    dates = list(
        tonight.adherence(
            people.space, people.alice, today - dt.timedelta(days=2), today + dt.timedelta(days=2)
        )
    )
    assert len(dates) == 1


@pytest.mark.django_db
def test_a_session_stopped_before_any_yes_does_not_count_as_done(people: Personas):
    session = services.start(people.space, people.alice, mode="in_person", own_topic="Our day")
    services.end(session, people.alice)
    step = tonight.step(people.space, people.alice)
    assert step is not None and not step.done
