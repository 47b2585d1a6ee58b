"""Appreciate for two: Alice writes with the live coach, Bob keeps it, reacts, and rereads it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from closeknit.appreciate import services
from closeknit.appreciate.models import Appreciation
from closeknit.testing.personas import PASSWORD, make_person, pair

pytestmark = pytest.mark.django_db(transaction=True)

EARLIER = (
    "When the car broke down on the motorway you stayed calm and found us a café. "
    "You're so calm under pressure."
)
GENERIC = "You're amazing"
SPECIFIC = (
    ". On Saturday you spent an hour fixing Nan's gate in the rain, and you were so patient "
    "with all her questions."
)


def log_in(visitor: Any, email: str) -> None:
    visitor.goto("/accounts/login/")
    visitor.page.get_by_label("Email").fill(email)
    visitor.page.get_by_label("Password").fill(PASSWORD)
    visitor.page.get_by_role("button", name="Log in").click()


def test_appreciate_for_two(visitors: Any) -> None:
    alice_user = make_person("alice@example.org", "Alice")
    bob_user = make_person("bob@example.org", "Bob")
    space = pair(alice_user, bob_user, name="Alice & Bob")
    # Alice praised Bob's calm 75 days ago, and not since: rediscover offers it back to her.
    services.write(space, alice_user, text=EARLIER, now=timezone.now() - dt.timedelta(days=75))
    services.react(space, bob_user, Appreciation.objects.get().pk, words="")

    alice, bob = visitors("alice"), visitors("bob")
    log_in(alice, "alice@example.org")
    expect(alice.page.get_by_text("One specific thing you noticed today")).to_be_visible()
    alice.page.get_by_role("navigation", name="Main").get_by_role("link", name="Appreciate").click()
    expect(alice.page.get_by_role("heading", level=1)).to_contain_text(
        "Tell Bob something you noticed"
    )
    expect(alice.page.get_by_text("You once loved how calm Bob stays.")).to_be_visible()
    coach = alice.page.locator("#appreciate-coach")
    expect(coach).to_contain_text("A few gentle ideas appear here")
    alice.snap("appreciate-01-write")

    # Typed slowly, as a person would: the coach answers after each pause.
    box = alice.page.get_by_label("Your appreciation", exact=True)
    box.press_sequentially(GENERIC, delay=60)
    expect(coach).to_contain_text("Name the moment: when did you notice it?")
    expect(coach).to_contain_text("Swap a big word like “amazing”")
    expect(coach).to_contain_text("A warm start")
    alice.snap("appreciate-02-coach-generic")

    box.press_sequentially(SPECIFIC, delay=15)
    expect(coach).not_to_contain_text("Name the moment")
    expect(coach.get_by_text("Patience", exact=True)).to_be_visible()
    expect(coach.locator("meter")).to_be_visible()
    alice.snap("appreciate-03-coach-specific")
    assert not Appreciation.objects.filter(text__contains="Nan's gate").exists()

    alice.page.get_by_role("button", name="Send to Bob").click()
    expect(alice.page.get_by_text("Sent. It's waiting in Bob's jar.")).to_be_visible()
    expect(alice.page.locator("#appreciate-coach")).to_contain_text(
        "What the coach noticed in what you sent"
    )
    sent = Appreciation.objects.get(text__contains="Nan's gate")
    assert (sent.author, sent.recipient) == (alice_user, bob_user)
    assert sent.quality_slugs == ["patience"]

    log_in(bob, "bob@example.org")
    bob.goto(f"/s/{space.public_id}/appreciate/")
    # Bob never sees Alice's rediscover idea, nor her score.
    expect(bob.page.get_by_text("You once loved")).to_have_count(0)
    bob.page.get_by_role("link", name="Your jar").click()
    card = bob.page.locator(f"#appreciation-{sent.pk}")
    expect(card).to_contain_text("fixing Nan's gate in the rain")
    expect(bob.page.locator("meter")).to_have_count(0)
    bob.snap("appreciate-04-jar")

    card.get_by_role("button", name="Save as a favourite").click()
    card = bob.page.locator(f"#appreciation-{sent.pk}")
    expect(card.get_by_role("button", name="Saved as a favourite")).to_be_visible()
    card.get_by_label("Add a few words (optional)").fill("You noticed! She loved it too.")
    card.get_by_role("button", name="Send a heart").click()
    card = bob.page.locator(f"#appreciation-{sent.pk}")
    expect(card).to_contain_text("You sent a heart: “You noticed! She loved it too.”")
    bob.snap("appreciate-05-saved-and-hearted")
    sent.refresh_from_db()
    assert sent.favourite and sent.heart and sent.reply == "You noticed! She loved it too."

    bob.page.get_by_role("link", name="Patience").click()
    expect(bob.page.get_by_role("link", name="Patience")).to_have_attribute("aria-current", "page")
    expect(bob.page.locator(".jar-list > li")).to_have_count(1)
    bob.page.get_by_role("link", name="Favourites").click()
    expect(bob.page.locator(".jar-list > li")).to_have_count(1)
    bob.snap("appreciate-06-favourites")

    bob.page.get_by_role("link", name="On a hard day").click()
    expect(bob.page.get_by_role("heading", level=1)).to_have_text("On a hard day")
    expect(bob.page.get_by_text("One you saved")).to_be_visible()
    expect(bob.page.get_by_text("fixing Nan's gate in the rain")).to_be_visible()
    bob.snap("appreciate-07-hard-day")

    alice.goto(f"/s/{space.public_id}/appreciate/sent/")
    expect(
        alice.page.get_by_text("Bob sent a heart: “You noticed! She loved it too.”")
    ).to_be_visible()
    expect(alice.page.get_by_text("You've written 2 appreciations so far.")).to_be_visible()
    # The favourite is Bob's alone.
    expect(alice.page.get_by_text("favourite")).to_have_count(0)
    alice.snap("appreciate-08-sent")
    assert not alice.console_errors and not bob.console_errors
