"""Explore's step on Tonight: gentle, and only ever about what both chose."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from closeknit.explore import services, tonight
from closeknit.explore.testing import make_activity
from closeknit.testing.personas import Personas
from closeknit.tonight import registry

pytestmark = pytest.mark.django_db

GUILT_WORDS = ("streak", "missed", "behind", "failed", "should", "don't forget", "overdue")


def paired_days_ago(people: Personas, days: int) -> None:
    people.space.paired_at = timezone.now() - dt.timedelta(days=days)
    people.space.save()


def mark_many(people: Personas, count: int, interest: str = "no") -> None:
    for n in range(count):
        services.set_mark(people.space, people.alice, make_activity(f"many-{n}"), interest=interest)


def assert_gentle(step) -> None:
    words = f"{step.title} {step.description}".lower()
    assert not any(word in words for word in GUILT_WORDS), words


def test_explore_is_a_registered_practice():
    practice = registry.get("explore")
    assert practice is not None and practice.url_name == "explore:home"
    assert practice.step is tonight.step and practice.adherence is tonight.adherence


def test_someone_new_is_invited_to_pick_a_few(people: Personas):
    step = tonight.step(people.space, people.alice)
    assert step is not None and step.waiting_on_you
    assert step.title == "Pick a few things you'd like to try"
    assert step.url == reverse("explore:choose", args=[people.space.public_id])
    assert_gentle(step)


def test_with_enough_marks_and_nothing_due_the_step_is_done(people: Personas):
    mark_many(people, services.FEW_MARKS)
    step = tonight.step(people.space, people.alice)
    assert step is not None and step.done
    assert_gentle(step)


def test_a_past_plan_invites_a_rating_until_rated(people: Personas):
    activity = make_activity("climb", title="A climbing taster")
    yesterday = services.local_now(people.space.time_zone).date() - dt.timedelta(days=1)
    plan = services.plan_activity(
        people.space, people.bob, activity, date=yesterday, time=dt.time(18)
    )
    for person in (people.alice, people.bob):
        step = tonight.step(people.space, person)
        assert step is not None and step.title == "How was “A climbing taster”?"
        assert step.url == reverse("explore:plan", args=[people.space.public_id, plan.pk])
    services.rate_plan(plan, people.alice, closeness=6, excitement=6)
    step = tonight.step(people.space, people.alice)
    assert step is not None and "How was" not in str(step.title)


def test_after_three_quiet_weeks_tonight_suggests_something_both_chose(people: Personas):
    paired_days_ago(people, 22)
    mark_many(people, services.FEW_MARKS)
    idea = make_activity("lantern-walk", title="A lantern walk", excitement=4)
    for person in (people.alice, people.bob):
        services.set_mark(people.space, person, idea, interest="want", newness="new")
    step = tonight.step(people.space, people.alice)
    assert step is not None and step.waiting_on_you
    assert step.title == "Something new together this week?"
    description = str(step.description)
    assert "A lantern walk" in description and "New to both of you" in description
    assert step.url == reverse("explore:plan_new", args=[people.space.public_id, idea.pk])
    assert_gentle(step)


def test_no_suggestion_before_three_weeks_or_when_something_is_planned(people: Personas):
    mark_many(people, services.FEW_MARKS)
    idea = make_activity("lantern-walk", title="A lantern walk")
    for person in (people.alice, people.bob):
        services.set_mark(people.space, person, idea, interest="want")
    paired_days_ago(people, 20)
    step = tonight.step(people.space, people.alice)
    assert step is not None and step.done
    paired_days_ago(people, 40)
    soon = services.local_now(people.space.time_zone).date() + dt.timedelta(days=2)
    services.plan_activity(people.space, people.bob, idea, date=soon, time=dt.time(19))
    step = tonight.step(people.space, people.alice)
    assert step is not None and step.done and step.title == "Coming up: “A lantern walk”"


def test_something_new_done_recently_resets_the_three_weeks(people: Personas):
    paired_days_ago(people, 60)
    mark_many(people, services.FEW_MARKS)
    idea = make_activity("lantern-walk")
    done = make_activity("done-lately")
    for person in (people.alice, people.bob):
        services.set_mark(people.space, person, idea, interest="want")
    days_ago = services.local_now(people.space.time_zone).date() - dt.timedelta(days=5)
    plan = services.plan_activity(people.space, people.bob, done, date=days_ago, time=dt.time(19))
    for person in (people.alice, people.bob):
        services.rate_plan(plan, person, closeness=5, excitement=5)
    step = tonight.step(people.space, people.alice)
    assert step is not None and step.done


def test_without_anything_both_chose_three_quiet_weeks_fall_back_to_picking(people: Personas):
    paired_days_ago(people, 30)
    only_alice = make_activity("only-alice")
    services.set_mark(people.space, people.alice, only_alice, interest="want")
    step = tonight.step(people.space, people.alice)
    assert step is not None and step.title == "Pick a few things you'd like to try"
