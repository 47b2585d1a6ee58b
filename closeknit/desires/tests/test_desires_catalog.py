"""Checks on the Desires item catalog (content/items.yaml).

Framework-free: plain asserts, runnable under pytest without Django.
"""

import difflib
import itertools
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import yaml

from closeknit.testing.catalogs import normalized
from closeknit.testing.catalogs import words_found as find_words

CATALOG = Path(__file__).resolve().parents[1] / "content" / "items.yaml"

KEY_PATTERN = re.compile(r"^[a-z0-9-]{3,60}$")
TIERS = {1, 2, 3, 4}
VARIANTS = {None, "give", "receive"}
VARIANT_OPENINGS = {"give": "Giving ", "receive": "Receiving "}
MIN_ITEMS = 130
MIN_PER_TIER = 28
MIN_PAIRS = 10
MIN_CATEGORIES, MAX_CATEGORIES = 8, 12
MAX_TEXT = 120
MAX_STARTER = 160
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
# Anatomy, slang and explicit act words. The catalog stays non-graphic: "intimate time",
# "closeness" and "touch" carry the meaning instead.
EXPLICIT_WORDS = (
    "penis",
    "penises",
    "vagina",
    "vaginas",
    "vulva",
    "clitoris",
    "clit",
    "breast",
    "breasts",
    "boob",
    "boobs",
    "nipple",
    "nipples",
    "tit",
    "tits",
    "butt",
    "ass",
    "arse",
    "bum",
    "dick",
    "cock",
    "pussy",
    "genital",
    "genitals",
    "genitalia",
    "crotch",
    "groin",
    "erection",
    "orgasm",
    "orgasms",
    "climax",
    "cum",
    "ejaculate",
    "ejaculation",
    "horny",
    "anal",
    "oral",
    "masturbate",
    "masturbating",
    "masturbation",
    "porn",
    "porno",
    "pornography",
    "fuck",
    "fucking",
    "shag",
    "shagging",
    "naked",
    "nude",
    "nudes",
)
SUBSTANCE_WORDS = (
    "alcohol",
    "alcoholic",
    "wine",
    "champagne",
    "prosecco",
    "beer",
    "cocktail",
    "cocktails",
    "booze",
    "drunk",
    "tipsy",
    "drug",
    "drugs",
    "weed",
    "cannabis",
    "marijuana",
    "edibles",
    "poppers",
    "mdma",
    "ecstasy",
)
# Words that could suggest youth or age-play, or a lack of consent.
OFF_LIMITS_WORDS = (
    "teen",
    "teens",
    "teenage",
    "teenager",
    "schoolgirl",
    "schoolboy",
    "student",
    "teacher",
    "babysitter",
    "underage",
    "daddy",
    "mommy",
    "forced",
    "forcing",
    "coerce",
    "coerced",
    "unwilling",
    "nonconsent",
    "non-consent",
    "unconscious",
)
# The catalog assumes nothing about children, money or faith.
ASSUMPTION_WORDS = (
    "kids",
    "children",
    "baby",
    "babies",
    "money",
    "salary",
    "mortgage",
    "rent",
    "church",
    "prayer",
    "god",
)
THIRD_PARTY = re.compile(
    r"\b(other people|someone else|another person|a third|third person|threesome)\b",
    re.IGNORECASE,
)
FANTASY_ONLY = re.compile(r"\bfantasy\b.*\b(words|talking)\b", re.IGNORECASE)


def word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE)


GENDERED = word_pattern(GENDERED_WORDS)
EXPLICIT = word_pattern(EXPLICIT_WORDS)
SUBSTANCES = word_pattern(SUBSTANCE_WORDS)
OFF_LIMITS = word_pattern(OFF_LIMITS_WORDS)
ASSUMPTIONS = word_pattern(ASSUMPTION_WORDS)


@cache
def catalog() -> dict:
    with CATALOG.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def items() -> list[dict]:
    return catalog()["items"]


def paired_items() -> list[dict]:
    return [item for item in items() if item.get("variant") is not None]


