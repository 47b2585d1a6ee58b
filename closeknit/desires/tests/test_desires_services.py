"""The rules of Desires, through its services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from closeknit.couples import access
from closeknit.couples import services as couples
from closeknit.desires import services, tonight
from closeknit.desires.models import Answer, Item, Participation, TierChoice
from closeknit.desires.testing import (
    answer_all,
    confirm_both,
    open_up_to,
    tier_items,
    turn_on,
)
from closeknit.testing.personas import Personas, make_person, pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def on(people: Personas, items: None) -> Personas:
    turn_on(people)
    return people


def by_key(key: str) -> Item:
    return Item.objects.get(key=key)


def matched_keys(people: Personas, viewer: str, tier: int = 1) -> dict[str, set[str]]:
    me = getattr(people, viewer)
    partner = people.bob if viewer == "alice" else people.alice
    view = next(v for v in services.matches(people.space, me, partner) if v.number == tier)
    return {
        "both_yes": {m.item.key or m.item.text for m in view.both_yes},
        "curious": {m.item.key or m.item.text for m in view.curious},
    }


# Opting in


def test_nothing_is_open_until_both_opted_in(people: Personas, items: None):
    space, alice, bob = people.space, people.alice, people.bob
    assert services.status(space, alice, bob).both is False
    services.opt_in(space, alice, adult=True, want=True)
    assert services.status(space, alice, bob).mine is True
    assert services.status(space, alice, bob).both is False
    for call in (
        lambda: services.answer(space, alice, bob, tier_items(space, 1)[0].pk, "yes"),
        lambda: services.matches(space, alice, bob),
        lambda: services.tier_view(space, alice, bob, 1),
        lambda: services.propose(space, alice, bob, text="Something of ours", value="yes"),
    ):
        with pytest.raises(services.DesiresError) as refused:
            call()
        assert refused.value.code == "not_on" and refused.value.status == 409
    services.opt_in(space, bob, adult=True, want=True)
    assert services.status(space, alice, bob).both is True


def test_the_waiting_one_gets_the_same_refusal_whoever_has_not_opted_in(
    people: Personas, items: None
):
    space, alice, bob = people.space, people.alice, people.bob
    messages = set()
    for alice_on, bob_on in ((False, False), (True, False), (False, True)):
        Participation.objects.all().delete()
        if alice_on:
            services.opt_in(space, alice, adult=True, want=True)
        if bob_on:
            services.opt_in(space, bob, adult=True, want=True)
        for me, them in ((alice, bob), (bob, alice)):
            with pytest.raises(services.DesiresError) as refused:
                services.matches(space, me, them)
            messages.add((refused.value.code, str(refused.value.message), refused.value.status))
    assert len(messages) == 1


def test_opting_in_needs_both_confirmations(people: Personas):
    with pytest.raises(services.DesiresError, match="18 or older"):
        services.opt_in(people.space, people.alice, adult=False, want=True)
    with pytest.raises(services.DesiresError, match="like to do this"):
        services.opt_in(people.space, people.alice, adult=True, want=False)
    assert not Participation.objects.exists()


def test_opting_in_turns_the_practice_back_on_in_ones_choices(people: Personas):
    people.alice.practices_off = ["desires", "share"]
    people.alice.save()
    services.opt_in(people.space, people.alice, adult=True, want=True)
    people.alice.refresh_from_db()
    assert people.alice.practices_off == ["share"]


def test_switching_desires_off_in_ones_practices_turns_it_off_here_too(on: Personas):
    on.bob.practices_off = ["desires"]
    on.bob.save()
    assert services.status(on.space, on.alice, on.bob).both is False


def test_a_space_that_is_not_romantic_has_no_desires_at_all(db: None):
    sam, kim = make_person("sam@example.org", "Sam"), make_person("kim@example.org", "Kim")
    space = pair(sam, kim, romantic=False)
    with pytest.raises(Http404):
        services.opt_in(space, sam, adult=True, want=True)
    with pytest.raises(Http404):
        services.status(space, sam, kim)
    assert tonight.step(space, sam) is None


def test_turning_off_hides_everything_at_once_and_matches_vanish_for_both(on: Personas):
    answer_all(on.space, on.alice, on.bob, 1, "yes")
    answer_all(on.space, on.bob, on.alice, 1, "yes")
    confirm_both(on, 1)
    assert matched_keys(on, "alice")["both_yes"]
    services.opt_out(on.space, on.bob)
    for me, them in ((on.alice, on.bob), (on.bob, on.alice)):
        with pytest.raises(services.DesiresError):
            services.matches(on.space, me, them)
    # Bob's answers wait, unseen; turning it on again brings the matches back.
    assert Answer.objects.filter(user=on.bob).exists()
    services.opt_in(on.space, on.bob, adult=True, want=True)
    assert matched_keys(on, "alice")["both_yes"]


def test_turning_off_with_delete_removes_answers_choices_and_own_items(on: Personas):
    answer_all(on.space, on.alice, on.bob, 1, "yes")
    services.propose(on.space, on.alice, on.bob, text="Our very own idea", value="yes")
    services.set_ready(on.space, on.alice, on.bob, ready=True)
    services.opt_out(on.space, on.alice, delete=True)
    assert not Answer.objects.filter(user=on.alice).exists()
    assert not TierChoice.objects.filter(user=on.alice).exists()
    assert not Item.objects.filter(space=on.space).exists()


def test_starting_over_asks_both_to_confirm_again(on: Personas):
    answer_all(on.space, on.alice, on.bob, 1, "no")
    answer_all(on.space, on.bob, on.alice, 1, "yes")
    confirm_both(on, 1)
    services.opt_out(on.space, on.alice, delete=True)
    services.opt_in(on.space, on.alice, adult=True, want=True)
    answer_all(on.space, on.alice, on.bob, 1, "yes")  # now yes to everything
    bobs = services.matches(on.space, on.bob, on.alice)[0]
    # Bob sees the new count before anything is revealed, and decides again.
    assert (bobs.state, bobs.i_confirmed, bobs.partner_count) == ("confirm", False, 4)
    services.confirm(on.space, on.alice, on.bob, 1, seen=4)
    assert services.matches(on.space, on.alice, on.bob)[0].matches == []


def test_a_partner_who_leaves_takes_the_practice_with_them(on: Personas):
    answer_all(on.space, on.alice, on.bob, 1, "yes")
    answer_all(on.space, on.bob, on.alice, 1, "yes")
    confirm_both(on, 1)
    couples.leave_space(access.membership_for(on.bob, on.space.public_id))
    assert services.status(on.space, on.alice, access.partner_of(on.space, on.alice)).both is False


# Answering and the pace


def test_answers_can_change_and_unknown_values_are_refused(on: Personas):
    item = tier_items(on.space, 1)[0]
    services.answer(on.space, on.alice, on.bob, item.pk, "no")
    services.answer(on.space, on.alice, on.bob, item.pk, "curious")
    view = services.tier_view(on.space, on.alice, on.bob, 1)
    assert next(v for v in view.items if v.item.pk == item.pk).answer == "curious"
    assert Answer.objects.filter(user=on.alice).count() == 1
    for bad in ("maybe", "", None, "YES"):
        with pytest.raises(services.DesiresError) as refused:
            services.answer(on.space, on.alice, on.bob, item.pk, bad)
        assert refused.value.status == 400


def test_items_of_a_closed_tier_cannot_be_answered(on: Personas):
    later = tier_items(on.space, 2)[0]
    with pytest.raises(services.DesiresError) as refused:
        services.answer(on.space, on.alice, on.bob, later.pk, "yes")
    assert refused.value.code == "tier_closed"
    with pytest.raises(services.DesiresError):
        services.tier_view(on.space, on.alice, on.bob, 2)
    with pytest.raises(Http404):
        services.tier_view(on.space, on.alice, on.bob, 5)


def test_the_next_tier_opens_only_when_both_answered_everything_and_both_are_ready(
    on: Personas,
):
    space, alice, bob = on.space, on.alice, on.bob
    with pytest.raises(services.DesiresError, match="Answer every item"):
        services.set_ready(space, alice, bob, ready=True)
    answer_all(space, alice, bob, 1)
    assert services.set_ready(space, alice, bob, ready=True) is False
    assert services.pace_for(space).open_tier == 1
    # Bob is slower: the space waits for him.
    items = tier_items(space, 1)
    for item in items[:-1]:
        services.answer(space, bob, alice, item.pk, "no")
    with pytest.raises(services.DesiresError):
        services.set_ready(space, bob, alice, ready=True)
    services.answer(space, bob, alice, items[-1].pk, "curious")
    assert services.set_ready(space, bob, alice, ready=True) is True
    assert services.pace_for(space).open_tier == 2


def test_taking_back_ready_keeps_the_tier_closed(on: Personas):
    answer_all(on.space, on.alice, on.bob, 1)
    answer_all(on.space, on.bob, on.alice, 1)
    services.set_ready(on.space, on.alice, on.bob, ready=True)
    services.set_ready(on.space, on.alice, on.bob, ready=False)
    assert services.set_ready(on.space, on.bob, on.alice, ready=True) is False
    assert services.pace_for(on.space).open_tier == 1


def test_there_is_nothing_past_the_last_tier(on: Personas):
    open_up_to(on, 4)
    assert services.pace_for(on.space).open_tier == 4
    with pytest.raises(services.DesiresError, match="last tier"):
        services.set_ready(on.space, on.alice, on.bob, ready=True)


# Custom items


def test_a_custom_item_joins_the_open_tier_with_its_proposers_private_answer(on: Personas):
    open_up_to(on, 2)
    item = services.propose(
        on.space, on.alice, on.bob, text="  A picnic   at sunrise  ", value="curious"
    )
    assert (item.tier, item.text, item.proposed_by) == (2, "A picnic at sunrise", on.alice)
    bobs = services.tier_view(on.space, on.bob, on.alice, 2)
    theirs = next(v for v in bobs.items if v.item.pk == item.pk)
    assert theirs.answer is None and theirs.added_by_partner and not theirs.added_by_me
    assert not bobs.all_answered  # Bob has a new item to answer before moving on


@pytest.mark.parametrize(
    ("text", "code"), [("", "too_short"), ("ab", "too_short"), ("x" * 121, "too_long")]
)
def test_custom_item_text_is_checked(on: Personas, text: str, code: str):
    with pytest.raises(services.DesiresError) as refused:
        services.propose(on.space, on.alice, on.bob, text=text, value="yes")
    assert refused.value.code == code and refused.value.status == 400
    assert not Item.objects.filter(space__isnull=False).exists()


def test_only_the_proposer_can_remove_a_custom_item(on: Personas):
    item = services.propose(on.space, on.alice, on.bob, text="Our very own idea", value="yes")
    services.answer(on.space, on.bob, on.alice, item.pk, "no")
    with pytest.raises(services.DesiresError, match="Only the one who added"):
        services.remove_item(on.space, on.bob, on.alice, item.pk)
    services.remove_item(on.space, on.alice, on.bob, item.pk)
    assert not Item.objects.filter(pk=item.pk).exists()
    assert not Answer.objects.filter(item_id=item.pk).exists()


def test_custom_items_of_another_space_are_not_found(on: Personas):
    services.opt_in(on.other_space, on.carol, adult=True, want=True)
    services.opt_in(on.other_space, on.dave, adult=True, want=True)
    theirs = services.propose(on.other_space, on.carol, on.dave, text="Carol's idea", value="yes")
    with pytest.raises(Http404):
        services.answer(on.space, on.alice, on.bob, theirs.pk, "yes")
    assert theirs.pk not in {
        v.item.pk for v in services.tier_view(on.space, on.alice, on.bob, 1).items
    }


def test_one_person_can_add_at_most_so_many_items(on: Personas):
    for n in range(services.CUSTOM_MAX):
        services.propose(on.space, on.alice, on.bob, text=f"Idea number {n}", value="no")
    with pytest.raises(services.DesiresError) as refused:
        services.propose(on.space, on.alice, on.bob, text="One too many", value="no")
    assert refused.value.status == 409


# Matches


def test_matches_wait_until_both_answered_the_tier(on: Personas):
    answer_all(on.space, on.alice, on.bob, 1, "yes")
    view = services.matches(on.space, on.alice, on.bob)[0]
    assert view.state == "waiting" and view.partner_count is None and not view.matches


def test_count_and_confirm_before_the_first_matches(on: Personas):
    space, alice, bob = on.space, on.alice, on.bob
    answer_all(space, alice, bob, 1, "yes")
    answer_all(space, bob, alice, 1, "no")
    services.answer(space, bob, alice, by_key("test-1-0").pk, "curious")
    alices = services.matches(space, alice, bob)[0]
    bobs = services.matches(space, bob, alice)[0]
    assert (alices.state, alices.partner_count, alices.list_total) == ("confirm", 1, 4)
    assert (bobs.state, bobs.partner_count) == ("confirm", 4)
    assert not alices.matches
    with pytest.raises(services.DesiresError, match="count changed"):
        services.confirm(space, alice, bob, 1, seen=2)
    services.confirm(space, alice, bob, 1, seen=1)
    alices = services.matches(space, alice, bob)[0]
    assert alices.state == "confirm" and alices.i_confirmed and not alices.matches
    services.confirm(space, bob, alice, 1, seen=4)
    assert matched_keys(on, "alice") == {"both_yes": set(), "curious": {"test-1-0"}}
    assert matched_keys(on, "bob") == {"both_yes": set(), "curious": {"test-1-0"}}


def test_confirming_needs_both_to_have_answered_everything(on: Personas):
    answer_all(on.space, on.alice, on.bob, 1, "yes")
    with pytest.raises(services.DesiresError) as refused:
        services.confirm(on.space, on.alice, on.bob, 1, seen=0)
    assert refused.value.code == "not_complete"
    with pytest.raises(services.DesiresError, match="count"):
        services.confirm(on.space, on.alice, on.bob, 1, seen="4")


def test_matches_are_grouped_and_in_catalog_order(on: Personas):
    space, alice, bob = on.space, on.alice, on.bob
    answers = {
        "test-1-0": ("yes", "yes"),
        "test-1-1": ("curious", "yes"),
        "test-pair-1-give": ("no", "no"),
        "test-pair-1-receive": ("no", "no"),
    }
    for key in reversed(list(answers)):
        mine, theirs = answers[key]
        services.answer(space, alice, bob, by_key(key).pk, mine)
        services.answer(space, bob, alice, by_key(key).pk, theirs)
    confirm_both(on, 1)
    view = services.matches(space, alice, bob)[0]
    assert [m.item.key for m in view.both_yes] == ["test-1-0"]
    assert [m.item.key for m in view.curious] == ["test-1-1"]


def test_a_pair_matches_when_one_would_give_and_the_other_receive(on: Personas):
    space, alice, bob = on.space, on.alice, on.bob
    answer_all(space, alice, bob, 1, "no")
    answer_all(space, bob, alice, 1, "no")
    services.answer(space, alice, bob, by_key("test-pair-1-give").pk, "yes")
    services.answer(space, bob, alice, by_key("test-pair-1-receive").pk, "curious")
    confirm_both(on, 1)
    # Each sees the match in their own words: Alice gives, Bob receives.
    assert matched_keys(on, "alice") == {"both_yes": set(), "curious": {"test-pair-1-give"}}
    assert matched_keys(on, "bob") == {"both_yes": set(), "curious": {"test-pair-1-receive"}}


def test_both_wanting_to_give_is_not_a_match(on: Personas):
    space, alice, bob = on.space, on.alice, on.bob
    answer_all(space, alice, bob, 1, "no")
    answer_all(space, bob, alice, 1, "no")
    services.answer(space, alice, bob, by_key("test-pair-1-give").pk, "yes")
    services.answer(space, bob, alice, by_key("test-pair-1-give").pk, "yes")
    confirm_both(on, 1)
    assert matched_keys(on, "alice") == {"both_yes": set(), "curious": set()}


def _tier_state(people: Personas, viewer: str, tier: int = 1) -> services.TierMatches:
    me = getattr(people, viewer)
    partner = people.bob if viewer == "alice" else people.alice
    return next(v for v in services.matches(people.space, me, partner) if v.number == tier)


def test_after_confirming_a_new_yes_asks_both_to_confirm_again(on: Personas):
    space, alice, bob = on.space, on.alice, on.bob
    answer_all(space, alice, bob, 1, "yes")
    answer_all(space, bob, alice, 1, "no")
    confirm_both(on, 1)
    assert matched_keys(on, "alice") == {"both_yes": set(), "curious": set()}
    before = _tier_state(on, "alice").state
    # Bob switches one answer to yes: nothing shows until both have seen the new count,
    # so switching back and forth cannot probe Alice's answers.
    services.answer(space, bob, alice, by_key("test-1-1").pk, "yes")
    for viewer in ("alice", "bob"):
        view = _tier_state(on, viewer)
        assert view.state == "confirm" and not view.both_yes and not view.curious
    assert before == "shown"
    assert _tier_state(on, "alice").partner_count == 1
    confirm_both(on, 1)
    assert matched_keys(on, "alice") == {"both_yes": {"test-1-1"}, "curious": set()}
    # A change to "no" takes effect at once and asks nothing of anyone.
    services.answer(space, alice, bob, by_key("test-1-1").pk, "no")
    assert _tier_state(on, "bob").state == "shown"
    assert matched_keys(on, "bob") == {"both_yes": set(), "curious": set()}


def test_switching_between_yes_and_curious_also_asks_for_a_new_confirmation(on: Personas):
    space, alice, bob = on.space, on.alice, on.bob
    answer_all(space, alice, bob, 1, "yes")
    answer_all(space, bob, alice, 1, "yes")
    confirm_both(on, 1)
    services.answer(space, alice, bob, by_key("test-1-1").pk, "curious")
    assert _tier_state(on, "bob").state == "confirm"


def test_custom_items_match_like_any_other_and_are_left_out_of_the_count(on: Personas):
    space, alice, bob = on.space, on.alice, on.bob
    item = services.propose(space, alice, bob, text="Our very own idea", value="yes")
    answer_all(space, alice, bob, 1, "no")  # answers Alice's own item "no" too
    services.answer(space, alice, bob, item.pk, "yes")
    answer_all(space, bob, alice, 1, "no")
    view = services.matches(space, alice, bob)[0]
    assert view.partner_count == 0  # Bob's answer to Alice's item is not counted
    services.answer(space, bob, alice, item.pk, "yes")
    assert services.matches(space, alice, bob)[0].partner_count == 0
    confirm_both(on, 1)
    assert matched_keys(on, "alice")["both_yes"] == {"Our very own idea"}
    match = services.matches(space, alice, bob)[0].both_yes[0]
    assert len(match.starters) == 2


# Tonight and adherence


def test_tonight_offers_a_step_only_when_on_and_something_is_unanswered(on: Personas):
    Participation.objects.filter(user=on.bob).update(opted_in_at=None)
    assert tonight.step(on.space, on.alice) is None
    assert tonight.step(on.space, on.bob) is None
    services.opt_in(on.space, on.bob, adult=True, want=True)
    step = tonight.step(on.space, on.alice)
    assert step is not None and step.waiting_on_you and not step.done
    assert "privately" in str(step.title)
    answer_all(on.space, on.alice, on.bob, 1, "no")
    step = tonight.step(on.space, on.alice)
    assert step is not None and step.done


def test_adherence_counts_the_days_something_was_answered(on: Personas):
    answer_all(on.space, on.alice, on.bob, 1, "yes")
    Answer.objects.filter(user=on.alice).update(answered_at=dt.date(2026, 3, 1))
    services.answer(on.space, on.alice, on.bob, tier_items(on.space, 1)[0].pk, "no")
    Answer.objects.filter(user=on.alice, item=tier_items(on.space, 1)[0]).update(
        answered_at=dt.date(2026, 3, 4)
    )
    days = list(tonight.adherence(on.space, on.alice, dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
    assert days == [dt.date(2026, 3, 1), dt.date(2026, 3, 4)]
    assert (
        list(tonight.adherence(on.space, on.bob, dt.date(2026, 3, 1), dt.date(2026, 3, 31))) == []
    )
