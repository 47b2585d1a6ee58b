"""The Explore loop for two people: mark privately, get ideas, plan, download, subscribe, rate."""

from __future__ import annotations

import datetime as dt
import urllib.request
from pathlib import Path
from typing import Any

import icalendar
import pytest
from playwright.sync_api import expect

from closeknit.explore import catalog, services
from closeknit.explore.models import Activity, Mark, Plan, Rating
from closeknit.testing.personas import PASSWORD, make_person, pair

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(visitor: Any, email: str, next_url: str) -> None:
    visitor.goto(f"/accounts/login/?next={next_url}")
    visitor.page.get_by_label("Email").fill(email)
    visitor.page.get_by_label("Password").fill(PASSWORD)
    visitor.page.get_by_role("button", name="Log in").click()


def card_title(visitor: Any) -> str:
    return visitor.page.locator("article.activity .activity__title").first.inner_text().strip()


def press(visitor: Any, name: str) -> None:
    visitor.page.get_by_role("button", name=name, exact=True).click()


def test_the_explore_loop_for_two(visitors: Any) -> None:
    # Only this practice's catalog: the test should not depend on every other one loading.
    catalog.load(catalog.CATALOG.read())
    alice_user = make_person("alice@example.org", "Alice")
    bob_user = make_person("bob@example.org", "Bob")
    space = pair(alice_user, bob_user, name="Alice & Bob")
    home = f"/s/{space.public_id}/explore/"

    # Alice picks privately, one activity at a time.
    alice, bob = visitors("alice"), visitors("bob")
    log_in(alice, "alice@example.org", home)
    expect(alice.page.get_by_role("heading", name="Something new, together")).to_be_visible()
    alice.snap("explore-01-home")
    alice.page.get_by_role("link", name="Pick a few").click()
    expect(alice.page.get_by_role("heading", name="Would you like to?")).to_be_visible()
    first = card_title(alice)
    press(alice, "New to me")
    expect(alice.page.get_by_role("button", name="New to me")).to_have_attribute(
        "aria-pressed", "true"
    )
    alice.snap("explore-02-choose")
    press(alice, "Want to")
    second = card_title(alice)
    assert second != first
    press(alice, "Want to")
    third = card_title(alice)
    press(alice, "Not for me")
    assert Mark.objects.filter(user=alice_user).exclude(interest="").count() == 3

    # Bob sees the same activities with none of Alice's marks on them.
    log_in(bob, "bob@example.org", f"{home}choose/")
    assert card_title(bob) == first
    for name in ("Want to", "Maybe", "Not for me", "New to me"):
        expect(bob.page.get_by_role("button", name=name, exact=True)).to_have_attribute(
            "aria-pressed", "false"
        )
    press(bob, "New to me")
    press(bob, "Want to")
    assert card_title(bob) == second
    press(bob, "Maybe")
    # Elsewhere a mark is saved in place (htmx) and the card shows it pressed.
    bob.goto(f"{home}all/")
    expect(bob.page.get_by_role("heading", name="All activities")).to_be_visible()
    bob.snap("explore-03-browse")
    bob.goto(f"{home}a/{Activity.objects.get(title=third).pk}/")
    want = bob.page.get_by_role("button", name="Want to", exact=True)
    want.click()
    expect(want).to_have_attribute("aria-pressed", "true")
    expect(bob.page.get_by_role("heading", level=1, name=third)).to_be_visible()
    bob.snap("explore-04-activity")

    # Ideas: only what both want. Alice's "no" and Bob's "maybe" stay private.
    alice.goto(f"{home}ideas/")
    ideas = alice.page.locator("ol.ideas")
    expect(ideas.get_by_role("heading", name=first)).to_be_visible()
    expect(ideas.get_by_text("New to both of you")).to_be_visible()
    expect(ideas.get_by_role("heading", name=second)).to_have_count(0)
    expect(ideas.get_by_role("heading", name=third)).to_have_count(0)
    alice.snap("explore-05-ideas")
    alice.page.get_by_text("What fits this time?").click()
    alice.page.get_by_label("Include maybes").check()
    alice.page.get_by_role("button", name="Show ideas").click()
    expect(alice.page.locator("ol.ideas").get_by_role("heading", name=second)).to_be_visible()
    expect(alice.page.locator("ol.ideas").get_by_role("heading", name=third)).to_have_count(0)

    # Plan it on the space's clock.
    alice.page.locator("li.idea", has_text=first).get_by_role("link", name="Plan it").click()
    when = services.local_now(space.time_zone).date() + dt.timedelta(days=5)
    alice.page.get_by_label("Day").fill(when.isoformat())
    alice.page.get_by_label("Time").fill("18:30")
    alice.snap("explore-06-plan-new")
    alice.page.get_by_role("button", name="Put it in the plan").click()
    expect(alice.page.get_by_text("It's in the plan. Your partner can see it too.")).to_be_visible()
    alice.snap("explore-07-plan")
    plan = Plan.objects.get()

    # Download the .ics and check what is in it.
    with alice.page.expect_download() as download_info:
        alice.page.get_by_role("link", name="Add to my calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == f"closeknit-{when.isoformat()}.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == first
    assert str(event["UID"]) == f"{plan.uid}@closeknit"
    start = event.decoded("DTSTART")
    assert (start.date(), start.hour, start.minute) == (when, 18, 30)
    assert str(start.tzinfo) == space.time_zone
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [space.time_zone]

    # Bob sees the plan, and subscribes his calendar app to his own private feed.
    bob.goto(home)
    expect(bob.page.get_by_role("heading", name="Coming up")).to_be_visible()
    expect(bob.page.locator(".plan-list").get_by_text(first)).to_be_visible()
    bob.snap("explore-08-bob-home")
    bob.page.get_by_role("link", name="Your calendar link").click()
    bob.page.get_by_role("button", name="Make my calendar link").click()
    feed_url = bob.page.get_by_label("Calendar link").input_value()
    bob.snap("explore-09-calendar")
    with urllib.request.urlopen(feed_url) as response:  # no session: the token is the key
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        feed = icalendar.Calendar.from_ical(response.read())
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == [first]

    # Afterwards (time passes), both say how it was; the note is a shared memory.
    Plan.objects.filter(pk=plan.pk).update(
        starts_at=plan.starts_at - dt.timedelta(days=6), ends_at=plan.ends_at - dt.timedelta(days=6)
    )
    alice.page.reload()
    alice.page.get_by_role("group", name="How close did you feel?").get_by_label(
        "6", exact=True
    ).check()
    alice.page.get_by_role("group", name="How new or exciting was it?").get_by_label(
        "7", exact=True
    ).check()
    alice.page.get_by_label("A memory to keep (optional)").fill("We laughed the whole way home.")
    alice.snap("explore-10-rate")
    alice.page.get_by_role("button", name="Save").click()
    expect(alice.page.get_by_text("You said: close 6 of 7")).to_be_visible()
    alice.snap("explore-11-rated")

    bob.goto(f"{home}p/{plan.pk}/")
    expect(bob.page.get_by_text("We laughed the whole way home.")).to_be_visible()
    assert "close 6 of 7" not in bob.page.content()
    bob.page.get_by_role("group", name="How close did you feel?").get_by_label(
        "5", exact=True
    ).check()
    bob.page.get_by_role("group", name="How new or exciting was it?").get_by_label(
        "6", exact=True
    ).check()
    bob.page.get_by_role("button", name="Save").click()
    expect(bob.page.get_by_text("You said: close 5 of 7")).to_be_visible()
    assert Rating.objects.count() == 2

    alice.goto(f"{home}memories/")
    expect(alice.page.get_by_role("heading", name=first)).to_be_visible()
    expect(alice.page.get_by_text("We laughed the whole way home.")).to_be_visible()
    alice.snap("explore-12-memories")
    alice.goto(f"{home}shortlist/")
    expect(alice.page.get_by_text("Done together")).to_be_visible()
    alice.snap("explore-13-shortlist")
    assert not alice.console_errors and not bob.console_errors
