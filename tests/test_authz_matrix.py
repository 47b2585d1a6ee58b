"""Every URL of the project, three visitors each: anonymous, a stranger, a member.

* anonymous is sent to log in (401 from the API);
* the stranger (Carol, from another space) gets 404 from every URL of Alice's space;
* the member (Alice) gets through: never 403/404/5xx.

A URL that is neither public, personal nor inside a space fails the test until it is
classified in closeknit/testing/urls.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from closeknit.testing import urls as matrix
from closeknit.testing.personas import Personas


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            child = entry.namespace or ""
            full = f"{namespace}:{child}" if namespace and child else (child or namespace)
            yield from _patterns(entry, full)
        elif isinstance(entry, URLPattern):
            name = entry.name or ""
            yield (f"{namespace}:{name}" if namespace else name), entry


def all_url_names() -> list[str]:
    names = {name for name, _ in _patterns(get_resolver()) if not name.startswith("admin:")}
    return sorted(names)


def _arguments(name: str) -> list[str]:
    for full, pattern in _patterns(get_resolver()):
        if full == name:
            return list(pattern.pattern.regex.groupindex)
    return []


def _kwargs(name: str, people: Personas) -> dict[str, Any]:
    if name in matrix.URL_SAMPLES:
        return matrix.URL_SAMPLES[name](people)
    kwargs: dict[str, Any] = {}
    for argument in _arguments(name):
        if argument == "space_id":
            kwargs[argument] = people.space.public_id
        elif argument in matrix.ARGUMENT_SAMPLES:
            kwargs[argument] = matrix.ARGUMENT_SAMPLES[argument](people)
        else:
            pytest.fail(
                f"URL {name!r} takes {argument!r}: add a sample to closeknit/testing/urls.py"
            )
    return kwargs


def _kind(name: str) -> str:
    if name in matrix.PUBLIC:
        return "public"
    if name in matrix.PERSONAL:
        return "personal"
    if "space_id" in _arguments(name):
        return "space"
    return "unclassified"


def test_every_url_is_classified():
    unclassified = [n for n in all_url_names() if _kind(n) == "unclassified"]
    assert not unclassified, (
        f"Classify these URLs in closeknit/testing/urls.py (or give them a space_id): "
        f"{unclassified}"
    )


def test_matrix_knows_real_urls():
    stale = (matrix.PUBLIC | matrix.PERSONAL) - set(all_url_names())
    assert not stale, f"closeknit/testing/urls.py names URLs that no longer exist: {stale}"


def visit(client: Any, url: str) -> Any:
    """GET the URL; where only POST is allowed, POST an empty body instead."""
    response = client.get(url)
    if response.status_code == 405:
        if url.startswith("/api/"):
            response = client.post(url, data={}, content_type="application/json")
        else:
            response = client.post(url, data={})
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("name", all_url_names())
def test_url_access(name: str, people: Personas):
    url = reverse(name, kwargs=_kwargs(name, people))
    kind = _kind(name)
    is_api = url.startswith("/api/")

    anonymous = visit(people.client(None), url)
    if kind == "public":
        assert anonymous.status_code < 500
    elif is_api:
        assert anonymous.status_code == 401, url
    else:
        assert anonymous.status_code == 302, url
        assert anonymous["Location"].startswith(reverse("accounts:login")), url

    stranger = visit(people.client("carol"), url)
    if kind == "space":
        assert stranger.status_code == 404, f"the stranger reached {url}"
    else:
        assert stranger.status_code < 500, url

    member = visit(people.client("alice"), url)
    assert member.status_code < 500, url
    if kind == "space":
        assert member.status_code not in (401, 403, 404), f"the member was refused at {url}"


@pytest.mark.django_db
def test_admin_is_only_for_staff(people: Personas):
    response = people.client("alice").get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
