from __future__ import annotations

import datetime as dt
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from closeknit.listen import services
from closeknit.listen.models import Entry, ListenSession, Rating, Turn
from closeknit.listen.testing import next_topic, roles
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

State = ListenSession.State
SPOKEN = "I've been worried about the move and I feel alone with all the packing."
HEARD = "It sounds like the move has you worried and you feel alone with the packing."


def text(response) -> str:
    return html.unescape(response.content.decode())


def sid(people: Personas) -> str:
    return people.space.public_id


def url(people: Personas, name: str, session: ListenSession | None = None) -> str:
    args = [sid(people)] + ([session.pk] if session else [])
    return reverse(f"listen:{name}", args=args)


def started(people: Personas, mode: str = "in_person") -> ListenSession:
    return services.start(people.space, people.alice, mode=mode, own_topic="Our week")


def test_the_start_page_offers_light_topics_and_starts_a_session(people: Personas, topics):
    alice = people.client("alice")
    page = alice.get(url(people, "home"))
    assert page.status_code == 200
    body = text(page)
    suggestion = next_topic(people.space)
    assert suggestion.text in body and "Open to you: Light." in body
    response = alice.post(
        url(people, "start"),
        {"mode": "in_person", "topic": suggestion.key, "first": "me", "turn_minutes": "3"},
    )
    session = ListenSession.objects.get()
    assert response.status_code == 302 and response["Location"] == url(people, "session", session)
    assert (session.topic, session.turn_minutes, session.state) == (suggestion, 3, State.WAITING)
    # Both partners see it, from the start page and on the floor.
    bob = people.client("bob")
    assert "Your session is under way" in text(bob.get(url(people, "home")))
    floor = text(bob.get(url(people, "session", session)))
    assert "Alice holds the floor" in floor and suggestion.text in floor


def test_your_own_topic_is_used_when_written(people: Personas, topics):
    response = people.client("bob").post(
        url(people, "start"),
        {
            "mode": "in_writing",
            "topic": next_topic(people.space).key,
            "own_topic": "The trip in June",
            "first": "partner",
            "turn_minutes": "2",
        },
    )
    assert response.status_code == 302
    session = ListenSession.objects.get()
    assert session.own_topic == "The trip in June" and session.topic is None
    assert services.current_turn(session).speaker == people.alice


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"mode": "in_person", "first": "me", "turn_minutes": "2"}, "Choose a topic"),
        (
            {"mode": "shouting", "own_topic": "x", "first": "me", "turn_minutes": "2"},
            "valid choice",
        ),
        (
            {"mode": "in_person", "own_topic": "x", "first": "me", "turn_minutes": "9"},
            "valid choice",
        ),
        (
            {"mode": "in_person", "own_topic": "x" * 201, "first": "me", "turn_minutes": "2"},
            "at most 200",
        ),
        (
            {"mode": "in_person", "topic": "nope", "first": "me", "turn_minutes": "2"},
            "Choose a topic",
        ),
    ],
)
def test_bad_starts_get_a_400_and_a_reason(people: Personas, data, message):
    response = people.client("alice").post(url(people, "start"), data)
    assert response.status_code == 400
    assert message in text(response)
    assert not ListenSession.objects.exists()


def test_a_closed_level_and_a_second_live_session_are_409(people: Personas, topics):
    from closeknit.listen.models import Topic

    client = people.client("alice")
    tender = Topic.objects.filter(level=3)[0]
    data = {"mode": "in_person", "topic": tender.key, "first": "me", "turn_minutes": "2"}
    assert client.post(url(people, "start"), data).status_code == 409
    started(people)
    data = {"mode": "in_person", "own_topic": "Another", "first": "me", "turn_minutes": "2"}
    response = client.post(url(people, "start"), data)
    assert response.status_code == 409
    body = text(response)
    assert "You already have a session going" in body and "Go to the floor" in body
    assert ListenSession.objects.count() == 1


