from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from closeknit.explore import feeds, services
from closeknit.explore.models import Activity, Mark, Plan, Rating
from closeknit.explore.testing import make_activity
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db


def sid(people: Personas) -> str:
    return people.space.public_id


def local_today(people: Personas) -> dt.date:
    return services.local_now(people.space.time_zone).date()


def both_want(people: Personas, *activities: Activity) -> None:
    for activity in activities:
        for person in (people.alice, people.bob):
            services.set_mark(people.space, person, activity, interest="want", newness="new")


# The journey through the pages


def test_mark_get_an_idea_plan_it_and_rate_it_through_the_pages(people: Personas):
    pottery = make_activity("pottery", title="A pottery wheel taster", excitement=5)
    alice, bob = people.client("alice"), people.client("bob")
    for client in (alice, bob):
        response = client.post(
            reverse("explore:mark", args=[sid(people), pottery.pk]),
            {"interest": "want", "next": reverse("explore:choose", args=[sid(people)])},
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("explore:choose", args=[sid(people)])
    ideas = alice.get(reverse("explore:suggest", args=[sid(people)])).content.decode()
    assert "A pottery wheel taster" in ideas and "One of the more exciting ones" in ideas
    when = local_today(people) + dt.timedelta(days=3)
    response = alice.post(
        reverse("explore:plan_new", args=[sid(people), pottery.pk]),
        {"date": when.isoformat(), "time": "18:30"},
    )
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("explore:plan", args=[sid(people), plan.pk])
    bobs_home = bob.get(reverse("explore:home", args=[sid(people)])).content.decode()
    assert "A pottery wheel taster" in bobs_home and "Coming up" in bobs_home
    Plan.objects.filter(pk=plan.pk).update(
        starts_at=plan.starts_at - dt.timedelta(days=4), ends_at=plan.ends_at - dt.timedelta(days=4)
    )
    rate = reverse("explore:plan_rate", args=[sid(people), plan.pk])
    response = bob.post(rate, {"closeness": "6", "excitement": "7", "note": "Clay everywhere"})
    assert response.status_code == 302
    assert Rating.objects.get().excitement == 7
    memories = alice.get(reverse("explore:timeline", args=[sid(people)])).content.decode()
    assert "Clay everywhere" in memories


def test_marking_through_htmx_returns_the_card_with_the_choice_pressed(people: Personas):
    activity = make_activity("stargazing")
    response = people.client("alice").post(
        reverse("explore:mark", args=[sid(people), activity.pk]),
        {"interest": "maybe"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<article") and "<html" not in body
    assert 'value="" class="mark-button" aria-pressed="true">Maybe' in body
    again = people.client("alice").post(
        reverse("explore:mark", args=[sid(people), activity.pk]),
        {"interest": ""},
        HTTP_HX_REQUEST="true",
    )
    assert again.status_code == 200
    assert Mark.objects.get().interest == ""


def test_picking_one_at_a_time_moves_on_after_each_choice(people: Personas):
    first = make_activity("first-idea", title="First idea", excitement=5)
    second = make_activity("second-idea", title="Second idea", excitement=4)
    client = people.client("alice")
    url = reverse("explore:choose", args=[sid(people)])
    assert "First idea" in client.get(url).content.decode()
    assert "Second idea" in client.get(url + "?n=1").content.decode()
    client.post(reverse("explore:mark", args=[sid(people), first.pk]), {"interest": "no"})
    assert "Second idea" in client.get(url).content.decode()
    client.post(reverse("explore:mark", args=[sid(people), second.pk]), {"interest": "want"})
    assert "You've looked at every one" in client.get(url).content.decode()
    assert client.get(url + "?n=banana").status_code == 200


def test_adding_an_activity_of_your_own(people: Personas):
    make_activity("seed-tags")
    client = people.client("bob")
    response = client.post(
        reverse("explore:add", args=[sid(people)]),
        {
            "title": "Cook from grandma's old recipe card",
            "description": "Find the card, shop for it together, and cook it start to finish.",
            "tags": ["create", "learn"],
            "minutes": "120",
            "cost": "$",
            "setting": "home",
            "energy": "active",
            "excitement": "3",
            "novelty": "4",
            "best_time": "weekend",
            "season": "any",
            "interest": "want",
        },
    )
    ours = Activity.objects.get(space=people.space)
    assert response.status_code == 302
    assert ours.tags == ["create", "learn"] and ours.created_by == people.bob
    assert Mark.objects.get(user=people.bob, activity=ours).interest == "want"
    alices = people.client("alice").get(reverse("explore:browse", args=[sid(people)]))
    assert "grandma" in alices.content.decode()


def test_browse_filters_and_pages(people: Personas):
    for n in range(25):
        make_activity(f"idea-{n}", setting="outdoors" if n % 2 else "home", tags=["nature"])
    make_activity("playful", tags=["play"])
    client = people.client("alice")
    url = reverse("explore:browse", args=[sid(people)])
    assert "Page 1 of 2" in client.get(url).content.decode()
    outdoors = client.get(url, {"setting": "outdoors"}).content.decode()
    assert "Idea 1" in outdoors and "Idea 2 " not in outdoors
    assert "Playful" in client.get(url, {"tag": "play"}).content.decode()
    for odd in ({"setting": "moon"}, {"tag": "<script>"}, {"page": "999"}, {"page": "x"}):
        assert client.get(url, odd).status_code == 200


# Bad input: a clear message and a 4xx, nothing saved


@pytest.mark.parametrize(
    ("data", "status"),
    [({"interest": "sideways"}, 400), ({"newness": "ancient"}, 400), ({}, 400)],
)
def test_bad_marks_get_a_400_and_save_nothing(people: Personas, data, status):
    activity = make_activity("kite")
    response = people.client("alice").post(
        reverse("explore:mark", args=[sid(people), activity.pk]), data
    )
    assert response.status_code == status
    assert "errors" in response.content.decode()
    assert not Mark.objects.exists()


def test_unknown_activities_and_plans_are_404(people: Personas):
    client = people.client("alice")
    assert client.get(reverse("explore:activity", args=[sid(people), 999999])).status_code == 404
    assert client.get(f"/s/{sid(people)}/explore/a/banana/").status_code == 404
    response = client.post(reverse("explore:mark", args=[sid(people), 999999]), {"interest": "no"})
    assert response.status_code == 404
    assert client.get(reverse("explore:plan", args=[sid(people), 999999])).status_code == 404
    assert client.get(reverse("explore:plan_ics", args=[sid(people), 999999])).status_code == 404
    response = client.post(
        reverse("explore:plan_new", args=[sid(people), 999999]),
        {"date": "2026-12-01", "time": "19:00"},
    )
    assert response.status_code == 404


def test_a_retired_activity_cannot_be_marked_or_planned(people: Personas):
    activity = make_activity("old-idea", active=False)
    client = people.client("alice")
    assert (
        client.post(
            reverse("explore:mark", args=[sid(people), activity.pk]), {"interest": "want"}
        ).status_code
        == 404
    )
    when = (local_today(people) + dt.timedelta(days=2)).isoformat()
    response = client.post(
        reverse("explore:plan_new", args=[sid(people), activity.pk]),
        {"date": when, "time": "19:00"},
    )
    assert response.status_code == 404


def test_an_outside_next_address_is_ignored(people: Personas):
    activity = make_activity("kite")
    client = people.client("alice")
    for target in ("https://evil.example/", "//evil.example/x", f"/s/{sid(people)}/explore/\\x"):
        response = client.post(
            reverse("explore:mark", args=[sid(people), activity.pk]),
            {"interest": "want", "next": target},
        )
        assert response["Location"] == reverse("explore:browse", args=[sid(people)])


@pytest.mark.parametrize(
    ("date", "time", "status", "message"),
    [
        ("2026-13-45", "19:00", 400, "Enter a valid date"),
        ("", "19:00", 400, "This field is required"),
        ("tomorrow", "19:00", 400, "Enter a valid date"),
        ("{today}", "25:99", 400, "Enter a valid time"),
        ("{far_back}", "19:00", 400, "up to 30 days back"),
        ("{far_ahead}", "19:00", 400, "within the next year"),
    ],
)
def test_bad_plan_dates_get_a_400_and_plan_nothing(people: Personas, date, time, status, message):
    today = local_today(people)
    date = date.format(
        today=today.isoformat(),
        far_back=(today - dt.timedelta(days=31)).isoformat(),
        far_ahead=(today + dt.timedelta(days=400)).isoformat(),
    )
    activity = make_activity("dance")
    response = people.client("alice").post(
        reverse("explore:plan_new", args=[sid(people), activity.pk]), {"date": date, "time": time}
    )
    assert response.status_code == status
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_a_day_gone_by_may_be_logged_and_rated_at_once(people: Personas):
    """Offline first: "we did it last Saturday" is a plan in the past, ready to rate."""
    activity = make_activity("dance")
    client = people.client("alice")
    yesterday = (local_today(people) - dt.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("explore:plan_new", args=[sid(people), activity.pk]),
        {"date": yesterday, "time": "19:00"},
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    page = client.get(reverse("explore:plan", args=[sid(people), plan.pk])).content.decode()
    assert "How close did you feel?" in page


def test_a_time_the_clocks_skip_gets_a_400(people: Personas):
    people.space.time_zone = "Europe/London"
    people.space.save()
    activity = make_activity("dance")
    response = people.client("alice").post(
        reverse("explore:plan_new", args=[sid(people), activity.pk]),
        {"date": "2027-03-28", "time": "01:30"},
    )
    assert response.status_code == 400
    assert "clocks change" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"closeness": "0", "excitement": "5"},
        {"closeness": "8", "excitement": "5"},
        {"closeness": "5", "excitement": "seven"},
        {"closeness": "5"},
        {"closeness": "5", "excitement": "5", "note": "x" * 1001},
    ],
)
def test_out_of_range_ratings_get_a_400(people: Personas, data):
    activity = make_activity("gig")
    plan = services.plan_activity(
        people.space,
        people.alice,
        activity,
        date=local_today(people) - dt.timedelta(days=1),
        time=dt.time(20),
    )
    response = people.client("alice").post(
        reverse("explore:plan_rate", args=[sid(people), plan.pk]), data
    )
    assert response.status_code == 400
    assert not Rating.objects.exists()


def test_rating_before_it_happens_gets_a_409(people: Personas):
    plan = services.plan_activity(
        people.space,
        people.alice,
        make_activity("gig"),
        date=local_today(people) + dt.timedelta(days=2),
        time=dt.time(20),
    )
    response = people.client("bob").post(
        reverse("explore:plan_rate", args=[sid(people), plan.pk]),
        {"closeness": "5", "excitement": "5"},
    )
    assert response.status_code == 409
    assert "once it has happened" in response.content.decode()


def test_moving_and_calling_off_a_plan(people: Personas):
    plan = services.plan_activity(
        people.space,
        people.alice,
        make_activity("gig"),
        date=local_today(people) + dt.timedelta(days=2),
        time=dt.time(20),
    )
    client = people.client("bob")
    later = (local_today(people) + dt.timedelta(days=9)).isoformat()
    move = reverse("explore:plan_move", args=[sid(people), plan.pk])
    assert client.post(move, {"date": later, "time": "10:15"}).status_code == 302
    assert client.post(move, {"date": "nope", "time": "10:15"}).status_code == 400
    cancel = reverse("explore:plan_cancel", args=[sid(people), plan.pk])
    assert client.post(cancel).status_code == 302
    plan.refresh_from_db()
    assert plan.cancelled_at is not None and plan.sequence == 2
    assert client.post(move, {"date": later, "time": "10:15"}).status_code == 409


@pytest.mark.parametrize(
    "query",
    [{"budget": "£££"}, {"minutes": "forever"}, {"setting": "moon"}, {"energy": "frantic"}],
)
def test_bad_constraints_get_a_400(people: Personas, query):
    response = people.client("alice").get(reverse("explore:suggest", args=[sid(people)]), query)
    assert response.status_code == 400
    assert "choose again" in response.content.decode()


def test_a_bad_custom_activity_gets_a_400_and_nothing_saved(people: Personas):
    make_activity("seed-tags")
    response = people.client("alice").post(
        reverse("explore:add", args=[sid(people)]),
        {"title": "", "description": "short", "tags": ["nope"], "minutes": "-3", "cost": "££"},
    )
    assert response.status_code == 400
    assert not Activity.objects.filter(space=people.space).exists()


def test_wrong_methods_get_a_405(people: Personas):
    activity = make_activity("gig")
    client = people.client("alice")
    assert client.get(reverse("explore:mark", args=[sid(people), activity.pk])).status_code == 405
    assert client.post(reverse("explore:suggest", args=[sid(people)])).status_code == 405


# The API


def test_the_api_marks_plans_and_rates(people: Personas):
    activity = make_activity("gig", title="A small gig")
    alice = people.client("alice")
    base = f"/api/v1/explore/{sid(people)}"
    marked = alice.post(
        f"{base}/activities/{activity.pk}/mark",
        {"interest": "want", "newness": "new"},
        content_type="application/json",
    )
    assert marked.status_code == 200 and marked.json()["your_interest"] == "want"
    services.set_mark(people.space, people.bob, activity, interest="want", newness="new")
    ideas = alice.get(f"{base}/suggestions?budget=free&minutes=90").json()
    assert ideas[0]["activity"]["title"] == "A small gig"
    assert "New to both of you" in ideas[0]["reasons"]
    yesterday = (local_today(people) - dt.timedelta(days=1)).isoformat()
    made = alice.post(
        f"{base}/plans",
        {"activity_id": activity.pk, "date": yesterday, "time": "20:00"},
        content_type="application/json",
    )
    assert made.status_code == 201
    plan_id = made.json()["id"]
    rated = alice.post(
        f"{base}/plans/{plan_id}/rating",
        {"closeness": 6, "excitement": 5, "note": "Loud and lovely"},
        content_type="application/json",
    )
    assert rated.status_code == 200
    assert rated.json()["your_rating"] == {"closeness": 6, "excitement": 5}
    timeline = people.client("bob").get(f"{base}/timeline").json()
    assert timeline["items"][0]["memories"] == [{"yours": False, "note": "Loud and lovely"}]
    assert timeline["items"][0]["your_rating"] is None


@pytest.mark.parametrize(
    ("method", "path", "payload", "status"),
    [
        ("post", "/activities/{a}/mark", {"interest": "sideways"}, 422),
        ("post", "/activities/{a}/mark", {}, 400),
        ("post", "/activities/999999/mark", {"interest": "want"}, 404),
        ("post", "/plans", {"activity_id": "{a}", "date": "2026-13-01", "time": "19:00"}, 422),
        ("post", "/plans", {"activity_id": 999999, "date": "2026-12-01", "time": "19:00"}, 404),
        ("post", "/plans", {"activity_id": "{a}", "date": "2020-01-01", "time": "19:00"}, 400),
        ("post", "/plans/{p}/rating", {"closeness": 9, "excitement": 5}, 422),
        ("post", "/plans/{p}/rating", {"excitement": 5}, 400),
        ("post", "/plans/{p}/rating", {"closeness": 5, "excitement": 5}, 409),
        ("get", "/suggestions?budget=lots", None, 422),
        ("get", "/suggestions?minutes=-5", None, 422),
    ],
)
def test_the_api_answers_bad_input_with_a_4xx_envelope(people, method, path, payload, status):
    activity = make_activity("gig")
    plan = services.plan_activity(
        people.space,
        people.alice,
        activity,
        date=local_today(people) + dt.timedelta(days=2),
        time=dt.time(20),
    )
    url = f"/api/v1/explore/{sid(people)}" + path.format(a=activity.pk, p=plan.pk)
    client = people.client("alice")
    if method == "post":
        body = {k: (activity.pk if v == "{a}" else v) for k, v in (payload or {}).items()}
        response = client.post(url, body, content_type="application/json")
    else:
        response = client.get(url)
    assert response.status_code == status, response.content
    assert set(response.json()["error"]) == {"code", "message"}


# Fixed query counts on list pages


def _history(people: Personas, count: int) -> None:
    offset = Plan.objects.count()
    start = dt.datetime(2026, 1, 1, 19, tzinfo=dt.UTC)
    for n in range(offset, offset + count):
        activity = make_activity(f"history-{n}", tags=["play", "create"])
        both_want(people, activity)
        plan = Plan.objects.create(
            space=people.space,
            activity=activity,
            starts_at=start + dt.timedelta(days=n),
            ends_at=start + dt.timedelta(days=n, hours=1),
            done_at=start + dt.timedelta(days=n, hours=2),
        )
        Rating.objects.create(plan=plan, author=people.alice, closeness=6, excitement=6, note="a")
        Rating.objects.create(plan=plan, author=people.bob, closeness=5, excitement=4, note="b")
        upcoming = make_activity(f"upcoming-{n}")
        both_want(people, upcoming)
        services.plan_activity(
            people.space,
            people.bob,
            upcoming,
            date=local_today(people) + dt.timedelta(days=1 + n % 30),
            time=dt.time(19),
        )


def _queries(client, url: str) -> int:
    client.get(url)  # warm up: the first visit remembers the space in the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url_name",
    [
        "explore:home",
        "explore:choose",
        "explore:browse",
        "explore:shortlist",
        "explore:suggest",
        "explore:timeline",
        "explore:calendar",
    ],
)
def test_list_pages_use_a_fixed_number_of_queries(people: Personas, url_name):
    client = people.client("alice")
    url = reverse(url_name, args=[sid(people)])
    _history(people, 3)
    few = _queries(client, url)
    _history(people, 30)
    assert _queries(client, url) == few


@pytest.mark.parametrize(
    "path", ["/activities", "/shortlist", "/suggestions", "/plans", "/timeline"]
)
def test_api_lists_use_a_fixed_number_of_queries(people: Personas, path):
    client = people.client("alice")
    url = f"/api/v1/explore/{sid(people)}{path}"
    _history(people, 3)
    few = _queries(client, url)
    _history(people, 30)
    assert _queries(client, url) == few


def test_the_feed_uses_a_fixed_number_of_queries(people: Personas):
    _feed, token = feeds.create_feed(people.space, people.alice)
    client = people.client(None)
    url = reverse("explore:feed", args=[token])
    _history(people, 3)
    few = _queries(client, url)
    _history(people, 30)
    assert _queries(client, url) == few
