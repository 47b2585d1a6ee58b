"""Ratings, coach notes, drafts and the listening summary stay with their owner.

The speaker's words are shown to the listener: that is the exercise. Nothing else crosses.
"""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from closeknit.couples import access
from closeknit.couples import services as couples
from closeknit.listen import services
from closeknit.listen.models import Entry, ListenSession
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

ALICE_WORDS = "The thing about the garden is alicewords3e1"
DRAFT_MARK = "bobdraft9c2d"
ADVICE = "You should just plant tomatoes instead."
ADVICE_HINT = "Hold the advice for now"
HEARD = "It sounds like the garden matters to you and you feel a bit stuck with it."


def text(response) -> str:
    return html.unescape(response.content.decode())


def urls_for(people: Personas, session: ListenSession) -> list[str]:
    sid = people.space.public_id
    return [
        reverse("tonight:home", args=[sid]),
        reverse("listen:home", args=[sid]),
        reverse("listen:session", args=[sid, session.pk]),
        reverse("listen:history", args=[sid]),
        f"/api/v1/listen/{sid}/sessions",
        f"/api/v1/listen/{sid}/sessions/{session.pk}",
    ]


def bodies(client, urls: list[str]) -> dict[str, str]:
    out = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        out[url] = text(response)
    return out


def in_writing(people: Personas) -> ListenSession:
    session = services.start(people.space, people.alice, mode="in_writing", own_topic="Garden")
    services.act(session, people.alice, services.SEND, ALICE_WORDS)
    return session


def test_the_speakers_words_reach_the_listener_once_sent(people: Personas):
    session = services.start(people.space, people.alice, mode="in_writing", own_topic="Garden")
    bob = people.client("bob")
    assert all(ALICE_WORDS not in b for b in bodies(bob, urls_for(people, session)).values())
    services.act(session, people.alice, services.SEND, ALICE_WORDS)
    assert ALICE_WORDS in text(bob.get(urls_for(people, session)[2]))
    assert ALICE_WORDS in text(bob.get(urls_for(people, session)[5]))