def test_the_in_person_floor_through_the_pages(people: Personas):
    session = started(people)
    alice, bob = people.client("alice"), people.client("bob")
    step = url(people, "step", session)
    assert alice.post(step, {"action": "take_floor"}).status_code == 302
    page = text(bob.get(url(people, "session", session)))
    assert 'role="timer"' in page and "2:00" in page and "left" in page
    assert alice.post(step, {"action": "done_speaking"}).status_code == 302
    assert "Summarise aloud" in text(bob.get(url(people, "session", session)))
    assert bob.post(step, {"action": "summarised"}).status_code == 302
    assert "Did Bob get it?" in text(alice.get(url(people, "session", session)))
    assert alice.post(step, {"action": "not_quite"}).status_code == 302
    assert "Not quite yet" in text(bob.get(url(people, "session", session)))
    assert bob.post(step, {"action": "summarised"}).status_code == 302
    assert alice.post(step, {"action": "yes"}).status_code == 302
    assert "You hold the floor" in text(bob.get(url(people, "session", session)))
    assert bob.post(url(people, "end", session)).status_code == 302
    assert alice.post(url(people, "rate", session), {"understood": "6"}).status_code == 302
    assert bob.post(url(people, "rate", session), {"understood": "5"}).status_code == 302
    assert sorted(Rating.objects.values_list("understood", flat=True)) == [5, 6]


def test_a_step_by_the_wrong_person_or_out_of_order_is_409_with_a_message(people: Personas):
    session = started(people)
    response = people.client("bob").post(url(people, "step", session), {"action": "take_floor"})
    assert response.status_code == 409
    assert "your partner's to take" in text(response)
    response = people.client("alice").post(url(people, "step", session), {"action": "yes"})
    assert response.status_code == 409
    assert "nothing to confirm yet" in text(response)
    session.refresh_from_db()
    assert session.state == State.WAITING


@pytest.mark.parametrize("data", [{}, {"action": "dance"}, {"action": ""}])
def test_an_unknown_step_is_a_400(people: Personas, data):
    session = started(people)
    response = people.client("alice").post(url(people, "step", session), data)
    assert response.status_code == 400
    assert "isn't a step of this practice" in text(response)


