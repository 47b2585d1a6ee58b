"""Small catalogs for tests that need content but not the whole shipped catalog."""

from __future__ import annotations

from closeknit.share.models import Prompt, Topic

PROMPTS_PER_DEPTH = 4


def ensure_prompts() -> None:
    """A few prompts at every depth (idempotent)."""
    if Prompt.objects.exists():
        return
    topic, _created = Topic.objects.get_or_create(slug="us", defaults={"label": "Us"})
    Prompt.objects.bulk_create(
        Prompt(
            key=f"test-{depth}-{n}",
            depth=depth,
            topic=topic,
            kind="feeling" if depth >= 3 else "fact",
            text=f"Test prompt number {n} at depth {depth}: what comes to mind?",
        )
        for depth in range(1, 6)
        for n in range(PROMPTS_PER_DEPTH)
    )
