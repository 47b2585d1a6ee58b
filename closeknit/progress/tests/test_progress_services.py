"""Check-ins through the real services: one a day, one a week, scored from data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from closeknit.progress import catalog, services
from closeknit.progress.models import Answer, CheckIn, DailyCheckIn
from closeknit.progress.seed import seed_history
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

# 23:30 on a Wednesday in London is already Thursday in UTC+2 and still Wednesday in Toronto.
LATE_WEDNESDAY = dt.datetime(2025, 3, 5, 23, 30, tzinfo=dt.UTC)
WEEKLY_ITEMS = [
    "closeness",
    "appreciated",
    "alone",
    "understood",
    "desires",
    "fun",
    "newness",
    "satisfaction",
]

SECOND_INSTRUMENT = """
key: therapist-pulse
version: 1
name: "A therapist's pulse check"
cadence: weekly
scale: {min: 0, max: 4, labels: {0: "Never", 4: "Always"}}
items:
  - {key: heard, text: "I felt heard.", subscale: talk}
  - {key: tense, text: "Things felt tense.", reverse: true, subscale: mood}
  - {key: warm, text: "Things felt warm.", subscale: mood}
scoring: {method: sum, min_answered: 0.6}
subscales:
  talk: {name: "Talk"}
  mood: {name: "Mood"}
cutoffs:
  - {max: 6, label: "rough week"}
  - {max: 12, label: "steady week"}
