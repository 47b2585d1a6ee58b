"""A partner's marks never reach the other person, directly or by inference.

The strongest form of the check: the want / maybe / not-for-me of an activity only the
partner marked must not change a single byte of anything Alice can fetch (pages, fragments,
downloads and the API). Only the shared shortlist of what *both* want may depend on both.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from closeknit.couples import access
from closeknit.couples import services as couples
from closeknit.explore import services
from closeknit.explore.models import Activity, Plan
from closeknit.explore.testing import make_activity
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

NOTE_MARK = "bobsmemory4c2e"
STRANGER_MARK = "carolsidea9b7f"
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+')


def _normalised(body: bytes) -> str:
    return CSRF.sub(r"\1csrf", body.decode())


def _setup(people: Personas) -> dict[str, Activity]:
    """A lived-in space: a mutual favourite done together, a plan to come, other ideas."""
    made = {
        key: make_activity(key, excitement=excitement, tags=tags)
        for key, excitement, tags in (
            ("mutual", 4, ["create"]),
            ("done-one", 3, ["create"]),
            ("only-bob", 5, ["create"]),
            ("alice-wants", 5, ["nature"]),
            ("alice-maybe", 4, ["nature"]),
        )
    }
    for person in (people.alice, people.bob):
        for key in ("mutual", "done-one"):
            services.set_mark(people.space, person, made[key], interest="want", newness="new")
    services.set_mark(people.space, people.alice, made["alice-wants"], interest="want")
    services.set_mark(people.space, people.alice, made["alice-maybe"], interest="maybe")
    today = services.local_now(people.space.time_zone).date()
    done = services.plan_activity(
        people.space,
        people.alice,
        made["done-one"],
        date=today - dt.timedelta(days=2),
        time=dt.time(19),
    )
    services.rate_plan(done, people.alice, closeness=6, excitement=6, note="Lovely")
    services.rate_plan(done, people.bob, closeness=6, excitement=5)
    services.plan_activity(
        people.space,
        people.bob,
        made["mutual"],
        date=today + dt.timedelta(days=4),
        time=dt.time(18),
    )
    return made


def alice_urls(people: Personas, made: dict[str, Activity], *, maybes: bool = True) -> list[str]:
    sid = people.space.public_id
    plans = list(Plan.objects.filter(space=people.space).order_by("pk"))
    urls = [
        reverse("explore:home", args=[sid]),
        reverse("explore:choose", args=[sid]),
        reverse("explore:choose", args=[sid]) + "?n=1",
        reverse("explore:browse", args=[sid]),
        reverse("explore:shortlist", args=[sid]),
        reverse("explore:suggest", args=[sid]),
        reverse("explore:suggest", args=[sid]) + "?again=on",
        reverse("explore:timeline", args=[sid]),
        reverse("explore:calendar", args=[sid]),
        f"/api/v1/explore/{sid}/activities",
        f"/api/v1/explore/{sid}/shortlist",
        f"/api/v1/explore/{sid}/suggestions?again=true",
        f"/api/v1/explore/{sid}/plans",
        f"/api/v1/explore/{sid}/timeline",
        f"/api/v1/explore/{sid}/rhythm",
    ]
    if maybes:
        urls += [
            reverse("explore:shortlist", args=[sid]) + "?maybes=1",
            reverse("explore:suggest", args=[sid]) + "?maybes=on",
            f"/api/v1/explore/{sid}/shortlist?maybes=true",
            f"/api/v1/explore/{sid}/suggestions?maybes=true&again=true",
        ]
    for activity in made.values():
        urls.append(reverse("explore:activity", args=[sid, activity.pk]))
        urls.append(reverse("explore:plan_new", args=[sid, activity.pk]))
    for plan in plans:
        urls.append(reverse("explore:plan", args=[sid, plan.pk]))
        urls.append(reverse("explore:plan_ics", args=[sid, plan.pk]))
        urls.append(f"/api/v1/explore/{sid}/plans/{plan.pk}")
    return urls


def snapshot(people: Personas, urls: list[str]) -> dict[str, str]:
    """Every response Alice can fetch, and Explore's step on her Tonight page.

    The step is read from the practice itself: the whole Tonight page also carries other
    practices' steps, which are theirs to test.
    """
    from closeknit.explore import tonight

    client = people.client("alice")
    out = {"tonight": repr(tonight.step(people.space, people.alice))}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        out[url] = _normalised(response.content)
    return out


def _changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [url for url in before if before[url] != after[url]]


@pytest.mark.parametrize(("interest", "newness"), [("want", "new"), ("maybe", "done"), ("no", "")])
def test_marks_on_an_activity_only_the_partner_marked_change_nothing_alice_can_fetch(
    people: Personas, interest, newness
):
    made = _setup(people)
    urls = alice_urls(people, made)
    before = snapshot(people, urls)
    services.set_mark(
        people.space, people.bob, made["only-bob"], interest=interest, newness=newness
    )
    assert _changed(before, snapshot(people, urls)) == []


def test_a_no_from_the_partner_looks_exactly_like_no_mark_at_all(people: Personas):
    made = _setup(people)
    urls = alice_urls(people, made)
    before = snapshot(people, urls)
    for key in ("alice-wants", "alice-maybe"):
        services.set_mark(people.space, people.bob, made[key], interest="no", newness="done")
    assert _changed(before, snapshot(people, urls)) == []


def test_a_maybe_from_the_partner_shows_only_where_maybes_are_asked_for(people: Personas):
    made = _setup(people)
    without_maybes = alice_urls(people, made, maybes=False)
    every = alice_urls(people, made)
    before = snapshot(people, every)
    services.set_mark(people.space, people.bob, made["alice-wants"], interest="maybe")
    after = snapshot(people, every)
    assert _changed({u: before[u] for u in without_maybes}, after) == []
    shortlist = reverse("explore:shortlist", args=[people.space.public_id]) + "?maybes=1"
    assert made["alice-wants"].title in after[shortlist]
    assert made["alice-wants"].title not in before[shortlist]


def test_only_a_match_reaches_the_shortlist(people: Personas):
    made = _setup(people)
    alice = people.client("alice")
    url = reverse("explore:shortlist", args=[people.space.public_id])
    assert made["alice-wants"].title not in alice.get(url).content.decode()
    services.set_mark(people.space, people.bob, made["alice-wants"], interest="want")
    assert made["alice-wants"].title in alice.get(url).content.decode()


def test_the_partners_marks_are_in_no_api_field(people: Personas):
    made = _setup(people)
    services.set_mark(people.space, people.bob, made["alice-wants"], interest="no")
    data = people.client("alice").get(f"/api/v1/explore/{people.space.public_id}/activities")
    items = {item["id"]: item for item in data.json()["items"]}
    assert items[made["alice-wants"].pk]["your_interest"] == "want"
    assert items[made["only-bob"].pk]["your_interest"] == ""
    assert not any("partner" in key for item in items.values() for key in item)


def test_the_partners_rating_numbers_stay_private_but_their_note_is_shared(people: Personas):
    made = _setup(people)
    plan = Plan.objects.get(activity=made["done-one"])
    services.rate_plan(plan, people.bob, closeness=2, excitement=3, note=NOTE_MARK)
    sid = people.space.public_id
    alice = people.client("alice")
    page = alice.get(reverse("explore:plan", args=[sid, plan.pk])).content.decode()
    assert NOTE_MARK in page
    assert "close 2 of 7" not in page and "close 6 of 7" in page
    api = alice.get(f"/api/v1/explore/{sid}/plans/{plan.pk}").json()
    assert api["your_rating"] == {"closeness": 6, "excitement": 6}
    bob = people.client("bob").get(reverse("explore:plan", args=[sid, plan.pk])).content.decode()
    assert "close 2 of 7" in bob and "close 6 of 7" not in bob


def test_the_stranger_gets_404_from_every_explore_url(people: Personas):
    made = _setup(people)
    plan = Plan.objects.filter(space=people.space).first()
    assert plan is not None
    services.rate_plan(plan, people.bob, closeness=6, excitement=6, note=NOTE_MARK)
    carol = people.client("carol")
    for url in alice_urls(people, made):
        response = carol.get(url)
        assert response.status_code == 404, url
        assert NOTE_MARK not in response.content.decode()
    other = people.other_space.public_id
    # Carol's own space does not open Alice's rows either.
    assert carol.get(reverse("explore:plan", args=[other, plan.pk])).status_code == 404
    assert carol.get(reverse("explore:plan_ics", args=[other, plan.pk])).status_code == 404
    assert (
        carol.post(
            reverse("explore:plan_rate", args=[other, plan.pk]),
            {"closeness": 5, "excitement": 5},
        ).status_code
        == 404
    )


def test_another_spaces_own_activity_never_shows(people: Personas):
    made = _setup(people)
    theirs = services.add_activity(
        people.other_space,
        people.carol,
        title=STRANGER_MARK,
        description="Something only that other space came up with.",
        tags=["play"],
        minutes=30,
        cost="free",
        setting="home",
        energy="calm",
        excitement=3,
        novelty=3,
        best_time="any",
        season="any",
        accessibility="",
    )
    alice = people.client("alice")
    for url, body in snapshot(people, alice_urls(people, made)).items():
        assert STRANGER_MARK not in body, url
    sid = people.space.public_id
    assert alice.get(reverse("explore:activity", args=[sid, theirs.pk])).status_code == 404
    response = alice.post(reverse("explore:mark", args=[sid, theirs.pk]), {"interest": "want"})
    assert response.status_code == 404


def test_a_partner_who_leaves_takes_their_notes_and_marks_with_them(people: Personas):
    made = _setup(people)
    plan = Plan.objects.get(activity=made["done-one"])
    services.rate_plan(plan, people.bob, closeness=6, excitement=6, note=NOTE_MARK)
    alice = people.client("alice")
    sid = people.space.public_id
    timeline = reverse("explore:timeline", args=[sid])
    assert NOTE_MARK in alice.get(timeline).content.decode()
    couples.leave_space(access.membership_for(people.bob, sid))
    assert NOTE_MARK not in alice.get(timeline).content.decode()
    assert NOTE_MARK not in alice.get(reverse("explore:plan", args=[sid, plan.pk])).content.decode()
    assert services.shortlist(people.space, include_maybes=True) == []
    assert people.client("bob").get(reverse("explore:home", args=[sid])).status_code == 404
