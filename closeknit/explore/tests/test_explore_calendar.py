"""The .ics download and the private calendar feed: parseable, in the right zone, secret."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from closeknit.couples import access
from closeknit.couples import services as couples
from closeknit.explore import feeds, services
from closeknit.explore.models import CalendarFeed, Plan
from closeknit.explore.testing import make_activity
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

NOTE_MARK = "memorynote5e1d"


def _plan(people: Personas, days: int = 5, **activity: object) -> Plan:
    people.space.time_zone = "America/Toronto"
    people.space.save()
    today = services.local_now(people.space.time_zone).date()
    return services.plan_activity(
        people.space,
        people.alice,
        make_activity("pottery-taster", title="A pottery wheel taster", minutes=120, **activity),
        date=today + dt.timedelta(days=days),
        time=dt.time(18, 30),
    )


def _parse(response) -> icalendar.Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_a_plan_downloads_as_an_ics_event_in_the_spaces_time_zone(people: Personas):
    plan = _plan(people)
    response = people.client("bob").get(
        reverse("explore:plan_ics", args=[people.space.public_id, plan.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    calendar = _parse(response)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Toronto"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "A pottery wheel taster"
    assert str(event["UID"]) == f"{plan.uid}@closeknit"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.tzinfo is not None and str(start.tzinfo) == "America/Toronto"
    assert (start.hour, start.minute) == (18, 30)
    assert start == plan.starts_at and end == plan.ends_at
    assert end - start == dt.timedelta(minutes=120)
    assert b"DTSTART;TZID=America/Toronto:" in response.content


def test_an_event_carries_no_marks_ratings_or_memory_notes(people: Personas):
    plan = _plan(people, days=-1)
    services.set_mark(people.space, people.alice, plan.activity, interest="want", newness="new")
    services.rate_plan(plan, people.bob, closeness=7, excitement=6, note=NOTE_MARK)
    sid = people.space.public_id
    download = people.client("alice").get(reverse("explore:plan_ics", args=[sid, plan.pk]))
    _feed, token = feeds.create_feed(people.space, people.alice)
    feed = people.client(None).get(reverse("explore:feed", args=[token]))
    for response in (download, feed):
        body = response.content.decode()
        assert NOTE_MARK not in body
        assert "want" not in body.lower().split("description")[0]
        (event,) = _parse(response).walk("VEVENT")
        assert str(event["DESCRIPTION"]).startswith(plan.activity.description)


def test_the_feed_works_without_a_session_and_lists_the_spaces_plans(people: Personas):
    first = _plan(people, days=2)
    second = services.plan_activity(
        people.space,
        people.bob,
        make_activity("night-swim", title="A night swim"),
        date=first.starts_at.date() + dt.timedelta(days=7),
        time=dt.time(21),
    )
    called_off = services.plan_activity(
        people.space,
        people.bob,
        make_activity("called-off"),
        date=first.starts_at.date() + dt.timedelta(days=8),
        time=dt.time(21),
    )
    services.cancel_plan(called_off)
    _feed, token = feeds.create_feed(people.space, people.bob)
    response = people.client(None).get(reverse("explore:feed", args=[token]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response
    calendar = _parse(response)
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert uids == [f"{first.uid}@closeknit", f"{second.uid}@closeknit"]
    assert str(calendar["X-WR-TIMEZONE"]) == "America/Toronto"
    for event in calendar.walk("VEVENT"):
        assert str(event.decoded("DTSTART").tzinfo) == "America/Toronto"


def test_a_moved_plan_keeps_its_uid_and_raises_its_sequence(people: Personas):
    plan = _plan(people)
    services.move_plan(plan, date=plan.starts_at.date() + dt.timedelta(days=1), time=dt.time(9))
    _feed, token = feeds.create_feed(people.space, people.alice)
    (event,) = _parse(people.client(None).get(reverse("explore:feed", args=[token]))).walk("VEVENT")
    assert str(event["UID"]) == f"{plan.uid}@closeknit"
    assert event.decoded("SEQUENCE") == 1
    assert event.decoded("DTSTART").astimezone(ZoneInfo("America/Toronto")).hour == 9


def test_only_a_hash_of_the_token_is_stored(people: Personas):
    _feed, token = feeds.create_feed(people.space, people.alice)
    stored = CalendarFeed.objects.get()
    assert token not in stored.token_hash
    assert len(token) >= 43  # 256 bits, url-safe


def test_a_revoked_or_replaced_token_gets_404(people: Personas):
    _plan(people)
    anonymous = people.client(None)
    _feed, old = feeds.create_feed(people.space, people.alice)
    assert anonymous.get(reverse("explore:feed", args=[old])).status_code == 200
    _feed, new = feeds.create_feed(people.space, people.alice)
    assert anonymous.get(reverse("explore:feed", args=[old])).status_code == 404
    assert anonymous.get(reverse("explore:feed", args=[new])).status_code == 200
    feeds.revoke_feed(people.space, people.alice)
    assert anonymous.get(reverse("explore:feed", args=[new])).status_code == 404


@pytest.mark.parametrize("token", ["nothing-like-it", "x" * 200, "a" * 43])
def test_an_unknown_token_gets_404(people: Personas, token):
    assert people.client(None).get(f"/calendar/{token}.ics").status_code == 404


def test_a_partner_who_leaves_loses_their_feed(people: Personas):
    _plan(people)
    _feed, token = feeds.create_feed(people.space, people.bob)
    couples.leave_space(access.membership_for(people.bob, people.space.public_id))
    assert people.client(None).get(reverse("explore:feed", args=[token])).status_code == 404


def test_the_feed_only_answers_get(people: Personas):
    _feed, token = feeds.create_feed(people.space, people.alice)
    assert people.client(None).post(reverse("explore:feed", args=[token])).status_code == 405


def test_the_calendar_page_shows_the_link_once_and_can_turn_it_off(people: Personas):
    client = people.client("alice")
    url = reverse("explore:calendar", args=[people.space.public_id])
    assert "Make my calendar link" in client.get(url).content.decode()
    made = client.post(url, {"action": "create"}).content.decode()
    assert "/calendar/" in made and "webcal://" in made
    later = client.get(url).content.decode()
    assert "/calendar/" not in later and "we don't show it again" in later
    assert client.post(url, {"action": "revoke"}).status_code == 302
    assert feeds.active_feed(people.space, people.alice) is None
    assert client.post(url, {"action": "explode"}).status_code == 400


def test_each_person_has_their_own_feed(people: Personas):
    feeds.create_feed(people.space, people.alice)
    bob_page = people.client("bob").get(reverse("explore:calendar", args=[people.space.public_id]))
    assert "Make my calendar link" in bob_page.content.decode()
    feeds.revoke_feed(people.space, people.bob)
    assert feeds.active_feed(people.space, people.alice) is not None
