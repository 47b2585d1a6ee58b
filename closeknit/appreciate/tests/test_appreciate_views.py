from __future__ import annotations

import datetime as dt
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from closeknit.appreciate import services
from closeknit.appreciate.models import Appreciation, AppreciationQuality
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

SPECIFIC = (
    "On Saturday you spent an hour fixing Nan's gate in the rain, and you were so patient "
    "with her questions. That's so you."
)


def sid(people: Personas) -> str:
    return people.space.public_id


def text_of(response) -> str:
    return html.unescape(response.content.decode())


# Writing, with the coach


def test_writing_through_the_page_lands_in_the_partners_jar(people: Personas):
    alice = people.client("alice")
    page = alice.get(reverse("appreciate:write", args=[sid(people)]))
    assert page.status_code == 200
    assert 'hx-trigger="input changed delay:400ms"' in page.content.decode()
    response = alice.post(reverse("appreciate:write", args=[sid(people)]), {"text": SPECIFIC})
    assert response.status_code == 302
    item = Appreciation.objects.get()
    assert response["Location"].endswith(f"?sent={item.pk}#appreciate-coach")
    assert (item.author, item.recipient, item.text) == (people.alice, people.bob, SPECIFIC)
    jar = text_of(people.client("bob").get(reverse("appreciate:jar", args=[sid(people)])))
    assert SPECIFIC in jar


def test_without_js_the_coach_speaks_after_saving(people: Personas):
    alice = people.client("alice")
    response = alice.post(
        reverse("appreciate:write", args=[sid(people)]), {"text": "You're amazing"}, follow=True
    )
    body = text_of(response)
    assert "Sent. It's waiting in Bob's jar." in body
    assert "What the coach noticed in what you sent" in body
    assert "Name the moment: when did you notice it?" in body
    assert "<meter" in body


def test_the_live_coach_returns_a_small_fragment(people: Personas):
    response = people.client("alice").post(
        reverse("appreciate:coach", args=[sid(people)]),
        {"text": SPECIFIC},
        HTTP_HX_REQUEST="true",
    )
    body = text_of(response)
    assert response.status_code == 200
    assert body.lstrip().startswith('<div class="coach-body" id="appreciate-coach-body">')
    assert "<html" not in body and "<meter" in body
    assert "Patience" in body
    generic = text_of(
        people.client("alice").post(
            reverse("appreciate:coach", args=[sid(people)]),
            {"text": "you're the best, amazing"},
            HTTP_HX_REQUEST="true",
        )
    )
    assert "Name the moment" in generic
    assert "Swap a big word like “best”" in generic
    # The coach only reads: nothing is saved.
    assert not Appreciation.objects.exists()


def test_an_empty_coach_request_offers_a_gentle_start(people: Personas):
    response = people.client("alice").post(reverse("appreciate:coach", args=[sid(people)]), {})
    assert response.status_code == 200
    assert "Think of one thing they did lately" in text_of(response)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Write a few words for your partner first."),
        ({"text": "   "}, "Write a few words for your partner first."),
        ({"text": "kind " * 201}, "at most 1000 characters"),
    ],
)
def test_bad_appreciations_get_a_400_and_keep_the_words(people: Personas, data, message):
    response = people.client("alice").post(reverse("appreciate:write", args=[sid(people)]), data)
    assert response.status_code == 400
    body = text_of(response)
    assert message in body
    if data.get("text", "").strip():
        assert data["text"].strip() in body  # nothing typed is lost
    assert not Appreciation.objects.exists()


def test_an_overlong_coach_request_is_a_400(people: Personas):
    response = people.client("alice").post(
        reverse("appreciate:coach", args=[sid(people)]), {"text": "x" * 1001}
    )
    assert response.status_code == 400
    assert "Please keep it under 1,000 characters." in text_of(response)


def test_writing_without_a_partner_is_a_409(people: Personas):
    from closeknit.couples import access
    from closeknit.couples import services as couples

    couples.leave_space(access.membership_for(people.bob, sid(people)))
    alice = people.client("alice")
    assert "Appreciate is for two" in text_of(
        alice.get(reverse("appreciate:write", args=[sid(people)]))
    )
    response = alice.post(reverse("appreciate:write", args=[sid(people)]), {"text": SPECIFIC})
    assert response.status_code == 409
    assert not Appreciation.objects.exists()


# The jar


