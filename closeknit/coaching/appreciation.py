"""Appreciation coach: how specific and partner-focused is a written appreciation?

Framework-free (stdlib only) so the web layer, the API and the tests can all call it.

The science (docs/science.md, "Appreciation"): praising what the partner did and what it
says about them goes with the partner feeling responded to and loved; describing how the act
helped oneself does not (Algoe, Kurtz & Hilaire 2016). So the score rewards

* a concrete moment or action (time words, "when you ...", things the partner did, details),
* what it shows about them (quality words, "that shows ...", "you're someone who ..."),
* speaking to them ("you", "your"),

and discounts generic superlatives and self-focus ("it helped me", "made my life easier").
Length counts a little, with diminishing returns, as weak evidence of detail.

The coach never blocks sending: the score only drives a gentle live hint in the UI.
Everything is regex and word lists compiled once at import, so one call takes microseconds.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

__all__ = ["QUALITIES", "Assessment", "assess"]


@dataclass(frozen=True)
class Assessment:
    """The coach's view of one appreciation.

    score: 0-100, how specific and partner-focused the text is.
    hints: 0-3 short, kind suggestions, most useful first.
    qualities: slugs from QUALITIES that the text praises, in order of first mention.
    """

    score: int
    hints: list[str]
    qualities: list[str]


QUALITIES: Final[dict[str, str]] = {
    "humour": "Humour",
    "kindness": "Kindness",
    "patience": "Patience",
    "courage": "Courage",
    "creativity": "Creativity",
    "reliability": "Reliability",
    "warmth": "Warmth",
    "curiosity": "Curiosity",
    "effort": "Effort",
    "generosity": "Generosity",
    "playfulness": "Playfulness",
    "intelligence": "Intelligence",
    "looks": "Looks",
    "strength": "Strength",
    "honesty": "Honesty",
    "calm": "Calm",
    "thoughtfulness": "Thoughtfulness",
    "care_for_others": "Care for others",
    "ambition": "Ambition",
    "tenderness": "Tenderness",
    "resilience": "Resilience",
    "loyalty": "Loyalty",
    "empathy": "Empathy",
    "support": "Support",
    "optimism": "Optimism",
    "skill": "Skill",
    "openness": "Openness",
    "forgiveness": "Forgiveness",
}

# --- Hints -----------------------------------------------------------------------------------
# Written to the writer ("you") about the partner ("them"); kind, short, never scolding.

HINT_TURN: Final = "Try turning it toward them: what did it say about who they are?"
HINT_MOMENT: Final = "Name the moment: when did you notice it?"
HINT_SHOWS: Final = "Say what it shows about them."
HINT_SUPERLATIVE: Final = "Swap a big word like “{word}” for the detail that made it so."
HINT_ADDRESS: Final = "Speak to them directly: “You …”."
HINT_START: Final = "Think of one thing they did lately that you loved, and start there."

MAX_HINTS: Final = 3
MAX_CHARS: Final = 4000
MIN_ENGLISH_SHARE: Final = 0.3
SHORT_FRAGMENT_WORDS: Final = 4

# --- Normalisation ---------------------------------------------------------------------------

# Curly quotes and accent marks typed as apostrophes, mapped to plain ASCII.
_APOSTROPHES: Final = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"'}
)

# Texting shorthand mapped to plain words so one set of patterns serves both styles.
_SHORTHAND: Final[dict[str, str]] = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "youre": "you're",
    "ure": "you're",
    "r": "are",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "ty": "thank you",
    "thnk": "thank",
    "tysm": "thank you so much",
    "dont": "don't",
    "didnt": "didn't",
    "wasnt": "wasn't",
    "cant": "can't",
    "couldnt": "couldn't",
    "im": "i'm",
    "ive": "i've",
    "youve": "you've",
    "gud": "good",
    "ily": "i love you",
    "luv": "love",
    "bc": "because",
    "cuz": "because",
    "b4": "before",
    "2day": "today",
    "2nite": "tonight",
    "tonite": "tonight",
    "yday": "yesterday",
    "ystday": "yesterday",
    "bday": "birthday",
}
_SHORTHAND_RE: Final = re.compile(r"\b(" + "|".join(map(re.escape, _SHORTHAND)) + r")\b")
_WORD_RE: Final = re.compile(r"[a-z]+(?:'[a-z]+)?")

# A small core of very frequent English words (plus the everyday words of appreciations): if
# almost none appear, the text is another language or keyboard mash, and we return a neutral
# result instead of guessing.
_ENGLISH_WORDS: Final = """
    a about after again all always am an and any are as at be because been before being best
    but by can could day did do does doing done down even ever every everything for from get
    got had has have he her him his how i i'm if in into is it it's just know last like little
    look love made make makes me more morning most much my never night no not now of off on
    one only or our out over really said saw see she so some still such than thank thanks that
    the their them then there these they thing things think this time to today tonight too
    took up us very was way we week well went were what when which while who why will with
    without would yesterday you you're your yours yourself you've you'd good great amazing
    beautiful kind funny sweet proud happy glad appreciate appreciated grateful help helped
    babe baby honey darling partner person people hug nice lovely cute hot smart brave
    dinner coffee lunch breakfast home work job walk cook cooked dishes laundry
