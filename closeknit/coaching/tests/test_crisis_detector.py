"""Checks on the crisis-language detector (closeknit.coaching.crisis).

Framework-free: plain asserts, runnable under pytest without Django
(`pytest -p no:django closeknit/coaching/tests/test_crisis_detector.py -s` prints the figures).

The labelled messages (data/crisis.yaml) were written and labelled by hand: the first 208 before
the detector, then "fresh rounds" (marked in the file) written after each version was frozen,
scored once, and only then added. The detector's rules were tuned on the first two thirds and its
statistical weights are trained on exactly that part, so the last third is reported on its own.
Messages are short and non-graphic on purpose.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from closeknit.coaching import crisis
from closeknit.coaching.crisis import RESOURCES, detect, train_weights

DATA = Path(__file__).parent / "data" / "crisis.yaml"

MIN_RECALL = 0.90
MIN_PRECISION = 0.80
MIN_RECALL_HELD_OUT = 0.90
MIN_PRECISION_HELD_OUT = 0.75


@cache
def labelled() -> tuple[dict[str, Any], ...]:
    with DATA.open(encoding="utf-8") as handle:
        return tuple(yaml.safe_load(handle))


def tuning_rows() -> tuple[dict[str, Any], ...]:
    rows = labelled()
    return rows[: len(rows) * 2 // 3]


def held_out_rows() -> tuple[dict[str, Any], ...]:
    rows = labelled()
    return rows[len(rows) * 2 // 3 :]


def precision_recall(rows: tuple[dict[str, Any], ...]) -> tuple[float, float, list[str]]:
    true_pos = false_pos = false_neg = 0
    errors = []
    for row in rows:
        found = detect(row["text"])
        if found and row["crisis"]:
            true_pos += 1
        elif found:
            false_pos += 1
            errors.append(f"false alarm: {row['text']}")
        elif row["crisis"]:
            false_neg += 1
            errors.append(f"missed: {row['text']}")
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    return precision, recall, errors


def report(title: str, rows: tuple[dict[str, Any], ...]) -> tuple[float, float, str]:
    precision, recall, errors = precision_recall(rows)
    crises = sum(row["crisis"] for row in rows)
    text = "\n".join(
        [f"{title}: {len(rows)} messages, {crises} crisis", f"  P {precision:.3f}  R {recall:.3f}"]
        + [f"  {error}" for error in errors]
    )
    return precision, recall, text


# --- The labelled set ------------------------------------------------------------------------


def test_message_file_holds_160_items_with_60_crises_and_many_hard_negatives() -> None:
    rows = labelled()
    assert len(rows) >= 160
    for row in rows:
        assert set(row) == {"text", "crisis"}, row
        assert isinstance(row["crisis"], bool), row
    assert sum(row["crisis"] for row in rows) >= 60
    idioms = re.compile(r"\b(?:kill\w*|die|dying|dead|death|murder|hurt|scared|afraid)\b", re.I)
    hard_negatives = [row for row in rows if not row["crisis"] and idioms.search(row["text"])]
    assert len(hard_negatives) >= 50


def test_recall_is_090_and_precision_080_on_the_whole_set() -> None:
    precision, recall, text = report("Whole set", labelled())
    print("\n" + text)
    assert recall >= MIN_RECALL, text
    assert precision >= MIN_PRECISION, text


def test_tuning_part_is_reported() -> None:
    print("\n" + report("Tuning part, first two thirds", tuning_rows())[2])


def test_held_out_third_still_finds_the_crises() -> None:
    precision, recall, text = report("Held-out last third", held_out_rows())
    print("\n" + text)
    assert recall >= MIN_RECALL_HELD_OUT, text
    assert precision >= MIN_PRECISION_HELD_OUT, text


def test_embedded_weights_are_the_ones_trained_on_the_tuning_part() -> None:
    prior, weights = train_weights((row["text"], row["crisis"]) for row in tuning_rows())
    assert prior == crisis._PRIOR
    assert weights == crisis._WEIGHTS, "paste crisis.model_text(tuning rows) into crisis._MODEL"


def test_training_needs_both_labels() -> None:
    with pytest.raises(ValueError):
        train_weights([("I want to die", True)])


# --- What it should catch --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to be here anymore.",
        "I want to end it all.",
        "I've been hurting myself.",
        "sometimes i think i should just kill myself",
        "There's no reason to live.",
        "Everyone would be better off without me.",
        "I'm going to hurt you.",
        "I'll kill him.",
        "You'll regret it if you leave.",
        "I'm scared of what they'll do to me.",
        "My partner hit me again last night.",
        "I don't feel safe at home.",
    ],
)
def test_crisis_language_is_detected(text: str) -> None:
    assert detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "This traffic is killing me.",
        "I could kill for a coffee.",
        "I'm dying to see you!",
        "That joke killed.",
        "The deadline is murder.",
        "I'd die of embarrassment.",
        "My boss is going to kill me when she sees this.",
        "I'm so angry at you right now.",
        "I've been really sad since Grandpa died.",
        "I cut myself chopping onions.",
        "I'll beat you at chess tonight.",
        "I'm going to kill my brother for eating the last cookie lol",
    ],
)
def test_idioms_and_ordinary_frustration_are_not_crises(text: str) -> None:
    assert not detect(text)


def test_crisis_in_the_middle_of_a_long_message_is_found() -> None:
    everyday = "We went to the market and bought apples. The weather was grey. " * 20
    assert detect(everyday + "Honestly I don't want to be alive anymore. " + everyday)


def test_a_long_everyday_message_does_not_add_up_to_an_alarm() -> None:
    everyday = (
        "I want to plan the weekend. I keep thinking about the trip. I'm tired but fine. "
        "My sister is coming over tonight. I can't wait to see her. "
    )
    assert not detect(everyday * 30)


# --- Resources -------------------------------------------------------------------------------


def test_resources_are_generic_international_and_invent_no_phone_numbers() -> None:
    assert len(RESOURCES) >= 3
    for name, description in RESOURCES:
        assert name.strip() and description.strip()
        assert not re.search(r"\d{3}", name + description), (name, description)
    text = " ".join(name + " " + description for name, description in RESOURCES).lower()
    assert "findahelpline.com" in text
    assert "emergency number" in text


# --- Robustness ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n", "?!", "🙂", "asdf qwer", "仕事で寂しかった"])
def test_empty_and_meaningless_text_is_not_a_crisis(text: str) -> None:
    assert detect(text) is False


def test_non_string_input_is_not_a_crisis() -> None:
    assert detect(None) is False  # type: ignore[arg-type]


def test_500_random_unicode_strings_never_raise() -> None:
    rng = random.Random(20240611)
    pools = ((0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0xD800, 0xDFFF), (0x0, 0x10FFFF))
    for _ in range(500):
        length = rng.choice((0, 1, 5, 40, 400, 4000))
        text = "".join(chr(rng.randint(*rng.choice(pools))) for _ in range(length))
        assert isinstance(detect(text), bool)


def test_verdicts_do_not_depend_on_hash_randomisation() -> None:
    script = (
        "import json, sys, yaml\n"
        "from closeknit.coaching.crisis import detect\n"
        "rows = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n"
        "print(json.dumps([detect(row['text']) for row in rows]))\n"
    )
    verdicts = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", script, str(DATA)],
            capture_output=True,
            check=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        verdicts.append(json.loads(done.stdout))
    assert verdicts[0] == verdicts[1]