def words_found(pattern: re.Pattern[str]) -> list[tuple[str, list[str]]]:
    return find_words(catalog(), pattern)


def test_the_catalog_has_a_version_tiers_categories_and_items():
    data = catalog()
    assert data["version"] == 1
    assert isinstance(data["tiers"], dict)
    assert isinstance(data["categories"], dict)
    assert isinstance(data["items"], list)


def test_the_tiers_are_one_to_four_and_each_has_a_name_and_description():
    tiers = catalog()["tiers"]
    assert set(tiers) == TIERS
    for number, tier in tiers.items():
        assert set(tier) == {"name", "description"}, number
        assert isinstance(tier["name"], str), number
        assert tier["name"].strip(), number
        assert isinstance(tier["description"], str), number
        assert tier["description"].strip(), number


def test_there_are_eight_to_twelve_categories_each_with_a_label():
    categories = catalog()["categories"]
    assert MIN_CATEGORIES <= len(categories) <= MAX_CATEGORIES
    for slug, label in categories.items():
        assert KEY_PATTERN.match(slug), slug
        assert isinstance(label, str), slug
        assert label.strip(), slug


def test_the_catalog_holds_at_least_one_hundred_thirty_items():
    assert len(items()) >= MIN_ITEMS


def test_each_tier_holds_at_least_twenty_eight_items():
    per_tier = Counter(item["tier"] for item in items())
    thin = {tier: per_tier[tier] for tier in TIERS if per_tier[tier] < MIN_PER_TIER}
    assert not thin, f"tiers with too few items: {thin}"


def test_every_item_has_exactly_the_expected_fields():
    plain = {"key", "tier", "category", "text", "variant", "starters"}
    wrong = [
        item.get("key", item)
        for item in items()
        if set(item) != (plain | {"pair"} if item.get("variant") is not None else plain)
    ]
    assert not wrong, f"items with missing or extra fields: {wrong}"


def test_keys_are_unique_kebab_case_slugs():
    keys = [item["key"] for item in items()]
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    assert not duplicates, f"duplicate keys: {duplicates}"
    malformed = [key for key in keys if not isinstance(key, str) or not KEY_PATTERN.match(key)]
    assert not malformed, f"malformed keys: {malformed}"


def test_every_item_sits_in_a_declared_tier():
    wrong = [
        item["key"]
        for item in items()
        if type(item["tier"]) is not int or item["tier"] not in TIERS
    ]
    assert not wrong, f"items in unknown tiers: {wrong}"


def test_every_item_uses_a_declared_category():
    declared = set(catalog()["categories"])
    wrong = [item["key"] for item in items() if item["category"] not in declared]
    assert not wrong, f"items in undeclared categories: {wrong}"


def test_every_declared_category_is_used():
    used = {item["category"] for item in items()}
    unused = sorted(set(catalog()["categories"]) - used)
    assert not unused, f"categories with no items: {unused}"


def test_item_text_is_a_short_sentence_under_the_limit():
    wrong = [
        (item["key"], len(item["text"]))
        for item in items()
        if not isinstance(item["text"], str) or not 10 <= len(item["text"]) < MAX_TEXT
    ]
    assert not wrong, f"text too short or too long: {wrong}"


def test_item_text_starts_with_a_capital_and_has_no_trailing_full_stop():
    wrong = [
        item["key"]
        for item in items()
        if not item["text"][0].isupper() or item["text"].rstrip().endswith(".")
    ]
    assert not wrong, f"inconsistently punctuated text: {wrong}"


def test_every_item_has_two_or_three_distinct_starters():
    wrong = [
        item["key"]
        for item in items()
        if not isinstance(item["starters"], list)
        or not 2 <= len(item["starters"]) <= 3
        or len(set(item["starters"])) != len(item["starters"])
    ]
    assert not wrong, f"items without two or three distinct starters: {wrong}"


def test_every_starter_is_a_question_or_sentence_under_the_limit():
    wrong = [
        (item["key"], starter)
        for item in items()
        for starter in item["starters"]
        if not isinstance(starter, str)
        or not 10 <= len(starter) < MAX_STARTER
        or starter.rstrip()[-1] not in "?."
    ]
    assert not wrong, f"starters too short, too long or unfinished: {wrong}"


