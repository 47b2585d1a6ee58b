from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from closeknit.share import services
from closeknit.share.models import Answer, DailyPrompt, Pace, Prompt
from closeknit.testing.content import PROMPTS_PER_DEPTH
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def at(day: int, hour: int = 20) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, tzinfo=UTC)


def answer_both(people: Personas, daily: DailyPrompt, rating: str = "just_right") -> None:
    for person in (people.alice, people.bob):
        services.submit_answer(daily, person, text=f"{person.name} answers")
        services.rate_depth(daily, person, rating)


def test_both_partners_get_the_same_prompt_for_the_space_local_day(people: Personas):
    people.space.time_zone = "Pacific/Auckland"
    people.space.save()
    # 11:30 UTC on 1 March is already 2 March in Auckland.
    daily = services.today_for(people.space, now=dt.datetime(2026, 3, 1, 11, 30, tzinfo=UTC))
    assert daily.date == dt.date(2026, 3, 2)
    again = services.today_for(
        people.space, now=dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Pacific/Auckland"))
    )
    assert again.pk == daily.pk
    assert daily.depth == 1


def test_who_goes_first_alternates_day_by_day(people: Personas):
    firsts = [services.today_for(people.space, now=at(day)).first for day in range(1, 5)]
    assert firsts[0] != firsts[1]
    assert firsts[0] == firsts[2] and firsts[1] == firsts[3]
    assert set(firsts) == {people.alice, people.bob}


def test_prompts_never_repeat_until_the_depth_pool_is_used_up(people: Personas):
    dailies = [
        services.today_for(people.space, now=at(day)) for day in range(1, PROMPTS_PER_DEPTH + 2)
    ]
    first_round = [d.prompt_id for d in dailies[:PROMPTS_PER_DEPTH]]
    assert len(set(first_round)) == PROMPTS_PER_DEPTH
    assert all(d.prompt.depth == 1 for d in dailies)
    # The pool is used up: the next one is the longest-unseen, not a random repeat.
    assert dailies[-1].prompt_id == first_round[0]


def test_either_partner_may_swap_once_and_both_see_the_new_prompt(people: Personas):
    daily = services.today_for(people.space, now=at(1))
    swapped = services.swap_today(people.space, people.bob, now=at(1))
    assert swapped.pk == daily.pk and swapped.prompt_id != daily.prompt_id
    assert services.today_for(people.space, now=at(1)).prompt_id == swapped.prompt_id
    with pytest.raises(services.ShareError) as error:
        services.swap_today(people.space, people.alice, now=at(1))
    assert error.value.code == "already_swapped"
    # A swapped-away prompt counts as used.
    later = {services.today_for(people.space, now=at(day)).prompt_id for day in range(2, 4)}
    assert daily.prompt_id not in later


def test_no_swap_once_someone_has_answered(people: Personas):
    daily = services.today_for(people.space, now=at(1))
    services.submit_answer(daily, people.alice, text="mine")
    with pytest.raises(services.ShareError) as error:
        services.swap_today(people.space, people.bob, now=at(1))
    assert error.value.code == "already_answered"


def test_answers_reveal_only_when_both_have_answered(people: Personas):
    daily = services.today_for(people.space)
    services.submit_answer(daily, people.alice, text="Alice's words")
    view = services.daily_view(daily, people.bob, people.alice)
    assert view.partner_answered and view.theirs is None and view.mine is None
    view = services.daily_view(daily, people.alice, people.bob)
    assert view.theirs is None and not view.revealed
    services.submit_answer(daily, people.bob, text="", in_person=True)
    daily.refresh_from_db()
    assert daily.revealed_at is not None
    view = services.daily_view(daily, people.bob, people.alice)
    assert view.theirs is not None and view.theirs.text == "Alice's words"
    theirs = services.daily_view(daily, people.alice, people.bob).theirs
    assert theirs is not None and theirs.in_person


def test_an_edit_after_the_reveal_is_marked_but_before_it_is_not(people: Personas):
    daily = services.today_for(people.space)
    first = services.submit_answer(daily, people.alice, text="draft")
    services.submit_answer(daily, people.alice, text="better draft")
    first.refresh_from_db()
    assert first.edited_at is None
    services.submit_answer(daily, people.bob, text="bob")
    services.submit_answer(daily, people.alice, text="after the reveal")
    first.refresh_from_db()
    assert first.edited_at is not None and first.text == "after the reveal"


@pytest.mark.parametrize(
    ("text", "in_person", "code"), [("", False, "empty"), ("x" * 2001, False, "too_long")]
)
def test_bad_answers_are_refused_with_a_reason(people: Personas, text, in_person, code):
    daily = services.today_for(people.space)
    with pytest.raises(services.ShareError) as error:
        services.submit_answer(daily, people.alice, text=text, in_person=in_person)
    assert error.value.code == code
    assert not Answer.objects.exists()


def test_depth_rises_after_three_prompts_both_found_light_enough(people: Personas):
    for day in (1, 2):
        answer_both(people, services.today_for(people.space, now=at(day)))
    assert services.pace_for(people.space).depth == 1
    daily = services.today_for(people.space, now=at(3))
    services.submit_answer(daily, people.alice, text="a")
    services.submit_answer(daily, people.bob, text="b")
    assert services.rate_depth(daily, people.alice, "too_light") is False
    assert services.rate_depth(daily, people.bob, "just_right") is True
    assert services.pace_for(people.space).depth == 2
    assert services.today_for(people.space, now=at(4)).prompt.depth == 2


