"""Checks on the appreciation coach (closeknit.coaching.appreciation).

Framework-free: plain asserts, runnable under pytest without Django
(`pytest -p no:django closeknit/coaching/tests/test_appreciation_coach.py -s` shows the figures).

The labelled set (data/appreciations.yaml) was written and labelled before the coach. The
coach's weights and cue lists were tuned on the first two thirds only; the last third is held
out and must clear the bar on its own.
"""

from __future__ import annotations

import dataclasses
import random
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from closeknit.coaching.appreciation import (
    HINT_MOMENT,
    HINT_SHOWS,
    HINT_START,
    HINT_TURN,
    MAX_HINTS,
    QUALITIES,
    Assessment,
    assess,
)

DATA = Path(__file__).parent / "data" / "appreciations.yaml"

MIN_SPEARMAN_FULL = 0.70
MIN_SPEARMAN_HELD_OUT = 0.65
MIN_QUALITY_PRECISION = 0.80

REQUIRED_SLUGS = {
    "humour", "kindness", "patience", "courage", "creativity", "reliability", "warmth",
    "curiosity", "effort", "generosity", "playfulness", "intelligence", "looks", "strength",
    "honesty", "calm", "thoughtfulness", "care_for_others", "ambition", "tenderness",
    "resilience", "loyalty",
}  # fmt: skip


@cache
def labelled() -> tuple[dict[str, Any], ...]:
    with DATA.open(encoding="utf-8") as handle:
        rows = yaml.safe_load(handle)
    return tuple(rows)


def tuning_rows() -> tuple[dict[str, Any], ...]:
    rows = labelled()
    return rows[: len(rows) * 2 // 3]


def held_out_rows() -> tuple[dict[str, Any], ...]:
    rows = labelled()
    return rows[len(rows) * 2 // 3 :]


# --- Statistics (no scipy) -------------------------------------------------------------------


def average_ranks(values: list[float]) -> list[float]:
    """1-based ranks; tied values share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = (start + end) / 2 + 1
        for position in range(start, end + 1):
            ranks[order[position]] = shared
        start = end + 1
    return ranks


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return 0.0
    return float(cov / (var_x * var_y) ** 0.5)


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rho as the Pearson correlation of average ranks (correct with ties)."""
    return pearson(average_ranks(xs), average_ranks(ys))


def spearman_of(rows: tuple[dict[str, Any], ...]) -> float:
    scores = [float(assess(row["text"]).score) for row in rows]
    labels = [float(row["label"]) for row in rows]
    return spearman(scores, labels)


def quality_counts(rows: tuple[dict[str, Any], ...]) -> tuple[int, int, int]:
    """Micro-averaged true positives, false positives and false negatives."""
    tp = fp = fn = 0
    for row in rows:
        predicted = set(assess(row["text"]).qualities)
        expected = set(row["qualities"])
        tp += len(predicted & expected)
        fp += len(predicted - expected)
        fn += len(expected - predicted)
    return tp, fp, fn


def test_average_ranks_share_ties() -> None:
    assert average_ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]
    assert average_ranks([5, 5, 5]) == [2.0, 2.0, 2.0]


def test_spearman_known_values() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # With a tie: ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4) give 0.9486832980505138.
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486832980505138)


# --- The labelled set ------------------------------------------------------------------------


def test_labelled_set_is_well_formed() -> None:
    rows = labelled()
    assert len(rows) >= 170
    texts = [row["text"] for row in rows]
    assert len(set(texts)) == len(texts), "duplicate texts"
    for row in rows:
        assert set(row) == {"text", "label", "qualities"}, row
        assert isinstance(row["text"], str)
        assert isinstance(row["label"], int)
        assert 0 <= row["label"] <= 100, row
        assert set(row["qualities"]) <= set(QUALITIES), row


def test_score_tracks_human_labels() -> None:
    full = spearman_of(labelled())
    tuning = spearman_of(tuning_rows())
    held_out = spearman_of(held_out_rows())
    figures = (
        f"Spearman full={full:.3f} (n={len(labelled())}), tuning={tuning:.3f} "
        f"(n={len(tuning_rows())}), held-out={held_out:.3f} (n={len(held_out_rows())})"
    )
    print(f"\n{figures}")
    assert full >= MIN_SPEARMAN_FULL, figures
    assert held_out >= MIN_SPEARMAN_HELD_OUT, figures


def test_quality_detection_is_precise() -> None:
    lines = []
    results = {}
    for name, rows in (
        ("full", labelled()),
        ("tuning", tuning_rows()),
        ("held-out", held_out_rows()),
    ):
        tp, fp, fn = quality_counts(rows)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        results[name] = precision
        lines.append(
            f"qualities {name}: precision={precision:.3f} recall={recall:.3f} "
            f"(tp={tp} fp={fp} fn={fn})"
        )
    figures = "; ".join(lines)
    print("\n" + "\n".join(lines))
    assert results["full"] >= MIN_QUALITY_PRECISION, figures
    assert results["held-out"] >= MIN_QUALITY_PRECISION, figures


# --- Behaviour -------------------------------------------------------------------------------


def test_qualities_catalogue() -> None:
    assert len(QUALITIES) >= 22
    assert set(QUALITIES) >= REQUIRED_SLUGS
    assert all(slug.isidentifier() and slug.islower() for slug in QUALITIES)
    assert all(label.strip() for label in QUALITIES.values())


def test_generic_scores_lower_than_specific() -> None:
    generic = assess("You're amazing, the best partner ever!")
    specific = assess(
        "Yesterday when my sister called in tears, you drove over with a pot of soup and sat "
        "with her for two hours. You're someone who shows up for people."
    )
    assert generic.score + 30 < specific.score, (generic, specific)
    assert "care_for_others" in specific.qualities


