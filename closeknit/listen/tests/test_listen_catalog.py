"""Checks on the Listen topic catalog (content/topics.yaml).

Framework-free: plain asserts, runnable under pytest without Django.
"""

import difflib
import itertools
import re
from collections import Counter
from functools import cache
from pathlib import Path

import yaml

from closeknit.testing.catalogs import normalized
from closeknit.testing.catalogs import words_found as find_words

CATALOG = Path(__file__).resolve().parents[1] / "content" / "topics.yaml"

KEY_PATTERN = re.compile(r"^[a-z0-9-]{3,60}$")
LIGHT, MEANINGFUL, TENDER = 1, 2, 3
LEVELS = {LIGHT, MEANINGFUL, TENDER}
MIN_PER_LEVEL = {LIGHT: 35, MEANINGFUL: 30, TENDER: 25}
MIN_TOPICS = 90
MAX_TEXT = 120
MAX_HINT = 160
HINT_OPENINGS = ("Listener: ", "Speaker: ")
SEQUENCE_LIMIT = 0.85

GENDERED_WORDS = (
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "mom",
    "dad",
    "mother",
    "father",
    "man",
    "woman",
    "men",
    "women",
)
# Family titles assume a family shape; "the people who raised you" does not. The rest would
# assume children, a shared home, a faith or money.
ASSUMPTION_WORDS = (
    "mum",
    "mommy",
    "daddy",
    "parent",
    "parents",
    "brother",
    "sister",
    "siblings",
    "son",
    "daughter",
    "grandma",
    "grandpa",
    "kids",
    "children",
    "baby",
    "babies",
    "church",
    "prayer",
    "god",
    "money",
    "salary",
    "mortgage",
    "rent",
    "boss",
    "our home",
    "our house",
    "our flat",
    "living together",
    "husband",
    "spouse",
)
# Tender topics invite feelings, never the retelling of a painful event.
PRESSING_WORDS = (
    "trauma",
    "traumatic",
    "abuse",
    "abused",
    "assault",
    "worst",
    "what happened",
    "in detail",
    "every detail",
    "describe exactly",
)


def word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE)


GENDERED = word_pattern(GENDERED_WORDS)
ASSUMPTIONS = word_pattern(ASSUMPTION_WORDS)
PRESSING = word_pattern(PRESSING_WORDS)


@cache
def catalog() -> dict:
    with CATALOG.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def topics() -> list[dict]:
    return catalog()["topics"]


def words_found(pattern: re.Pattern[str]) -> list[tuple[str, list[str]]]:
    return find_words(catalog(), pattern)


def test_the_catalog_has_a_version_levels_and_topics():
    data = catalog()
    assert data["version"] == 1
    assert isinstance(data["levels"], dict)
    assert isinstance(data["topics"], list)


def test_the_levels_are_light_meaningful_and_tender_in_that_order():
    levels = catalog()["levels"]
    assert set(levels) == LEVELS
    assert [levels[number]["name"] for number in sorted(levels)] == [
        "Light",
        "Meaningful",
        "Tender",
    ]
    for number, level in levels.items():
        assert set(level) == {"name", "description"}, number
        assert isinstance(level["description"], str), number
        assert level["description"].strip(), number


def test_the_catalog_holds_at_least_ninety_topics():
    assert len(topics()) >= MIN_TOPICS


def test_each_level_holds_enough_topics():
    per_level = Counter(topic["level"] for topic in topics())
    thin = {
        level: per_level[level]
        for level, least in MIN_PER_LEVEL.items()
        if per_level[level] < least
    }
    assert not thin, f"levels with too few topics: {thin}"


def test_every_topic_has_exactly_the_expected_fields():
    expected = {"key", "level", "text", "hint"}
    wrong = [topic.get("key", topic) for topic in topics() if set(topic) != expected]
    assert not wrong, f"topics with missing or extra fields: {wrong}"


def test_keys_are_unique_kebab_case_slugs():
    keys = [topic["key"] for topic in topics()]
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    assert not duplicates, f"duplicate keys: {duplicates}"
    malformed = [key for key in keys if not isinstance(key, str) or not KEY_PATTERN.match(key)]
    assert not malformed, f"malformed keys: {malformed}"


def test_every_topic_sits_in_a_declared_level():
    wrong = [
        topic["key"]
        for topic in topics()
        if type(topic["level"]) is not int or topic["level"] not in LEVELS
    ]
    assert not wrong, f"topics in unknown levels: {wrong}"


def test_topic_text_is_a_short_prompt_under_the_limit():
    wrong = [
        (topic["key"], len(topic["text"]))
        for topic in topics()
        if not isinstance(topic["text"], str) or not 10 <= len(topic["text"]) < MAX_TEXT
    ]
    assert not wrong, f"text too short or too long: {wrong}"


def test_topic_text_starts_with_a_capital_and_has_no_trailing_full_stop():
    wrong = [
        topic["key"]
        for topic in topics()
        if not topic["text"][0].isupper() or topic["text"].rstrip().endswith(".")
    ]
    assert not wrong, f"inconsistently punctuated text: {wrong}"


def test_every_hint_is_addressed_to_the_listener_or_speaker_and_under_the_limit():
    wrong = [
        (topic["key"], topic["hint"])
        for topic in topics()
        if not isinstance(topic["hint"], str)
        or not topic["hint"].startswith(HINT_OPENINGS)
        or not 20 <= len(topic["hint"]) < MAX_HINT
    ]
    assert not wrong, f"hints that are malformed or too long: {wrong}"


def test_no_hint_is_reused_word_for_word():
    hints = [normalized(topic["hint"]) for topic in topics()]
    repeated = [hint for hint, count in Counter(hints).items() if count > 1]
    assert not repeated, f"hints used more than once: {repeated}"


def test_no_text_uses_gendered_words():
    found = words_found(GENDERED)
    assert not found, f"gendered words: {found}"


def test_no_text_assumes_a_family_shape_children_a_shared_home_faith_or_money():
    found = words_found(ASSUMPTIONS)
    assert not found, f"assumptions: {found}"


def test_no_tender_topic_presses_for_the_details_of_a_painful_event():
    found = [
        (topic["key"], hits)
        for topic in topics()
        if topic["level"] == TENDER and (hits := PRESSING.findall(topic["text"]))
    ]
    assert not found, f"tender topics that press for details: {found}"


def test_no_two_topics_are_near_duplicates():
    entries = [(topic["key"], normalized(topic["text"])) for topic in topics()]
    too_close = []
    for (key_a, text_a), (key_b, text_b) in itertools.combinations(entries, 2):
        ratio = difflib.SequenceMatcher(None, text_a, text_b, autojunk=False).ratio()
        if ratio >= SEQUENCE_LIMIT:
            too_close.append((key_a, key_b, round(ratio, 2)))
    assert not too_close, f"near-duplicate topics: {too_close}"