def test_depth_never_rises_on_one_partners_say_so(people: Personas):
    for day in (1, 2, 3):
        daily = services.today_for(people.space, now=at(day))
        services.submit_answer(daily, people.alice, text="a")
        services.rate_depth(daily, people.alice, "too_light")
    assert services.pace_for(people.space).depth == 1


def test_one_too_much_holds_the_depth(people: Personas):
    for day, rating in ((1, "just_right"), (2, "too_much"), (3, "just_right")):
        answer_both(people, services.today_for(people.space, now=at(day)), rating)
    assert services.pace_for(people.space).depth == 1


def test_stepping_back_lowers_the_depth_and_restarts_the_count(people: Personas):
    Pace.objects.create(space=people.space, depth=3)
    pace = services.step_back(people.space)
    assert pace.depth == 2 and pace.stepped_back_at is not None
    # Earlier ratings at depth 2 do not count towards rising again.
    answer_both(people, services.today_for(people.space, now=at(20)))
    assert services.pace_for(people.space).depth == 2
    Pace.objects.filter(space=people.space).update(depth=1)
    with pytest.raises(services.ShareError):
        services.step_back(people.space)


def test_responding_needs_the_reveal_and_a_disclosure_reaction(people: Personas):
    daily = services.today_for(people.space)
    services.submit_answer(daily, people.alice, text="a")
    with pytest.raises(services.ShareError) as error:
        services.respond_to_answer(daily, people.bob, reaction="moved")
    assert error.value.code == "not_revealed"
    services.submit_answer(daily, people.bob, text="b")
    daily.refresh_from_db()
    with pytest.raises(services.ShareError):
        services.respond_to_answer(daily, people.bob, reaction="so_happy")
    services.respond_to_answer(daily, people.bob, reaction="moved", text="Thank you")
    services.respond_to_answer(daily, people.bob, reaction="tell_me_more")  # an edit, not a second
    response = services.daily_view(daily, people.alice, people.bob).their_response
    assert response is not None and response.reaction == "tell_me_more"


def test_understood_rating_comes_after_a_response_and_is_private(people: Personas):
    daily = services.today_for(people.space)
    services.submit_answer(daily, people.alice, text="a")
    services.submit_answer(daily, people.bob, text="b")
    daily.refresh_from_db()
    with pytest.raises(services.ShareError):
        services.rate_answer_understood(daily, people.alice, 6)
    services.respond_to_answer(daily, people.bob, reaction="glad_you_told")
    for bad in (0, 8, "seven", None):
        with pytest.raises(services.ShareError):
            services.rate_answer_understood(daily, people.alice, bad)
    assert services.rate_answer_understood(daily, people.alice, 6).understood == 6


def test_share_first_posts_are_visible_at_once_and_wins_get_win_reactions(people: Personas):
    post = services.create_post(
        people.space, people.alice, kind="win", text="I finished the course!"
    )
    waiting = services.posts_waiting_for(people.space, people.bob, people.alice)
    assert [p.post.pk for p in waiting] == [post.pk]
    with pytest.raises(services.ShareError):
        services.respond_to_post(post, people.bob, reaction="moved")
    with pytest.raises(services.ShareError):
        services.respond_to_post(post, people.alice, reaction="proud")
    services.respond_to_post(post, people.bob, reaction="proud", text="Tell me about the last day")
    assert services.posts_waiting_for(people.space, people.bob, people.alice) == []
    assert services.rate_post_understood(post, people.alice, 7).understood == 7
    with pytest.raises(services.ShareError):
        services.rate_post_understood(post, people.bob, 7)


def test_bad_post_kinds_and_empty_posts_are_refused(people: Personas):
    with pytest.raises(services.ShareError):
        services.create_post(people.space, people.alice, kind="rant", text="x")
    with pytest.raises(services.ShareError):
        services.create_post(people.space, people.alice, kind="today", text="   ")


def test_earlier_prompts_the_partner_answered_wait_for_you(people: Personas):
    daily = services.today_for(people.space, now=at(1))
    services.submit_answer(daily, people.bob, text="b")
    waiting = services.earlier_waiting_for(
        people.space, people.alice, people.bob, dt.date(2026, 3, 3)
    )
    assert [v.daily.pk for v in waiting] == [daily.pk]
    assert waiting[0].theirs is None
    assert (
        services.earlier_waiting_for(people.space, people.bob, people.alice, dt.date(2026, 3, 3))
        == []
    )


def test_content_load_is_idempotent_and_retires_removed_prompts(db):
    from closeknit.share import catalog

    document = catalog.CATALOG.read()
    first = catalog.load(document)
    assert first.created >= 300
    second = catalog.load(document)
    assert (second.created, second.updated) == (0, 0)
    trimmed = document.model_copy(update={"prompts": document.prompts[1:]})
    third = catalog.load(trimmed)
    assert third.retired == 1
    assert Prompt.objects.filter(active=False).count() == 1
    reworded = document.model_copy(deep=True)
    reworded.prompts[0].text = "A reworded prompt that keeps its key and its history."
    fourth = catalog.load(reworded)
    assert fourth.updated == 1
    assert Prompt.objects.get(key=document.prompts[0].key).active