reliability: 0.85
sd: 2.5
attribution: "Invented for this test; a therapist would load their own licensed questionnaire."
"""


def test_a_daily_check_in_is_one_per_person_per_local_day_and_editable(people: Personas):
    first = services.save_daily(people.space, people.alice, closeness=3, now=LATE_WEDNESDAY)
    again = services.save_daily(
        people.space, people.alice, closeness=5, understood=6, now=LATE_WEDNESDAY
    )
    assert first.pk == again.pk
    saved = DailyCheckIn.objects.get()
    assert (saved.date, saved.closeness, saved.understood) == (dt.date(2025, 3, 5), 5, 6)


def test_the_local_day_is_the_person_s_own(people: Personas):
    people.alice.time_zone = "Asia/Tokyo"
    people.alice.save(update_fields=["time_zone"])
    services.save_daily(people.space, people.alice, closeness=4, now=LATE_WEDNESDAY)
    services.save_daily(people.space, people.bob, closeness=4, now=LATE_WEDNESDAY)
    days = dict(DailyCheckIn.objects.values_list("user_id", "date"))
    assert days[people.alice.pk] == dt.date(2025, 3, 6)  # already Thursday in Tokyo
    assert days[people.bob.pk] == dt.date(2025, 3, 5)  # still Wednesday in Toronto


@pytest.mark.parametrize(
    ("closeness", "understood", "code"),
    [
        (0, None, "bad_closeness"),
        (8, None, "bad_closeness"),
        ("lots", None, "bad_closeness"),
        (None, None, "bad_closeness"),
        (True, None, "bad_closeness"),
        (4, 9, "bad_understood"),
        (4, "x", "bad_understood"),
    ],
)
def test_values_off_the_scale_are_refused_and_nothing_is_saved(
    people: Personas, closeness, understood, code
):
    with pytest.raises(services.CheckInError) as raised:
        services.save_daily(people.space, people.alice, closeness=closeness, understood=understood)
    assert raised.value.code == code
    assert not DailyCheckIn.objects.exists()


def test_the_weekly_check_in_is_scored_with_reverse_keys_and_subscales(people: Personas):
    weekly = services.get_instrument(catalog.WEEKLY)
    answers = dict.fromkeys(WEEKLY_ITEMS, 6)
    answers["alone"] = 2  # reverse-keyed: counts as 6
    check_in = services.save_check_in(
        people.space, people.alice, weekly, answers, now=LATE_WEDNESDAY
    )
    check_in.refresh_from_db()
    assert check_in.period_start == dt.date(2025, 3, 3)  # the Monday of its ISO week
    assert check_in.total == pytest.approx(6.0)
    assert check_in.subscales == {
        "connection": pytest.approx(6.0),
        "communication": pytest.approx(6.0),
        "vitality": pytest.approx(6.0),
    }
    stored = dict(Answer.objects.values_list("item", "value"))
    assert stored["alone"] == 2  # the answer as given; keying happens when scoring
    assert len(stored) == 8


def test_one_weekly_check_in_per_iso_week_and_answers_can_change(people: Personas):
    weekly = services.get_instrument(catalog.WEEKLY)
    services.save_check_in(
        people.space, people.alice, weekly, dict.fromkeys(WEEKLY_ITEMS, 3), now=LATE_WEDNESDAY
    )
    sunday = LATE_WEDNESDAY + dt.timedelta(days=4) - dt.timedelta(hours=12)
    services.save_check_in(
        people.space,
        people.alice,
        weekly,
        {**dict.fromkeys(WEEKLY_ITEMS, 5), "newness": None},
        now=sunday,
    )
    assert CheckIn.objects.count() == 1
    check_in = CheckIn.objects.get()
    assert check_in.total == pytest.approx((5 * 6 + 3) / 7)  # "alone" 5 keys to 3; one prorated
    assert set(Answer.objects.values_list("item", flat=True)) == set(WEEKLY_ITEMS) - {"newness"}
    next_week = LATE_WEDNESDAY + dt.timedelta(days=7)
    services.save_check_in(
        people.space, people.alice, weekly, dict.fromkeys(WEEKLY_ITEMS, 4), now=next_week
    )
    assert CheckIn.objects.count() == 2


def test_too_few_answers_are_refused_with_how_many_are_needed(people: Personas):
    weekly = services.get_instrument(catalog.WEEKLY)
    with pytest.raises(services.CheckInError, match="at least 7 of the 8"):
        services.save_check_in(
            people.space, people.alice, weekly, {"closeness": 5, "fun": 6}, now=LATE_WEDNESDAY
        )
    with pytest.raises(services.CheckInError):
        services.save_check_in(people.space, people.alice, weekly, {"closeness": 99})
    with pytest.raises(services.CheckInError):
        services.save_check_in(people.space, people.alice, weekly, {"made_up": 3})
    assert not CheckIn.objects.exists() and not Answer.objects.exists()


def test_a_second_instrument_needs_only_its_yaml_file(people: Personas, tmp_path: Path):
    (tmp_path / "therapist-pulse.yaml").write_text(SECOND_INSTRUMENT, encoding="utf-8")
    with override_settings(CLOSEKNIT_INSTRUMENT_DIRS=[str(tmp_path)]):
        assert set(catalog.instruments()) == {catalog.WEEKLY, "therapist-pulse"}
        pulse = services.get_instrument("therapist-pulse")
        check_in = services.save_check_in(
            people.space,
            people.alice,
            pulse,
            {"heard": 3, "tense": 1, "warm": None},
            now=LATE_WEDNESDAY,
        )
        # tense 1 reverses to 3 on 0..4; two of three answered (>= 0.6) and prorated: 3 * 3.
        assert check_in.total == pytest.approx(9.0)
        assert check_in.band == "steady week"
        # "mood" has one of its two items answered: too few for a subscale score.
        assert check_in.subscales == {"talk": pytest.approx(3.0), "mood": None}
        assert check_in.version == 1 and check_in.period_start == dt.date(2025, 3, 3)

        # The same pages render and save it, with no code written for it.
        client = people.client("alice")
        url = reverse("progress:check_in", args=[people.space.public_id, "therapist-pulse"])
        page = client.get(url).content.decode()
        assert "A therapist&#x27;s pulse check" in page and "Things felt tense." in page
        response = client.post(url, {"heard": "4", "tense": "0", "warm": "4"})
        assert response.status_code == 302
    assert CheckIn.objects.filter(instrument="therapist-pulse").count() == 2
    assert people.client("alice").get(url).status_code == 404  # gone with its folder


def test_sharing_is_private_by_default_and_each_person_chooses(people: Personas):
    assert services.sharing_choices(people.space, [people.alice, people.bob]) == {
        people.alice.pk: False,
        people.bob.pk: False,
    }
    services.set_sharing(people.space, people.bob, True)
    assert services.shares(people.space, people.bob)
    assert not services.shares(people.space, people.alice)
    services.set_sharing(people.space, people.bob, False)
    assert not services.shares(people.space, people.bob)


def test_partner_series_only_while_the_partner_shares(people: Personas):
    seed_history(people.space, people.bob, days=10, seed=1)
    assert services.partner_series(people.space, people.alice, people.bob) is None
    services.set_sharing(people.space, people.bob, True)
    theirs = services.partner_series(people.space, people.alice, people.bob)
    assert theirs is not None and theirs.check_in_days >= 8
    assert services.partner_series(people.space, people.alice, None) is None
    assert services.partner_series(people.space, people.alice, people.alice) is None


def test_seeding_history_twice_changes_nothing(people: Personas):
    end = dt.date(2025, 3, 30)
    first = seed_history(people.space, people.alice, days=30, end=end, seed=3)
    snapshot = list(DailyCheckIn.objects.order_by("date").values_list("date", "closeness"))
    weekly = list(CheckIn.objects.order_by("period_start").values_list("period_start", "total"))
    assert seed_history(people.space, people.alice, days=30, end=end, seed=3) == first
    assert list(DailyCheckIn.objects.order_by("date").values_list("date", "closeness")) == snapshot
    assert (
        list(CheckIn.objects.order_by("period_start").values_list("period_start", "total"))
        == weekly
    )
    assert 24 <= first <= 30 and len(weekly) == 5


def test_export_rows_hold_only_the_person_s_own_check_ins(people: Personas):
    services.save_daily(people.space, people.alice, closeness=4, understood=5, now=LATE_WEDNESDAY)
    services.save_daily(people.space, people.bob, closeness=7, understood=7, now=LATE_WEDNESDAY)
    weekly = services.get_instrument(catalog.WEEKLY)
    services.save_check_in(
        people.space, people.alice, weekly, dict.fromkeys(WEEKLY_ITEMS, 2), now=LATE_WEDNESDAY
    )
    rows = services.export_rows(people.space, people.alice)
    assert rows[0] == ["date", "check_in", "item", "value"]
    assert ["2025-03-05", "daily", "closeness", "4"] in rows
    assert ["2025-03-05", "daily", "understood", "5"] in rows
    assert ["2025-03-03", "closeknit-weekly", "alone", "2"] in rows
    assert ["2025-03-03", "closeknit-weekly", "score", "2.500"] in rows  # (2*7 + 6) / 8
    assert not any(row[3] == "7" for row in rows[1:])