def test_detail_beats_a_bare_quality_word() -> None:
    bare = assess("You're so patient.")
    detailed = assess(
        "On Sunday you spent an hour teaching my nephew to tie his laces, and you never once "
        "sounded tired of it. You're so patient."
    )
    assert bare.score < detailed.score
    assert bare.qualities == detailed.qualities == ["patience"]


def test_self_focus_lowers_the_score() -> None:
    act = "You cooked dinner for my parents on Friday"
    about_them = assess(act + ", and it showed how much you care about my family.")
    plain = assess(act + ".")
    about_me = assess(
        act + ", and it saved me so much time, it made my week easier and I got to relax for "
        "once, which was a huge relief for me."
    )
    assert about_me.score < plain.score < about_them.score, (about_me, plain, about_them)
    assert about_me.hints[0] == HINT_TURN


def test_superlatives_do_not_add_up() -> None:
    one = assess("You're amazing.")
    many = assess("You're amazing, incredible, wonderful, the best in the world!")
    assert many.score <= one.score
    assert any("“amazing”" in hint for hint in many.hints)


def test_hint_names_the_moment_when_none_is_given() -> None:
    result = assess("You are so kind and thoughtful.")
    assert HINT_MOMENT in result.hints
    assert result.hints[0] == HINT_MOMENT
    with_moment = assess("This morning you left a note in my bag before my interview.")
    assert HINT_MOMENT not in with_moment.hints
    assert HINT_SHOWS in with_moment.hints


def test_rich_appreciation_needs_no_hints() -> None:
    result = assess(
        "Last night when I was panicking about the move, you made a list with me, box by box, "
        "and kept me laughing. That patience says so much about you."
    )
    assert result.hints == []
    assert result.score >= 70
    assert result.qualities == ["humour", "patience"]


def test_hints_are_short_kind_and_capped() -> None:
    for row in labelled():
        hints = assess(row["text"]).hints
        assert len(hints) <= MAX_HINTS
        assert len(set(hints)) == len(hints)
        for hint in hints:
            assert len(hint) <= 80, hint
            assert not any(word in hint.lower() for word in ("bad", "wrong", "fail", "must"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "asdf qwer",
        "Je t'aime beaucoup",
        "Merci pour tout, mon amour",
        "Ich liebe dich so sehr",
        "lorem ipsum dolor sit amet",
        "❤️❤️❤️",
        "😘🔥✨",
        "!!!???...",
        "1234 5678",
        "ありがとう、大好き",
    ],
)
def test_neutral_for_empty_foreign_or_nonsense(text: str) -> None:
    result = assess(text)
    assert result.score <= 10, result
    assert result.qualities == []
    assert len(result.hints) <= 1
    assert result.hints in ([], [HINT_START])


def test_negation_cancels_a_quality() -> None:
    assert assess("You're not patient with me.").qualities == []
    assert assess("You weren't very kind to my friend yesterday.").qualities == []
    assert assess("You're not only kind but also funny.").qualities == ["kindness", "humour"]
    assert assess("You never gave up on the marathon.").qualities == ["resilience"]


def test_ambiguous_words_do_not_fire() -> None:
    assert assess("That kind of thing is honestly fine by me.").qualities == []
    assert assess("Your painting of the harbour is stunning.").qualities == []
    assert assess("Thank you for the flowers, they're lovely.").qualities == []
    assert assess("Could you drive me home after work?").qualities == []
    # Praise of a thing, not of the partner.
    assert assess("The film last night was so funny and the ending so creative.").qualities == []


def test_qualities_in_order_of_first_mention() -> None:
    result = assess("You're so funny, and yesterday you were brave and kind at the vet.")
    assert result.qualities == ["humour", "courage", "kindness"]


def test_texting_style_is_understood() -> None:
    result = assess("yday u waited 2 hrs at the garage 4 me and didnt complain once. ur so patient")
    assert result.qualities == ["patience"]
    assert result.score >= 50
    assert HINT_MOMENT not in result.hints


def test_assessment_is_frozen() -> None:
    result = assess("You're kind.")
    assert isinstance(result, Assessment)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.score = 100  # type: ignore[misc]


def random_text(rng: random.Random) -> str:
    """Mixed junk: arbitrary code points (surrogates too), emoji, English fragments, spacing."""
    pieces: list[str] = []
    for _ in range(rng.randint(0, 40)):
        kind = rng.random()
        if kind < 0.35:
            pieces.append(chr(rng.randint(0, 0x10FFFF)))
        elif kind < 0.5:
            pieces.append(chr(rng.randint(0x1F300, 0x1FAFF)))
        elif kind < 0.8:
            pieces.append(rng.choice(labelled())["text"][: rng.randint(0, 30)])
        else:
            pieces.append(
                rng.choice([" ", "\n", "'", "\u2019", "\u2014", ".", "you", "not ", "u", "ur"])
            )
    return "".join(pieces)


def test_random_strings_never_raise() -> None:
    rng = random.Random(20240611)
    for _ in range(500):
        text = random_text(rng)
        result = assess(text)
        assert 0 <= result.score <= 100, text
        assert len(result.hints) <= MAX_HINTS, text
        assert set(result.qualities) <= set(QUALITIES), text
        assert len(set(result.qualities)) == len(result.qualities), text


def test_very_long_text_is_handled() -> None:
    text = "Yesterday you were so patient with me. " * 5000
    result = assess(text)
    assert 0 <= result.score <= 100
    assert result.qualities == ["patience"]


def test_returned_qualities_are_known() -> None:
    for row in labelled():
        assert set(assess(row["text"]).qualities) <= set(QUALITIES)