def test_htmx_steps_get_the_floor_card_only(people: Personas):
    session = started(people)
    response = people.client("alice").post(
        url(people, "step", session), {"action": "take_floor"}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert response.status_code == 200
    assert body.lstrip().startswith("<article") and "<html" not in body
    assert 'hx-trigger="every 3s"' in body and "data-listen-timer" in body


def test_polling_answers_204_until_something_changes_and_stops_when_ended(people: Personas):
    session = started(people)
    bob = people.client("bob")
    poll = f"{url(people, 'session', session)}?v={session.version}"
    assert bob.get(poll, HTTP_HX_REQUEST="true").status_code == 204
    services.act(session, people.alice, services.TAKE_FLOOR)
    changed = bob.get(poll, HTTP_HX_REQUEST="true")
    assert changed.status_code == 200 and "Alice holds the floor" in text(changed)
    services.end(session, people.alice)
    session.refresh_from_db()
    ended = text(bob.get(poll, HTTP_HX_REQUEST="true"))
    assert "every 3s" not in ended and "How understood did you feel?" in ended


def test_in_writing_the_listener_who_is_writing_is_never_polled_over(people: Personas):
    session = started(people, mode="in_writing")
    services.act(session, people.alice, services.SEND, SPOKEN)
    bob = text(people.client("bob").get(url(people, "session", session)))
    assert "every 3s" not in bob and "What did you hear?" in bob and SPOKEN in bob
    alice = text(people.client("alice").get(url(people, "session", session)))
    assert "every 3s" in alice


def test_the_in_writing_floor_through_the_pages(people: Personas):
    session = started(people, mode="in_writing")
    alice, bob = people.client("alice"), people.client("bob")
    step = url(people, "step", session)
    assert alice.post(step, {"action": "send", "text": SPOKEN}).status_code == 302
    reply = bob.post(step, {"action": "reply", "text": "Let's hire movers"})
    assert reply.status_code == 409 and "Let's hire movers" in text(reply)
    assert bob.post(step, {"action": "reflect", "text": "You're busy."}).status_code == 302
    page = text(alice.get(url(people, "session", session)))
    assert "did I get that right?" in page and "You're busy." in page
    assert alice.post(step, {"action": "partly", "text": "Alone, mostly."}).status_code == 302
    assert bob.post(step, {"action": "reflect", "text": HEARD}).status_code == 302
    assert alice.post(step, {"action": "yes"}).status_code == 302
    assert bob.post(step, {"action": "reply", "text": "Thank you."}).status_code == 302
    assert Entry.objects.count() == 5
    assert services.current_turn(session).speaker == people.bob


@pytest.mark.parametrize(
    ("action", "words", "message"),
    [
        ("send", "", "This field is required"),
        ("send", "x" * 1501, "at most 1500 characters"),
    ],
)
def test_bad_words_get_a_400_and_are_kept_in_the_form(people: Personas, action, words, message):
    session = started(people, mode="in_writing")
    response = people.client("alice").post(
        url(people, "step", session), {"action": action, "text": words}
    )
    assert response.status_code == 400
    assert message in text(response)
    assert not Entry.objects.exists()


def test_the_live_coach_answers_the_listener_with_a_fragment(people: Personas):
    session = started(people, mode="in_writing")
    services.act(session, people.alice, services.SEND, SPOKEN)
    coach = url(people, "coach", session)
    response = people.client("bob").post(
        coach, {"text": "You should hire movers."}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert response.status_code == 200 and body.lstrip().startswith('<div class="coach-body"')
    assert "Hold the advice for now" in body and "Advice" in body
    assert not Entry.objects.filter(author=people.bob).exists()
    assert people.client("alice").post(coach, {"text": "x"}).status_code == 409
    assert people.client("bob").post(coach, {"text": "x" * 5000}).status_code == 400


def test_without_js_the_coach_speaks_on_the_sent_reflection(people: Personas):
    session = started(people, mode="in_writing")
    services.act(session, people.alice, services.SEND, SPOKEN)
    services.act(session, people.bob, services.REFLECT, "You should hire movers.")
    page = text(people.client("bob").get(url(people, "session", session)))
    assert "What the coach noticed (only you see this)" in page
    assert "Hold the advice for now" in page


def test_turn_settings_are_bounded_and_change_the_timer(people: Personas):
    session = started(people)
    client = people.client("bob")
    settings = url(people, "settings", session)
    assert client.post(settings, {"turn_minutes": "4"}).status_code == 302
    session.refresh_from_db()
    assert session.turn_minutes == 4
    for bad in ("0", "6", "lots", ""):
        assert client.post(settings, {"turn_minutes": bad}).status_code == 400
    session.refresh_from_db()
    assert session.turn_minutes == 4
    writing = services.start(people.other_space, people.carol, mode="in_writing", own_topic="x")
    carol = people.client("carol")
    other = reverse("listen:settings", args=[people.other_space.public_id, writing.pk])
    assert carol.post(other, {"turn_minutes": "3"}).status_code == 409


def test_rating_before_the_end_or_out_of_range_is_refused(people: Personas):
    session = started(people)
    client = people.client("alice")
    assert client.post(url(people, "rate", session), {"understood": "6"}).status_code == 409
    services.end(session, people.bob)
    for bad in ("0", "8", "seven", ""):
        assert client.post(url(people, "rate", session), {"understood": bad}).status_code == 400
    assert not Rating.objects.exists()
    assert client.post(url(people, "end", session)).status_code == 409


def test_unknown_ids_and_wrong_methods(people: Personas):
    client = people.client("alice")
    assert client.get(f"/s/{sid(people)}/listen/999999/").status_code == 404
    assert (
        client.post(f"/s/{sid(people)}/listen/999999/step/", {"action": "yes"}).status_code == 404
    )
    assert client.get(f"/s/{sid(people)}/listen/notanumber/").status_code == 404
    session = started(people)
    assert client.get(url(people, "step", session)).status_code == 405
    assert client.get(url(people, "start")).status_code == 405
    assert client.post(url(people, "history")).status_code == 405


def test_without_a_partner_the_page_explains(people: Personas):
    from closeknit.couples import access
    from closeknit.couples import services as couples

    couples.leave_space(access.membership_for(people.bob, people.space.public_id))
    page = people.client("alice").get(url(people, "home"))
    assert page.status_code == 200 and "Listening takes two" in text(page)


def _history(people: Personas, sessions: int) -> None:
    """Ended sessions in writing, each with words, a rating and a coached reflection."""
    base = dt.datetime(2025, 1, 1, 20, tzinfo=dt.UTC)
    for n in range(sessions):
        session = ListenSession.objects.create(
            space=people.space,
            mode="in_writing",
            own_topic=f"Topic {n}",
            started_by=people.alice,
            state=State.ENDED,
            ended_at=base + dt.timedelta(days=n),
            completed_on=(base + dt.timedelta(days=n)).date(),
        )
        turn = Turn.objects.create(
            session=session,
            number=1,
            speaker=people.alice,
            listener=people.bob,
            confirmed_at=session.ended_at,
        )
        Entry.objects.create(turn=turn, author=people.alice, kind="statement", text=SPOKEN)
        Entry.objects.create(
            turn=turn,
            author=people.bob,
            kind="reflection",
            text=HEARD,
            coach={"flags": [], "strengths": ["paraphrase"], "hints": []},
        )
        Rating.objects.create(session=session, person=people.alice, understood=6)


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_history_uses_a_fixed_number_of_queries(people: Personas, who):
    client = people.client(who)
    path = url(people, "history")
    _history(people, 3)
    client.get(path)  # warm up: the session remembers the space once
    few = _queries(client, path)
    _history(people, 40)
    assert _queries(client, path) == few


def test_the_floor_uses_a_fixed_number_of_queries_however_long_the_session(people: Personas):
    session = started(people, mode="in_writing")
    client = people.client("bob")
    path = url(people, "session", session)

    def one_round() -> None:
        speaker, listener = roles(session)
        services.act(session, speaker, services.SEND, SPOKEN)
        services.act(session, listener, services.REFLECT, HEARD)
        services.act(session, speaker, services.YES)
        services.act(session, listener, services.TAKE_FLOOR)

    one_round()
    client.get(path)  # warm up: the session remembers the space once
    few = _queries(client, path)
    for _n in range(6):
        one_round()
    assert _queries(client, path) == few


def test_history_shows_your_rating_and_pages(people: Personas):
    _history(people, 25)
    alice = people.client("alice")
    first = text(alice.get(url(people, "history")))
    assert "Page 1 of 2" in first and "You felt understood: 6 of 7" in first
    assert alice.get(url(people, "history") + "?page=999").status_code == 200
    assert alice.get(url(people, "history") + "?page=nonsense").status_code == 200
    bob = text(people.client("bob").get(url(people, "history")))
    assert "6 of 7" not in bob and "Say how understood you felt" in bob


def test_the_api_follows_the_same_rules(people: Personas):
    session = started(people, mode="in_writing")
    base = f"/api/v1/listen/{sid(people)}/sessions/{session.pk}"
    alice, bob = people.client("alice"), people.client("bob")
    sent = alice.post(
        f"{base}/step", {"action": "send", "text": SPOKEN}, content_type="application/json"
    )
    assert sent.status_code == 200 and sent.json()["state"] == "reflecting"
    early = bob.post(
        f"{base}/step", {"action": "reply", "text": "x"}, content_type="application/json"
    )
    assert early.status_code == 409 and "got it right" in early.json()["error"]["message"]
    got = bob.get(base).json()
    assert got["your_step"] and got["entries"][0]["text"] == SPOKEN
    assert (
        bob.post(f"{base}/rate", {"understood": 5}, content_type="application/json").status_code
        == 409
    )
    assert alice.get(f"/api/v1/listen/{sid(people)}/sessions").json()["items"] == []
