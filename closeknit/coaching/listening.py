"""Coach a listener's reflection before they reply (the Listen practice).

The speaker says something; the listener first writes back what they heard. `assess` reads both
and returns what got in the way of listening (flags), what helped (strengths) and up to three
short, kind hints. It supports the speaker-listener technique: what counts is that the speaker
feels understood, so the speaker's own "did I get that right?" stays the real measure and these
labels only nudge.

Flags: advice, judgment, minimizing, self_focus, rebuttal, interrogation.
Strengths: paraphrase, feeling, validation, open_question.

How it works:

* Text is lower-cased, texting forms and common misspellings are mended ("u" -> "you",
  "dont" -> "don't", "shoud" -> "should") and the reflection is split into sentences, so a
  reflection can paraphrase in one sentence and slip into advice in the next.
* Flags are precompiled phrase patterns, checked per sentence. Rebuttal also uses context: when
  the speaker's words were about the listener, an answer that opens by defending the listener's
  own conduct counts.
* Paraphrase compares content words (a light stemmer and a small synonym map, without stop words
  and feeling words) of the speaker's text with the reflection's unflagged sentences.
* Feeling words (about 220, with one-letter slips forgiven: "lonley", "exausted") count when they
  are the speaker's ("you sound lonely"), not the listener's own ("I get so stressed") and not
  waved away ("don't worry", "no need to be upset").
* Empty text, or text with too few common English words, gets no flags, strengths or hints.

It is a set of rules, so it recognises phrasings like the ones it was built on far better than
new ones; tests/test_listening_coach.py reports how it does on the labelled pairs. Standard library
only; a typical assessment takes a few hundred microseconds (bench/coach_listening.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FLAGS", "STRENGTHS", "Assessment", "assess"]

FLAGS = ("advice", "judgment", "minimizing", "self_focus", "rebuttal", "interrogation")
STRENGTHS = ("paraphrase", "feeling", "validation", "open_question")


@dataclass(frozen=True)
class Assessment:
    """What a reflection did: flags and strengths (in FLAGS / STRENGTHS order) and hints."""

    flags: list[str]
    strengths: list[str]
    hints: list[str]


_HINTS = {
    "advice": "Hold the advice for now: first show you understood.",
    "judgment": "Try setting your judgment aside and seeing it through their eyes.",
    "minimizing": "You can let it be as big as it feels to them, rather than making it smaller.",
    "self_focus": "Keep the spotlight on them; your own story can wait for your turn.",
    "rebuttal": "Your side matters and will get its turn; for now, reflect theirs.",
    "interrogation": "Swap your string of questions for one open one, like “What was that like?”",
    "paraphrase": "Try saying back what you heard, in your own words.",
    "feeling": "You could name the feeling you hear, like “that sounds lonely”.",
    "open_question": "You could invite more with an open question, like “How did that feel?”",
    "good": "You reflected that with care. Now ask them: did I get that right?",
}
_MAX_HINTS = 3

# Very long input is cut here, which bounds the time per call; no reflection is this long.
_MAX_CHARS = 4000


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


def _any(patterns: tuple[re.Pattern[str], ...], *texts: str) -> bool:
    return any(pattern.search(text) for pattern in patterns for text in texts)


# ---------------------------------------------------------------------------------------------
# Normalising and sentences

_NORMALIZE = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[\u2018\u2019\u02bc`´]", "'"),
        (r"[\u201c\u201d]", '"'),
        (r"[\u2014\u2013]", ". "),
        (r"\bu\b", "you"),
        (r"\bur\b", "your"),
        (r"\byoure\b", "you're"),
        (r"\bim\b", "i'm"),
        (r"\bive\b", "i've"),
        (r"\bidk\b", "i don't know"),
        (r"\bdont\b", "don't"),
        (r"\bdidnt\b", "didn't"),
        (r"\bcant\b", "can't"),
        (r"\bwont\b", "won't"),
        (r"\bisnt\b", "isn't"),
        (r"\bwasnt\b", "wasn't"),
        (r"\bshouldnt\b", "shouldn't"),
        (r"\bthats\b", "that's"),
        (r"\bwhats\b", "what's"),
        (r"\bhows\b", "how's"),
        (r"\babt\b", "about"),
        (r"\bw/", "with "),
        (r"\bw\b(?= \w)", "with"),
        (r"\brly\b", "really"),
        (r"\bbc\b|\bcuz\b", "because"),
        (r"\bgonna\b", "going to"),
        (r"\bwanna\b", "want to"),
        (r"\bdo not\b", "don't"),
        (r"\bdoes not\b", "doesn't"),
        (r"\bdid not\b", "didn't"),
        (r"\bis not\b", "isn't"),
        (r"\bwas not\b", "wasn't"),
        (r"\bcannot\b", "can't"),
        (r"\bi am\b", "i'm"),
        (r"\byou are\b", "you're"),
        (r"\bthat is\b", "that's"),
        (r"\bit is\b", "it's"),
        (r"\bit will\b", "it'll"),
        (r"\byou will\b", "you'll"),
        (r"\bi would\b", "i'd"),
        (r"\bokay\b", "ok"),
        # Frequent misspellings of words the patterns rely on.
        (r"\bshoud\b|\bshuold\b", "should"),
        (r"\b(should|would|could)ve\b", r"\1've"),
        (r"\byoull\b", "you'll"),
        (r"\btheyre\b", "they're"),
        (r"\brealy\b|\breally+\b", "really"),
        (r"\bsence\b", "sense"),
        (r"\bbecuase\b|\bbecasue\b|\bcuz\b", "because"),
        (r"\balot\b", "a lot"),
        (r"\bwierd\b", "weird"),
        (r"\bfr[ie]{1,2}nd\b", "friend"),
        (r"\bteh\b", "the"),
        (r"[ \t]+", " "),
    )
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+|;\s*")
_TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
# Interjections that can open a sentence without changing what it does.
_LEAD = re.compile(
    r"^(?:(?:oh|ok|so|well|honestly|seriously|ugh|wow|hm+|mm+|aw+|oof|ouch|omg|lol|lmao+|haha\w*"
    r"|yeah|yes|wait|great|cool|nice|hey|right|hmm+|anyway|and|but)\b[,!.]*\s*)+"
)


def _normalize(text: str) -> str:
    lowered = text[:_MAX_CHARS].casefold()
    for pattern, replacement in _NORMALIZE:
        lowered = pattern.sub(replacement, lowered)
    return lowered.strip()


@dataclass(frozen=True)
class _Sentence:
    text: str  # lower-cased, without trailing punctuation
    bare: str  # the same without opening interjections ("oh no, ...")
    question: bool


# "I'm so happy for you, how did you find out?": the question is the clause after the comma.
_QUESTION_CLAUSE = re.compile(
    r", (?=(?:what|what's|how|how's|why|did|do|does|are|is|was|were|have|can|could|will|would)"
    r" [^,]*\?+\s*$)"
)


def _sentences(text: str) -> list[_Sentence]:
    result = []
    pieces = []
    for raw in _SENTENCE_SPLIT.split(text):
        parts = _QUESTION_CLAUSE.split(raw) if "?" in raw else [raw]
        # "Anyway, did you see the game?" stays whole: an interjection is no clause of its own.
        if len(parts) > 1 and not _LEAD.sub("", parts[0].strip() + " ").strip():
            parts = [raw]
        pieces.extend(parts)
    for raw in pieces:
        stripped = raw.strip(" \t\"'()")
        if not stripped:
            continue
        question = "?" in stripped[-3:]
        core = stripped.rstrip("?!. ,")
        if not _TOKEN.search(core):
            continue
        bare = _LEAD.sub("", core).strip(" ,")
        result.append(_Sentence(core, bare or core, question))
    return result


# With too few common English words the coach could only guess, so it stays silent.
_ENGLISH = _words(
    """
    a about after all am an and are as at be because been but by can can't did didn't do
    does don't feel feeling felt for from get got had has have he hear her him his how i i'd
    i'm i've if in is isn't it it's just know like me mine more much my no not now of ok on
    one or our out really said same she so some sorry sounds tell that that's the their them
    then there they this to too up us very was wasn't we well were what what's when where
    which who why will with would you you'd you'll you're you've your yourself
    """
)


def _looks_english(tokens: list[str]) -> bool:
    if not tokens:
        return False
    known = sum(1 for token in tokens if token in _ENGLISH)
    if len(tokens) <= 2:
        return known >= 1 or any(len(token) > 2 for token in tokens)
    return known / len(tokens) >= 0.15


# ---------------------------------------------------------------------------------------------
# Flags: advice

_ADVERB = r"(?:(?:really|probably|definitely|honestly|seriously|just|totally|maybe)\s+)?"
_IMPERATIVE_VERBS = (
    r"ask|tell|talk|call|email|text|ignore|leave|quit|apply|label|put|delete|block|buy|get|give"
    r"|take|try|stop|start|forget|go|let|make|move|book|set|write|sleep|drink|relax|breathe"
    r"|focus|sign|find|cut|report|confront|dump|sell|save|switch|practice|practise|study|check"
    r"|consider|accept|journal|meditate|reach|use|wear|eat|exercise|schedule|remind|unfollow"
    r"|picture|imagine yourself|pretend|push|keep|learn|look|join|hire|read|watch|plan|prepare"
    r"|put|drop|cancel|skip|chill|calm|hang|sleep on|stand up|speak up|walk away|tell them"
    r"|limit|mute|delete|budget|lock|text them|reply|respond|apologi[sz]e|compromise|vent"
)
_NOT_IMPERATIVE = (
    r"(?! (?:me|us|to me|on|it easy|that|saying|yourself a break|worrying|stressing)\b)"
)
_ADVICE = _compile(
    # "you should be proud" affirms; "you should be patient" advises, so only feelings are let off.
    rf"\byou {_ADVERB}should\b(?! (?:be|feel) (?:so |really |very )?(?:proud|happy|pleased|glad)\b)"
    r"(?! be$)",
    rf"\byou {_ADVERB}(?:ought to|oughta|need to|needa|gotta|have got to|might want to"
    r"|may want to|could try|could just|can just|could always|just have to|just need to)\b",
    r"\byou could (?!be\b|have\b|feel\b|tell\b|see\b|hear\b|say\b|imagine\b)[a-z]+",
    rf"\byou {_ADVERB}need (?:glasses|a break|some|therapy|help|rest|a new|an? \w+ check)",
    r"\bwhy (?:don't|dont|not) you\b",
    r"^(?:why not|maybe try|maybe just)\b",
    r"\bhave you (?:tried|thought about|considered|thought of|looked into)\b",
    r"\bwhat if you\b",
    r"\b(?:can't|couldn't) you just\b",
    r"\bmaybe (?:try|just|you could|consider|it's time)\b",
    r"\b(?:it's|its) time to\b",
    r"\bnext time\b",
    r"\bmake sure (?:you|to)\b",
    r"\bif i were you\b",
    r"\bmy advice\b",
    r"^(?:just )?be (?:confident|honest|yourself|patient|nice|firm|strong|direct|careful|brave)\b",
    r"\bdon't let (?:them|him|her|it|people|anyone)\b",
    r"\bi(?:'d)? (?:suggest|recommend)\b",
    rf"(?<!n't )(?<!not )(?<!\bi )(?<!\bwe )\bjust (?:{_IMPERATIVE_VERBS})\b"
    r"(?! (?:me|to me|it out)\b)",
    # A sentence that opens with "just" and a verb is nearly always a suggestion ("Just decline").
    r"^just (?!wanted|want|so|saying|say|because|like|now|checking|kidding|a|an|the|one|that|in"
    r"|curious|wondering|thinking|imagine|wow|ugh|to|for|my|your|me|you|i|it|got|had|was|is)[a-z]+",
    rf"^(?:{_IMPERATIVE_VERBS})\b{_NOT_IMPERATIVE}",
    r"(?:^|, )give (?:it|them|him|her|yourself) (?:time|a (?:chance|break|try|week|month))\b",
)
# An imperative after a comma ("Kids are resilient, give it time") counts in statements only;
# in a question ("what do you want me to do, quit?") it is usually sarcasm.
_ADVICE_CLAUSE = re.compile(rf", (?:{_IMPERATIVE_VERBS})\b{_NOT_IMPERATIVE}")
_ADVICE_QUESTION = re.compile(
    r"^(?:have you (?:tried|thought|considered|looked)|why (?:don't|not)|can't you just"
    r"|couldn't you just|what if you|could you just)"
)

# ---------------------------------------------------------------------------------------------
# Flags: judgment

_CRITICAL = (
    r"silly|stupid|dumb|ridiculous|irresponsible|naive|careless|petty|unprofessional|dramatic"
    r"|childish|immature|selfish|lazy|insecure|paranoid|irrational|pathetic|harsh|impatient"
    r"|overreacting|overthinking|oversensitive|too sensitive|self-conscious|ugly|slacking"
    r"|a long shot|a bad call|a bad idea|reckless|foolish|entitled|whiny|needy|clingy|weak"
)
_JUDGMENT = _compile(
    r"\b(?:that's|that was|it's|it was|you're|you were|you've been|you have been|being|so|pretty"
    rf"|kind of|kinda|a bit|bit|too|way too|such an?|sounds) (?:\w+ )?(?:{_CRITICAL})\b",
    r"\byou (?:over ?react(?:ed|ing)?|overthink(?:ing)?|always (?:judge|overreact|make))\b",
    r"\bwhat were you thinking\b",
    r"\b(?:your|ur) (?:own )?fault\b",
    r"\bthat's (?:kinda |kind of |all |totally |really )?on you\b",
    r"\bbrought (?:it|this|that) on yourself\b",
    r"\bthat's what happens when you\b",
    r"\bat your age\b",
    r"\bwhat did you expect\b",
    r"\bgrow up\b",
    r"\blighten up\b",
    r"\bstop (?:procrastinating|whining|complaining|being so|overthinking)\b",
    r"\bif you (?:just |would |'d )?(?:stopped|stop|quit)\b",
    r"\bwho (?:does|would do) that\b",
    r"\bwhat did you do to (?:set|make|upset|provoke|annoy|deserve)\b",
    r"\bdid you do something to\b",
    r"^you do (?!sound|seem|look|feel|deserve|matter)\w+",
    r"^(?:well,? )?you knew\b",
)

# ---------------------------------------------------------------------------------------------
# Flags: minimizing

_MINIMIZING = _compile(
    r"\bnot (?:that |such |a |really )*big (?:a )?deal\b",
    r"\bno big deal\b",
    r"\b(?:isn't|not|wasn't) (?:that|so|too) bad\b",
    r"\bcould(?: have|'ve)? (?:be|been) worse\b",
    r"\bdon't (?:worry|stress|be (?:so )?(?:sad|upset|nervous|scared|down|hard on yourself|silly))",
    r"\bno need to (?:be|feel|worry|stress|get)\b",
    r"\b(?:you'll|you're going to|he'll|she'll|they'll|it'll|everything'll|everything will)"
    r" (?:be|feel) (?:fine|ok|alright|all right|better)\b",
    r"\byou're (?:fine|ok)\b",
    r"\bblow over\b",
    r"\b(?:it's|it was|that's) (?:just|only) (?:a |one )?\w+",
    r"\bit's one \w+",
    r"\b(?:everyone|everybody|we all|lots of \w+|plenty of \w+|kids|teens|teenagers|toddlers"
    r"|babies) (?:gets?|has|have|makes?|do|does|feels?|drinks?|goes? through|says?|are|can't"
    r"|deals? with)\b",
    r"\b(?:everyone|everybody) (?:\w+s|has|does|goes)\b",
    r"\b(?:totally|perfectly|completely) normal\b",
    r"\b(?:normal|common|natural) part of\b",
    r"\b(?:it's|that's|is) (?:so |pretty |super |really |totally )?(?:common|normal)$",
    r"\bhappens to (?:everyone|everybody|all of us)\b",
    r"\bbright side\b",
    r"\byou're better off\b",
    r"\bcheer up\b",
    r"\bget over it\b",
    r"\bmove on\b",
    r"\bforget about it\b",
    r"\bit's been (?:months|weeks|years|ages)\b",
    r"\b(?:don't|didn't) mean it\b",
    r"\b(?:it|that|this|which) (?:doesn't|don't) (?:really |even )?matter\b",
    r"\bdon't take it (?:to heart|so hard|so personally|personally)\b",
    r"\b(?:just|only) (?:joking|kidding|teasing|messing) (?:around)?\b",
    r"\banyway$",
    r"\b(?<!not )(?:probably|it's|are|is) nothing\b",
    r"\bprobably (?:just |fine\b|nothing\b|about nothing|about something|not a big)",
    r"\byou're (?:probably )?just (?:tired|in a funk|stressed|hungry|hormonal|overthinking)\b",
    r"\b(?:they're|he's|she's|people are) (?:just|only) (?:jealous|bored|trolling|joking"
    r"|kidding)\b",
    r"\bnobody (?:even )?(?:noticed|cares|remembers)\b",
    r"\b(?:they|nobody|no one|he|she) (?:really )?(?:didn't|don't|won't|wouldn't) (?:even )?"
    r"(?:mind|care|notice|remember)\b",
    r"\bnothing (?:embarrassing|to worry|to be)\b",
    r"\byou shouldn't feel\b",
    r"\bthat's (?:just )?(?:how it is|life|how it goes)\b",
    r"\bwouldn't read (?:into|too much)\b",
    r"\bdon't (?:overthink|read into|read too much into|dwell on|sweat)\b",
    r"\b(?:stop|quit) (?:worrying|stressing|being sad|crying|freaking out)\b",
    r"\blighten up\b",
    r"\bneed to toughen up\b",
    r"\bsafer than\b",
    r"\b(?:it's|is|that's) (?:so |really |actually |pretty )?(?:easy|simple|no biggie)\b",
    r"\b(?:are|you're|they're) (?:so )?(?:resilient|tough)\b",
    r"\b(?:didn't|won't|aren't) miss(?:ing)? much\b",
    r"\bwon't miss (?:anything|much|a thing)\b",
    r"\bonly gets harder\b|\bwelcome to (?:parenthood|adulthood|real life)\b",
)
# "At least" shrinks in a statement ("at least nobody got hurt"), not in "did you at least ...?".
_AT_LEAST = re.compile(r"\bat least\b(?! (?:\d+|one|two|three|four|five|a few|some)\b)")

# ---------------------------------------------------------------------------------------------
# Flags: rebuttal

_REBUTTAL = _compile(
    r"\b(?:that's|it's|thats) not (?:true|fair|what happened|what i said|what i meant)\b",
    r"\b(?:that|it) (?:isn't|wasn't) (?:true|fair|like that|unfair|my fault|personal)\b",
    r"\bnot true\b",
    r"\byou're wrong\b",
    r"\bexaggerat",
    r"^(?:but|ok,? but|well,?) i\b",
    r"\bbut i (?:did|do|was|only|literally|asked|said|told|called|planned|tried)\b",
    r"^i (?:do|did) (?:listen|ask|care|help|try|remember|call|text|notice|bedtime|pay attention"
    r"|tell|say|plan|clean|cook)\b",
    r"\bi (?:didn't|don't|wasn't|never|haven't) (?:\w+ )?(?:say|said|do that|mean|tell|told"
    r"|interrupt|change|laugh|laughing|criticiz\w*|forget|ignore|take|always)\b",
    r"\bi'm not (?:criticizing|yelling|mad|angry|always|ignoring|judging|attacking|on)\b",
    r"\bi was (?:just |only )?(?:trying|joking|kidding|teasing|messing|playing|saying|stuck"
    r"|at work|busy|working|laughing at|adding)\b",
    r"^i didn't (?:know|realize|see|think) (?:you|that you|it was)\b"
    r"(?! (?:felt|were feeling|were hurt))",
    r"\b(?:\w+ )?started it\b",
    r"\bnot my fault\b",
    r"\byou're nothing like\b",
    r"\bdoesn't make you (?:a )?(?:bad|terrible|selfish|weak|awful)\b",
    r"\b(?:isn't|is not|wasn't|aren't|you're not) (?:stupid|silly|dumb|crazy|weird|wrong"
    r"|selfish)\b",
    r"\b(?:she's|he's|they're|you're) always (?:criticizing|nagging|picking on|attacking) me\b",
    r"\b(?:what|how) (?:was|am) i supposed to\b",
    r"\bwhat do you want me to\b",
    r"\byou (?:just )?never (?:reminded|told|asked|give|said|listen|notice)\b",
    r"\byou (?:just )?didn't (?:hear|listen|notice|ask|tell)\b",
    r"\bi told you\b",
    r"\bi said (?:it|that|i)\b",
    r"\byou were there\b",
    r"\byou're (?:not|never) (?:fat|ugly|stupid|failing|a failure|bad)\b",
    r"^you're (?:beautiful|gorgeous|perfect)\b",
    r"\b(?:don't|stop) say(?:ing)? that\b",
    r"\byour \w+ (?:is|are) (?:fine|perfect|great|beautiful|gorgeous|amazing|lovely|good)\b",
    r"\bof course (?:i|they) (?:am|do|did|care|matter|love)\b",
    r"^we (?:do|did|talk|talked|go|went|spend|spent|just went)\b",
    r"\bwe wouldn't (?:argue|fight)\b",
    r"^i feel like you\b",
    r"\bthat's not nothing\b",
    r"\bname one thing\b",
    r"\b(?:was|is|were|are) right,? though\b",
    r"\b(?:they|doctors|teachers|bosses) know what they're doing\b",
    r"^well,? i have to\b",
    r"\bin my defen[cs]e\b",
    r"\bit was (?:just |only )?(?:a joke|a compliment)\b",
    r"\byou're (?:on|doing) \w+ too\b",
    r"\byou (?:do|did) (?:it|that|the same) too\b",
)
_REBUTTAL_QUESTION = re.compile(r"\bsupposed to\b|\bwant me to\b")
# When the speaker's words are about the listener ("you forgot", "I hate that you ..."), an
# answer that opens with the listener's own conduct is usually a defence, unless it owns the hurt.
_ADDRESSES_LISTENER = re.compile(r"\byou(?:'re|'ve|'d)?\b(?! know\b)|\byour\b")
_DEFENDS = re.compile(
    r"^(?:but |well,? |ok,? but )?(?:i (?:was|wasn't|do|did|didn't|don't|never|always|said|say"
    r"|thought|meant|had|have|told|tried|just|only)|i'm not|i've been|my \w+ (?:was|is|died))\b"
)
_OWNS_IT = re.compile(
    r"\b(?:sorry|wrong|my fault|messed up|should have|shouldn't have|should've|apologi[sz]e"
    r"|hurt you|i hear|i get|i see|i understand|i know i|i can see|you're right|that hurt)\b"
)

# ---------------------------------------------------------------------------------------------
# Flags: self-focus

# Phrases that turn to the listener's own story ...
_SELF_STRONG = _compile(
    r"\bme too\b",
    r"^same\b",
    r"\bmine\b",
    r"\bmy own\b",
    r"\bhappened to me\b",
    r"\breminds me of\b",
    r"\bwhen i (?:was|moved|had|did|went|got|lost|started|first|broke|failed|tried|used)\b",
    r"\bwhen my [\w-]+ (?:was|were|stayed|did|had|went|got|moved|died|left)\b",
    r"\bi know exactly\b",
    r"\bi (?:felt|went through) the same\b",
    r"\bi (?:always|used to|once)\b",
    r"\bi've always\b",
    r"\bworked (?:wonders|for me|for us)\b",
    r"\bi wish i could have\b",
    r"\bi could never\b",
    r"\bthat's how my \w+ was\b",
    r"\bwelcome to the club\b",
    r"\bi'm (?:terrible|the same|like that) with\b",
    r"\bi did (?:therapy|that|the same)\b",
    r"^i do (?:that|this|it|the same)\b(?! to you)",
    r"^(?:i|my|mine)\b.*\b(?:too|also|as well)$",
    r"\bi (?:ran|did|had|went|tried|failed|struggled|bombed|lost|got|was|forgot)\b.{0,40}"
    r"\b(?:last (?:year|week|month|time)|years ago|in (?:school|college|high school)|as a kid)\b",
    r", my (?:niece|nephew|kid|kids|son|daughter|dad|mom|brother|sister|partner|ex) (?:is|was"
    r"|had|did)\b",
    # A story of one's own: "I tried it for a week and ...".
    r"^i (?:\w+ed|tried|did|had|went|ran|got|took|lost|spent|made|felt|quit|gave)\b.{0,50}"
    r"\b(?:for (?:a|an|two|three|a few|\d+) (?:day|week|month|year)s?|too|also|once|years ago"
    r"|as a kid|back then|last (?:week|month|year|time))\b",
)
# ... the listener's own version of the speaker's story ("I got turned down for six too") ...
_PAST_VERB = re.compile(
    r"^i (?:\w+ ){0,2}?(?:\w+ed|got|had|did|went|ran|took|lost|spent|made|felt|quit|gave|was"
    r"|bombed|failed|tried)\b"
)
# ... and plain I-statements about the listener, which count when there are several.
_I_CLAUSE = re.compile(
    r"(?:^|, |\b(?:and|but|so|before|after|because|until|then|while) )i(?:'ve|'d|'m)?"
    r"((?: [\w']+){1,3})"
)
# Words near an "I" that keep the focus on the speaker ("I'm so sorry", "I hear you", "I'm here").
_LISTENING_WORDS = _words(
    """
    appreciate believe care get glad guess happy hear heard here imagine know listening love
    notice noticed proud right see sorry understand with wonder you
    """
)
# Imagining their place is empathy, not self-focus ("that would make me feel like my home
# wasn't mine"); agreeing with their wish is not either ("I'd love that too").
_PERSPECTIVE = re.compile(r"\bwould make me\b|\bi'd feel\b|\bin your shoes\b|\bif i were you\b")
_JOINING = re.compile(r"^i(?:'d| would)? (?:love|like|want|enjoy) (?:that|this|it) too$")

# ---------------------------------------------------------------------------------------------
# Questions

_AUX = (
    r"did|do|does|is|are|was|were|have|has|had|can|could|will|would|should|didn't|don't|doesn't"
    r"|isn't|aren't|wasn't|weren't|haven't|hasn't|can't|won't|wouldn't|shouldn't|am|may|might"
)
_CLOSED_START = re.compile(
    rf"^(?:{_AUX}|why|who|who's|when|where|which|how (?:long|many|much|often|old|far|come)|whose)\b"
)
_OPEN_START = re.compile(r"^(?:what|what's|how|how's)\b")
# "When does it hit hardest?" explores, unlike "When is she coming?"
_OPEN_WHEN = re.compile(
    r"^when (?:does|do|did) (?:it|that|this) (?:\w+ )?(?:hit|feel|happen|come up|get)"
)
_NOT_OPEN = re.compile(
    r"^what (?:were you thinking|did you expect|about (?:your|my|the)\b)|^what(?:'s| is) for\b"
    r"|^what (?:time|day|date|color|colour|size|number)\b|^what \w+ (?:is|was) (?:it|that)$"
    r"|^what did you do(?: to (?:\w+ )?(?:set|make|upset|provoke|annoy|deserve)\b.*)?$"
    r"|^how (?:could|can|dare) you\b"
)
_TELL_ME_MORE = re.compile(
    r"^(?:tell me (?:about|what|how)|i'd love to hear|walk me through|say more|"
    r"keep going|go on,? i'm listening)|\btell me (?:more|everything)\b"
)

# ---------------------------------------------------------------------------------------------
# Strengths: validation

_VALIDATION = _compile(
    r"\bmakes? (?:total |so much |a lot of |complete |perfect )?sense\b",
    r"\bno wonder\b",
    r"\bof course (?:you|it|that|your|anyone)\b",
    r"\b(?:anyone|anybody) would\b",
    r"\bwould (?:\w+ )?(?:anyone|anybody)\b",
    r"\b(?:anyone|anybody) (?:can|could|might) (?:slip|forget|feel|get|make)\b",
    r"\bi'd (?:feel|be) (?:\w+ )?(?:the same|that way|\w+ too)\b",
    r"\b(?:would make me|i'd) feel\b",
    r"\bunderstandabl[ey]\b",
    r"\bi (?:can |totally |completely )?(?:see|get|understand|imagine) (?:why|how)\b",
    r"\b(?:ok|alright|normal|natural|fine|understandable|human|reasonable|fair|valid) to"
    r" (?:feel|be|want|need)\b",
    r"\byou have every right\b",
    r"\b(?:your feelings are|that's|that is) (?:so |totally )?valid\b",
    r"\bsuch a (?:normal|natural|human|parent|common|understandable) (?:worry|feeling|reaction"
    r"|thing)\b",
    r"\byou deserve(?:d)? (?:to be|better|that)\b",
    r"(?:\band|\bas|,|^) you should be$",
    # Saying it is genuinely hard: "that sounds really hard", "that's a lot", "that sucks".
    r"\b(?:that|it|this|which)(?: sounds| is| was| must be|'s) (?:really |so |very |incredibly"
    r" |such |genuinely |truly )?(?:hard|tough|rough|difficult|heavy|brutal|a lot"
    r"|a (?:big|huge) (?:thing|step|deal|shift|change))\b",
    r"\b(?:that's|thats|it's) (?:really |so |very |such )?(?:hard|tough|rough|difficult|heavy"
    r"|a lot|brutal|such a pain|a pain)\b",
    r"\b(?:sounds|feels|is|was|seems|must be|must have been) (?:really |so |very |incredibly"
    r" |such |genuinely |truly |pretty )?(?:hard|tough|rough|difficult|heavy|brutal)\b",
    r"\bis (?:a lot|brutal|rough|tough|hard)\b",
    r"\b(?:that|it) sucks\b",
    r"\ba lot (?:to (?:take|carry|deal with|handle|hold)|for (?:one person|anyone))\b",
    r"\b(?:a )?(?:long time|lot) to (?:carry|hold|sit with)\b",
    r"\b(?:heavy|big|hard) thing to (?:carry|sit with|hold|go through)\b",
    r"\b(?:painful|hard|heavy|lonely|scary|real) thing to (?:feel|carry|go through|see)\b",
    r"\b(?:going to be|will be|must be) (?:a )?(?:heavy|hard|tough|rough|long) (?:day|week|time)\b",
    r"\ba (?:tough|hard|rough) (?:way|spot|place|thing)\b",
)

# ---------------------------------------------------------------------------------------------
# Strengths: feeling

# About 220 words that name a feeling or an emotional state; plain inflections count too
# ("stings", "worries", "regrets"), but not derived words ("amazing" is not "amazed").
_FEELING_WORDS = _words(
    """
    afraid agitated alarmed alienated amazed ambivalent anger angry anguished annoyed
    annoying anxiety anxious apprehensive ashamed awkward betrayed bitter bittersweet
    blindsided bored brave bummed burdened calm cheerful cherished concerned confident
    conflicted confused cornered cranky crushed curious defeated defensive dejected
    delighted depleted depressed despair desperate devastated disappointed disappointing
    disappointment disconnected discouraged disgusted disheartened dismissed disoriented
    disorienting disrespected distant distraught drained draining dread eager ecstatic edgy
    elated embarrassed embarrassing energized enraged envious exasperated excited excitement
    exhausted exhausting fear fearful flustered frazzled frightened frightening frustrated
    frustrating frustration fulfilled furious giddy glad gloomy grateful grief grieving
    grumpy guilt guilty gutted happy heartbreaking heartbroken heartsick helpless homesick
    hopeful hopeless horrified humiliated humiliating hurt hurtful hurting inadequate
    indignant inferior infuriated infuriating insecure inspired invisible irritable
    irritated irritating isolated jealous jittery joy joyful livid loneliness lonely
    lonesome loved melancholy miserable misunderstood mortified motivated mourning neglected
    nerve-wracking nervous nostalgic numb offended optimistic outraged overjoyed overlooked
    overwhelmed overwhelming painful panicked panicky peaceful petrified pleased powerless
    pressured pride proud rattled regret regretful rejected relaxed relief relieved
    remorseful resentful restless sad sadness satisfied satisfying scared scary
    self-conscious shaken shaky shame shocked smothered sorrow sorrowful sting stress
    stressed stressful stressing stung stunned suffocated surprised tense terrified thankful
    thrilled tired tiring torn unappreciated uncertain uncomfortable uneasy unhappy unheard
    unloved unseen unsettled unsupported unsure unwanted upset useless validated vulnerable
    weary wistful worried worry worrying worthless wounded
    """
)
# Phrases, and words that name a feeling only after "feel" ("you feel lost", not "you lost it").
_FEELING_PHRASES = re.compile(
    r"\b(?:left out|fed up|worn out|burned out|burnt out|stressed out|freaked out|let down"
    r"|over the moon|on edge|beside yourself|at the end of your rope|taken for granted|cut off"
    r"|wiped out|worn down|run down|at your wits' end|heavy-hearted|shut out"
    r"|feel(?:s|ing)? (?:so |really |pretty |a bit |kind of )?(?:bad|good|awful|terrible|amazing"
    r"|great|small|loved|used|alone|lost|stuck|trapped|empty|blue|broken|content|touched|moved"
    r"|like a failure))\b"
)
# Whatever follows "you felt" is usually the feeling, named or not ("you felt blindsided").
_YOU_FELT = re.compile(
    r"\byou (?:must have |must've |probably |really )?(?:felt|feel|were feeling|are feeling"
    r"|'re feeling) (?:so |really |pretty |kind of |a bit |a little )?"
    r"(?!like\b|that\b|as\b|it\b|the\b|a\b|an\b|about\b|when\b|if\b|because\b|to\b|this\b"
    r"|now\b|then\b|too\b|in\b|at\b|on\b|with\b|after\b|before\b|during\b|for\b|so\b"
    r"|here\b|there\b|today\b|afterwards?\b|yet\b|towards?\b|around\b)([a-z]+)\b(?<!ing)"
)
_FEELING_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*")
# A feeling word right after these is being denied, not named ("don't be nervous").
_DENIAL = re.compile(
    r"(?:don't|dont|not|never|shouldn't|no need to|no reason to|nothing|silly to|stop"
    r"|without)(?: \w+){0,2} $"
)
# Uses that name no feeling ("nobody got hurt", "running on empty").
_NOT_A_FEELING = re.compile(r"\b(?:got|get|gets|getting) hurt\b|\brunning on empty\b")
# Whose feeling it is: the nearest subject before the word.
_SUBJECT = re.compile(
    r"\b(i|i'm|i've|i'd|me|my|mine|you|you're|you've|you'd|your|yourself|we|they|he|she|it|it's"
    r"|that|that's|this|everyone|everybody|anyone|anybody|people)\b"
)
_NOT_THE_SPEAKER = frozenset(
    {"i", "i'm", "i've", "i'd", "me", "my", "mine", "everyone", "everybody", "people", "he", "she"}
    | {"they", "he's", "she's", "they're"}
)

# ---------------------------------------------------------------------------------------------
# Strengths: paraphrase (content words)

_STOP = _words(
    """
    a about above actually after again against all almost also always am an and any anything
    anyway are aren't around as at aw away awful aww back bad basically be because been
    before being below between big bit both but by came can can't come comes coming could
    couldn't definitely did didn't do does doesn't doing don't down during each else enough
    even ever every everyone everything feel feeling feels felt few first for from further
    get gets getting go goes going gone gonna good got gotten great guess had hadn't haha
    hahaha hard has hasn't have haven't having he he'd he'll he's hear heard her here hers
    herself hey him himself his hmm honestly how how's huge i i'd i'll i'm i've idk if im in
    into is isn't it it's its itself just kind kinda know let let's like literally little
    lmao lol lot lots made make makes many maybe me mean means might mine more most much
    must my myself need needs never new nice no nor not nothing now of off oh ok okay omg on
    once one only oof or other ouch our ours ourselves out over own pretty probably quite
    rather real really right rough said same say says see seem seems seriously she she'd
    she'll she's should shouldn't so some something sometimes sort sound sounded sounds
    still stuff such sure take talk tell than that that's the their theirs them themselves
    then there there's these they they'd they'll they're they've thing things think this tho
    those though through to today told too totally tough u ugh under until up upon ur us
    very want wanted wants was wasn't way we we'd we'll we're we've well were weren't what
    what's when where which while who who's whole whom why will with won't would wouldn't
    wow yeah yes yet you you'd you'll you're you've your yours yourself yourselves
    """
)


def _pairs(text: str) -> dict[str, str]:
    return dict(pair.split(":") for pair in text.split())


_IRREGULAR = _pairs(
    """
    went:go gone:go ran:run took:take taken:take got:get gotten:get felt:feel said:say
    told:tell made:make left:leave kept:keep lost:lose thought:think bought:buy
    brought:bring came:come saw:see seen:see ate:eat eaten:eat fell:fall broke:break
    broken:break stole:steal stolen:steal forgot:forget forgotten:forget children:kid
    child:kid kids:kid men:man women:woman feet:foot teeth:tooth wrote:write written:write
    spent:spend met:meet won:win sent:send slept:sleep began:begin begun:begin paid:pay
    knew:know known:know sat:sit stood:stand found:find did:do done:do was:be were:be
    had:have hung:hang wore:wear worn:wear drove:drive driven:drive rode:ride flew:fly
    flown:fly swam:swim threw:throw thrown:throw bit:bite hid:hide fought:fight caught:catch
    taught:teach sold:sell held:hold built:build lent:lend meant:mean cried:cry died:die
    dying:die
    """
)
# A small synonym map: each word maps to the first word of its group.
_SYNONYM_GROUPS = (
    ("work", "job", "jobs", "career", "workplace"),
    ("kid", "son", "daughter", "toddler", "teenager", "teen", "kiddo"),
    ("mom", "mum", "mother", "mama", "mommy"),
    ("dad", "father", "papa", "daddy"),
    ("grandma", "grandmother", "nana", "granny", "gran"),
    ("grandpa", "grandfather", "granddad", "grandad"),
    ("partner", "spouse", "husband", "wife", "boyfriend", "girlfriend", "bf", "gf"),
    ("boss", "manager", "supervisor"),
    ("friend", "buddy", "pal", "bestie", "mate"),
    ("coworker", "colleague", "co-worker", "teammate"),
    ("sorry", "apologize", "apologise", "apology", "apologizing", "apologising"),
    ("fight", "argue", "argument", "clash", "clashing", "quarrel", "row"),
    ("cry", "crying", "tears", "sob", "sobbing"),
    ("yell", "shout", "scream", "snap", "snapped"),
    ("home", "house", "apartment", "flat", "place"),
    ("doctor", "dr", "physician", "gp"),
    ("exam", "test", "quiz", "final", "finals"),
    ("help", "support", "supportive", "helping"),
    ("phone", "cell", "mobile"),
    ("mistake", "error", "screwup"),
    ("die", "death", "passed", "funeral"),
    ("sick", "ill", "unwell"),
    ("trip", "travel", "vacation", "holiday"),
    ("money", "cash", "savings", "funds"),
    ("nurse", "nursing"),
    ("cancel", "cancelled", "canceled", "cancellation"),
    ("goodbye", "bye", "farewell"),
    ("rejection", "reject", "rejected"),
)
_SYNONYMS = {word: group[0] for group in _SYNONYM_GROUPS for word in group}
_PARAPHRASE_FRAME = re.compile(
    r"\b(?:you|your|you're|you've|yourself|sounds like|so you|you're saying|i hear)\b|^so\b"
)
# Suffixes the stemmer strips, with the shortest word it strips them from.
_SUFFIXES = (
    ("ation", "", 7),
    ("ies", "y", 5),
    ("ied", "y", 5),
    ("ier", "y", 5),
    ("sses", "ss", 5),
    ("ing", "", 5),
    ("ed", "", 4),
    ("ly", "", 5),
    ("ness", "", 6),
    ("ment", "", 7),
    ("s", "", 4),
)


def _stem(word: str) -> str:
    """A light stemmer: enough to match run/running, nurse/nursing, cancel/cancelled."""
    if len(word) <= 3:
        return word
    for suffix, replacement, minimum in _SUFFIXES:
        if word.endswith(suffix) and len(word) >= minimum:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _lemma(token: str) -> str:
    word = token.removesuffix("'s").removesuffix("s'")
    word = _SYNONYMS.get(word, word)
    word = _IRREGULAR.get(word, word)
    word = _SYNONYMS.get(word, word)
    return _stem(word)


_STOP_STEMS = frozenset(_stem(word) for word in _STOP)

# ---------------------------------------------------------------------------------------------
# Assessment


def _one_letter_slips(word: str) -> set[str]:
    """Spellings one slip away inside the word: a letter dropped, or neighbours swapped.

    The first and last letters stay put: typos happen inside words, while a changed edge makes
    a different word ("pleased" / "please", "scared" / "cared").
    """
    inner = range(1, len(word) - 1)
    dropped = {word[:i] + word[i + 1 :] for i in inner}
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in inner if i + 2 < len(word)}
    return dropped | swapped


# Misspelt feeling words ("lonley", "exausted", "anoying"): a missing, extra or swapped letter in
# a word of six letters or more. A replaced letter is not forgiven, so "belief" is not "relief";
# real words one slip from a feeling word are listed so they stay themselves.
_REAL_WORDS_NEAR_FEELINGS = _words("morning sacred relived")
_FEELING_SLIPS = {
    slip: word for word in _FEELING_WORDS if len(word) >= 6 for slip in _one_letter_slips(word)
}


def _is_feeling_word(token: str) -> bool:
    if token in _FEELING_WORDS:
        return True
    if (
        len(token) >= 5
        and token not in _REAL_WORDS_NEAR_FEELINGS
        and (
            token in _FEELING_SLIPS
            or any(slip in _FEELING_WORDS and len(slip) >= 6 for slip in _one_letter_slips(token))
        )
    ):
        return True
    if token.endswith("ies"):
        return token[:-3] + "y" in _FEELING_WORDS
    if token.endswith("es") and token[:-2] in _FEELING_WORDS:
        return True
    return token.endswith("s") and token[:-1] in _FEELING_WORDS


def _feeling_lemmas(text: str) -> set[str]:
    return {_lemma(t) for t in _FEELING_TOKEN.findall(text) if _is_feeling_word(t)}


def _content(text: str) -> set[str]:
    """The lemmas of the words that carry what was said (no stop words, no feeling words)."""
    lemmas = set()
    for token in _TOKEN.findall(text):
        if token in _STOP or _is_feeling_word(token):
            continue
        if len(token) < 2 and not token.isdigit():
            continue
        lemma = _lemma(token)
        if lemma not in _STOP_STEMS:
            lemmas.add(lemma)
    return lemmas


def _sentence_flags(sentence: _Sentence) -> set[str]:
    text, bare = sentence.text, sentence.bare
    found = set()
    if (
        _any(_ADVICE, text, bare)
        or (sentence.question and _ADVICE_QUESTION.search(bare))
        or (not sentence.question and _ADVICE_CLAUSE.search(text))
    ):
        found.add("advice")
    if _any(_JUDGMENT, text, bare):
        found.add("judgment")
    if _any(_MINIMIZING, text) or (not sentence.question and _AT_LEAST.search(text)):
        found.add("minimizing")
    if _any(_REBUTTAL, text, bare):
        found.add("rebuttal")
    return found


def _mark_self_focus(
    sentences: list[_Sentence], flagged: list[set[str]], speaker_content: set[str]
) -> bool:
    """Mark sentences that turn to the listener; True when the reflection as a whole does."""
    strong = False
    i_clauses = 0
    for sentence, flags in zip(sentences, flagged, strict=True):
        if "rebuttal" in flags:
            continue  # "I do bedtime on Tuesdays" defends; it is counted as a rebuttal
        if _JOINING.search(sentence.bare) or _PERSPECTIVE.search(sentence.text):
            continue
        mirrored = bool(_PAST_VERB.search(sentence.bare)) and bool(
            _content(sentence.bare) & speaker_content
        )
        if mirrored or _any(_SELF_STRONG, sentence.text, sentence.bare):
            flags.add("self_focus")
            strong = True
        for match in _I_CLAUSE.finditer(sentence.bare):
            if not _LISTENING_WORDS.intersection(match.group(1).split()):
                i_clauses += 1
    return strong or i_clauses >= 2


def _question_kind(sentence: _Sentence, speaker_content: set[str]) -> str:
    """Classify a question: open, advice, rebuttal, closed, echo (restating) or fragment."""
    bare = sentence.bare
    if _ADVICE_QUESTION.search(bare):
        return "advice"
    if _REBUTTAL_QUESTION.search(bare):
        return "rebuttal"
    if _OPEN_WHEN.search(bare):
        return "open"
    if _CLOSED_START.search(bare):
        return "closed"
    if _OPEN_START.search(bare):
        return "closed" if _NOT_OPEN.search(bare) else "open"
    if _content(bare) & speaker_content:
        return "echo"
    return "fragment"


def _names_feeling(sentences: list[_Sentence]) -> bool:
    """True when a sentence names a feeling that is the speaker's and is not waved away."""
    for sentence in sentences:
        text = _NOT_A_FEELING.sub(" ", sentence.text)
        starts = [m.start() for m in _FEELING_PHRASES.finditer(text)]
        starts += [m.start() for m in _YOU_FELT.finditer(text)]
        starts += [m.start() for m in _FEELING_TOKEN.finditer(text) if _is_feeling_word(m.group())]
        for start in starts:
            before = text[:start]
            if _DENIAL.search(before[-40:]):
                continue
            subjects = _SUBJECT.findall(before)
            if subjects and subjects[-1] in _NOT_THE_SPEAKER:
                continue
            return True
    return False


