"""Tests for closeknit.progress.instruments: questionnaires defined only as YAML data."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from closeknit.progress.instruments import (
    INSTRUMENTS_DIR,
    Instrument,
    InstrumentError,
    ScoringError,
    builtin_instruments,
    load_all,
    load_instrument,
    parse_instrument,
)

DATA = Path(__file__).resolve().parent / "data"
TEST_FILE = DATA / "test-couple-check.yaml"
WEEKLY_FILE = INSTRUMENTS_DIR / "closeknit-weekly.yaml"


@pytest.fixture(scope="module")
def weekly() -> Instrument:
    return load_instrument(WEEKLY_FILE)


@pytest.fixture(scope="module")
def couple_check() -> Instrument:
    return load_instrument(TEST_FILE)


def full_weekly(value: int = 4) -> dict[str, int | None]:
    return dict.fromkeys(
        [
            "closeness",
            "appreciated",
            "alone",
            "understood",
            "desires",
            "fun",
            "newness",
            "satisfaction",
        ],
        value,
    )


# ---------------------------------------------------------------------------------------------
# Our own weekly check-in


def test_weekly_check_in_is_small_our_own_and_honest(weekly: Instrument) -> None:
    assert weekly.key == "closeknit-weekly"
    assert weekly.cadence == "weekly"
    assert (weekly.scale.minimum, weekly.scale.maximum) == (1, 7)
    assert 6 <= len(weekly.items) <= 8
    assert weekly.reverse_keys == {"alone"}
    assert set(weekly.subscales) == {"connection", "communication", "vitality"}
    assert weekly.scoring.method == "mean"
    # Honest measurement: no bands without data; reliability is a labelled assumption.
    assert weekly.cutoffs == []
    assert weekly.reliability is not None and weekly.sd is not None
    assert "planning assumption" in weekly.reliability_note.lower()
    assert "not a validated" in weekly.attribution.lower()
    text = " ".join(item.text for item in weekly.items).lower()
    assert "my partner" in text
    gendered = r"\b(husband|wife|boyfriend|girlfriend|he|she|his|her|him|hers)\b"
    assert re.search(gendered, text) is None


def test_weekly_covers_the_agreed_topics(weekly: Instrument) -> None:
    keys = set(weekly.item_keys)
    assert {"closeness", "understood", "appreciated", "fun", "newness", "desires"} <= keys
    assert "satisfaction" in keys


def test_builtin_instruments_load(weekly: Instrument) -> None:
    assert builtin_instruments() == {"closeknit-weekly": weekly}


def test_weekly_scoring_reverse_keys_and_subscales(weekly: Instrument) -> None:
    answers = full_weekly(4)
    answers.update(closeness=7, appreciated=6, alone=2, fun=5, newness=3)
    score = weekly.score(answers)
    assert score.keyed["alone"] == 6  # 1 + 7 - 2
    assert score.subscales["connection"] == pytest.approx((7 + 6 + 6) / 3)
    assert score.subscales["communication"] == pytest.approx(4.0)
    assert score.subscales["vitality"] == pytest.approx(4.0)
    assert score.total == pytest.approx((7 + 6 + 6 + 4 + 4 + 5 + 3 + 4) / 8)
    assert not score.prorated and score.scored
    assert score.band is None  # no cut-offs


def test_weekly_prorates_with_one_answer_missing(weekly: Instrument) -> None:
    answers = full_weekly(5)
    answers["newness"] = None
    score = weekly.score(answers)
    assert score.answered == 7
    assert score.prorated
    # Six answers of 5 and "alone" reverse-keyed to 3: the mean of the seven answered.
    assert score.total == pytest.approx((6 * 5 + 3) / 7)
    assert score.subscales["vitality"] is None  # 1 of 2 items: under 80%
    del answers["fun"]
    too_few = weekly.score(answers)  # 6 of 8 = 75%
    assert too_few.total is None and not too_few.scored and not too_few.prorated


# ---------------------------------------------------------------------------------------------
# A second instrument, defined only as data


def test_second_instrument_is_loaded_without_code(couple_check: Instrument) -> None:
    assert couple_check.key == "test-couple-check"
    assert couple_check.version == 2
    assert (couple_check.scale.minimum, couple_check.scale.maximum) == (0, 5)
    assert couple_check.reverse_keys == {"distant"}
    assert couple_check.subscale_items("bond") == ["warm", "distant"]
    assert couple_check.total_range == (0.0, 20.0)
    assert load_all(DATA) == {"test-couple-check": couple_check}


def test_second_instrument_sum_scoring_and_bands(couple_check: Instrument) -> None:
    score = couple_check.score({"warm": 4, "distant": 1, "plan": 3, "repair": 5})
    # distant reverse-keyed: 0 + 5 - 1 = 4.
    assert score.total == pytest.approx(4 + 4 + 3 + 5)
    assert score.subscales == {"bond": pytest.approx(8.0), "teamwork": pytest.approx(8.0)}
    assert score.band == "high"
    assert couple_check.score({"warm": 0, "distant": 5, "plan": 0, "repair": 0}).band == "low"
    edge = couple_check.score({"warm": 2, "distant": 3, "plan": 2, "repair": 3})
    assert edge.total == pytest.approx(9.0)
    assert edge.band == "middle"
    seven = couple_check.score({"warm": 2, "distant": 5, "plan": 2, "repair": 3})
    assert seven.total == pytest.approx(7.0)
    assert seven.band == "low"  # bands include their max


def test_second_instrument_prorates_a_sum(couple_check: Instrument) -> None:
    score = couple_check.score({"warm": 5, "distant": 0, "plan": 3})
    # Mean of the three answered keyed items (5, 5, 3) times four items.
    assert score.total == pytest.approx((5 + 5 + 3) / 3 * 4)
    assert score.prorated
    assert score.subscales["bond"] == pytest.approx(10.0)
    assert score.subscales["teamwork"] is None  # one of two answered
    assert couple_check.score({"warm": 5, "plan": 3}).total is None


def test_sum_and_mean_of_the_same_answers(couple_check: Instrument, tmp_path: Path) -> None:
    data = yaml.safe_load(TEST_FILE.read_text(encoding="utf-8"))
    data["scoring"] = {"method": "mean"}
    data["cutoffs"] = [{"max": 2.5, "label": "lower"}, {"max": 5, "label": "higher"}]
    path = tmp_path / "mean.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    as_mean = load_instrument(path)
    answers = {"warm": 4, "distant": 1, "plan": 3, "repair": 5}
    assert as_mean.score(answers).total == pytest.approx(16 / 4)
    assert couple_check.score(answers).total == pytest.approx(16)
    assert as_mean.score(answers).band == "higher"


# ---------------------------------------------------------------------------------------------
# Scoring errors


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"warm": 6}, "outside the scale 0..5"),
        ({"warm": -1}, "outside the scale"),
        ({"warm": 2.5}, "whole number"),
        ({"warm": True}, "whole number"),
        ({"warm": "3"}, "whole number"),
        ({"wamr": 3}, "unknown item key"),
    ],
)
def test_bad_answers_raise_scoring_error(
    couple_check: Instrument, answers: dict[str, Any], message: str
) -> None:
    with pytest.raises(ScoringError, match=message):
        couple_check.score(answers)


def test_scoring_error_is_a_value_error() -> None:
    assert issubclass(ScoringError, ValueError)
    assert issubclass(InstrumentError, ValueError)


# ---------------------------------------------------------------------------------------------
# Schema errors name the file and the field


@pytest.fixture
def valid() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TEST_FILE.read_text(encoding="utf-8"))
    return data


def load_bad(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    return message


def test_unknown_top_level_field(tmp_path: Path, valid: dict[str, Any]) -> None:
    valid["colour"] = "blue"
    message = load_bad(tmp_path, valid)
    assert "colour: unknown field 'colour'" in message
    assert "allowed: key, version" in message


def test_unknown_field_in_an_item(tmp_path: Path, valid: dict[str, Any]) -> None:
    valid["items"][1]["reversed"] = True
    message = load_bad(tmp_path, valid)
    assert "items[1].reversed: unknown field 'reversed'" in message
    assert "allowed: key, text, reverse, subscale" in message


def test_scale_min_must_be_below_max(tmp_path: Path, valid: dict[str, Any]) -> None:
    valid["scale"] = {"min": 5, "max": 5}
    message = load_bad(tmp_path, valid)
    assert "scale: min (5) must be below max (5)" in message


def test_reverse_on_a_missing_item(tmp_path: Path, valid: dict[str, Any]) -> None:
    valid["reverse"] = ["warm", "distnat"]
    message = load_bad(tmp_path, valid)
    assert "reverse: 'distnat' is not an item key" in message
    assert "warm, distant, plan, repair" in message


def test_duplicate_item_keys(tmp_path: Path, valid: dict[str, Any]) -> None:
    valid["items"][3]["key"] = "warm"
    message = load_bad(tmp_path, valid)
    assert "items[3].key: duplicate item key 'warm' (also items[0])" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("attribution"), "attribution: required field is missing"),
        (lambda d: d.update(cadence="monthly"), "cadence: Input should be"),
        (lambda d: d.update(version="1"), "version: Input should be a valid integer"),
        (lambda d: d.update(key="Test Couple"), "key: String should match pattern"),
        (lambda d: d.update(reliability=1.0), "reliability: Input should be less than 1"),
        (lambda d: d.update(sd=0), "sd: Input should be greater than 0"),
        (lambda d: d["items"][0].update(reverse="no"), "items[0].reverse: Input should be"),
        (lambda d: d["items"][0].update(subscale="bnod"), "'bnod' is not declared under"),
        (lambda d: d["subscales"].update(extra={"name": "X"}), "subscales.extra: no item"),
        (lambda d: d["scoring"].update(method="median"), "scoring.method: Input should be"),
        (lambda d: d["scale"]["labels"].update({9: "x"}), "scale.labels: 9 is outside"),
        (lambda d: d.update(items=[]), "items: List should have at least 1 item"),
        (
            lambda d: d.update(cutoffs=[{"max": 14, "label": "a"}, {"max": 7, "label": "b"}]),
            "cutoffs[1].max: 7 must be above the previous band's max",
        ),
        (
            lambda d: d.update(cutoffs=[{"max": 14, "label": "a"}]),
            "cutoffs[0].max: 14 must reach the highest possible total (20)",
        ),
    ],
)
def test_schema_errors_are_clear(
    tmp_path: Path, valid: dict[str, Any], change: Any, expected: str
) -> None:
    data = copy.deepcopy(valid)
    change(data)
    message = load_bad(tmp_path, data)
    assert expected in message, message


def test_unreadable_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(InstrumentError, match=re.escape(str(tmp_path / "missing.yaml"))):
        load_instrument(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("key: [unclosed\n", encoding="utf-8")
    with pytest.raises(InstrumentError, match="not valid YAML"):
        load_instrument(broken)
    listed = tmp_path / "list.yaml"
    listed.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(InstrumentError, match="mapping of fields"):
        load_instrument(listed)
    with pytest.raises(InstrumentError, match="not a directory"):
        load_all(tmp_path / "nowhere")


def test_load_all_rejects_two_files_with_the_same_key(tmp_path: Path) -> None:
    text = TEST_FILE.read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yml").write_text(text, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"b\.yml: key: 'test-couple-check' is already used"):
        load_all(tmp_path)


def test_parse_instrument_names_its_source(valid: dict[str, Any]) -> None:
    valid["version"] = 0
    with pytest.raises(InstrumentError, match=r"^therapist upload: version: Input should be"):
        parse_instrument(valid, source="therapist upload")
