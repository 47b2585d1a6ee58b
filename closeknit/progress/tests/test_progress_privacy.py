"""A partner sees nothing of your check-ins unless you share them; a stranger sees nothing."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from closeknit.couples import access
from closeknit.couples import services as couples
from closeknit.progress import catalog, services
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

# Bob checks in on dates nobody else uses, so they can be looked for in every response.
BOB_DAYS = [dt.date(2024, 2, 20) + dt.timedelta(days=n) for n in range(12)]
BOB_MARKS = ["2024-02-29", "29 Feb", "Thu 29 Feb"]


def seed_bob(people: Personas) -> None:
    tz = ZoneInfo(people.bob.time_zone)
    for day in BOB_DAYS:
        services.save_daily(
            people.space,
            people.bob,
            closeness=7,
            understood=1,
            now=dt.datetime.combine(day, dt.time(21), tzinfo=tz),
        )
    weekly = services.get_instrument(catalog.WEEKLY)
    services.save_check_in(
        people.space,
        people.bob,
        weekly,
        dict.fromkeys([item.key for item in weekly.items], 1),
        now=dt.datetime.combine(BOB_DAYS[9], dt.time(21), tzinfo=tz),
    )


def urls_for(people: Personas) -> list[str]:
    sid = people.space.public_id
    return [
        reverse("tonight:home", args=[sid]),
        reverse("progress:home", args=[sid]),
        reverse("progress:together", args=[sid]),
        reverse("progress:daily", args=[sid]),
        reverse("progress:check_in", args=[sid, catalog.WEEKLY]),
        reverse("progress:export", args=[sid]),
        f"/api/v1/progress/{sid}/today",
        f"/api/v1/progress/{sid}/series",
        f"/api/v1/progress/{sid}/partner/series",
    ]


def bodies(client, urls: list[str]) -> dict[str, str]:
    out = {}
    for path in urls:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        out[path] = response.content.decode()
    return out


def test_your_partner_sees_nothing_of_your_check_ins_until_you_share(people: Personas):
    seed_bob(people)
    alice = people.client("alice")
    for path, body in bodies(alice, urls_for(people)).items():
        for mark in BOB_MARKS:
            assert mark not in body, (path, mark)
    together = alice.get(reverse("progress:together", args=[people.space.public_id]))
    assert "Your partner's check-ins are theirs" in together.content.decode()
    api = alice.get(f"/api/v1/progress/{people.space.public_id}/partner/series").json()
    assert api == {"shared": False, "series": None}

    services.set_sharing(people.space, people.bob, True)
    shared = alice.get(reverse("progress:together", args=[people.space.public_id]))
    body = shared.content.decode()
    assert "Thu 29 Feb" in body and "Bob's check-ins" in body
    assert "You both" not in body  # a couple view needs both to share
    api = alice.get(f"/api/v1/progress/{people.space.public_id}/partner/series").json()
    assert api["shared"] and {"date": "2024-02-29", "value": 7.0} in api["series"]["closeness"]
    # Sharing shows Bob's series on the Together page only: Alice's own pages stay hers.
    own = bodies(alice, [u for u in urls_for(people) if "together" not in u and "partner" not in u])
    for path, page in own.items():
        assert "2024-02-29" not in page and "29 Feb" not in page, path


def test_the_couple_view_appears_only_when_both_share(people: Personas):
    seed_bob(people)
    services.set_sharing(people.space, people.alice, True)
    bob = people.client("bob")
    path = reverse("progress:together", args=[people.space.public_id])
    assert "You both" not in bob.get(path).content.decode()
    services.set_sharing(people.space, people.bob, True)
    assert "You both" in bob.get(path).content.decode()
    services.set_sharing(people.space, people.alice, False)
    body = bob.get(path).content.decode()
    assert "You both" not in body and "Your partner's check-ins are theirs" in body


def test_the_stranger_gets_404_from_every_progress_url(people: Personas):
    seed_bob(people)
    services.set_sharing(people.space, people.bob, True)
    carol = people.client("carol")
    sid = people.space.public_id
    for path in [*urls_for(people)[1:], reverse("progress:sharing", args=[sid])]:
        response = carol.get(path)
        assert response.status_code in (404, 405), path
        if response.status_code == 405:
            response = carol.post(path, {"share": "on"})
        assert response.status_code == 404, path
        for mark in BOB_MARKS:
            assert mark not in response.content.decode()
    assert carol.post(reverse("progress:daily", args=[sid]), {"closeness": "4"}).status_code == 404
    other = people.other_space.public_id
    carol_own = carol.get(reverse("progress:together", args=[other])).content.decode()
    assert "29 Feb" not in carol_own


def test_a_partner_who_leaves_takes_their_check_ins_with_them(people: Personas):
    seed_bob(people)
    services.set_sharing(people.space, people.bob, True)
    alice = people.client("alice")
    path = reverse("progress:together", args=[people.space.public_id])
    assert "Thu 29 Feb" in alice.get(path).content.decode()
    couples.leave_space(access.membership_for(people.bob, people.space.public_id))
    body = alice.get(path).content.decode()
    assert "29 Feb" not in body
    api = alice.get(f"/api/v1/progress/{people.space.public_id}/partner/series").json()
    assert api == {"shared": False, "series": None}
