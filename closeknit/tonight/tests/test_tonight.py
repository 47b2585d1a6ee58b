"""Tonight: one small step per practice, from the registry; the check-ins; done steps fold away."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from closeknit.progress import services as progress
from closeknit.progress import tonight as progress_tonight
from closeknit.progress.seed import seed_history
from closeknit.share import services as share
from closeknit.testing.personas import Personas
from closeknit.tonight import registry
from closeknit.tonight.registry import Practice, TonightStep

pytestmark = pytest.mark.django_db

THURSDAY_EVENING = dt.datetime(2025, 3, 6, 19, tzinfo=dt.UTC)
MONDAY_EVENING = dt.datetime(2025, 3, 3, 19, tzinfo=dt.UTC)


def _fake_step(space, user) -> TonightStep:
    return TonightStep(
        title="Hum a tune together",
        description="A practice that landed after Tonight was written.",
        url="/somewhere/",
        waiting_on_you=True,
        minutes=3,
    )


FAKE = Practice(
    slug="hum",
    name="Hum",
    description="Hum together.",
    url_name="tonight:home",
    order=5,
    step=_fake_step,
    adherence=lambda space, user, start, end: [end],
)


@pytest.fixture
def fake_practice() -> Iterator[Practice]:
    registry.register(FAKE)
    yield FAKE
    registry.unregister(FAKE.slug)


def home(people: Personas) -> str:
    return reverse("tonight:home", args=[people.space.public_id])


def only(people: Personas, *slugs: str) -> None:
    """Turn every other practice off for both, so a test does not depend on what else landed."""
    for person in (people.alice, people.bob):
        person.practices_off = [p.slug for p in registry.all_practices() if p.slug not in slugs]
        person.save(update_fields=["practices_off"])


# The registry


def test_registering_the_same_practice_twice_is_harmless_but_a_clash_is_an_error(
    fake_practice: Practice,
):
    assert registry.register(FAKE) is FAKE
    clash = Practice(slug="hum", name="Other", description="", url_name="tonight:home")
    with pytest.raises(ValueError, match="registered twice"):
        registry.register(clash)
    assert registry.get("hum") is FAKE


def test_practices_come_in_display_order_and_unregister_cleanly(fake_practice: Practice):
    slugs = [p.slug for p in registry.all_practices()]
    assert slugs.index("hum") < slugs.index("share")  # order 5 before Share's 10
    registry.unregister("hum")
    assert registry.get("hum") is None
    registry.unregister("hum")  # twice is fine
    registry.register(FAKE)


def test_active_for_follows_the_person_and_the_space(people: Personas, fake_practice: Practice):
    assert fake_practice in registry.active_for(people.space, people.alice)
    people.alice.practices_off = ["hum"]
    people.alice.save(update_fields=["practices_off"])
    assert fake_practice not in registry.active_for(people.space, people.alice)
    romantic = Practice(
        slug="romance", name="R", description="", url_name="tonight:home", romantic_only=True
    )
    registry.register(romantic)
    try:
        assert romantic in registry.active_for(people.space, people.bob)
        people.space.romantic = False
        assert romantic not in registry.active_for(people.space, people.bob)
    finally:
        registry.unregister("romance")


# The page


def test_a_practice_registered_later_appears_on_tonight_untouched(
    people: Personas, fake_practice: Practice
):
    page = people.client("alice").get(home(people)).content.decode()
    assert "Hum a tune together" in page and 'data-step="hum"' in page
    registry.unregister("hum")
    assert "Hum a tune together" not in people.client("alice").get(home(people)).content.decode()
    registry.register(FAKE)


def test_what_waits_on_you_comes_first_and_is_counted(people: Personas):
    only(people, "share")
    share.submit_answer(share.today_for(people.space), people.bob, text="Bob first")
    page = people.client("alice").get(home(people)).content.decode()
    assert "1 thing is waiting on you" in page
    assert "Your partner has answered. Answer to see theirs." in page
    assert page.index('data-step="share"') < page.index('data-step="check-in"')
    assert "Bob first" not in page


def test_tonight_keeps_to_about_ten_minutes_and_offers_the_rest_for_more_time(
    people: Personas, fake_practice: Practice
):
    long_step = TonightStep(title="A long walk and talk", description="", url="/x/", minutes=8)
    long = Practice(
        slug="walk",
        name="Walk",
        description="",
        url_name="tonight:home",
        order=1,
        step=lambda space, user: long_step,
    )
    registry.register(long)
    try:
        only(people, "hum", "walk")
        page = people.client("alice").get(home(people)).content.decode()
    finally:
        registry.unregister("walk")
    tonight, more = page.split("If you have more time", 1)
    # "Hum" waits on Alice, so it comes first and fits (3 + 1 for the check-in); the walk
    # (8 minutes) would take tonight past ten, so it waits below.
    assert "Hum a tune together" in tonight and "How close do you feel today?" in tonight
    assert "A long walk and talk" in more and "A long walk and talk" not in tonight
    minutes = int(re.search(r"About (\d+) minutes", tonight).group(1))  # type: ignore[union-attr]
    assert 4 <= minutes <= 10  # hum 3, daily check-in 1, the weekly one 2 late in the week


def test_the_daily_check_in_is_a_step_and_folds_away_once_done(people: Personas):
    client = people.client("alice")
    page = client.get(home(people)).content.decode()
    before = page.split("steps done")[0] if "steps done" in page else page
    assert "How close do you feel today?" in before
    progress.save_daily(people.space, people.alice, closeness=5)
    page = client.get(home(people)).content.decode()
    opened, folded = page.split("<details", 1)
    assert "How close do you feel today?" not in opened
    assert "You&#x27;ve checked in today" in folded or "You've checked in today" in folded


def test_the_weekly_check_in_is_offered_late_in_the_week_until_answered(people: Personas):
    monday = progress_tonight.steps(people.space, people.alice, now=MONDAY_EVENING)
    assert [str(s.title) for s in monday] == ["How close do you feel today?"]
    thursday = progress_tonight.steps(people.space, people.alice, now=THURSDAY_EVENING)
    assert str(thursday[1].title) == "Look back on your week" and not thursday[1].done
    weekly = progress.get_instrument("closeknit-weekly")
    progress.save_check_in(
        people.space,
        people.alice,
        weekly,
        {item.key: 4 for item in weekly.items},
        now=THURSDAY_EVENING,
    )
    done = progress_tonight.steps(people.space, people.alice, now=THURSDAY_EVENING)
    assert done[1].done
    # Done early in the week still shows, folded, so it is clear it counted.
    assert progress_tonight.steps(people.space, people.alice, now=THURSDAY_EVENING)[1].done


def test_nothing_but_the_invite_before_a_partner_joins(people: Personas):
    from closeknit.couples import services as couples

    space = couples.create_space(people.carol, name="Waiting")
    page = people.client("carol").get(reverse("tonight:home", args=[space.public_id]))
    body = page.content.decode()
    assert "Invite your partner" in body and "How close do you feel today?" not in body


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("practices", [("share",), "all"])
def test_tonight_uses_a_fixed_number_of_queries_whatever_the_history(
    people: Personas, practices: tuple[str, ...] | str
):
    if practices != "all":
        only(people, *practices)
    client = people.client("alice")
    client.get(home(people))  # today's prompt is created once
    few = _queries(client, home(people))
    seed_history(people.space, people.alice, days=120, seed=1)
    seed_history(people.space, people.bob, days=120, seed=2)
    for offset in range(1, 40):
        daily = share.today_for(
            people.space, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=offset)
        )
        share.submit_answer(daily, people.alice, text="a")
        share.submit_answer(daily, people.bob, text="b")
    # Today's check-in was saved by the history: its step is now done, not a new query.
    assert _queries(client, home(people)) == few


def _broken_step(space, user) -> TonightStep:
    raise RuntimeError("this practice is broken")


def test_one_failing_practice_does_not_take_tonight_down(people: Personas, caplog):
    broken = Practice(
        slug="broken", name="Broken", description="", url_name="tonight:home", step=_broken_step
    )
    registry.register(broken)
    try:
        response = people.client("alice").get(home(people))
    finally:
        registry.unregister(broken.slug)
    assert response.status_code == 200
    assert "Answer tonight" in response.content.decode()
    assert "the broken practice failed" in caplog.text
