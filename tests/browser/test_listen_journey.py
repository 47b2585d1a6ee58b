"""Listen for two, both modes, each partner on their own phone.

In person: Alice takes the floor, Bob summarises, Alice says "not quite" and then "yes, that's
it", the floor passes, and both rate how understood they felt. In writing: Alice writes, Bob
reflects with the live coach, Alice answers "partly" with a correction, Bob reflects again,
Alice says yes and Bob replies. The second phone follows by polling, never by a reload.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from closeknit.listen import services
from closeknit.listen.models import Entry, ListenSession, Rating
from closeknit.testing.personas import PASSWORD, make_person, pair

pytestmark = pytest.mark.django_db(transaction=True)

SPOKEN = (
    "Work has been loud this week and I come home with nothing left. I miss having evenings "
    "that feel like ours."
)
ADVICE = "You should just "
HEARD = (
    "It sounds like work is draining you, you feel empty by the evening, and you miss our "
    "evenings together."
)
CORRECTION = "Not empty exactly. More that I'm lonely, even when we're in the same room."
HEARD_AGAIN = (
    "So it's less about being tired and more that you feel lonely in the evenings, even "
    "when we're together. That sounds hard."
)
REPLY = "Thank you for telling me. I'd love to keep Thursday evenings just for us."
LATER_REFLECTIONS = [
    "You're worn out by work and you miss our evenings. What would an evening for us look like?",
    "It sounds lonely, coming home with nothing left. How long has it felt like this?",
    "You miss evenings that feel like ours, and work leaves you empty. That makes sense.",
    "Work is loud and draining, and you miss us. What would help most this week?",
]
# Polling is every 3 s: give the second phone a little longer than that to follow.
FOLLOW = 8_000


def log_in(visitor: Any, email: str) -> None:
    visitor.goto("/accounts/login/")
    visitor.page.get_by_label("Email").fill(email)
    visitor.page.get_by_label("Password").fill(PASSWORD)
    visitor.page.get_by_role("button", name="Log in").click()


def floor(visitor: Any) -> Any:
    return visitor.page.locator("#listen-floor")


def test_listen_in_person_and_in_writing_for_two(visitors: Any) -> None:
    call_command("content", "load")
    alice_user = make_person("alice@example.org", "Alice")
    bob_user = make_person("bob@example.org", "Bob")
    space = pair(alice_user, bob_user, name="Alice & Bob")
    home = f"/s/{space.public_id}/listen/"

    alice, bob = visitors("alice"), visitors("bob")
    log_in(alice, "alice@example.org")
    expect(alice.page.get_by_text("Ten minutes of listening, light topic")).to_be_visible()
    alice.snap("listen-01-tonight")

    # In person: Alice starts, on a light topic, and speaks first.
    alice.goto(home)
    expect(alice.page.get_by_role("heading", name="Listen to understand")).to_be_visible()
    expect(alice.page.get_by_text("Open to you: Light.")).to_be_visible()
    alice.snap("listen-02-start")
    alice.page.get_by_role("radio", name=re.compile("^In person")).check()
    alice.page.get_by_role("button", name="Start").click()
    expect(floor(alice)).to_contain_text("You hold the floor")
    session = ListenSession.objects.get()

    log_in(bob, "bob@example.org")
    bob.goto(home)
    bob.page.get_by_role("link", name="Go to the floor").click()
    expect(floor(bob)).to_contain_text("Alice holds the floor")
    expect(floor(bob).get_by_role("button", name="Take the floor")).to_have_count(0)

    alice.page.get_by_role("button", name="Take the floor").click()
    timer = floor(alice).locator("[data-listen-timer]")
    expect(timer).to_have_text(re.compile(r"^[12]:\d\d$"))
    first = timer.text_content()
    expect(timer).not_to_have_text(first or "", timeout=3_000)  # the countdown is running
    alice.snap("listen-03-speaking")
    # Bob's phone follows without a reload.
    expect(floor(bob)).to_contain_text("Listen. When they've finished", timeout=FOLLOW)
    expect(floor(bob).locator("[data-listen-timer]")).to_be_visible()

    alice.page.get_by_role("button", name="I've said it").click()
    expect(floor(bob)).to_contain_text("Summarise aloud what you heard", timeout=FOLLOW)
    bob.snap("listen-04-summarise")
    bob.page.get_by_role("button", name="I've summarised").click()

    expect(floor(alice)).to_contain_text("Did Bob get it?", timeout=FOLLOW)
    alice.snap("listen-05-did-they-get-it")
    alice.page.get_by_role("button", name="Not quite").click()
    expect(floor(bob)).to_contain_text("Not quite yet", timeout=FOLLOW)
    bob.page.get_by_role("button", name="I've summarised").click()
    expect(floor(alice)).to_contain_text("Did Bob get it?", timeout=FOLLOW)
    alice.page.get_by_role("button", name="Yes, that's it").click()

    # The floor passes.
    expect(floor(alice)).to_contain_text("Bob holds the floor")
    expect(floor(bob)).to_contain_text("You hold the floor", timeout=FOLLOW)
    expect(floor(bob).get_by_role("button", name="Take the floor")).to_be_visible()
    bob.snap("listen-06-floor-passed")

    alice.page.get_by_role("button", name="End the session").click()
    expect(floor(alice)).to_contain_text("How understood did you feel?")
    alice.page.get_by_label("6", exact=True).check()
    alice.page.get_by_role("button", name="Save").click()
    expect(floor(alice)).to_contain_text("You felt understood: 6 of 7")
    alice.snap("listen-07-rated")
    expect(floor(bob)).to_contain_text("How understood did you feel?", timeout=FOLLOW)
    expect(floor(bob)).not_to_contain_text("6 of 7")
    bob.page.get_by_label("5", exact=True).check()
    bob.page.get_by_role("button", name="Save").click()
    expect(floor(bob)).to_contain_text("You felt understood: 5 of 7")
    ratings = Rating.objects.filter(session=session).values_list("person__email", "understood")
    assert dict(ratings) == {"alice@example.org": 6, "bob@example.org": 5}
    turn = session.turns.get(number=1)
    assert turn.attempts == 1 and turn.confirmed_at is not None

    # In writing: for when they are apart.
    alice.goto(home)
    alice.page.get_by_role("radio", name=re.compile("^In writing")).check()
    alice.page.get_by_label("Or your own topic").fill("How the evenings have felt lately")
    alice.page.get_by_role("button", name="Start").click()
    alice.page.get_by_label("What's on your mind?").fill(SPOKEN)
    alice.snap("listen-08-writing")
    alice.page.get_by_role("button", name="Send").click()
    expect(floor(alice)).to_contain_text("Next, Bob writes back what they heard.")

    bob.goto(home)
    bob.page.get_by_role("link", name="Go to the floor").click()
    expect(floor(bob)).to_contain_text(SPOKEN)
    coach = bob.page.locator("#listen-coach-body")
    expect(coach).to_contain_text("Ideas appear here as you write")
    box = bob.page.get_by_label("What did you hear?")
    # Typed as a person would: the coach answers after each pause, and nothing is saved.
    box.press_sequentially(ADVICE + "take a day off", delay=40)
    expect(coach).to_contain_text("Hold the advice for now")
    box.fill("")
    box.press_sequentially(HEARD, delay=5)
    expect(coach).not_to_contain_text("Hold the advice for now")
    expect(coach).to_contain_text("Said it back")
    bob.snap("listen-09-reflect-with-coach")
    assert not Entry.objects.filter(author=bob_user).exists()
    bob.page.get_by_role("button", name="Send my reflection").click()
    expect(floor(bob)).to_contain_text("You asked: did I get that right?")

    expect(floor(alice)).to_contain_text("Bob asks: did I get that right?", timeout=FOLLOW)
    expect(floor(alice)).to_contain_text(HEARD)
    expect(floor(alice)).not_to_contain_text("What the coach noticed")
    alice.page.get_by_label("What did they miss?").fill(CORRECTION)
    alice.snap("listen-10-partly")
    alice.page.get_by_role("button", name="Partly: send this").click()

    expect(floor(bob)).to_contain_text(CORRECTION, timeout=FOLLOW)
    bob.page.get_by_label("What did you hear?").fill(HEARD_AGAIN)
    bob.page.get_by_role("button", name="Send my reflection").click()

    expect(floor(alice)).to_contain_text(HEARD_AGAIN, timeout=FOLLOW)
    alice.page.get_by_role("button", name="Yes, that's it").click()
    expect(floor(alice)).to_contain_text("Bob can reply now, or take the floor.")

    expect(floor(bob)).to_contain_text("Alice says you got it", timeout=FOLLOW)
    bob.page.get_by_label("Your reply").fill(REPLY)
    bob.snap("listen-11-reply")
    bob.page.get_by_role("button", name="Send my reply").click()
    expect(floor(bob)).to_contain_text("You hold the floor")

    expect(floor(alice)).to_contain_text(REPLY, timeout=FOLLOW)
    written = ListenSession.objects.get(mode="in_writing")
    assert list(Entry.objects.filter(turn__session=written).values_list("kind", flat=True)) == [
        "statement",
        "reflection",
        "correction",
        "reflection",
        "reply",
    ]
    alice.page.get_by_role("button", name="End the session").click()
    alice.page.get_by_label("7 · Completely").check()
    alice.page.get_by_role("button", name="Save").click()
    expect(floor(alice)).to_contain_text("You felt understood: 7 of 7")

    # A few more written sessions, so Bob's private summary has enough to compare.
    for words in LATER_REFLECTIONS:
        later = services.start(space, alice_user, mode="in_writing", own_topic="Later")
        services.act(later, alice_user, services.SEND, SPOKEN)
        services.act(later, bob_user, services.REFLECT, words)
        services.act(later, alice_user, services.YES)
        services.end(later, alice_user)

    bob.goto(f"{home}history/")
    expect(bob.page.get_by_role("heading", name="How your listening is changing")).to_be_visible()
    expect(bob.page.get_by_text("Your partner said you got it 6 times")).to_be_visible()
    expect(bob.page.get_by_role("columnheader", name="Recently")).to_be_visible()
    expect(bob.page.get_by_text("7 of 7")).to_have_count(0)
    bob.snap("listen-12-history")
    assert not alice.console_errors and not bob.console_errors
