"""Two people pair into a private space in real browsers; a third cannot join."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from closeknit.accounts.models import User
from closeknit.couples.models import Membership

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "evening light on the river"


def sign_up(visitor: Any, name: str, email: str, *, snap: str | None = None) -> None:
    page = visitor.page
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    if snap:
        visitor.snap(snap)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="A few things before we start")).to_be_visible()


def test_two_people_pair_and_a_third_cannot_join(visitors: Any, live_server: Any) -> None:
    alice = visitors("alice")
    alice.goto("/")
    expect(alice.page.get_by_role("heading", level=1)).to_contain_text("Grow closer")
    alice.snap("01-landing")

    alice.page.get_by_role("link", name="Start tonight").click()
    sign_up(alice, "Alice", "alice@example.org", snap="02-signup")
    # The browser's own time zone was detected and pre-selected.
    expect(alice.page.get_by_label("Time zone")).to_have_value("Europe/London")
    alice.page.get_by_label("Yes, I feel safe").check()
    alice.snap("03-onboarding")
    alice.page.get_by_role("button", name="Continue").click()

    expect(alice.page.get_by_role("heading", name="Your spaces")).to_be_visible()
    alice.snap("04-spaces")
    alice.page.get_by_role("button", name="Start our space").click()
    expect(alice.page.get_by_role("heading", name="Invite your partner")).to_be_visible()
    alice.page.get_by_role("button", name="Create an invite").click()
    link = alice.page.get_by_label("Invite link").input_value()
    code = alice.page.locator("#invite-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", code)
    alice.snap("05-invite")

    bob = visitors("bob")
    bob.goto(link.replace(live_server.url, ""))
    expect(bob.page.get_by_role("heading", level=1)).to_contain_text("Alice invited you")
    bob.snap("06-invited")
    bob.page.get_by_role("link", name="Create an account to join").click()
    sign_up(bob, "Bob", "bob@example.org")
    bob.page.get_by_label("Yes, I feel safe").check()
    bob.page.get_by_role("button", name="Continue").click()
    expect(bob.page.get_by_role("heading", level=1)).to_contain_text("Join Alice's space?")
    bob.page.get_by_role("button", name="Join").click()
    expect(bob.page.get_by_role("heading", level=1)).to_contain_text("Tonight, Bob")
    bob.snap("07-tonight-bob")

    alice.goto("/")
    expect(alice.page.get_by_role("heading", level=1)).to_contain_text("Tonight, Alice")
    alice.snap("08-tonight-alice")
    space_url = alice.page.url

    # Carol has the code too, but the space is complete.
    carol = visitors("carol")
    carol.goto("/accounts/signup/")
    sign_up(carol, "Carol", "carol@example.org")
    carol.page.get_by_label("Yes, I feel safe").check()
    carol.page.get_by_role("button", name="Continue").click()
    carol.page.get_by_label("Invite code").fill(code)
    carol.page.get_by_role("button", name="Join", exact=True).click()
    expect(carol.page.locator(".errorlist")).to_contain_text("already")
    carol.snap("09-third-person-refused")

    # And Alice's space does not exist for her.
    response = carol.goto(space_url.replace(live_server.url, ""))
    assert response.status == 404
    carol_user = User.objects.get(email="carol@example.org")
    assert not Membership.objects.filter(user=carol_user).exists()
    assert not alice.console_errors, alice.console_errors