def test_jar_filter_chips_show_the_qualities_in_the_jar(people: Personas):
    services.write(people.space, people.alice, text=SPECIFIC)
    services.write(people.space, people.alice, text="You were so brave at the dentist today.")
    bob = people.client("bob")
    url = reverse("appreciate:jar", args=[sid(people)])
    page = text_of(bob.get(url))
    assert "?quality=patience" in page and "?quality=courage" in page
    assert "?quality=humour" not in page
    brave = text_of(bob.get(url, {"quality": "courage"}))
    assert "dentist" in brave and "Nan's gate" not in brave
    fragment = bob.get(url, {"quality": "patience"}, HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="jar"')
    assert "Nan's gate" in text_of(fragment) and "dentist" not in text_of(fragment)


@pytest.mark.parametrize("query", [{"quality": "sneakiness"}, {"quality": "<script>"}])
def test_an_unknown_quality_filter_is_a_400(people: Personas, query):
    services.write(people.space, people.alice, text=SPECIFIC)
    response = people.client("bob").get(reverse("appreciate:jar", args=[sid(people)]), query)
    assert response.status_code == 400
    body = text_of(response)
    assert "There is no such quality to filter by." in body
    assert "<script>" not in response.content.decode()
    api = people.client("bob").get(f"/api/v1/appreciate/{sid(people)}/jar", query)
    assert api.status_code == 400
    assert api.json()["error"]["message"] == "There is no such quality to filter by."


def test_saving_a_favourite_and_reacting_through_the_pages(people: Personas):
    item = services.write(people.space, people.alice, text=SPECIFIC)
    bob = people.client("bob")
    jar_url = reverse("appreciate:jar", args=[sid(people)])
    favourite = reverse("appreciate:favourite", args=[sid(people), item.pk])
    response = bob.post(favourite, {"favourite": "1", "next": jar_url + "?quality=patience"})
    assert response.status_code == 302 and response["Location"] == jar_url + "?quality=patience"
    assert text_of(bob.get(jar_url, {"favourites": "on"})).count("Nan's gate") == 1
    react = reverse("appreciate:react", args=[sid(people), item.pk])
    assert bob.post(react, {"words": "You noticed!"}).status_code == 302
    item.refresh_from_db()
    assert item.favourite and item.heart and item.reply == "You noticed!"
    sent = text_of(people.client("alice").get(reverse("appreciate:sent", args=[sid(people)])))
    assert "Bob sent a heart: “You noticed!”" in sent


def test_htmx_card_actions_get_the_card_back(people: Personas):
    item = services.write(people.space, people.alice, text=SPECIFIC)
    response = people.client("bob").post(
        reverse("appreciate:favourite", args=[sid(people), item.pk]),
        {"favourite": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(
        f'<article class="card appreciation" id="appreciation-{item.pk}"'
    )
    assert 'aria-pressed="true"' in body


def test_a_redirect_never_leaves_the_site(people: Personas):
    item = services.write(people.space, people.alice, text=SPECIFIC)
    response = people.client("bob").post(
        reverse("appreciate:favourite", args=[sid(people), item.pk]),
        {"favourite": "1", "next": "https://elsewhere.example/"},
    )
    assert response["Location"] == reverse("appreciate:jar", args=[sid(people)])


@pytest.mark.parametrize(
    ("who", "url_name", "data", "status"),
    [
        ("alice", "appreciate:react", {"words": "me!"}, 409),  # reacting to your own
        ("alice", "appreciate:favourite", {"favourite": "1"}, 409),  # favouriting your own
        ("bob", "appreciate:favourite", {}, 400),
        ("bob", "appreciate:favourite", {"favourite": "maybe"}, 400),
        ("bob", "appreciate:react", {"words": "x" * 501}, 400),
    ],
)
def test_bad_card_actions_get_a_4xx_and_change_nothing(
    people: Personas, who, url_name, data, status
):
    item = services.write(people.space, people.alice, text=SPECIFIC)
    response = people.client(who).post(reverse(url_name, args=[sid(people), item.pk]), data)
    assert response.status_code == status
    assert "errors" in response.content.decode()
    item.refresh_from_db()
    assert not item.favourite and not item.heart and item.reply == ""


def test_favouriting_someone_elses_item_is_a_404(people: Personas):
    theirs = services.write(people.other_space, people.carol, text="You were so kind, Dave.")
    mine_to_bob = services.write(people.space, people.alice, text=SPECIFIC)
    alice = people.client("alice")
    for item in (theirs, mine_to_bob):
        for name in ("appreciate:favourite", "appreciate:react"):
            response = alice.post(reverse(name, args=[sid(people), item.pk]), {"favourite": "1"})
            assert response.status_code == (404 if item is theirs else 409)
    assert alice.post(f"/s/{sid(people)}/appreciate/a/notanumber/favourite/").status_code == 404
    theirs.refresh_from_db()
    assert not theirs.favourite and not theirs.heart


def test_the_hard_day_page(people: Personas):
    client = people.client("bob")
    url = reverse("appreciate:hard_day", args=[sid(people)])
    assert "their words will wait here" in text_of(client.get(url))
    first = services.write(people.space, people.alice, text=SPECIFIC)
    second = services.write(people.space, people.alice, text="You were so brave today.")
    assert "From your jar" in text_of(client.get(url))
    services.set_favourite(people.space, people.bob, second.pk, True)
    for _ in range(5):
        page = text_of(client.get(url))
        assert "One you saved" in page and "brave" in page and "Nan's gate" not in page
    shown = text_of(client.get(url, {"show": first.pk}))
    assert "Nan's gate" in shown
    # A `show` that isn't Bob's to see falls back to a random one, never an error.
    assert client.get(url, {"show": "nonsense"}).status_code == 200


# Fixed query counts on list pages


def _history(people: Personas, count: int) -> None:
    start = dt.datetime(2025, 1, 1, 20, tzinfo=dt.UTC)
    for n in range(count):
        when = start + dt.timedelta(days=n + Appreciation.objects.count())
        item = services.write(people.space, people.alice, text=f"{SPECIFIC} ({n})", now=when)
        services.write(people.space, people.bob, text="You were so brave today.", now=when)
        if n % 3 == 0:
            services.react(people.space, people.bob, item.pk, words="thank you")
            services.set_favourite(people.space, people.bob, item.pk, True)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("who", "url_name", "query"),
    [
        ("bob", "appreciate:jar", ""),
        ("bob", "appreciate:jar", "?quality=patience"),
        ("bob", "appreciate:jar", "?favourites=on"),
        ("alice", "appreciate:sent", ""),
        ("bob", "appreciate:hard_day", ""),
        ("alice", "appreciate:write", ""),
    ],
)
def test_list_pages_use_a_fixed_number_of_queries(people: Personas, who, url_name, query):
    client = people.client(who)
    url = reverse(url_name, args=[sid(people)]) + query
    _history(people, 3)
    client.get(url)  # warm up: the session remembers the space once
    few = _queries(client, url)
    _history(people, 45)
    assert _queries(client, url) == few


def test_jar_pages_without_totals(people: Personas):
    _history(people, 25)
    bob = people.client("bob")
    url = reverse("appreciate:jar", args=[sid(people)])
    first = text_of(bob.get(url))
    assert "Older" in first and "Page 1 of" not in first
    assert "Newer" in text_of(bob.get(url, {"page": "2"}))
    assert bob.get(url, {"page": "nonsense"}).status_code == 200
    assert bob.get(url, {"page": "999"}).status_code == 200


# The API


def test_the_api_writes_lists_and_coaches(people: Personas):
    alice, bob = people.client("alice"), people.client("bob")
    base = f"/api/v1/appreciate/{sid(people)}"
    written = alice.post(
        f"{base}/appreciations", {"text": SPECIFIC}, content_type="application/json"
    )
    assert written.status_code == 201
    body = written.json()
    assert body["qualities"] == ["patience"] and body["coach"]["score"] > 0
    assert Appreciation.objects.get().recipient == people.bob
    jar = bob.get(f"{base}/jar").json()
    assert [i["text"] for i in jar["items"]] == [SPECIFIC] and jar["has_next"] is False
    assert bob.get(f"{base}/jar", {"quality": "patience"}).json()["items"]
    assert bob.get(f"{base}/jar", {"quality": "courage"}).json()["items"] == []
    coached = alice.post(f"{base}/coach", {"text": "amazing"}, content_type="application/json")
    assert coached.status_code == 200 and coached.json()["hints"]
    assert not AppreciationQuality.objects.exclude(appreciation__text=SPECIFIC).exists()


@pytest.mark.parametrize(
    ("path", "payload", "status"),
    [
        ("appreciations", {"text": ""}, 400),
        ("appreciations", {"text": "x" * 1001}, 400),
        ("appreciations", {"text": "x" * 5000}, 422),
        ("appreciations", {"words": 3}, 400),
        ("coach", {"text": "x" * 1001}, 400),
    ],
)
def test_bad_api_input_gets_a_4xx_in_the_envelope(people: Personas, path, payload, status):
    response = people.client("alice").post(
        f"/api/v1/appreciate/{sid(people)}/{path}", payload, content_type="application/json"
    )
    assert response.status_code == status
    assert set(response.json()["error"]) == {"code", "message"}
    assert not Appreciation.objects.exists()
