"""The people every test talks about, set up through the real services.

* Alice and Bob share a space (Alice made it, Bob joined with her invite).
* Carol is a stranger: she has her own space with Dave, and must see nothing of Alice's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.utils import timezone
from django.utils.crypto import get_random_string

from closeknit.accounts.models import User
from closeknit.couples import services
from closeknit.couples.models import Space

PASSWORD = "a long and quiet evening 42"


class CsrfClient(Client):
    """A test client that enforces CSRF like a browser session would, and passes it.

    Pass ``csrf=False`` to a request to send it without the token.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(enforce_csrf_checks=True, **kwargs)
        self.csrf_secret = get_random_string(32)
        self.cookies["csrftoken"] = self.csrf_secret

    def generic(self, method: str, path: str, *args: Any, csrf: bool = True, **extra: Any) -> Any:  # type: ignore[override]
        if csrf:
            extra.setdefault("HTTP_X_CSRFTOKEN", self.csrf_secret)
        return super().generic(method, path, *args, **extra)


def make_person(email: str, name: str, *, time_zone: str = "Europe/London") -> User:
    user = User.objects.create_user(email, PASSWORD, display_name=name, time_zone=time_zone)
    user.onboarded_at = timezone.now()
    user.save(update_fields=["onboarded_at"])
    return user


def pair(first: User, second: User, *, name: str = "", romantic: bool = True) -> Space:
    space = services.create_space(first, name=name, romantic=romantic)
    issued = services.create_invite(space, first)
    services.redeem_invite(issued.invite, second)
    space.refresh_from_db()
    return space


def client_for(user: User | None) -> CsrfClient:
    client = CsrfClient()
    if user is not None:
        client.force_login(user)
    return client


@dataclass
class Personas:
    alice: User
    bob: User
    carol: User
    dave: User
    space: Space
    other_space: Space

    def client(self, who: str | None) -> CsrfClient:
        return client_for(getattr(self, who) if who else None)


def make_personas() -> Personas:
    from closeknit.testing.content import ensure_prompts

    ensure_prompts()
    alice = make_person("alice@example.org", "Alice")
    bob = make_person("bob@example.org", "Bob", time_zone="America/Toronto")
    carol = make_person("carol@example.org", "Carol")
    dave = make_person("dave@example.org", "Dave")
    return Personas(
        alice=alice,
        bob=bob,
        carol=carol,
        dave=dave,
        space=pair(alice, bob, name="Our little room"),
        other_space=pair(carol, dave, name="Their corner"),
    )


_CSRF = re.compile(r'(X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+')


def page_text(response: Any) -> str:
    """A response's HTML without its random CSRF tokens, for "this word is absent" checks."""
    return _CSRF.sub(r"\1", response.content.decode())