"""
_ENGLISH: Final = frozenset(_ENGLISH_WORDS.split())


def _alt(*parts: str) -> str:
    """Join regex fragments into one non-capturing alternation."""
    return "(?:" + "|".join(parts) + ")"


def _phrases(*parts: str) -> re.Pattern[str]:
    """Compile alternatives that must start (and, unless a part says otherwise, end) on a word."""
    return re.compile(r"\b" + _alt(*parts) + r"\b")


# --- Signals ---------------------------------------------------------------------------------

_YOU_RE: Final = _phrases("you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll")

_WEEKDAY: Final = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_NUMBER_WORD: Final = _alt(
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "twenty", "forty", "fifty", "a few", "half an?",
)  # fmt: skip
_UNIT: Final = r"(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?|flights?|times|pages?)"

# A concrete moment: time words, occasions, "when you ...", durations.
_TIME_RE: Final = _phrases(
    r"yesterday|today|tonight|this (?:morning|afternoon|evening|week|weekend)",
    r"last (?:night|week|weekend|month|year|spring|summer|autumn|fall|winter|time|"
    + _WEEKDAY
    + ")",
    r"(?:on |every |that |this )?" + _WEEKDAY + "s?",
    r"at (?:breakfast|lunch|dinner|bedtime|the (?:party|wedding|museum|park|market|meeting))",
    r"every (?:single )?(?:morning|night|evening|day|week|weekend)",
    r"(?:months|weeks|years|days) ago|the night we met|the (?:other|first) (?:day|night|time)",
    r"\d+\s*(?:am|pm)",
    r"\d+\s*" + _UNIT,
    _NUMBER_WORD + " " + _UNIT,
    r"for an hour",
    r"(?:after|before|during) (?:work|my|your|our|the|his|her|their)",
    r"when (?:you|i|we|my|your|the|he|she|they|everyone|nobody|no one)",
    r"remember (?:when|that|the)|the way you|that time you",
    r"(?:for|on|at|to) (?:our|your|my|the|\w+'s) (?:anniversary|birthday|wedding|date|party|"
    r"trip|holiday|vacation|interview|exam|appointment|graduation)",
)

# Things the partner did: "you <past verb>", allowing one or two adverbs in between.
_IRREGULAR_PAST_WORDS: Final = """
    made gave took went told got held sat stood drove came brought wrote kept put said did ran
    found knew left met paid saw sang spent thought won caught forgave bought began built rebuilt
    cut fed felt fought heard hid lit led let lost taught threw understood woke wore chose drew
    rode spoke stuck swam slept sent showed grabbed dropped
