"""Checks on the Explore activity catalog (content/activities.yaml).

Framework-free: plain asserts, runnable under pytest without Django.
"""

import difflib
import itertools
import re
from collections import Counter
from functools import cache
from pathlib import Path

import yaml

CATALOG = Path(__file__).resolve().parents[1] / "content" / "activities.yaml"

KEY_PATTERN = re.compile(r"^[a-z0-9-]{3,60}$")
TAG_PATTERN = re.compile(r"^[a-z0-9-]{2,30}$")
REQUIRED_FIELDS = {
    "key",
    "title",
    "description",
    "excitement",
    "novelty",
    "cost",
    "minutes",
    "setting",
    "energy",
    "time",
    "season",
    "tags",
}
OPTIONAL_FIELDS = {"accessibility"}
SCALE = {1, 2, 3, 4, 5}
COSTS = {"free", "$", "$$", "$$$"}
SETTINGS = {"home", "outdoors", "out", "travel"}
ENERGIES = {"calm", "active"}
TIMES = {"any", "evening", "daytime", "weekend"}
SEASONS = {"any", "warm", "cold"}
APART = "apart"
MULTI_DAY_MINUTES = 2 * 24 * 60

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
    "man",
    "woman",
)
GENDERED = re.compile(r"\b(" + "|".join(GENDERED_WORDS) + r")\b", re.IGNORECASE)
ALCOHOL = re.compile(
    r"\b(wines?|beers?|cocktails?|brewery|breweries|distillery|distilleries|whiske?y|vodka"
    r"|tequila|rum|gin|champagne|prosecco|pub crawl|bar crawl|booze|drunk|tipsy)\b",
    re.IGNORECASE,
)
# Activities with real physical risk must say who keeps them safe.
RISKY = re.compile(
    r"\b(climb\w*|boulder\w*|kayak\w*|canoe\w*|paddleboard\w*|surf|surfing|sail\w*|raft\w*"
    r"|scuba|try-dive|snorkel\w*|skydiv\w*|trapeze|aerial|zip lines?|ropes course|horse\w*"
    r"|archery|axe|fencing|boxing|ski|skis|skiing|snowboard\w*|snowshoe\w*|glid\w*"
    r"|paraglid\w*|balloon|coasteering|via ferrata|glassblow\w*|blacksmith\w*|open-water"
    r"|cold-water|sledg\w*|sledding|skat\w*|acro|trampolin\w*|kart\w*)\b",
    re.IGNORECASE,
)
SAFETY = re.compile(
    r"\b(instructors?|guides?|guided|coach|coaches|staff|lifeguards?|club|beginner|lessons?"
    r"|taster|induction|pilot|musher|teacher|safe|safety|briefing|helmets?)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
SEQUENCE_LIMIT = 0.85


@cache
def catalog() -> dict:
    with CATALOG.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def activities() -> list[dict]:
    return catalog()["activities"]


def declared_tags() -> dict:
    return catalog()["tags"]


def count(field: str, value: object) -> int:
    return sum(1 for a in activities() if a[field] == value)


def written_text(activity: dict) -> str:
    parts = (activity["title"], activity["description"], activity.get("accessibility", ""))
    return " ".join(parts)


def normalized(text: str) -> str:
    without_punctuation = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(without_punctuation.split())


def near_duplicates(field: str) -> list[tuple[str, str, float]]:
    items = [(a["key"], normalized(a[field])) for a in activities()]
    too_close = []
    for (key_a, text_a), (key_b, text_b) in itertools.combinations(items, 2):
        matcher = difflib.SequenceMatcher(None, text_a, text_b, autojunk=False)
        if (
            matcher.real_quick_ratio() >= SEQUENCE_LIMIT
            and matcher.quick_ratio() >= SEQUENCE_LIMIT
            and matcher.ratio() >= SEQUENCE_LIMIT
        ):
            too_close.append((key_a, key_b, round(matcher.ratio(), 2)))
    return too_close


def test_the_catalog_has_a_version_tags_and_activities():
    data = catalog()
    assert data["version"] == 1
    assert isinstance(data["tags"], dict)
    assert isinstance(data["activities"], list)


def test_the_catalog_holds_at_least_two_hundred_activities():
    assert len(activities()) >= 200


def test_every_activity_has_exactly_the_expected_fields():
    wrong = [
        a.get("key", a)
        for a in activities()
        if not REQUIRED_FIELDS <= set(a) <= REQUIRED_FIELDS | OPTIONAL_FIELDS
    ]
    assert not wrong, f"activities with missing or extra fields: {wrong}"


def test_keys_are_unique_kebab_case_slugs():
    keys = [a["key"] for a in activities()]
    duplicates = [key for key, n in Counter(keys).items() if n > 1]
    assert not duplicates, f"duplicate keys: {duplicates}"
    malformed = [
        key
        for key in keys
        if not isinstance(key, str)
        or not KEY_PATTERN.match(key)
        or key.startswith("-")
        or key.endswith("-")
        or "--" in key
    ]
    assert not malformed, f"malformed keys: {malformed}"


def test_titles_are_unique():
    titles = [a["title"].casefold() for a in activities()]
    duplicates = [title for title, n in Counter(titles).items() if n > 1]
    assert not duplicates, f"duplicate titles: {duplicates}"


def test_there_are_twelve_to_sixteen_tags_each_with_a_human_label():
    tags = declared_tags()
    assert 12 <= len(tags) <= 16
    for slug, label in tags.items():
        assert TAG_PATTERN.match(slug), slug
        assert isinstance(label, str), slug
        assert label.strip(), slug


def test_the_works_apart_tag_is_declared():
    assert APART in declared_tags()


def test_tags_are_lists():
    wrong = [a["key"] for a in activities() if not isinstance(a["tags"], list)]
    assert not wrong, f"tags that are not lists: {wrong}"


def test_every_activity_uses_only_declared_tags():
    declared = set(declared_tags())
    wrong = [(a["key"], t) for a in activities() for t in a["tags"] if t not in declared]
    assert not wrong, f"undeclared tags: {wrong}"


def test_every_activity_has_one_to_three_tags_plus_an_optional_apart_tag():
    wrong = []
    for a in activities():
        tags = a["tags"]
        themes = [t for t in tags if t != APART]
        repeated = len(set(tags)) != len(tags)
        if repeated or not 1 <= len(themes) <= 3 or len(tags) > 4:
            wrong.append(a["key"])
    assert not wrong, f"wrong number of tags: {wrong}"


def test_every_declared_tag_is_used():
    used = {t for a in activities() for t in a["tags"]}
    unused = sorted(set(declared_tags()) - used)
    assert not unused, f"unused tags: {unused}"


def test_excitement_and_novelty_are_whole_numbers_from_one_to_five():
    wrong = [
        (a["key"], field, a[field])
        for a in activities()
        for field in ("excitement", "novelty")
        if type(a[field]) is not int or a[field] not in SCALE
    ]
    assert not wrong, f"out of range: {wrong}"


def test_categorical_fields_use_allowed_values():
    allowed = {
        "cost": COSTS,
        "setting": SETTINGS,
        "energy": ENERGIES,
        "time": TIMES,
        "season": SEASONS,
    }
    wrong = [
        (a["key"], field, a[field])
        for a in activities()
        for field, values in allowed.items()
        if a[field] not in values
    ]
    assert not wrong, f"values not allowed: {wrong}"


def test_minutes_are_positive_whole_numbers():
    wrong = [a["key"] for a in activities() if type(a["minutes"]) is not int or a["minutes"] <= 0]
    assert not wrong, f"bad minutes: {wrong}"


def test_titles_are_short_and_read_like_names():
    wrong = [
        a["key"]
        for a in activities()
        if not isinstance(a["title"], str)
        or not 3 <= len(a["title"]) <= 60
        or not a["title"][0].isupper()
        or a["title"].endswith(".")
        or a["title"] != " ".join(a["title"].split())
    ]
    assert not wrong, f"titles too long or badly formed: {wrong}"


def test_descriptions_are_one_or_two_sentences_within_240_characters():
    wrong = []
    for a in activities():
        text = a["description"]
        sentences = len(SENTENCE_END.findall(text)) if isinstance(text, str) else 0
        if (
            not isinstance(text, str)
            or not 40 <= len(text) <= 240
            or not text[0].isupper()
            or text[-1] not in ".!?"
            or not 1 <= sentences <= 2
            or text != " ".join(text.split())
        ):
            wrong.append((a["key"], len(text) if isinstance(text, str) else None))
    assert not wrong, f"descriptions out of shape: {wrong}"


def test_accessibility_notes_are_full_sentences_within_240_characters():
    wrong = [
        a["key"]
        for a in activities()
        if "accessibility" in a
        and (
            not isinstance(a["accessibility"], str)
            or not 20 <= len(a["accessibility"]) <= 240
            or a["accessibility"][-1] not in ".!?"
        )
    ]
    assert not wrong, f"accessibility notes out of shape: {wrong}"


def test_at_least_forty_activities_carry_an_accessibility_note():
    assert sum(1 for a in activities() if a.get("accessibility")) >= 40


def test_every_setting_is_well_covered():
    for setting in ("home", "outdoors", "out"):
        assert count("setting", setting) >= 25, setting
    assert count("setting", "travel") >= 15


def test_every_cost_band_is_well_covered_with_plenty_of_free_ones():
    assert count("cost", "free") >= 60
    for cost in ("$", "$$", "$$$"):
        assert count("cost", cost) >= 20, cost


def test_calm_and_active_each_have_at_least_sixty_activities():
    for energy in ENERGIES:
        assert count("energy", energy) >= 60, energy


def test_every_season_is_present_and_most_work_all_year():
    assert {a["season"] for a in activities()} == SEASONS
    assert count("season", "any") * 2 > len(activities())


def test_every_time_of_day_is_present():
    assert {a["time"] for a in activities()} == TIMES


def test_durations_run_from_a_quarter_hour_to_multi_day_trips():
    minutes = [a["minutes"] for a in activities()]
    assert min(minutes) <= 15
    multi_day = [
        a["key"]
        for a in activities()
        if a["setting"] == "travel" and a["minutes"] >= MULTI_DAY_MINUTES
    ]
    assert len(multi_day) >= 5, multi_day


def test_at_least_45_percent_are_exciting():
    exciting = sum(1 for a in activities() if a["excitement"] >= 4)
    assert exciting / len(activities()) >= 0.45, f"{exciting} of {len(activities())}"


def test_there_are_calmer_novel_activities_too():
    calmer_novel = [a["key"] for a in activities() if a["excitement"] <= 2 and a["novelty"] >= 4]
    assert len(calmer_novel) >= 10, calmer_novel


def test_every_excitement_level_is_used():
    assert {a["excitement"] for a in activities()} == SCALE


def test_at_least_twenty_activities_work_for_couples_who_live_apart():
    assert sum(1 for a in activities() if APART in a["tags"]) >= 20


def test_plenty_are_free_or_cheap_and_at_home():
    cheap_at_home = [
        a["key"] for a in activities() if a["setting"] == "home" and a["cost"] in {"free", "$"}
    ]
    assert len(cheap_at_home) >= 30


def test_there_are_calm_low_cost_options_for_low_energy_days():
    gentle = [a["key"] for a in activities() if a["energy"] == "calm" and a["cost"] == "free"]
    assert len(gentle) >= 25


def test_no_activity_uses_gendered_words():
    found = [(a["key"], m) for a in activities() if (m := GENDERED.findall(written_text(a)))]
    assert not found, f"gendered words: {found}"


def test_no_activity_is_centred_on_alcohol():
    found = [(a["key"], m) for a in activities() if (m := ALCOHOL.findall(written_text(a)))]
    assert not found, f"alcohol words: {found}"


def test_risky_activities_say_who_keeps_them_safe():
    missing = [
        a["key"]
        for a in activities()
        if RISKY.search(a["title"] + " " + a["description"])
        and not SAFETY.search(a["title"] + " " + a["description"])
    ]
    assert not missing, f"risky activities without a safety line: {missing}"


def test_no_two_titles_are_near_duplicates():
    too_close = near_duplicates("title")
    assert not too_close, f"near-duplicate titles: {too_close}"


def test_no_two_descriptions_are_near_duplicates():
    too_close = near_duplicates("description")
    assert not too_close, f"near-duplicate descriptions: {too_close}"
