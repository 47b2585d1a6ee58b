"""Progress through the pages: check in, answer the week, read your progress, export it."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from closeknit.progress import catalog, services
from closeknit.progress.models import Answer, CheckIn, DailyCheckIn, Sharing
from closeknit.progress.seed import seed_history
from closeknit.share import services as share
from closeknit.testing.personas import Personas, client_for

pytestmark = pytest.mark.django_db

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


def url(people: Personas, name: str, *args: str) -> str:
    return reverse(f"progress:{name}", args=[people.space.public_id, *args])


def test_the_daily_check_in_page_offers_seven_pictures_as_a_radio_group(people: Personas):
    page = people.client("alice").get(url(people, "daily")).content.decode()
    assert page.count('type="radio" name="closeness"') == 7
    assert page.count('<svg class="pictures__svg"') == 7
    assert "1 of 7: apart" in page and "7 of 7: almost one" in page
    assert "<legend>Which picture fits the two of you today?</legend>" in page
    assert page.count('name="understood"') == 7
    assert "style=" not in page  # the CSP forbids inline styles


def test_checking_in_saves_for_today_and_goes_back_to_tonight(people: Personas):
    client = people.client("alice")
    response = client.post(url(people, "daily"), {"closeness": "5", "understood": "6"})
    assert response.status_code == 302
    assert response["Location"] == reverse("tonight:home", args=[people.space.public_id])
    saved = DailyCheckIn.objects.get(user=people.alice)
    assert (saved.closeness, saved.understood, saved.date) == (5, 6, people.alice.today())
    # The same day again: an edit, not a second check-in.
    assert client.post(url(people, "daily"), {"closeness": "6"}).status_code == 302
    saved.refresh_from_db()
    assert (saved.closeness, saved.understood) == (6, None)
    assert DailyCheckIn.objects.count() == 1
    assert 'value="6" checked' in client.get(url(people, "daily")).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose one of the seven pictures."),
        ({"closeness": "9"}, "Select a valid choice"),
        ({"closeness": "two"}, "Select a valid choice"),
        ({"closeness": "4", "understood": "0"}, "Select a valid choice"),
    ],
)
def test_bad_check_ins_get_a_400_and_nothing_saved(people: Personas, data, message):
    services.save_daily(people.space, people.alice, closeness=2)
    response = people.client("alice").post(url(people, "daily"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(DailyCheckIn.objects.values_list("closeness", flat=True)) == [2]


def test_the_weekly_check_in_is_rendered_from_its_yaml(people: Personas):
    page = people.client("alice").get(url(people, "check_in", catalog.WEEKLY)).content.decode()
    weekly = services.get_instrument(catalog.WEEKLY)
    for item in weekly.items:
        assert item.text.replace("'", "&#x27;") in page
        assert page.count(f'name="{item.key}"') == 7
    assert "Not at all" in page and "Completely" in page


def test_answering_the_week_saves_every_item_and_its_score(people: Personas):
    data = dict.fromkeys(WEEKLY_ITEMS, "5") | {"alone": "3"}
    response = people.client("alice").post(url(people, "check_in", catalog.WEEKLY), data)
    assert response.status_code == 302
    check_in = CheckIn.objects.get()
    assert check_in.total == pytest.approx(5.0)
    assert Answer.objects.filter(check_in=check_in).count() == 8
    page = people.client("alice").get(url(people, "check_in", catalog.WEEKLY)).content.decode()
    assert "Save changes" in page and 'value="3" checked' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"closeness": "5"}, "Please answer at least 7 of the 8 questions."),
        (dict.fromkeys(WEEKLY_ITEMS, "8"), "Select a valid choice"),
        ({}, "Please answer at least 7 of the 8 questions."),
    ],
)
def test_bad_weekly_answers_get_a_400_and_nothing_saved(people: Personas, data, message):
    response = people.client("alice").post(url(people, "check_in", catalog.WEEKLY), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CheckIn.objects.exists()


def test_an_unknown_instrument_is_404(people: Personas):
    client = people.client("alice")
    assert client.get(url(people, "check_in", "no-such-thing")).status_code == 404
    assert client.post(url(people, "check_in", "no-such-thing"), {}).status_code == 404


def test_progress_says_not_enough_data_under_five_points(people: Personas):
    for offset in range(4):
        services.save_daily(
            people.space,
            people.alice,
            closeness=4,
            now=dt.datetime.now(dt.UTC) - dt.timedelta(days=offset),
        )
    page = people.client("alice").get(url(people, "home")).content.decode()
    assert "Not enough data yet: 4 check-ins so far." in page
    assert '<svg class="chart"' not in page


def test_progress_with_history_draws_charts_with_words_and_tables(people: Personas):
    seed_history(people.space, people.alice, days=60, seed=5, rise=1.6)
    page = people.client("alice").get(url(people, "home")).content.decode()
    assert page.count('<svg class="chart"') == 3
    assert "Baseline (" in page and "The smoothed line is at" in page
    assert "Week-by-week check" in page
    assert "reliable" in page and "Jacobson &amp; Truax (1991)" in page
    assert "<table>" in page and "The numbers" in page
    assert "association, not a cause" in page
    assert "style=" not in page


def test_adherence_and_the_rhythm_come_from_the_registry(people: Personas):
    today = people.alice.today()
    for offset in (0, 1, 2):
        day = dt.datetime.now(dt.UTC) - dt.timedelta(days=offset)
        daily = share.today_for(people.space, now=day)
        share.submit_answer(daily, people.alice, text="mine")
        if offset != 1:
            share.submit_answer(daily, people.bob, text="theirs")
    page = people.client("alice").get(url(people, "home")).content.decode()
    monday = today - dt.timedelta(days=today.weekday())
    together_this_week = sum(1 for offset in (0, 2) if today - dt.timedelta(days=offset) >= monday)
    assert "Your practices, week by week" in page and "Share" in page
    expected = "evening together this week" if together_this_week == 1 else "evenings together"
    assert f"{together_this_week} {expected}" in page
    assert "streak" not in page.lower()


def test_the_csv_export_is_yours_alone(people: Personas):
    services.save_daily(people.space, people.alice, closeness=4, understood=5)
    services.save_daily(people.space, people.bob, closeness=7, understood=7)
    response = people.client("alice").get(url(people, "export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="closeknit-check-ins-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["date", "check_in", "item", "value"]
    assert [row[2:] for row in rows[1:]] == [["closeness", "4"], ["understood", "5"]]


def test_choosing_to_share_and_to_stop(people: Personas):
    client = people.client("bob")
    assert client.post(url(people, "sharing"), {"share": "on"}).status_code == 302
    assert Sharing.objects.get(user=people.bob).shares_series
    page = client.get(url(people, "home")).content.decode()
    assert "Your partner can see your series." in page
    assert client.post(url(people, "sharing"), {}).status_code == 302
    assert not Sharing.objects.get(user=people.bob).shares_series
    assert client.get(url(people, "sharing")).status_code == 405


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["home", "together"])
def test_progress_pages_use_a_fixed_number_of_queries(people: Personas, name: str):
    for person in (people.alice, people.bob):
        services.set_sharing(people.space, person, True)
    client = people.client("alice")
    path = url(people, name)
    end = people.alice.today() - dt.timedelta(days=200)
    seed_history(people.space, people.alice, days=10, end=end, seed=1)
    seed_history(people.space, people.bob, days=10, end=end, seed=2)
    client.get(path)
    few = _queries(client, path)
    for person in (people.alice, people.bob):
        seed_history(people.space, person, days=180, seed=3)
    for offset in range(30):
        daily = share.today_for(
            people.space, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=offset)
        )
        share.submit_answer(daily, people.alice, text="a")
        share.submit_answer(daily, people.bob, text="b")
    assert _queries(client, path) == few


def test_the_demo_seeds_readable_history_once(db: None):
    from django.core.management import call_command

    from closeknit.accounts.models import User
    from closeknit.couples import access
    from closeknit.share.models import Answer as ShareAnswer

    call_command("content", "load", verbosity=0)
    call_command("demo")
    counts = (DailyCheckIn.objects.count(), CheckIn.objects.count(), ShareAnswer.objects.count())
    call_command("demo")  # idempotent
    assert (
        DailyCheckIn.objects.count(),
        CheckIn.objects.count(),
        ShareAnswer.objects.count(),
    ) == counts
    robin = User.objects.get(email="robin@demo.closeknit.test")
    space = access.spaces_of(robin)[0]
    days = DailyCheckIn.objects.filter(user=robin).count()
    assert 45 <= days < 60  # sixty days with a few missed
    assert counts[2] >= 40
    client = client_for(robin)
    page = client.get(reverse("progress:home", args=[space.public_id])).content.decode()
    assert page.count('<svg class="chart"') == 3 and "Week-by-week check" in page
    together = client.get(reverse("progress:together", args=[space.public_id])).content.decode()
    assert "You both" in together


def test_the_api_checks_in_and_reads_only_your_own_series(people: Personas):
    client = people.client("alice")
    base = f"/api/v1/progress/{people.space.public_id}"
    saved = client.post(
        f"{base}/today", {"closeness": 6, "understood": 5}, content_type="application/json"
    )
    assert saved.status_code == 200 and saved.json()["closeness"] == 6
    bad = client.post(f"{base}/today", {"closeness": 12}, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json() == {
        "error": {"code": "error", "message": "Choose one of the seven pictures."}
    }
    assert client.get(f"{base}/today").json()["check_in"]["understood"] == 5
    series = client.get(f"{base}/series").json()
    assert [p["value"] for p in series["closeness"]] == [6.0] and series["weekly"] == []
    shared = client.post(f"{base}/sharing", {"share": True}, content_type="application/json")
    assert shared.json() == {"share": True} and services.shares(people.space, people.alice)
    bob = people.client("bob").get(f"{base}/partner/series").json()
    assert bob["shared"] and bob["series"]["closeness"][0]["value"] == 6.0
    form = client.get(f"{base}/instruments/{catalog.WEEKLY}").json()
    assert len(form["items"]) == 8 and form["scale"] == {"min": 1, "max": 7}
    assert client.get(f"{base}/instruments/nothing-here").status_code == 404


def test_progress_works_while_waiting_for_a_partner(people: Personas):
    from closeknit.couples import services as couples

    space = couples.create_space(people.carol, name="Solo for now")
    client = people.client("carol")
    for name in ("home", "together", "daily", "export"):
        response = client.get(reverse(f"progress:{name}", args=[space.public_id]))
        assert response.status_code == 200, name
    assert (
        "It's just you in this space now."
        in client.get(reverse("progress:together", args=[space.public_id])).content.decode()
    )