def test_a_draft_reflection_is_never_stored_or_shown_to_the_partner(people: Personas):
    session = in_writing(people)
    coach = reverse("listen:coach", args=[people.space.public_id, session.pk])
    draft = f"You should plant {DRAFT_MARK} instead"
    response = people.client("bob").post(coach, {"text": draft}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert not Entry.objects.filter(text__contains=DRAFT_MARK).exists()
    alice = people.client("alice")
    for url, body in bodies(alice, urls_for(people, session)).items():
        assert DRAFT_MARK not in body, url


def test_the_partner_never_sees_your_coach_notes(people: Personas):
    session = in_writing(people)
    services.act(session, people.bob, services.REFLECT, ADVICE)
    bob_page = text(people.client("bob").get(urls_for(people, session)[2]))
    assert ADVICE_HINT in bob_page and "What got in the way" in bob_page
    alice = people.client("alice")
    for url, body in bodies(alice, urls_for(people, session)).items():
        assert ADVICE_HINT not in body, url
        assert "What got in the way" not in body and "What the coach noticed" not in body, url
    # The speaker reads the reflection itself: that is the exercise.
    assert ADVICE in bodies(alice, urls_for(people, session)[2:3])[urls_for(people, session)[2]]
    api = alice.get(urls_for(people, session)[5]).json()
    assert [e["coach"] for e in api["entries"]] == [None, None]
    mine = people.client("bob").get(urls_for(people, session)[5]).json()
    assert mine["entries"][1]["coach"]["flags"] == ["advice"]


def test_the_partner_never_sees_your_rating(people: Personas):
    session = in_writing(people)
    services.act(session, people.bob, services.REFLECT, HEARD)
    services.act(session, people.alice, services.YES)
    services.end(session, people.alice)
    session.refresh_from_db()
    services.rate(session, people.alice, 2)
    services.rate(session, people.bob, 6)
    alice = bodies(people.client("alice"), urls_for(people, session))
    bob = bodies(people.client("bob"), urls_for(people, session))
    session_page, history_page = urls_for(people, session)[2], urls_for(people, session)[3]
    assert "You felt understood: 2 of 7" in alice[session_page]
    assert "You felt understood: 2 of 7" in alice[history_page]
    assert "6 of 7" not in "".join(alice.values())
    assert "2 of 7" not in "".join(bob.values())
    assert "You felt understood: 6 of 7" in bob[session_page]
    api = people.client("bob").get(urls_for(people, session)[5]).json()
    assert api["your_rating"] == 6
    listing = people.client("alice").get(urls_for(people, session)[4]).json()
    assert [item["your_rating"] for item in listing["items"]] == [2]


def test_your_listening_summary_is_shown_only_to_you(people: Personas):
    for reflection in [ADVICE] * 3 + [HEARD] * 3:
        session = in_writing(people)
        services.act(session, people.bob, services.REFLECT, reflection)
        services.act(session, people.alice, services.YES)
        services.end(session, people.alice)
    history = reverse("listen:history", args=[people.space.public_id])
    bob = text(people.client("bob").get(history))
    assert "Fading: <strong>Advice</strong>" in bob
    assert "Growing: <strong>Said it back</strong>" in bob
    alice = text(people.client("alice").get(history))
    assert "Fading" not in alice and "Growing" not in alice and "Said it back" not in alice
    assert "So far: 0 reflections" in alice
    assert "Your partner said you got it" not in alice


def test_the_stranger_gets_404_from_every_listen_url(people: Personas):
    session = in_writing(people)
    sid = people.space.public_id
    carol = people.client("carol")
    for url in urls_for(people, session)[1:]:
        response = carol.get(url)
        assert response.status_code == 404, url
        assert ALICE_WORDS not in text(response)
    for name in ("step", "coach", "settings", "end", "rate"):
        url = reverse(f"listen:{name}", args=[sid, session.pk])
        assert carol.post(url, {"action": "reflect", "text": "x"}).status_code == 404, url
    # Carol's own space does not open Alice's session either.
    other = people.other_space.public_id
    assert carol.get(reverse("listen:session", args=[other, session.pk])).status_code == 404
    assert (
        carol.post(
            reverse("listen:step", args=[other, session.pk]), {"action": "reflect", "text": "x"}
        ).status_code
        == 404
    )
    assert (
        carol.post(
            f"/api/v1/listen/{other}/sessions/{session.pk}/step",
            {"action": "reflect", "text": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert Entry.objects.count() == 1


def test_a_partner_who_leaves_takes_their_words_with_them(people: Personas):
    session = in_writing(people)
    reflection = f"{HEARD} bobwords77"
    services.act(session, people.bob, services.REFLECT, reflection)
    page = reverse("listen:session", args=[people.space.public_id, session.pk])
    assert "bobwords77" in text(people.client("alice").get(page))
    couples.leave_space(access.membership_for(people.bob, people.space.public_id))
    after = text(people.client("alice").get(page))
    assert "bobwords77" not in after and ALICE_WORDS in after
    assert people.client("bob").get(page).status_code == 404


def test_deleting_an_account_deletes_their_words_and_ratings(people: Personas):
    from closeknit.accounts.services import delete_person
    from closeknit.listen.models import Rating

    session = in_writing(people)
    services.act(session, people.bob, services.REFLECT, f"{HEARD} bobwords77")
    services.end(session, people.alice)
    session.refresh_from_db()
    services.rate(session, people.bob, 3)
    delete_person(people.bob)
    assert not Entry.objects.filter(text__contains="bobwords77").exists()
    assert not Rating.objects.exists()
    alice = people.client("alice")
    for url in urls_for(people, session)[1:]:
        response = alice.get(url)
        assert response.status_code == 200, url
        assert "bobwords77" not in text(response)