"""
_IRREGULAR_PAST: Final = tuple(_IRREGULAR_PAST_WORDS.split())
_PARTNER_VERB_RE: Final = re.compile(
    r"\b(?:you|you've)\s+(?:(?:just|even|already|also|still|then|always|never|once|really|"
    r"actually|so|all|both)\s+){0,2}"
    + _alt(*_IRREGULAR_PAST, "were", "was", "had", "been", r"[a-z]{2,}ed")
    + r"\b"
)
# "Thanks for doing the dishes": a concrete act of theirs, named from the writer's side.
_THANKED_ACT_RE: Final = re.compile(
    r"\b(?:thanks|thank you|thank|appreciate (?:you|it)|grateful)(?: so much)? (?:for|that you)"
    r" (?:(?!being\b)\w+ing|the (?!help\b)\w+|my \w+|your \w+)"
)
# Past-tense verbs by anyone and concrete details: weaker evidence of a specific scene.
_PAST_RE: Final = _phrases(r"[a-z]{3,}ed", *_IRREGULAR_PAST)
_DETAIL_RE: Final = re.compile(r"\d+|\"[^\"]{3,}\"|'[^']{6,}'")
# Capitalised words that are not sentence-initial: names, places, brands.
_PROPER_RE: Final = re.compile(r"(?<=[a-z,;:\u2014\u2013-] )[A-Z][a-z]+")
_NOT_PROPER: Final = frozenset({"I", "I'm", "You", "Your"})

# What the act shows about who they are.
_SHOWS_RE: Final = _phrases(
    r"(?:that|it|this)(?:'s| is| was)? (?:really )?(?:shows?|showed|says|said|tells)",
    r"(?:it )?says (?:so much|a lot|everything) about you",
    r"(?:you're|you are) (?:someone|the kind of person|the type of person|a person) who",
    r"(?:that's|that is|and) so you|who you are|i love that about you",
    r"i (?:really )?admire|i'm in awe|in awe of|one of (?:the reasons|my favou?rite things)",
    r"(?:it|that) takes? (?:real |so much )?\w+|(?:that|it) took (?:real |so much )?\w+",
    r"you make (?:everyone|people|the people|ordinary|every)",
    r"you (?:always|never) (?:know|notice)",
    r"i've never met anyone|i don't know anyone|nobody else|no one else",
    r"(?:and )?it (?:really )?shows|that kind of",
    r"you'?re (?:braver|stronger|kinder|smarter) than",
)

# Generic superlatives: warm, but they carry no detail.
_SUPERLATIVE_RE: Final = _phrases(
    r"amazing|incredible|wonderful|awesome|the best|best \w+ ever|greatest|great|perfect",
    r"legend|fantastic|fabulous|the world|favou?rite (?:human|person)|everything you do",
    r"being you|you're you|being my person|the best thing",
)
# The single word to quote back in the superlative hint.
_BIG_WORD_RE: Final = _phrases(
    r"amazing|incredible|wonderful|awesome|best|greatest|great|perfect|legend|fantastic",
    r"fabulous|favou?rite",
)

# Self-focus: how the act helped the writer, rather than what it says about the partner.
_SELF_RE: Final = _phrases(
    r"(?:it|that|this|which) (?:really |so )?(?:helped|helps|saved) me|helped me(?: out)?",
    r"(?:easier|better|great|good|nice|helpful|huge) for me|i got to",
    r"(?:made|makes|make) my (?:\w+ )?(?:so much |way |a lot )?easier",
    r"(?:a |huge |such a )?relief|i didn't have to|i don't have to",
    r"i can (?:finally|now)|now i can|saved me|saves me|(?:stress|pressure|weight) off me",
    r"which i (?:really )?needed|i (?:really )?needed (?:it|that|this)|i hate doing",
    r"couldn't have done it without you|on my plate|(?:it|which) meant i|means i",
    r"i'm finally|(?:feels?|felt) so much better|saved my (?:day|life|skin)",
)

_THANKS_RE: Final = _phrases("thanks", "thank", "grateful", "appreciate")

# --- Qualities -------------------------------------------------------------------------------
# Cue phrases per quality. Precision matters more than recall: ambiguous words ("brilliant",
# "joke", "stunning", "kind of") are only accepted in contexts that point at the partner.
# Each cue must start on a word boundary; word endings are spelled out where they matter.

_YOU_ARE: Final = _alt(
    r"you(?:'re| are| were| look| looked| looking| looks)",
    "your so",
    "you're the most",
    "you are the most",
)
_LOOKS_ADJ: Final = _alt(
    "beautiful", "gorgeous", "stunning", "handsome", "pretty", "cute", "hot", "sexy", "cutest",
    "hottest", "good-looking",
)  # fmt: skip
_KIN: Final = r"(?:friend|sister|brother|parent|sibling|daughter|son|neighbou?r)"

_QUALITY_CUES: Final[dict[str, tuple[str, ...]]] = {
    "humour": (
        r"funn(?:y|iest)",
        r"humou?r(?:ous)?",
        r"hilarious|witty|wit\b",
        r"(?:made|make|makes|making|kept|keep|keeps) me laugh(?:ing)?",
        r"your (?:own )?jokes|joked\b",
        r"(?:crack|cracked|cracks|cracking) (?:\w+ )?jokes",
        r"your impressions?",
    ),
    "kindness": (
        r"kind(?:est|er|ness|ly)?\b(?! of\b)",
        r"caring\b(?! " + _KIN + ")",
        r"gracious|big heart|good heart|kind-hearted|sweet of you|compassionate",
    ),
    "patience": (
        r"patien(?:t|tly|ce)",
        r"(?:you|you've) (?:\w+ )?waited",
        r"didn't (?:once )?rush|never rushed|took your time with",
    ),
    "courage": (
        r"brave(?:ry|r|st)?",
        r"courage(?:ous)?",
        r"took guts|takes guts|fearless",
        r"st(?:ood|and) up (?:to|for)",
        r"even though you were (?:terrified|scared|afraid)",
    ),
    "creativity": (r"creativ(?:e|ity|ely)", r"imaginati(?:ve|on)", "inventive", "artistic"),
    "reliability": (
        r"reliab(?:le|ility)|dependable",
        r"count on you|rely on you|like clockwork",
        r"never let(?:s)? me down",
        r"without (?:once )?(?:forgetting|fail)",
        r"never (?:once )?(?:forgot|forgets|fail|fails|failed)",
    ),
    "warmth": (
        r"warm(?:est|er|th)?\b",
        r"affectionate|cuddl(?:y|es|ing)",
        r"your hugs?",
        r"feel (?:so )?welcome|welcoming",
    ),
    "curiosity": (
        r"curio(?:us|sity)",
        "inquisitive",
        r"fascinated by|love of learning|never stop learning|always learning",
    ),
    "effort": (
        r"effort",
        r"hard[- ]?work(?:er|ing)?",
        r"work(?:ed|ing)? so hard",
        r"dedicat(?:ion|ed)|determin(?:ed|ation)|diligen(?:t|ce)",
        r"you(?:'ve)? (?:\w+ )?(?:practi[cs]ed|trained)",
        r"put (?:in )?so much (?:work|time|effort)",
    ),
    "generosity": (
        r"genero(?:us|sity)",
        "selfless",
        r"gave (?:away|your last|up your)|give so much",
    ),
    "playfulness": (
        r"playful(?:ness)?",
        r"(?:you|you're|you are|you make|you made|you turn|you turned)\b[^.!?]{0,40}\bfun\b",
        r"the fun in|fun (?:to be|person)",
        r"into an? (?:adventure|game|dance party|party)",
        r"with (?:so much )?joy|joyful",
    ),
    "intelligence": (
        r"smart(?:est)?",
        "clever",
        r"intelligen(?:t|ce)",
        r"genius|wise\b|wisdom|sharp mind|so bright",
    ),
    "looks": (
        _YOU_ARE + r"\b[^.!?]{0,40}?\b" + _LOOKS_ADJ + r"\b",
        _LOOKS_ADJ + r" (?:smile|eyes|face|hair|lips|skin|body)",
        r"hair ?cut",
        r"your (?:smile|eyes|outfit|style)\b",
    ),
    "strength": (
        r"(?:you(?:'re| are| were)|so|how)\b[^.!?]{0,20}\bstrong(?:est|er)?\b",
        # "Strong and funny, what a combo." opens a sentence.
        r"(?:^|[.!?] )strong\b",
        r"strength\b",
    ),
    "honesty": (
        # "honest" and "honesty", never the filler "honestly".
        r"honest(?:y)?\b",
        r"truth(?:ful)?",
        r"sincer(?:e|ity)",
        r"admitted|own(?:ing|ed) (?:it|up)",
    ),
    "calm": (
        r"calm(?:ly|ness|est)?\b",
        r"unflappable|composed|serene",
        r"kept your cool|cool under pressure|level[- ]headed",
        r"kept your voice (?:low|down|calm)",
    ),
    "thoughtfulness": (
        r"thoughtful(?:ness)?|considerate",
        r"you (?:always |even |still )?remember(?:ed|s)?\b",
        r"remembering (?:every|my|our|the|what|that)",
        r"little things|thought behind|think about us|you thought of",
        r"you (?:always )?notice(?:d)? (?:when|what|how|that|the)",
    ),
    "care_for_others": (
        r"look(?:ed|s|ing)? after (?:your|her|him|them|everyone|the|my|our)",
        r"check(?:ed|s|ing)? (?:in )?on (?:your|her|him|them|everyone|my|our)",
        r"visit(?:ed|s|ing)? (?:him|her|them|your|my|our)",
        r"care (?:so much )?about (?:every|the people|people|others|everyone|them"
        r"|(?:your|my|our) (?:family|friends|parents))",
        r"show(?:s|ed)? up for (?:people|the people|everyone|others|your|them|him|her|friends)",
        r"the people you love",
        r"caring " + _KIN,
    ),
    "ambition": (
        r"ambiti(?:on|ous)",
        r"go-getter|dream big|big dreams|driven\b",
        # The noun "drive", not the verb ("drive me home").
        r"(?:your|such|and|with) drive\b(?! (?:to|me|home|us|over|back|across))",
    ),
    "tenderness": (
        r"tender(?:ness|ly)?\b",
        r"gentl(?:e|eness|y)",
        r"soft(?:est|ness)? touch",
    ),
    "resilience": (
        r"resilien(?:t|ce)",
        r"(?:kept|keep|keeps) going",
        r"never (?:gave|give|gives) up|(?:don't|didn't|won't) give up",
        r"pick(?:ed)? yourself (?:back )?up|bounced? back|got back up",
        r"grit\b",
    ),
    "loyalty": (
        r"loyal(?:ty)?",
        r"st(?:ood|and|ands) by me|stuck by me|never wavered",
        r"(?:always )?on my side|(?:had|have|got) my back",
        r"defended (?:me|her|him|them|us)",
        "faithful|devoted",
    ),
    "empathy": (
        r"empath(?:y|etic|ise|ize)",
        r"good listener",
        r"understood me|you understand me|you get me",
        r"(?:so|very|really|being|such an?|more) understanding\b",
    ),
    "support": (
        r"support(?:ive|ed|ing)?",
        r"believe[sd]? in me|there for me|cheered me on|in my corner|backed me up",
        r"encourag(?:e|ed|ing|ement)",
    ),
    "optimism": (
        r"optimis(?:m|tic)",
        r"bright side|silver lining|positivity|hopeful|so positive",
    ),
    "skill": (
        r"talent(?:ed)?",
        r"skil(?:l|led|lful|ful)",
        r"(?:good|great|brilliant|amazing|gifted) at\b",
        r"good with your hands|like a pro",
        r"(?:a|an) (?:brilliant|great|amazing|talented|gifted|fantastic) "
        r"(?:cook|chef|artist|writer|painter|musician|baker|singer|dancer|carpenter)",
    ),
    "openness": (
        r"(?:so|how) open\b",
        r"open(?:ed)? up|opening up",
        r"vulnerab(?:le|ility)",
        r"trust(?:ing|ed)? me with|hard to (?:share|say)",
    ),
    "forgiveness": (
        r"forgiv(?:e|ing|eness|en)|forgave",
        r"didn't hold it against|no grudges",
    ),
}
_QUALITY_RES: Final[dict[str, re.Pattern[str]]] = {
    slug: re.compile(r"\b" + _alt(*cues)) for slug, cues in _QUALITY_CUES.items()
}

# A negation just before a cue ("not patient", "wasn't very kind") cancels it. Cues that carry
# their own negation ("never gave up", "didn't rush") start at the negation, so are unaffected.
_NEGATION_RE: Final = re.compile(
    r"\b(?:not|never|no|hardly|barely|isn't|wasn't|aren't|weren't|don't|didn't|doesn't|"
    r"can't|couldn't|won't|less)\s+(?:(?:very|so|that|really|too|always|exactly|particularly)\s+)?"
    r"(?:a\s+|an\s+)?$"
)
# "not only kind but also funny" praises both.
_NOT_ONLY_RE: Final = re.compile(r"\bnot (?:only|just)\s+$")


@dataclass(frozen=True)
class _Signals:
    """Counts extracted from one text; kept separate so scoring and hints share them."""

    words: int
    you: int
    time: int
    partner_verbs: int
    thanked_act: int
    past: int
    details: int
    shows: int
    qualities: list[str]
    superlatives: list[str]
    self_focus: int
    thanks: bool


def _normalise(text: str) -> str:
    lowered = text.translate(_APOSTROPHES).lower()
    lowered = _SHORTHAND_RE.sub(lambda m: _SHORTHAND[m.group(1)], lowered)
    return " ".join(lowered.split())


def _find_qualities(norm: str) -> list[str]:
    """Qualities praised, in order of first (non-negated) mention."""
    found: list[tuple[int, str]] = []
    for slug, pattern in _QUALITY_RES.items():
        for match in pattern.finditer(norm):
            before = norm[max(0, match.start() - 30) : match.start()]
            if _NEGATION_RE.search(before) and not _NOT_ONLY_RE.search(before):
                continue
            found.append((match.start(), slug))
            break
    found.sort()
    return [slug for _, slug in found]


def _addressed(words: list[str], norm: str) -> bool:
    """Whether praise words can be taken as praise of the partner.

    "The movie was so funny" praises no one; quality cues count only when the text speaks to
    the partner ("you", "thanks") or is a short fragment that can only be meant for them
    ("nice haircut", "so brave!").
    """
    return len(words) <= SHORT_FRAGMENT_WORDS or bool(
        _YOU_RE.search(norm) or _THANKS_RE.search(norm)
    )


def _signals(text: str, norm: str, words: list[str]) -> _Signals:
    proper = sum(
        1 for w in _PROPER_RE.findall(text.translate(_APOSTROPHES)) if w not in _NOT_PROPER
    )
    return _Signals(
        words=len(words),
        you=len(_YOU_RE.findall(norm)),
        time=len(_TIME_RE.findall(norm)),
        partner_verbs=len(_PARTNER_VERB_RE.findall(norm)),
        thanked_act=len(_THANKED_ACT_RE.findall(norm)),
        past=len(_PAST_RE.findall(norm)),
        details=len(_DETAIL_RE.findall(norm)) + proper,
        shows=len(_SHOWS_RE.findall(norm)),
        qualities=_find_qualities(norm) if _addressed(words, norm) else [],
        superlatives=[m.group(0) for m in _SUPERLATIVE_RE.finditer(norm)],
        self_focus=len(_SELF_RE.findall(norm)),
        thanks=_THANKS_RE.search(norm) is not None,
    )


# Maps the point total onto the 0-100 label scale (least squares on the tuning set).
_SCALE: Final = 1.25


def _score(s: _Signals) -> float:
    """Additive points; weights were tuned on the first two thirds of the labelled set."""
    points = 4.0
    # Speaking to them.
    points += 7.0 if s.you else 0.0
    points += 2.0 if s.you >= 3 else 0.0
    # A concrete moment or action.
    acted = s.partner_verbs + s.thanked_act + s.past > 0
    # A time word alone ("ty for today") is thin; with an action it places a real scene.
    moment = (
        min(s.time, 2) * (7.0 if acted else 3.0)
        + min(s.partner_verbs, 3) * 5.0
        + min(s.thanked_act, 1) * 9.0
        + min(s.details, 3) * 3.0
        + min(s.past, 5) * 2.0
    )
    points += min(moment, 40.0)
    # What it shows about them.
    shows = (10.0 + 4.0 * min(len(s.qualities) - 1, 2)) if s.qualities else 0.0
    shows += min(s.shows, 2) * 7.0
    points += min(shows, 28.0)
    # Length: weak evidence of detail, saturating. Words spent on how it helped the writer
    # are not detail about the partner, so length counts half when self-focus dominates.
    self_dominates = s.self_focus > len(s.qualities) + s.shows
    length = 25.0 * (1.0 - math.exp(-s.words / 30.0))
    points += length / 2 if self_dominates else length
    # Superlatives without detail read as generic.
    if s.superlatives:
        penalty = min(len(s.superlatives), 3) * 4.0
        points -= penalty / 2 if moment >= 10 else penalty
    # Self-focus lowers the score, more when it outweighs praise of the partner.
    points -= min(s.self_focus, 4) * 3.0
    if self_dominates:
        points -= 4.0
    return points


def _hints(s: _Signals) -> list[str]:
    """Most useful first: self-focus is what the research says does not land, then a missing
    moment, then what it shows about them, then generic words, then speaking to them."""
    hints: list[str] = []
    has_moment = s.time > 0 or s.partner_verbs > 0
    has_shows = bool(s.qualities) or s.shows > 0
    if s.self_focus > len(s.qualities) + s.shows:
        hints.append(HINT_TURN)
    if not has_moment:
        hints.append(HINT_MOMENT)
    # The turn-toward-them hint already asks what it says about them; do not ask twice.
    if not has_shows and HINT_TURN not in hints:
        hints.append(HINT_SHOWS)
    if s.superlatives and s.time + s.partner_verbs + s.details < 2:
        big = _BIG_WORD_RE.search(" ".join(s.superlatives))
        hints.append(HINT_SUPERLATIVE.format(word=big.group(0) if big else "amazing"))
    # "Thanks for ..." already speaks to them, so only nudge when neither is there.
    if not s.you and not s.thanks:
        hints.append(HINT_ADDRESS)
    return hints[:MAX_HINTS]


def _neutral() -> Assessment:
    return Assessment(score=0, hints=[HINT_START], qualities=[])


def assess(text: str) -> Assessment:
    """Score an appreciation and suggest up to three gentle improvements.

    Never raises on any string; empty text, other languages and keyboard mash get a neutral
    result (score 0, one gentle starting hint, no qualities).
    """
    if not isinstance(text, str):
        return _neutral()
    # An appreciation is a few sentences; capping the input keeps the live coach fast even if
    # someone pastes a novel, and the opening carries the signal anyway.
    text = text[:MAX_CHARS]
    norm = _normalise(text)
    words = _WORD_RE.findall(norm)
    english = sum(1 for w in words if w in _ENGLISH)
    # Another language or nonsense: too few common English words to judge anything.
    if english == 0 or english / len(words) < MIN_ENGLISH_SHARE:
        return _neutral()
    signals = _signals(text, norm, words)
    score = max(0, min(100, round(_SCALE * _score(signals))))
    return Assessment(score=score, hints=_hints(signals), qualities=signals.qualities)
