"""Crisis language in anything written here: a calm pause for the writer, nothing else."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from closeknit.coaching import crisis
from closeknit.listen import services
from closeknit.listen.models import Entry, ListenSession
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

HEAVY = "Some days I think everyone would be better off without me."
CALM = "I've been worried about the move and I feel alone with the packing."
HEARD = "It sounds like the move has you worried and you feel alone with the packing."
PAUSE = "Let's pause for a moment"
RESOURCE = crisis.RESOURCES[1][0]  # findahelpline.com


def text(response) -> str:
    return html.unescape(response.content.decode())


def to(people: Personas, state: str) -> ListenSession:
    """A session in writing brought to ``state``, with Alice speaking."""
    session = services.start(people.space, people.alice, mode="in_writing", own_topic="The move")
    if state == "writing":
        return session
    services.act(session, people.alice, services.SEND, CALM)
    if state == "reflecting":
        return session
    services.act(session, people.bob, services.REFLECT, HEARD)
    if state == "confirming":
        return session
    services.act(session, people.alice, services.YES)
    return session


STEPS = [
    ("writing", "alice", "send"),
    ("reflecting", "bob", "reflect"),
    ("confirming", "alice", "partly"),
    ("responding", "bob", "reply"),
]


@pytest.mark.parametrize(("state", "writer", "action"), STEPS)
def test_the_writer_sees_a_calm_pause_and_their_words_are_saved(
    people: Personas, state, writer, action
):
    session = to(people, state)
    version = session.version
    step = reverse("listen:step", args=[people.space.public_id, session.pk])
    response = people.client(writer).post(step, {"action": action, "text": HEAVY})
    body = text(response)
    assert response.status_code == 200
    assert PAUSE in body and RESOURCE in body and "Your partner hasn't been told anything" in body
    # Nothing lost: the words are saved and the floor moved on as usual.
    assert Entry.objects.filter(text=HEAVY, author=getattr(people, writer)).exists()
    session.refresh_from_db()
    assert session.version == version + 1


@pytest.mark.parametrize(("state", "writer", "action"), STEPS)
def test_the_partner_is_not_alerted_and_sees_nothing_different(
    people: Personas, state, writer, action
):
    session = to(people, state)
    partner = "bob" if writer == "alice" else "alice"
    page = reverse("listen:session", args=[people.space.public_id, session.pk])
    services.act(session, getattr(people, writer), action, HEAVY)
    seen = text(people.client(partner).get(page))
    assert PAUSE not in seen and RESOURCE not in seen
    for url in (
        reverse("tonight:home", args=[people.space.public_id]),
        reverse("listen:home", args=[people.space.public_id]),
        f"/api/v1/listen/{people.space.public_id}/sessions/{session.pk}",
    ):
        body = text(people.client(partner).get(url))
        assert PAUSE not in body and RESOURCE not in body, url


def test_htmx_gets_the_pause_card_in_place_of_the_floor(people: Personas):
    session = to(people, "writing")
    step = reverse("listen:step", args=[people.space.public_id, session.pk])
    response = people.client("alice").post(
        step, {"action": "send", "text": HEAVY}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert response.status_code == 200 and "<html" not in body
    assert PAUSE in body and RESOURCE in body


def test_an_own_topic_in_crisis_language_pauses_and_still_starts(people: Personas):
    response = people.client("alice").post(
        reverse("listen:start", args=[people.space.public_id]),
        {"mode": "in_person", "own_topic": HEAVY, "first": "me", "turn_minutes": "2"},
    )
    assert response.status_code == 200 and PAUSE in text(response)
    assert ListenSession.objects.get().own_topic == HEAVY


def test_calm_words_go_straight_back_to_the_floor(people: Personas):
    session = to(people, "writing")
    step = reverse("listen:step", args=[people.space.public_id, session.pk])
    response = people.client("alice").post(step, {"action": "send", "text": CALM})
    assert response.status_code == 302


def test_the_api_offers_support_to_the_writer_only(people: Personas):
    session = to(people, "writing")
    base = f"/api/v1/listen/{people.space.public_id}/sessions/{session.pk}"
    sent = people.client("alice").post(
        f"{base}/step", {"action": "send", "text": HEAVY}, content_type="application/json"
    )
    assert sent.status_code == 200 and sent.json()["support"]
    assert people.client("bob").get(base).json()["support"] == []
