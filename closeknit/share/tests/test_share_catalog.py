"""Checks on the Share prompt catalog (content/prompts.yaml).

Framework-free: plain asserts, runnable under pytest without Django.
"""

import difflib
import itertools
import re
from collections import Counter
from functools import cache
from pathlib import Path

import yaml

CATALOG = Path(__file__).resolve().parents[1] / "content" / "prompts.yaml"

KEY_PATTERN = re.compile(r"^[a-z0-9-]{3,60}$")
TOPIC_PATTERN = re.compile(r"^[a-z0-9-]{2,40}$")
KINDS = {"fact", "feeling"}
DEPTHS = {1, 2, 3, 4, 5}
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
)
GENDERED = re.compile(r"\b(" + "|".join(GENDERED_WORDS) + r")\b", re.IGNORECASE)
# Small function words, dropped before comparing which content words two prompts share.
STOPWORD_TEXT = """
a an the and or but if of to in on at by for with from as into about than then so
is are was were be been being am do does did done have has had having
i me my you your yours yourself we us our ours they them their it its this that these those
what which who whom whose when where why how there here
can could would should will shall may might must just still ever even also very too
one some any all more most much many own other others no not
s t re ve ll d
"""
STOPWORDS = frozenset(STOPWORD_TEXT.split())
SEQUENCE_LIMIT = 0.85
JACCARD_LIMIT = 0.7


@cache
def catalog() -> dict:
    with CATALOG.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def prompts() -> list[dict]:
    return catalog()["prompts"]


def normalized(text: str) -> str:
    without_punctuation = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(without_punctuation.split())


def content_words(text: str) -> frozenset[str]:
    return frozenset(word for word in normalized(text).split() if word not in STOPWORDS)


def test_the_catalog_has_a_version_topics_and_prompts():
    data = catalog()
    assert data["version"] == 1
    assert isinstance(data["topics"], dict)
    assert isinstance(data["prompts"], list)


def test_the_catalog_holds_at_least_three_hundred_prompts():
    assert len(prompts()) >= 300


def test_every_prompt_has_exactly_the_expected_fields():
    expected = {"key", "depth", "topic", "kind", "text"}
    wrong = [p.get("key", p) for p in prompts() if set(p) != expected]
    assert not wrong, f"prompts with missing or extra fields: {wrong}"


def test_every_depth_from_one_to_five_is_present():
    assert {p["depth"] for p in prompts()} == DEPTHS


def test_at_least_ten_topics_are_used():
    assert len({p["topic"] for p in prompts()}) >= 10


def test_keys_are_unique_kebab_case_slugs():
    keys = [p["key"] for p in prompts()]
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    assert not duplicates, f"duplicate keys: {duplicates}"
    malformed = [key for key in keys if not isinstance(key, str) or not KEY_PATTERN.match(key)]
    assert not malformed, f"malformed keys: {malformed}"


def test_every_prompt_uses_a_declared_topic():
    declared = set(catalog()["topics"])
    undeclared = sorted({p["topic"] for p in prompts()} - declared)
    assert not undeclared, f"undeclared topics: {undeclared}"


def test_every_topic_has_a_human_label():
    for slug, label in catalog()["topics"].items():
        assert TOPIC_PATTERN.match(slug), slug
        assert isinstance(label, str), slug
        assert label.strip(), slug


def test_kind_is_fact_or_feeling():
    wrong = [p["key"] for p in prompts() if p["kind"] not in KINDS]
    assert not wrong, f"unknown kinds: {wrong}"


def test_depth_is_a_whole_number_from_one_to_five():
    wrong = [p["key"] for p in prompts() if type(p["depth"]) is not int or p["depth"] not in DEPTHS]
    assert not wrong, f"bad depths: {wrong}"


def test_text_is_between_ten_and_two_hundred_characters():
    wrong = [
        (p["key"], len(p["text"]))
        for p in prompts()
        if not isinstance(p["text"], str) or not 10 <= len(p["text"]) <= 200
    ]
    assert not wrong, f"text too short or too long: {wrong}"


def test_deeper_prompts_mostly_invite_feelings():
    for depth in (3, 4, 5):
        at_depth = [p for p in prompts() if p["depth"] == depth]
        feeling = sum(1 for p in at_depth if p["kind"] == "feeling")
        assert feeling * 2 > len(at_depth), f"depth {depth}: {feeling} of {len(at_depth)}"


def test_no_prompt_uses_gendered_words():
    found = [(p["key"], match) for p in prompts() if (match := GENDERED.findall(p["text"]))]
    assert not found, f"gendered words: {found}"


def test_no_two_prompts_are_near_duplicates():
    items = [(p["key"], normalized(p["text"]), content_words(p["text"])) for p in prompts()]
    too_close = []
    for (key_a, text_a, words_a), (key_b, text_b, words_b) in itertools.combinations(items, 2):
        union = words_a | words_b
        jaccard = len(words_a & words_b) / len(union) if union else 1.0
        matcher = difflib.SequenceMatcher(None, text_a, text_b, autojunk=False)
        similar_text = (
            matcher.real_quick_ratio() >= SEQUENCE_LIMIT
            and matcher.quick_ratio() >= SEQUENCE_LIMIT
            and matcher.ratio() >= SEQUENCE_LIMIT
        )
        if similar_text or jaccard >= JACCARD_LIMIT:
            too_close.append((key_a, key_b, round(jaccard, 2)))
    assert not too_close, f"near-duplicate prompts: {too_close}"