def _paraphrases(
    speaker: str,
    speaker_content: set[str],
    sentences: list[_Sentence],
    flagged: list[set[str]],
    kinds: list[str],
    interrogating: bool,
) -> bool:
    """True when the reflection's unflagged sentences carry over what the speaker said."""
    # When the speaker said little besides a feeling, saying that feeling back is the paraphrase.
    speaker_feelings = _feeling_lemmas(speaker) if len(speaker_content) <= 1 else set()
    # An echo that opens a string of questions ("Tomorrow? Is he ready?") is not a paraphrase.
    restating = ("", "fragment") if interrogating else ("", "echo", "fragment")
    carried: set[str] = set()
    framed = False
    for sentence, sentence_flags, kind in zip(sentences, flagged, kinds, strict=True):
        if sentence_flags or kind not in restating:
            continue
        overlap = _content(sentence.text) & speaker_content
        overlap |= _feeling_lemmas(sentence.text) & speaker_feelings
        if kind == "echo":
            framed = True
        if overlap:
            carried |= overlap
            # "Getting older is scary": restating the subject and naming how it lands counts too.
            framed = (
                framed
                or bool(_PARAPHRASE_FRAME.search(sentence.text))
                or _names_feeling([sentence])
                or _any(_VALIDATION, sentence.text)
            )
    # One shared word is enough when the reflection speaks to the speaker ("you ...") somewhere in
    # its unflagged sentences, or when the speaker's text was short to begin with.
    framed = framed or any(
        not sentence_flags and _PARAPHRASE_FRAME.search(sentence.text)
        for sentence, sentence_flags in zip(sentences, flagged, strict=True)
    )
    share = len(carried) / len(speaker_content) if speaker_content else 0.0
    return len(carried) >= 2 or bool(carried and (framed or share >= 0.34))


