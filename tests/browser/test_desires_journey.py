"""Desires for two: opt in, answer a tier, ready for more, count and confirm, matches."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from closeknit.desires import catalog, services
from closeknit.desires.models import Item
from closeknit.share import catalog as share_catalog
from closeknit.testing.personas import PASSWORD, make_person, pair

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(visitor: Any, email: str) -> None:
    visitor.goto("/accounts/login/")
    visitor.page.get_by_label("Email").fill(email)
    visitor.page.get_by_label("Password").fill(PASSWORD)
    visitor.page.get_by_role("button", name="Log in").click()


def open_desires(visitor: Any) -> None:
    visitor.page.get_by_role("navigation", name="Main").get_by_role("link", name="Desires").click()


def answer_in_page(visitor: Any, item: Item, label: str) -> None:
    card = visitor.page.locator(f"#item-{item.pk}")
    card.get_by_role("button", name=label, exact=True).click()
    # htmx swaps the card in place; the chosen answer shows as pressed.
    expect(
        visitor.page.locator(f"#item-{item.pk}").get_by_role("button", name=label, exact=True)
    ).to_have_attribute("aria-pressed", "true")


def test_desires_for_two(visitors: Any) -> None:
    share_catalog.CATALOG.load(share_catalog.CATALOG.read())
    catalog.CATALOG.load(catalog.CATALOG.read())
    alice_user = make_person("alice@example.org", "Alice")
    bob_user = make_person("bob@example.org", "Bob")
    space = pair(alice_user, bob_user, name="Alice & Bob")
    tier_one = list(services.space_items(space).filter(tier=1))
    first, second, third = tier_one[:3]

    # Alice opts in first and learns only that it isn't on yet.
    alice, bob = visitors("alice"), visitors("bob")
    log_in(alice, "alice@example.org")
    open_desires(alice)
    expect(alice.page.get_by_role("heading", name="Learn what you'd both enjoy")).to_be_visible()
    alice.snap("desires-01-invitation")
    alice.page.get_by_label("I'm 18 or older").check()
    alice.page.get_by_label("I'd like to do this practice with my partner").check()
    alice.page.get_by_role("button", name="Turn Desires on").click()
    expect(alice.page.get_by_role("heading", name="Not turned on yet")).to_be_visible()
    assert first.text not in alice.page.content()
    alice.snap("desires-02-not-on-yet")

    # Bob sees the same invitation he would have seen had Alice not chosen it.
    log_in(bob, "bob@example.org")
    open_desires(bob)
    expect(bob.page.get_by_role("heading", name="Learn what you'd both enjoy")).to_be_visible()
    bob.page.get_by_label("I'm 18 or older").check()
    bob.page.get_by_label("I'd like to do this practice with my partner").check()
    bob.page.get_by_role("button", name="Turn Desires on").click()
    expect(bob.page.get_by_text("You've answered 0 of")).to_be_visible()
    bob.snap("desires-03-overview")

    # Bob answers tier 1: a few taps in the page, the rest through the services.
    bob.page.get_by_role("link", name="Answer · tier 1").click()
    expect(bob.page.get_by_role("heading", name="Affection and sensuality")).to_be_visible()
    answer_in_page(bob, first, "Yes")
    answer_in_page(bob, second, "Curious")
    answer_in_page(bob, third, "No")
    expect(bob.page.get_by_text("You've answered 3 of")).to_be_visible()
    bob.snap("desires-04-answering")
    for item in tier_one[3:]:
        services.answer(space, bob_user, alice_user, item.pk, "curious")
    bob.page.reload()
    bob.page.get_by_role("button", name="I'm ready for more").click()
    waiting = bob.page.get_by_text("The next tier opens once you're both ready.")
    expect(waiting.first).to_be_visible()

    # Alice, slower, catches up; the next tier opens when she is ready too.
    alice.page.reload()
    expect(alice.page.get_by_text("You've answered 0 of")).to_be_visible()
    alice.page.get_by_role("link", name="Answer · tier 1").click()
    answer_in_page(alice, first, "Yes")
    answer_in_page(alice, second, "Yes")
    answer_in_page(alice, third, "Yes")
    for item in tier_one[3:]:
        services.answer(space, alice_user, bob_user, item.pk, "no")
    alice.page.reload()
    expect(alice.page.get_by_role("button", name="I'm ready for more")).to_be_visible()
    alice.snap("desires-05-tier-finished")
    alice.page.get_by_role("button", name="I'm ready for more").click()
    expect(alice.page.get_by_text("You're both ready: the next tier is open.")).to_be_visible()
    expect(alice.page.get_by_text("Open now")).to_be_visible()
    alice.snap("desires-06-next-tier-open")

    # Count and confirm: each sees how many the other marked yes or curious, then confirms.
    alice.page.get_by_role("link", name="Your matches").click()
    listed = len(tier_one)
    expect(
        alice.page.get_by_text(f"Your partner marked {listed - 1} of the {listed} items")
    ).to_be_visible()
    assert first.text not in alice.page.content()
    alice.snap("desires-07-count-and-confirm")
    alice.page.get_by_role("button", name="Show our matches").click()
    confirmed = alice.page.get_by_text("Your matches show once your partner confirms too.")
    expect(confirmed).to_be_visible()

    bob.goto(f"/s/{space.public_id}/desires/matches/")
    expect(bob.page.get_by_text(f"Your partner marked 3 of the {listed} items")).to_be_visible()
    bob.page.get_by_role("button", name="Show our matches").click()
    expect(bob.page.get_by_role("heading", name="You both said yes")).to_be_visible()
    expect(bob.page.get_by_role("heading", name="A yes is not a promise")).to_be_visible()
    expect(bob.page.get_by_text(first.text)).to_be_visible()
    expect(bob.page.get_by_text(first.starters[0])).to_be_visible()
    expect(bob.page.get_by_text(second.text)).to_be_visible()  # Bob curious, Alice yes
    # Bob said no to the third item: it is nowhere, for either of them.
    assert third.text not in bob.page.content()
    bob.snap("desires-08-matches")

    alice.page.reload()
    expect(alice.page.get_by_text(first.text)).to_be_visible()
    assert third.text not in alice.page.content()

    # Bob adds his own item to tier 2; Alice answers it without learning his answer.
    bob.goto(f"/s/{space.public_id}/desires/")
    bob.page.get_by_role("link", name="Add your own item").click()
    own_words = bob.page.get_by_label("Your item, in your own words")
    own_words.fill("Reading to each other by candlelight")
    bob.page.get_by_label("Yes", exact=True).check()
    bob.snap("desires-09-add-item")
    bob.page.get_by_role("button", name="Add it").click()
    expect(bob.page.get_by_text("Added by you")).to_be_visible()
    custom = Item.objects.get(space=space)
    alice.goto(f"/s/{space.public_id}/desires/tier/2/")
    card = alice.page.locator(f"#item-{custom.pk}")
    expect(card.get_by_text("Added by your partner")).to_be_visible()
    expect(card.locator("[aria-pressed='true']")).to_have_count(0)
    answer_in_page(alice, custom, "Curious")
    alice.snap("desires-10-partners-item")

    # Tonight invites Alice to the open tier, gently.
    alice.goto(f"/s/{space.public_id}/")
    expect(alice.page.get_by_text("Answer a few desire items privately")).to_be_visible()
    alice.snap("desires-11-tonight")

    # Alice turns it off: the matches disappear for Bob at once.
    alice.goto(f"/s/{space.public_id}/desires/off/")
    alice.snap("desires-12-turn-off")
    alice.page.get_by_role("button", name="Turn Desires off").click()
    expect(alice.page.get_by_role("heading", name="Learn what you'd both enjoy")).to_be_visible()
    bob.goto(f"/s/{space.public_id}/desires/matches/")
    expect(bob.page.get_by_role("heading", name="Not turned on yet")).to_be_visible()
    assert first.text not in bob.page.content()
    assert not alice.console_errors and not bob.console_errors
