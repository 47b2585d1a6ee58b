"""Tonight → the daily check-in → the weekly check-in → Progress, for two people.

A month of history is saved through the services first, so the charts have something to say.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from closeknit.core.timeutil import zone
from closeknit.progress import catalog
from closeknit.progress.models import CheckIn, DailyCheckIn
from closeknit.progress.seed import seed_history
from closeknit.share import services as share
from closeknit.testing.personas import PASSWORD, make_person, pair

pytestmark = pytest.mark.django_db(transaction=True)

HISTORY_DAYS = 35


def log_in(visitor: Any, email: str) -> None:
    visitor.goto("/accounts/login/")
    visitor.page.get_by_label("Email").fill(email)
    visitor.page.get_by_label("Password").fill(PASSWORD)
    visitor.page.get_by_role("button", name="Log in").click()


def seed(space: Any, people: list[Any]) -> None:
    """A month of check-ins for both (ending yesterday) and some Share evenings."""
    for index, person in enumerate(people):
        yesterday = person.today() - dt.timedelta(days=1)
        seed_history(
            space, person, days=HISTORY_DAYS, end=yesterday, seed=index + 7, rise=1.4, missing=0.1
        )
    for offset in range(HISTORY_DAYS - 1, 0, -1):
        if offset % 3 == 0:
            continue
        evening = dt.datetime.combine(
            people[0].today() - dt.timedelta(days=offset), dt.time(20), tzinfo=zone(space.time_zone)
        )
        daily = share.today_for(space, now=evening)
        for person in people:
            share.submit_answer(daily, person, text="A small true thing from today.")


def test_check_in_and_see_progress(visitors: Any) -> None:
    call_command("content", "load", verbosity=0)
    alice_user = make_person("alice@example.org", "Alice")
    bob_user = make_person("bob@example.org", "Bob")
    space = pair(alice_user, bob_user, name="Alice & Bob")
    seed(space, [alice_user, bob_user])
    sid = space.public_id

    alice = visitors("alice")
    log_in(alice, "alice@example.org")
    page = alice.page
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tonight, Alice")
    expect(page.get_by_role("heading", name="How close do you feel today?")).to_be_visible()
    alice.snap("progress-01-tonight")

    # The daily check-in: seven pictures as a radio group, operable from the keyboard.
    page.get_by_role("link", name="Open: How close do you feel today?").click()
    pictures = page.get_by_role("group", name="Which picture fits the two of you today?")
    expect(pictures.get_by_role("radio")).to_have_count(7)
    first = pictures.get_by_role("radio", name="1 of 7: apart")
    first.focus()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    expect(pictures.get_by_role("radio", name="5 of 7: a lot of overlap")).to_be_checked()
    understood = page.get_by_role("group", name="How understood did you feel today?")
    understood.get_by_role("radio", name="6", exact=True).check()
    alice.snap("progress-02-daily")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Thank you. You've checked in for today.")).to_be_visible()
    saved = DailyCheckIn.objects.get(user=alice_user, date=alice_user.today())
    assert (saved.closeness, saved.understood) == (5, 6)
    # The done step folds away.
    expect(page.get_by_text("You've checked in today")).to_be_hidden()

    # The weekly check-in, rendered from its YAML.
    alice.goto(f"/s/{sid}/progress/check/{catalog.WEEKLY}/")
    expect(page.get_by_role("heading", name="Our week")).to_be_visible()
    weekly = catalog.get(catalog.WEEKLY)
    assert weekly is not None
    for item in weekly.items:
        group = page.get_by_role("group", name=item.text)
        answer = "3" if item.reverse else "5"  # "alone" 3 keys to 5 on the 1-7 scale
        group.get_by_role("radio", name=answer, exact=True).check()
    alice.snap("progress-03-weekly")
    page.get_by_role("button", name=re.compile("Save my answers|Save changes")).click()
    expect(page.get_by_text("Thank you. Your answers are saved.")).to_be_visible()
    check_in = CheckIn.objects.filter(user=alice_user).order_by("-period_start").first()
    assert check_in is not None and check_in.total == pytest.approx(5.0)

    # Progress: charts visible at phone size, with words and tables beside them.
    page.get_by_role("link", name="See your progress").click()
    expect(page.get_by_role("heading", name="Is it working for you?")).to_be_visible()
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(3)
    for index in range(3):
        expect(charts.nth(index)).to_be_visible()
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] >= 300 and box["height"] >= 150
    summary = page.locator(".panel__summary").first
    expect(summary.get_by_text("Week-by-week check")).to_be_visible()
    expect(page.get_by_text("association, not a cause")).to_be_visible()
    alice.snap("progress-04-progress")
    page.get_by_text("The numbers").first.click()
    expect(page.get_by_role("region", name="Closeness, day by day: the numbers")).to_be_visible()

    # Sharing: private by default; Alice shares, then Bob does, and the couple view appears.
    page.get_by_label("Let my partner see my check-ins").check()
    page.get_by_role("button", name="Save my choice").click()
    expect(page.get_by_text("Your partner can now see your check-ins.")).to_be_visible()

    bob = visitors("bob")
    log_in(bob, "bob@example.org")
    bob.goto(f"/s/{sid}/progress/together/")
    expect(bob.page.get_by_role("heading", name="Alice's check-ins")).to_be_visible()
    expect(bob.page.get_by_role("heading", name="You both")).to_have_count(0)
    bob.goto(f"/s/{sid}/progress/")
    bob.page.get_by_label("Let my partner see my check-ins").check()
    bob.page.get_by_role("button", name="Save my choice").click()
    bob.goto(f"/s/{sid}/progress/together/")
    expect(bob.page.get_by_role("heading", name="You both")).to_be_visible()
    expect(bob.page.locator("svg.chart")).to_have_count(4)
    bob.snap("progress-05-together")
    assert not alice.console_errors and not bob.console_errors


def test_the_demo_history_reads_well(visitors: Any) -> None:
    """`closeknit serve --demo` seeds sixty days; Progress must read well with them."""
    from closeknit.accounts.models import User

    call_command("content", "load", verbosity=0)
    call_command("demo")
    robin = User.objects.get(email="robin@demo.closeknit.test")
    robin.set_password(PASSWORD)
    robin.save(update_fields=["password"])
    visitor = visitors("robin")
    log_in(visitor, robin.email)
    visitor.page.get_by_role("link", name="See your progress").click()
    charts = visitor.page.locator("svg.chart")
    expect(charts).to_have_count(3)
    expect(charts.first).to_be_visible()
    visitor.snap("progress-06-demo")
    visitor.page.get_by_role("link", name="See your partner's check-ins").click()
    expect(visitor.page.get_by_role("heading", name="You both")).to_be_visible()
    visitor.snap("progress-07-demo-together")
    assert not visitor.console_errors
