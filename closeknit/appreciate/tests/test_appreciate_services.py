from __future__ import annotations

import datetime as dt
import random

import pytest

from closeknit.appreciate import feedback, qualities, services, tonight
from closeknit.appreciate.models import Appreciation, AppreciationQuality
from closeknit.coaching import appreciation as coach
from closeknit.couples import access
from closeknit.couples import services as couples
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

UTC = dt.UTC
NOW = dt.datetime(2026, 6, 1, 20, 0, tzinfo=UTC)

PATIENT = "Last night you sat with Sam for an hour on the stairs. That was so patient of you."
FUNNY = "At dinner you did the waiter impression and I laughed until I cried. You're so funny."
KIND = "You drove my mum to the clinic on Tuesday. So kind, it says so much about you."


def days_before(days: float, now: dt.datetime = NOW) -> dt.datetime:
    return now - dt.timedelta(days=days)


# Writing


def test_writing_stores_the_coachs_view_at_the_moment_of_saving(people: Personas):
    item = services.write(people.space, people.alice, text=f"  {PATIENT}  ", now=NOW)
    item.refresh_from_db()
    assert item.text == PATIENT
    assert item.recipient == people.bob
    assert item.score == coach.assess(PATIENT).score > 0
    assert item.quality_slugs == coach.assess(PATIENT).qualities == ["patience"]
    assert item.created_at == NOW
    assert item.local_date == dt.date(2026, 6, 1)


def test_the_coach_never_blocks_sending(people: Personas):
    for text in ("great", "asdkjh qwpeoiru zxmcnv", "Merci pour tout, mon cœur", "x"):
        item = services.write(people.space, people.alice, text=text)
        assert Appreciation.objects.filter(pk=item.pk).exists()
    assert Appreciation.objects.get(text="asdkjh qwpeoiru zxmcnv").score == 0


@pytest.mark.parametrize(
    ("text", "code"), [("", "empty"), ("   \n ", "empty"), ("x" * 1001, "too_long")]
)
def test_empty_or_overlong_words_are_refused_and_nothing_is_saved(people: Personas, text, code):
    with pytest.raises(services.AppreciateError) as error:
        services.write(people.space, people.alice, text=text)
    assert error.value.code == code
    assert error.value.status == 400
    assert not Appreciation.objects.exists()


def test_a_thousand_characters_with_browser_line_breaks_still_fit(people: Personas):
    text = ("a" * 98 + "\r\n") * 10  # 1,000 characters as the browser counts them
    item = services.write(people.space, people.alice, text=text)
    assert len(item.text) <= 1000


def test_without_a_partner_there_is_no_one_to_write_to(people: Personas):
    couples.leave_space(access.membership_for(people.bob, people.space.public_id))
    with pytest.raises(services.AppreciateError) as error:
        services.write(people.space, people.alice, text=KIND)
    assert error.value.code == "no_partner"
    assert error.value.status == 409


# The jar


def test_the_jar_holds_what_the_partner_wrote_newest_first(people: Personas):
    older = services.write(people.space, people.alice, text=PATIENT, now=days_before(3))
    newer = services.write(people.space, people.alice, text=FUNNY, now=days_before(1))
    services.write(
        people.space, people.bob, text=KIND, now=days_before(2)
    )  # Bob's own: not his jar
    jar = services.jar(people.space, people.bob)
    assert [item.pk for item in jar.items] == [newer.pk, older.pk]
    assert jar.present == ["humour", "patience"]  # chips in the coach's order
    assert services.jar(people.space, people.alice).items[0].text == KIND


def test_the_jar_filters_by_quality(people: Personas):
    patient = services.write(people.space, people.alice, text=PATIENT)
    services.write(people.space, people.alice, text=FUNNY)
    jar = services.jar(people.space, people.bob, quality="patience")
    assert [item.pk for item in jar.items] == [patient.pk]
    assert services.jar(people.space, people.bob, quality="courage").items == []
    # The chips still offer every quality in the jar while one is chosen.
    assert set(jar.present) == {"patience", "humour"}


def test_an_unknown_quality_filter_is_refused(people: Personas):
    with pytest.raises(services.AppreciateError) as error:
        services.jar(people.space, people.bob, quality="sneakiness")
    assert error.value.code == "bad_quality"


def test_favourites_are_saved_by_the_recipient_and_filtered(people: Personas):
    kept = services.write(people.space, people.alice, text=PATIENT)
    services.write(people.space, people.alice, text=FUNNY)
    services.set_favourite(people.space, people.bob, kept.pk, True)
    assert [i.pk for i in services.jar(people.space, people.bob, favourites=True).items] == [
        kept.pk
    ]
    services.set_favourite(people.space, people.bob, kept.pk, False)
    assert services.jar(people.space, people.bob, favourites=True).items == []


