"""The floor's state machine and the rules around it, through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from closeknit.couples import access
from closeknit.couples import services as couples
from closeknit.listen import history as past
from closeknit.listen import services
from closeknit.listen.models import Entry, ListenSession, Pace, Rating, Topic
from closeknit.listen.testing import next_topic, roles
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

State = ListenSession.State
SPOKEN = "I've been worried about the move and I feel alone with all the packing."
HEARD = "It sounds like the move has you worried and you feel alone with the packing."


def in_person(people: Personas, **kwargs) -> ListenSession:
    return services.start(
        people.space, people.alice, mode="in_person", own_topic="A small thing", **kwargs
    )


def in_writing(people: Personas, **kwargs) -> ListenSession:
    return services.start(
        people.space, people.alice, mode="in_writing", own_topic="A small thing", **kwargs
    )


def refused(code: str, call, *args, **kwargs) -> services.ListenError:
    with pytest.raises(services.ListenError) as error:
        call(*args, **kwargs)
    assert error.value.code == code, error.value.message
    return error.value


def state(session: ListenSession) -> str:
    session.refresh_from_db()
    return session.state


# In person


def test_an_in_person_turn_goes_floor_speak_summarise_confirm_and_the_floor_passes(
    people: Personas,
):
    session = in_person(people)
    assert state(session) == State.WAITING
    services.act(session, people.alice, services.TAKE_FLOOR)
    assert state(session) == State.SPEAKING
    services.act(session, people.alice, services.DONE_SPEAKING)
    assert state(session) == State.SUMMARISING
    services.act(session, people.bob, services.SUMMARISED)
    assert state(session) == State.CONFIRMING
    step = services.act(session, people.alice, services.YES)
    assert step.passed and state(session) == State.WAITING
    first, second = session.turns.order_by("number")
    assert first.confirmed_at is not None and first.attempts == 0
    assert (second.speaker, second.listener) == (people.bob, people.alice)


def test_not_quite_sends_the_listener_back_to_summarise_again(people: Personas):
    session = in_person(people)
    for who, action in (
        (people.alice, services.TAKE_FLOOR),
        (people.alice, services.DONE_SPEAKING),
        (people.bob, services.SUMMARISED),
        (people.alice, services.NOT_QUITE),
    ):
        services.act(session, who, action)
    assert state(session) == State.SUMMARISING
    services.act(session, people.bob, services.SUMMARISED)
    services.act(session, people.alice, services.YES)
    assert session.turns.get(number=1).attempts == 1


def test_only_the_right_person_may_act_at_each_in_person_step(people: Personas):
    session = in_person(people)
    refused("not_yours", services.act, session, people.bob, services.TAKE_FLOOR)
    services.act(session, people.alice, services.TAKE_FLOOR)
    refused("not_yours", services.act, session, people.bob, services.DONE_SPEAKING)
    services.act(session, people.alice, services.DONE_SPEAKING)
    refused("not_yours", services.act, session, people.alice, services.SUMMARISED)
    services.act(session, people.bob, services.SUMMARISED)
    refused("not_yours", services.act, session, people.bob, services.YES)
    refused("not_yours", services.act, session, people.bob, services.NOT_QUITE)
    assert state(session) == State.CONFIRMING


def test_turns_alternate_between_the_partners(people: Personas):
    session = in_person(people)
    speakers = []
    for _n in range(4):
        speaker, listener = roles(session)
        speakers.append(speaker)
        services.act(session, speaker, services.TAKE_FLOOR)
        services.act(session, speaker, services.DONE_SPEAKING)
        services.act(session, listener, services.SUMMARISED)
        services.act(session, speaker, services.YES)
    assert speakers == [people.alice, people.bob, people.alice, people.bob]


def test_the_partner_may_be_chosen_to_speak_first(people: Personas):
    session = in_person(people, partner_first=True)
    assert services.current_turn(session).speaker == people.bob
    refused("not_yours", services.act, session, people.alice, services.TAKE_FLOOR)


@pytest.mark.parametrize(
    ("action", "who"),
    [
        (services.DONE_SPEAKING, "alice"),
        (services.SUMMARISED, "bob"),
        (services.YES, "alice"),
        (services.SEND, "alice"),
        (services.REPLY, "bob"),
    ],
)
def test_steps_out_of_order_are_refused_with_a_409_and_change_nothing(
    people: Personas, action, who
):
    session = in_person(people)
    error = refused("out_of_order", services.act, session, getattr(people, who), action, "words")
    assert error.status == 409 and str(error.message)
    session.refresh_from_db()
    assert session.state == State.WAITING and session.version == 0
    assert not Entry.objects.exists()


def test_an_unknown_step_is_bad_input(people: Personas):
    error = refused("bad_action", services.act, in_person(people), people.alice, "shout")
    assert error.status == 400


def test_the_turn_timer_counts_down_from_two_minutes_by_default(people: Personas):
    session = in_person(people)
    assert session.turn_minutes == 2
    start = dt.datetime(2026, 3, 1, 20, 0, tzinfo=dt.UTC)
    services.act(session, people.alice, services.TAKE_FLOOR, now=start)
    turn = services.current_turn(session)
    session.refresh_from_db()
    assert services.remaining_seconds(session, turn, start) == 120
    later = start + dt.timedelta(seconds=45)
    assert services.remaining_seconds(session, turn, later) == 75
    assert services.remaining_seconds(session, turn, start + dt.timedelta(minutes=9)) == 0
    view = services.session_view(session, people.bob, now=later)
    assert view.remaining == 75 and view.remaining_display == "1:15"


@pytest.mark.parametrize("minutes", [1, 3, 5, "4"])
def test_the_turn_length_can_be_set_from_one_to_five_minutes(people: Personas, minutes):
    session = in_person(people)
    services.set_turn_minutes(session, people.bob, minutes)
    session.refresh_from_db()
    assert session.turn_minutes == int(minutes) and session.version == 1


@pytest.mark.parametrize("minutes", [0, 6, -1, "two", None, 2.5e9])
def test_turn_lengths_outside_one_to_five_minutes_are_refused(people: Personas, minutes):
    session = in_person(people)
    refused("bad_minutes", services.set_turn_minutes, session, people.alice, minutes)
    refused(
        "bad_minutes",
        services.start,
        people.other_space,
        people.carol,
        mode="in_person",
        own_topic="x",
        turn_minutes=minutes,
    )
    session.refresh_from_db()
    assert session.turn_minutes == 2


def test_sessions_in_writing_have_no_timer_to_set(people: Personas):
    refused("no_timer", services.set_turn_minutes, in_writing(people), people.alice, 3)


# In writing


def test_in_writing_the_order_is_write_reflect_confirm_then_reply(people: Personas):
    session = in_writing(people)
    assert state(session) == State.WRITING
    services.act(session, people.alice, services.SEND, SPOKEN)
    assert state(session) == State.REFLECTING
    services.act(session, people.bob, services.REFLECT, HEARD)
    assert state(session) == State.CONFIRMING
    services.act(session, people.alice, services.YES)
    assert state(session) == State.RESPONDING
    step = services.act(session, people.bob, services.REPLY, "Thank you for telling me.")
    assert step.passed and state(session) == State.WRITING
    kinds = list(Entry.objects.order_by("pk").values_list("kind", "author"))
    assert kinds == [
        ("statement", people.alice.pk),
        ("reflection", people.bob.pk),
        ("reply", people.bob.pk),
    ]
    assert services.current_turn(session).speaker == people.bob


def test_no_reply_is_possible_before_a_confirmed_reflection(people: Personas):
    session = in_writing(people)
    refused("out_of_order", services.act, session, people.bob, services.REPLY, "A reply")
    services.act(session, people.alice, services.SEND, SPOKEN)
    error = refused("out_of_order", services.act, session, people.bob, services.REPLY, "A reply")
    assert "got it right" in str(error.message)
    refused("out_of_order", services.act, session, people.bob, services.TAKE_FLOOR)
    services.act(session, people.bob, services.REFLECT, HEARD)
    refused("out_of_order", services.act, session, people.bob, services.REPLY, "A reply")
    refused("out_of_order", services.act, session, people.bob, services.TAKE_FLOOR)
    assert not Entry.objects.filter(kind=Entry.Kind.REPLY).exists()


def test_partly_with_a_correction_means_the_listener_reflects_again(people: Personas):
    session = in_writing(people)
    services.act(session, people.alice, services.SEND, SPOKEN)
    services.act(session, people.bob, services.REFLECT, "You're busy with the move.")
    services.act(session, people.alice, services.PARTLY, "It's more that I feel alone with it.")
    assert state(session) == State.REFLECTING
    refused("out_of_order", services.act, session, people.bob, services.REPLY, "A reply")
    services.act(session, people.bob, services.REFLECT, HEARD)
    services.act(session, people.alice, services.YES)
    turn = session.turns.get(number=1)
    assert turn.attempts == 1 and turn.confirmed_at is not None
    assert turn.entries.filter(kind=Entry.Kind.REFLECTION).count() == 2


def test_partly_needs_a_correction(people: Personas):
    session = in_writing(people)
    services.act(session, people.alice, services.SEND, SPOKEN)
    services.act(session, people.bob, services.REFLECT, HEARD)
    refused("empty", services.act, session, people.alice, services.PARTLY, "   ")
    assert state(session) == State.CONFIRMING


def test_after_yes_the_listener_may_take_the_floor_without_replying(people: Personas):
    session = in_writing(people)
    services.act(session, people.alice, services.SEND, SPOKEN)
    services.act(session, people.bob, services.REFLECT, HEARD)
    services.act(session, people.alice, services.YES)
    refused("not_yours", services.act, session, people.alice, services.TAKE_FLOOR)
    services.act(session, people.bob, services.TAKE_FLOOR)
    assert state(session) == State.WRITING
    services.act(session, people.bob, services.SEND, "My turn now.")
    assert state(session) == State.REFLECTING


def test_only_the_right_person_may_act_at_each_written_step(people: Personas):
    session = in_writing(people)
    refused("not_yours", services.act, session, people.bob, services.SEND, "Mine first")
    services.act(session, people.alice, services.SEND, SPOKEN)
    refused("not_yours", services.act, session, people.alice, services.REFLECT, "I hear me")
    services.act(session, people.bob, services.REFLECT, HEARD)
    refused("not_yours", services.act, session, people.bob, services.YES)
    refused("not_yours", services.act, session, people.bob, services.PARTLY, "x")
    services.act(session, people.alice, services.YES)
    refused("not_yours", services.act, session, people.alice, services.REPLY, "x")
    assert Entry.objects.count() == 2


@pytest.mark.parametrize(
    ("text", "code"), [("", "empty"), ("  \n ", "empty"), ("x" * 1501, "too_long")]
)
def test_words_must_be_there_and_at_most_1500_characters(people: Personas, text, code):
    session = in_writing(people)
    error = refused(code, services.act, session, people.alice, services.SEND, text)
    assert error.status == 400
    assert state(session) == State.WRITING and not Entry.objects.exists()
    services.act(session, people.alice, services.SEND, "y" * 1500)


def test_a_reflection_keeps_the_coachs_assessment(people: Personas):
    session = in_writing(people)
    services.act(session, people.alice, services.SEND, SPOKEN)
    services.act(session, people.bob, services.REFLECT, "You should just hire movers.")
    entry = Entry.objects.get(kind=Entry.Kind.REFLECTION)
    assert entry.coach["flags"] == ["advice"]
    assert entry.coach["hints"]


def test_the_live_coach_is_only_for_the_listener_while_reflecting(people: Personas):
    session = in_writing(people)
    refused("not_reflecting", services.coach_preview, session, people.bob, "draft")
    services.act(session, people.alice, services.SEND, SPOKEN)
    refused("not_reflecting", services.coach_preview, session, people.alice, "draft")
    notes = services.coach_preview(session, people.bob, HEARD)
    assert "paraphrase" in notes.strengths and not notes.flags
    # A draft is never stored.
    assert Entry.objects.count() == 1


# Ending, rating, levels


def test_either_partner_may_end_and_a_session_with_a_yes_is_completed(people: Personas):
    session = in_person(people)
    services.act(session, people.alice, services.TAKE_FLOOR)
    when = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # already 2 March in Auckland
    people.space.time_zone = "Pacific/Auckland"
    people.space.save()
    services.end(session, people.bob, now=when)
    session.refresh_from_db()
    assert session.state == State.ENDED and session.completed_on is None
    refused("ended", services.end, session, people.alice)
    refused("ended", services.act, session, people.alice, services.DONE_SPEAKING)

    second = in_person(people)
    for who, action in (
        (people.alice, services.TAKE_FLOOR),
        (people.alice, services.DONE_SPEAKING),
        (people.bob, services.SUMMARISED),
        (people.alice, services.YES),
    ):
        services.act(second, who, action)
    services.end(second, people.alice, now=when)
    second.refresh_from_db()
    assert second.completed_on == dt.date(2026, 3, 2)


def test_only_one_session_is_live_per_space(people: Personas):
    in_person(people)
    refused("already_live", in_writing, people)
    assert ListenSession.objects.count() == 1


def test_a_session_needs_a_partner_and_a_topic(people: Personas):
    couples.leave_space(access.membership_for(people.bob, people.space.public_id))
    refused("no_partner", in_person, people)
    refused(
        "no_topic",
        services.start,
        people.other_space,
        people.carol,
        mode="in_person",
        topic_key="no-such-topic",
    )
    refused(
        "bad_mode", services.start, people.other_space, people.carol, mode="loud", own_topic="x"
    )
    refused(
        "too_long",
        services.start,
        people.other_space,
        people.carol,
        mode="in_person",
        own_topic="x" * 201,
    )


def test_sessions_start_light_and_deeper_levels_are_closed(people: Personas, topics):
    tender = Topic.objects.filter(level=3)[0]
    refused(
        "level_closed",
        services.start,
        people.space,
        people.alice,
        mode="in_person",
        topic_key=tender.key,
    )
    assert services.open_levels(people.space) == [1]
    light = next_topic(people.space)
    assert light is not None and light.level == 1
    session = services.start(people.space, people.alice, mode="in_person", topic_key=light.key)
    assert session.level == 1 and session.topic == light


def test_suggestions_do_not_repeat_a_used_topic(people: Personas, topics):
    used = set()
    for _n in range(5):
        topic = next_topic(people.space)
        assert topic is not None and topic.pk not in used
        used.add(topic.pk)
        session = services.start(people.space, people.alice, mode="in_person", topic_key=topic.key)
        services.end(session, people.alice)
    other = services.suggestions(people.space, [1], offset=1)[1]
    assert other.pk not in used and other != next_topic(people.space)


def complete(people: Personas, topic: Topic, ratings: tuple[int, int]) -> ListenSession:
    """A session in person where both took a turn and were understood, then both rated."""
    session = services.start(people.space, people.alice, mode="in_person", topic_key=topic.key)
    for _n in range(2):
        speaker, listener = roles(session)
        services.act(session, speaker, services.TAKE_FLOOR)
        services.act(session, speaker, services.DONE_SPEAKING)
        services.act(session, listener, services.SUMMARISED)
        services.act(session, speaker, services.YES)
    services.end(session, people.bob)
    session.refresh_from_db()
    services.rate(session, people.alice, ratings[0])
    services.rate(session, people.bob, ratings[1])
    return session


def test_the_next_level_opens_after_three_sessions_where_the_speakers_felt_understood(
    people: Personas, topics
):
    for _n in range(2):
        complete(people, next_topic(people.space), (6, 5))
    assert services.pace_for(people.space).level == 1
    complete(people, next_topic(people.space), (4, 7))  # one speaker did not: no count
    assert services.pace_for(people.space).level == 1
    session = services.start(
        people.space, people.alice, mode="in_person", topic_key=next_topic(people.space).key
    )
    for who, action in (
        (people.alice, services.TAKE_FLOOR),
        (people.alice, services.DONE_SPEAKING),
        (people.bob, services.SUMMARISED),
        (people.alice, services.YES),
    ):
        services.act(session, who, action)
    services.end(session, people.alice)
    session.refresh_from_db()
    # Only Alice spoke and was understood, so her rating is the one that counts.
    assert services.rate(session, people.bob, 2).level_opened is None
    assert services.rate(session, people.alice, 5).level_opened == 2
    assert services.open_levels(people.space) == [1, 2]
    meaningful = next_topic(people.space)
    assert meaningful is not None and meaningful.level == 2


def test_own_topics_and_lighter_levels_do_not_open_the_next_level(people: Personas, topics):
    Pace.objects.create(space=people.space, level=2)
    for _n in range(3):
        complete(people, services.suggestions(people.space, [1])[1], (7, 7))
    assert services.pace_for(people.space).level == 2


def test_ratings_are_1_to_7_after_the_end_and_may_be_changed(people: Personas):
    session = in_person(people)
    refused("not_ended", services.rate, session, people.alice, 6)
    services.end(session, people.alice)
    session.refresh_from_db()
    for bad in (0, 8, "seven", None, -3):
        refused("bad_understood", services.rate, session, people.alice, bad)
    services.rate(session, people.alice, 6)
    services.rate(session, people.alice, "5")
    assert Rating.objects.get(person=people.alice).understood == 5
    assert Rating.objects.count() == 1


def test_a_partner_who_leaves_stops_the_floor_but_the_session_can_end(people: Personas):
    session = in_writing(people)
    services.act(session, people.alice, services.SEND, SPOKEN)
    services.act(session, people.bob, services.REFLECT, HEARD)
    couples.leave_space(access.membership_for(people.bob, people.space.public_id))
    refused("alone", services.act, session, people.alice, services.YES)
    services.end(session, people.alice)
    assert state(session) == State.ENDED


def test_the_listening_summary_compares_earlier_and_recent_reflections(people: Personas):
    assert not past.listening_summary(people.space, people.bob).enough
    reflections = ["You should just hire movers."] * 3 + [HEARD] * 3
    for reflection in reflections:
        session = in_writing(people)
        services.act(session, people.alice, services.SEND, SPOKEN)
        services.act(session, people.bob, services.REFLECT, reflection)
        services.act(session, people.alice, services.YES)
        services.end(session, people.alice)
    summary = past.listening_summary(people.space, people.bob)
    assert summary.enough and summary.reflections == 6
    assert [t.name for t in summary.fading] == ["advice"]
    assert {"paraphrase", "feeling"} <= {t.name for t in summary.growing}
    assert (summary.understood_as_listener, summary.first_try) == (6, 6)
    assert past.listening_summary(people.space, people.alice).reflections == 0


def test_adherence_is_the_dates_of_completed_sessions(people: Personas):
    when = dt.datetime(2026, 3, 4, 20, tzinfo=dt.UTC)
    session = in_writing(people)
    services.act(session, people.alice, services.SEND, SPOKEN)
    services.act(session, people.bob, services.REFLECT, HEARD)
    services.act(session, people.alice, services.YES)
    services.end(session, people.bob, now=when)
    stopped = in_person(people)
    services.end(stopped, people.bob, now=when + dt.timedelta(days=1))
    start, end = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    assert past.dates_completed(people.space, people.alice, start, end) == [dt.date(2026, 3, 4)]
    assert past.dates_completed(people.space, people.bob, start, end) == [dt.date(2026, 3, 4)]
    assert past.dates_completed(people.other_space, people.carol, start, end) == []