def test_no_starter_is_reused_word_for_word_across_items():
    starters = [normalized(starter) for item in items() for starter in item["starters"]]
    repeated = [starter for starter, count in Counter(starters).items() if count > 1]
    assert not repeated, f"starters used more than once: {repeated}"


def test_variant_is_null_give_or_receive():
    wrong = [item["key"] for item in items() if item["variant"] not in VARIANTS]
    assert not wrong, f"unknown variants: {wrong}"


def test_a_directional_item_names_its_pair_in_its_key():
    wrong = [
        item["key"]
        for item in paired_items()
        if not isinstance(item["pair"], str)
        or not KEY_PATTERN.match(item["pair"])
        or item["key"] != f"{item['pair']}-{item['variant']}"
    ]
    assert not wrong, f"directional items whose key does not match pair and variant: {wrong}"


def test_every_pair_has_exactly_one_give_and_one_receive():
    variants_by_pair = defaultdict(list)
    for item in paired_items():
        variants_by_pair[item["pair"]].append(item["variant"])
    incomplete = {
        stem: variants
        for stem, variants in variants_by_pair.items()
        if sorted(variants) != ["give", "receive"]
    }
    assert not incomplete, f"incomplete pairs: {incomplete}"


def test_there_are_at_least_ten_give_and_receive_pairs():
    assert len({item["pair"] for item in paired_items()}) >= MIN_PAIRS


def test_both_halves_of_a_pair_share_a_tier_and_a_category():
    placement_by_pair = defaultdict(set)
    for item in paired_items():
        placement_by_pair[item["pair"]].add((item["tier"], item["category"]))
    split = {stem: places for stem, places in placement_by_pair.items() if len(places) != 1}
    assert not split, f"pairs split across tiers or categories: {split}"


def test_directional_texts_open_with_giving_or_receiving_and_others_do_not():
    wrong = []
    for item in items():
        opening = VARIANT_OPENINGS.get(item["variant"])
        if opening is not None and not item["text"].startswith(opening):
            wrong.append(item["key"])
        if opening is None and item["text"].startswith(tuple(VARIANT_OPENINGS.values())):
            wrong.append(item["key"])
    assert not wrong, f"texts that do not match their variant: {wrong}"


def test_no_text_uses_gendered_words():
    found = words_found(GENDERED)
    assert not found, f"gendered words: {found}"


def test_no_text_uses_explicit_anatomical_or_slang_words():
    found = words_found(EXPLICIT)
    assert not found, f"explicit words: {found}"


def test_no_text_mentions_alcohol_or_other_substances():
    found = words_found(SUBSTANCES)
    assert not found, f"substance words: {found}"


def test_no_text_hints_at_youth_or_at_a_lack_of_consent():
    found = words_found(OFF_LIMITS)
    assert not found, f"off-limits words: {found}"


def test_no_text_assumes_children_money_or_faith():
    found = words_found(ASSUMPTIONS)
    assert not found, f"assumptions: {found}"


def test_other_people_appear_only_in_fantasies_kept_to_words():
    wrong = [
        item["key"]
        for item in items()
        if THIRD_PARTY.search(item["text"]) and not FANTASY_ONLY.search(item["text"])
    ]
    assert not wrong, f"items about other people that are not words-only fantasy: {wrong}"


def test_no_two_items_are_near_duplicates():
    entries = [(item["key"], item.get("pair"), normalized(item["text"])) for item in items()]
    too_close = []
    for (key_a, pair_a, text_a), (key_b, pair_b, text_b) in itertools.combinations(entries, 2):
        if pair_a is not None and pair_a == pair_b:
            continue  # the two halves of a pair mirror each other on purpose
        ratio = difflib.SequenceMatcher(None, text_a, text_b, autojunk=False).ratio()
        if ratio >= SEQUENCE_LIMIT:
            too_close.append((key_a, key_b, round(ratio, 2)))
    assert not too_close, f"near-duplicate items: {too_close}"