def test_only_the_one_it_was_written_for_may_save_or_react(people: Personas):
    mine = services.write(people.space, people.alice, text=PATIENT)
    for act in (
        lambda: services.set_favourite(people.space, people.alice, mine.pk, True),
        lambda: services.react(people.space, people.alice, mine.pk, words="me"),
    ):
        with pytest.raises(services.AppreciateError) as error:
            act()
        assert error.value.code == "own"
    mine.refresh_from_db()
    assert not mine.favourite and not mine.heart


def test_a_stranger_cannot_reach_someone_elses_appreciation(people: Personas):
    theirs = services.write(people.other_space, people.carol, text=KIND)
    for space in (people.space, people.other_space):
        with pytest.raises(services.Http404):
            services.set_favourite(space, people.alice, theirs.pk, True)
        with pytest.raises(services.Http404):
            services.react(space, people.bob, theirs.pk)


def test_a_heart_and_words_reach_the_author(people: Personas):
    item = services.write(people.space, people.alice, text=PATIENT)
    services.react(people.space, people.bob, item.pk, words="I'd sit there all night.", now=NOW)
    _page, sent = services.sent(people.space, people.alice)
    assert (sent[0].heart, sent[0].reply, sent[0].reacted_at) == (
        True,
        "I'd sit there all night.",
        NOW,
    )
    # Reacting again replaces the words.
    services.react(people.space, people.bob, item.pk, words="")
    item.refresh_from_db()
    assert item.heart and item.reply == ""
    with pytest.raises(services.AppreciateError):
        services.react(people.space, people.bob, item.pk, words="x" * 501)


# On a hard day


def test_a_hard_day_shows_a_saved_favourite_when_there_is_one(people: Personas):
    items = [services.write(people.space, people.alice, text=t) for t in (PATIENT, FUNNY, KIND)]
    services.set_favourite(people.space, people.bob, items[0].pk, True)
    services.set_favourite(people.space, people.bob, items[2].pk, True)
    shown = {
        services.hard_day(people.space, people.bob, rng=random.Random(seed)).item.pk  # type: ignore[union-attr]
        for seed in range(20)
    }
    assert shown == {items[0].pk, items[2].pk}
    assert services.hard_day(people.space, people.bob, rng=random.Random(1)).from_favourites


def test_a_hard_day_falls_back_to_anything_received(people: Personas):
    items = [services.write(people.space, people.alice, text=t) for t in (PATIENT, FUNNY)]
    first = services.hard_day(people.space, people.bob, rng=random.Random(7))
    again = services.hard_day(people.space, people.bob, rng=random.Random(7))
    assert first.item == again.item  # the seed decides
    assert first.item is not None and first.item.pk in {i.pk for i in items}
    assert not first.from_favourites
    # "Another one" avoids the one just shown when it can.
    other = services.hard_day(people.space, people.bob, rng=random.Random(7), avoid=first.item.pk)
    assert other.item is not None and other.item.pk != first.item.pk


def test_a_hard_day_with_an_empty_jar_shows_nothing(people: Personas):
    services.write(people.space, people.bob, text=KIND)  # Bob's own words are not his jar
    assert services.hard_day(people.space, people.bob).item is None


# Rediscover


def test_rediscover_waits_sixty_days(people: Personas):
    services.write(people.space, people.alice, text=PATIENT, now=days_before(59))
    assert services.rediscover(people.space, people.alice, now=NOW) == []
    later = NOW + dt.timedelta(days=1)
    found = services.rediscover(people.space, people.alice, now=later)
    assert [r.quality for r in found] == ["patience"]
    assert found[0].sentence == "You once loved how patient Bob is."
    assert found[0].earlier.text == PATIENT


def test_rediscover_shows_at_exactly_sixty_days(people: Personas):
    services.write(people.space, people.alice, text=PATIENT, now=days_before(60))
    assert [r.quality for r in services.rediscover(people.space, people.alice, now=NOW)] == [
        "patience"
    ]


def test_praising_it_again_since_puts_it_away(people: Personas):
    services.write(people.space, people.alice, text=PATIENT, now=days_before(90))
    services.write(people.space, people.alice, text=FUNNY, now=days_before(80))
    services.write(
        people.space, people.alice, text="You were patient with me today.", now=days_before(10)
    )
    found = services.rediscover(people.space, people.alice, now=NOW)
    assert [r.quality for r in found] == ["humour"]


def test_rediscover_quotes_the_most_recent_earlier_words(people: Personas):
    services.write(people.space, people.alice, text=PATIENT, now=days_before(200))
    recent = "On Sunday you waited for me at the station for an hour. So patient."
    services.write(people.space, people.alice, text=recent, now=days_before(70))
    assert services.rediscover(people.space, people.alice, now=NOW)[0].earlier.text == recent


