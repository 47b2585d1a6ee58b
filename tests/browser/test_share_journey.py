"""The Share loop for two people: answer, wait, reveal, respond, rate; a win and its response."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from closeknit.share.models import Answer, Post
from closeknit.testing.personas import PASSWORD, make_person, pair

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(visitor: Any, email: str) -> None:
    visitor.goto("/accounts/login/")
    visitor.page.get_by_label("Email").fill(email)
    visitor.page.get_by_label("Password").fill(PASSWORD)
    visitor.page.get_by_role("button", name="Log in").click()


def test_the_share_loop_for_two(visitors: Any) -> None:
    call_command("content", "load")
    alice_user = make_person("alice@example.org", "Alice")
    bob_user = make_person("bob@example.org", "Bob")
    space = pair(alice_user, bob_user, name="Alice & Bob")

    alice, bob = visitors("alice"), visitors("bob")
    log_in(alice, "alice@example.org")
    expect(alice.page.get_by_role("heading", level=1)).to_contain_text("Tonight, Alice")
    expect(alice.page.get_by_text("Answer tonight's question")).to_be_visible()
    alice.snap("share-01-tonight")

    alice.page.get_by_role("link", name="Start tonight").click()
    expect(alice.page.get_by_role("heading", name="Open up a little")).to_be_visible()
    alice.snap("share-02-prompt")
    # An empty answer sent through htmx shows its message in place (a 400 is swapped in).
    alice.page.get_by_role("button", name="Share my answer").click()
    expect(alice.page.get_by_text("Write an answer, or tick").first).to_be_visible()
    alice.page.get_by_label("Your answer").fill(
        "Honestly, the quiet mornings before anyone else is up. I feel like myself again."
    )
    alice.page.get_by_role("button", name="Share my answer").click()
    expect(alice.page.get_by_text("Waiting for your partner").first).to_be_visible()
    alice.page.get_by_label("Just right").check()
    alice.page.get_by_role("button", name="Save").click()
    alice.snap("share-03-waiting")

    log_in(bob, "bob@example.org")
    bob.goto(f"/s/{space.public_id}/share/")
    # Bob learns that Alice answered, never what she wrote.
    expect(bob.page.get_by_text("Your partner has answered. Answer to see theirs.")).to_be_visible()
    assert "quiet mornings" not in bob.page.content()
    bob.page.get_by_label("Your answer").fill(
        "Walking home through the park when it's just getting dark."
    )
    bob.page.get_by_role("button", name="Share my answer").click()
    expect(bob.page.get_by_text("quiet mornings")).to_be_visible()
    bob.page.get_by_label("That moved me").check()
    bob.page.get_by_label("Add a few words (optional)").fill("I love those mornings with you too.")
    bob.page.get_by_role("button", name="Send").click()
    expect(bob.page.get_by_text("You responded")).to_be_visible()
    bob.snap("share-04-revealed")

    alice.page.reload()
    expect(alice.page.get_by_text("Bob responded")).to_be_visible()
    alice.page.get_by_label("6", exact=True).check()
    alice.page.get_by_role("button", name="Save").click()
    expect(alice.page.get_by_text("You felt understood: 6 of 7")).to_be_visible()
    alice.snap("share-05-rated")
    assert Answer.objects.get(author=alice_user).understood == 6

    # Share first: a win, and an enthusiastic response.
    alice.page.get_by_role("link", name="A win").click()
    alice.page.get_by_label("In your words").fill("My pottery bowl survived the kiln!")
    alice.page.get_by_role("button", name="Share it").click()
    expect(alice.page.get_by_text("Your partner can see this now.")).to_be_visible()

    bob.goto(f"/s/{space.public_id}/share/")
    bob.page.get_by_role("link", name="A win ·").click()
    expect(bob.page.get_by_text("celebrate it, and ask about it")).to_be_visible()
    bob.snap("share-06-win")
    bob.page.get_by_label("Tell me everything").check()
    bob.page.get_by_role("button", name="Send").click()
    expect(bob.page.get_by_text("You responded")).to_be_visible()

    alice.page.reload()
    alice.page.get_by_label("7 · Completely").check()
    alice.page.get_by_role("button", name="Save").click()
    expect(alice.page.get_by_text("You felt understood: 7 of 7")).to_be_visible()
    assert Post.objects.get().understood == 7

    alice.goto(f"/s/{space.public_id}/share/history/")
    expect(alice.page.get_by_text("pottery bowl")).to_be_visible()
    alice.snap("share-07-history")
    assert not alice.console_errors and not bob.console_errors