def _hints(flags: list[str], strengths: set[str]) -> list[str]:
    hints = [_HINTS[flag] for flag in flags]
    if "paraphrase" not in strengths:
        hints.append(_HINTS["paraphrase"])
    if not flags and "paraphrase" in strengths:
        if "feeling" not in strengths:
            hints.append(_HINTS["feeling"])
        elif not strengths & {"validation", "open_question"}:
            hints.append(_HINTS["open_question"])
        else:
            hints.append(_HINTS["good"])
    return hints[:_MAX_HINTS]


def _neutral() -> Assessment:
    return Assessment(flags=[], strengths=[], hints=[])


def assess(speaker_text: str, reflection: str) -> Assessment:
    """Assess a listener's `reflection` of `speaker_text`. Never raises on string input."""
    if not isinstance(speaker_text, str) or not isinstance(reflection, str):
        return _neutral()
    text = _normalize(reflection)
    if not _looks_english(_TOKEN.findall(text)):
        return _neutral()
    sentences = _sentences(text)
    if not sentences:
        return _neutral()
    speaker = _normalize(speaker_text)
    speaker_content = _content(speaker)

    flagged = [_sentence_flags(sentence) for sentence in sentences]
    if (
        _ADDRESSES_LISTENER.search(speaker)
        and _DEFENDS.search(sentences[0].bare)
        and not _OWNS_IT.search(text)
    ):
        flagged[0].add("rebuttal")
    flags: set[str] = set().union(*flagged)
    if _mark_self_focus(sentences, flagged, speaker_content):
        flags.add("self_focus")
    kinds = [_question_kind(s, speaker_content) if s.question else "" for s in sentences]
    closed = kinds.count("closed")
    if closed and closed + kinds.count("fragment") >= 2:
        flags.add("interrogation")

    strengths: set[str] = set()
    if "open" in kinds or any(_TELL_ME_MORE.search(s.bare) for s in sentences):
        strengths.add("open_question")
    if any(_any(_VALIDATION, s.text) for s in sentences):
        strengths.add("validation")
    if _names_feeling([s for s, f in zip(sentences, flagged, strict=True) if "advice" not in f]):
        strengths.add("feeling")
    if _paraphrases(speaker, speaker_content, sentences, flagged, kinds, "interrogation" in flags):
        strengths.add("paraphrase")

    ordered_flags = [flag for flag in FLAGS if flag in flags]
    ordered_strengths = [strength for strength in STRENGTHS if strength in strengths]
    return Assessment(ordered_flags, ordered_strengths, _hints(ordered_flags, strengths))
