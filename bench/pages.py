"""Page throughput against a bare Django view, with 1,000 couples and a year of history.

Prints, from one run on this machine:
* each page's requests per second as a ratio of a bare view's (target: >= 0.5);
* queries per page for a couple with 3 days and with a year of history (must not grow);
* the latency ratio of the history page, a year of history against 3 days (target: <= 1.3);
* each page's own CSS + JS, gzip-compressed (target: <= 60 KB).

Requests go through the full Django stack (every middleware, sessions, CSRF, templates) in
this process, the same for the bare view and the pages, so the ratio measures the pages' own
cost. The history seeded is Share's (a year of answered prompts per couple); the other
practices' pages are measured with the same couples. Run: `uv run python bench/pages.py`
(two to four minutes; it works in a temporary folder). It exits 1 when a target is missed.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import random
import re
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COUPLES = int(os.environ.get("BENCH_COUPLES", "1000"))
DAYS = int(os.environ.get("BENCH_DAYS", "365"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))

workdir = tempfile.mkdtemp(prefix="closeknit-bench-")
os.environ.update(
    {
        "CLOSEKNIT_ENV": "development",
        "CLOSEKNIT_VAR_DIR": workdir,
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        "AXES_ENABLED": "0",
        "RATELIMIT_ENABLE": "0",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "closeknit.settings",
    }
)
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import clear_url_caches, include, path  # noqa: E402
from django.utils import timezone  # noqa: E402


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urls = types.ModuleType("bench_urls")
urls.urlpatterns = [path("bench/bare/", bare), path("", include("closeknit.urls"))]  # type: ignore[attr-defined]
sys.modules["bench_urls"] = urls
settings.ROOT_URLCONF = "bench_urls"
clear_url_caches()

from django.urls import reverse  # noqa: E402

from closeknit.accounts.models import User  # noqa: E402
from closeknit.couples.models import Membership, Space  # noqa: E402
from closeknit.share.models import Answer, DailyPrompt, Prompt  # noqa: E402
from closeknit.tonight import registry  # noqa: E402


def seed() -> tuple[list[Space], list[User]]:
    call_command("migrate", verbosity=0)
    call_command("content", "load", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # as in production: hashed, gzipped
    prompts = list(Prompt.objects.values_list("pk", flat=True))
    now = timezone.now()
    users = User.objects.bulk_create(
        User(email=f"p{n}@bench.test", display_name=f"P{n}", onboarded_at=now, password="!")  # noqa: S106 (unusable)
        for n in range(COUPLES * 2)
    )
    spaces = Space.objects.bulk_create(
        Space(name=f"Couple {n}", paired_at=now, public_id=f"bench{n:06d}") for n in range(COUPLES)
    )
    Membership.objects.bulk_create(
        Membership(space=space, user=users[2 * n + k])
        for n, space in enumerate(spaces)
        for k in (0, 1)
    )
    rng = random.Random(7)
    today = timezone.localdate()
    # Couple 0 has 3 days of history; every other couple has DAYS days.
    for n, space in enumerate(spaces):
        days = 3 if n == 0 else DAYS
        dailies = DailyPrompt.objects.bulk_create(
            DailyPrompt(
                space=space,
                date=today - dt.timedelta(days=d + 1),
                prompt_id=rng.choice(prompts),
                depth=1,
                revealed_at=now - dt.timedelta(days=d),
            )
            for d in range(days)
        )
        Answer.objects.bulk_create(
            Answer(daily=daily, author=users[2 * n + k], text=f"answer {d} of {k}")
            for d, daily in enumerate(dailies)
            for k in (0, 1)
        )
    return spaces, users


def measure(client: Client, url: str) -> tuple[float, int]:
    """Requests per second over REQUESTS requests, and the queries of one request."""
    client.get(url)  # warm
    captured: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        captured.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return 1 / statistics.median(timings), len(captured)


def page_weight(html: str) -> int:
    """The gzip size of the CSS and JS a page loads (all of it is our own origin)."""
    root = Path(settings.STATIC_ROOT)
    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    return sum(len(gzip.compress((root / asset).read_bytes())) for asset in set(assets))


def main() -> int:
    started = time.perf_counter()
    spaces, users = seed()
    print(f"seeded {COUPLES} couples, {DAYS} days each, in {time.perf_counter() - started:.0f} s")
    small, large = spaces[0], spaces[1]
    client_small, client_large = Client(), Client()
    client_small.force_login(users[0])
    client_large.force_login(users[2])
    bare_rps, _ = measure(client_large, "/bench/bare/")
    print(f"bare view: {bare_rps:.0f} requests/s")
    failed = False
    pages = {
        "tonight": "/s/{}/",
        "share history": "/s/{}/share/history/",
        "progress": "/s/{}/progress/",
    }
    for practice in registry.all_practices():
        pages[practice.slug] = reverse(practice.url_name, args=["SPACE"]).replace("SPACE", "{}")
    heaviest = 0
    for name, pattern in pages.items():
        rps_large, queries_large = measure(client_large, pattern.format(large.public_id))
        rps_small, queries_small = measure(client_small, pattern.format(small.public_id))
        ratio = rps_large / bare_rps
        growth = rps_small / rps_large  # latency with a year over latency with 3 days
        ok = ratio >= 0.5 and queries_large == queries_small and growth <= 1.3
        failed |= not ok
        weight = page_weight(client_large.get(pattern.format(large.public_id)).content.decode())
        heaviest = max(heaviest, weight)
        print(
            f"{name:14} {ratio:5.2f}× bare  queries {queries_small} (3 days) vs {queries_large} "
            f"({DAYS} days)  latency {DAYS}d/3d {growth:4.2f}×  CSS+JS {weight / 1024:4.1f} KB"
            f"  {'ok' if ok else 'OVER'}"
        )
    print(f"heaviest page's own CSS + JS, gzip: {heaviest / 1024:.1f} KB (budget 60 KB)")
    failed |= heaviest > 60 * 1024
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