def test_rediscover_is_never_offered_to_the_partner(people: Personas):
    services.write(people.space, people.alice, text=PATIENT, now=days_before(100))
    assert services.rediscover(people.space, people.bob, now=NOW) == []
    assert services.rediscover(people.space, people.carol, now=NOW) == []


def test_rediscover_offers_the_longest_unmentioned_first_and_at_most_two(people: Personas):
    services.write(people.space, people.alice, text=KIND, now=days_before(70))
    services.write(people.space, people.alice, text=PATIENT, now=days_before(300))
    services.write(people.space, people.alice, text=FUNNY, now=days_before(100))
    found = services.rediscover(people.space, people.alice, now=NOW)
    assert [r.quality for r in found] == ["patience", "humour"]


# Counts, Tonight and adherence: one's own only


def test_counts_are_of_ones_own_writing(people: Personas):
    for n in range(3):
        services.write(people.space, people.alice, text=KIND, now=days_before(n * 20))
    services.write(people.space, people.bob, text=FUNNY, now=NOW)
    counts = services.own_counts(people.space, people.alice, now=NOW)
    assert (counts.written, counts.this_month) == (3, 2)
    assert services.own_counts(people.space, people.bob, now=NOW).written == 1


def test_today_is_the_spaces_local_day(people: Personas):
    people.space.time_zone = "Pacific/Auckland"
    people.space.save()
    # 13:00 UTC on 1 June is already 2 June in Auckland.
    services.write(
        people.space, people.alice, text=KIND, now=dt.datetime(2026, 6, 1, 13, tzinfo=UTC)
    )
    assert services.wrote_today(
        people.space, people.alice, now=dt.datetime(2026, 6, 2, 9, tzinfo=UTC)
    )
    assert not services.wrote_today(
        people.space, people.alice, now=dt.datetime(2026, 6, 1, 11, tzinfo=UTC)
    )
    assert services.dates_written(
        people.space, people.alice, dt.date(2026, 6, 1), dt.date(2026, 6, 30)
    ) == [dt.date(2026, 6, 2)]


def test_tonight_offers_one_specific_thing_until_it_is_written(people: Personas):
    step = tonight.step(people.space, people.alice)
    assert step is not None and not step.done and step.waiting_on_you
    assert str(step.title) == "One specific thing you noticed today"
    services.write(people.space, people.alice, text=KIND)
    after = tonight.step(people.space, people.alice)
    assert after is not None and after.done
    # Bob's step is his own: Alice writing does not tick it.
    bob = tonight.step(people.space, people.bob)
    assert bob is not None and not bob.done


def test_adherence_lists_the_dates_written(people: Personas):
    for days in (0, 0, 2, 5):
        services.write(people.space, people.alice, text=KIND, now=days_before(days))
    dates = list(
        tonight.adherence(people.space, people.alice, dt.date(2026, 5, 1), dt.date(2026, 6, 1))
    )
    assert dates == [dt.date(2026, 5, 27), dt.date(2026, 5, 30), dt.date(2026, 6, 1)]


# The coach's words


def test_every_coach_hint_has_a_translatable_version():
    hints = [getattr(coach, name) for name in dir(coach) if name.startswith("HINT_")]
    for hint in hints:
        text = hint.format(word="amazing") if "{word}" in hint else hint
        assert text in feedback.HINTS or "{word}" in hint, hint
        assert feedback.translate_hint(text) == text  # English stays English
    assert "“great”" in feedback.translate_hint(coach.HINT_SUPERLATIVE.format(word="great"))


def test_every_quality_has_a_label_and_a_rediscover_sentence():
    assert set(qualities.LABELS) == set(coach.QUALITIES) == set(qualities.ONCE_LOVED)
    for slug in coach.QUALITIES:
        assert "Bob" in qualities.once_loved(slug, "Bob")
        assert qualities.once_loved(slug, "Bob").startswith("You once loved how")


def test_feedback_describes_the_score_in_words_not_numbers():
    empty = feedback.for_text("   ")
    assert empty.empty and empty.score == 0 and empty.hints
    vivid = feedback.for_text(PATIENT)
    assert vivid.words in {str(words) for _low, words in feedback.BANDS}
    assert not any(ch.isdigit() for ch in vivid.words)
    assert feedback.for_text("x" * 1001, limit=1000).too_long


def test_quality_rows_follow_the_coachs_order(people: Personas):
    text = "You were so brave and so funny at the party on Saturday."
    item = services.write(people.space, people.alice, text=text)
    assert item.quality_slugs == coach.assess(text).qualities
    assert AppreciationQuality.objects.filter(appreciation=item).count() == len(item.quality_slugs)
