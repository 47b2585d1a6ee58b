"""The coach's quality vocabulary in words people read, ready for translation.

The slugs come from ``closeknit.coaching.appreciation.QUALITIES`` (framework-free, English).
Here each slug gets a translatable label for the jar's filter chips and a sentence for
"rediscover", which speaks to the writer about their partner by name.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from closeknit.coaching.appreciation import QUALITIES

LABELS: dict[str, Promise] = {
    "humour": _("Humour"),
    "kindness": _("Kindness"),
    "patience": _("Patience"),
    "courage": _("Courage"),
    "creativity": _("Creativity"),
    "reliability": _("Reliability"),
    "warmth": _("Warmth"),
    "curiosity": _("Curiosity"),
    "effort": _("Effort"),
    "generosity": _("Generosity"),
    "playfulness": _("Playfulness"),
    "intelligence": _("Intelligence"),
    "looks": _("Looks"),
    "strength": _("Strength"),
    "honesty": _("Honesty"),
    "calm": _("Calm"),
    "thoughtfulness": _("Thoughtfulness"),
    "care_for_others": _("Care for others"),
    "ambition": _("Ambition"),
    "tenderness": _("Tenderness"),
    "resilience": _("Resilience"),
    "loyalty": _("Loyalty"),
    "empathy": _("Empathy"),
    "support": _("Support"),
    "optimism": _("Optimism"),
    "skill": _("Skill"),
    "openness": _("Openness"),
    "forgiveness": _("Forgiveness"),
}

# "You once loved how …": whole sentences, so a translation can reorder them freely.
ONCE_LOVED: dict[str, Promise] = {
    "humour": _("You once loved how %(name)s makes you laugh."),
    "kindness": _("You once loved how kind %(name)s is."),
    "patience": _("You once loved how patient %(name)s is."),
    "courage": _("You once loved how brave %(name)s is."),
    "creativity": _("You once loved how creative %(name)s is."),
    "reliability": _("You once loved how you can count on %(name)s."),
    "warmth": _("You once loved how warm %(name)s is."),
    "curiosity": _("You once loved how curious %(name)s is."),
    "effort": _("You once loved how hard %(name)s works at things."),
    "generosity": _("You once loved how generous %(name)s is."),
    "playfulness": _("You once loved how playful %(name)s is."),
    "intelligence": _("You once loved how sharp %(name)s is."),
    "looks": _("You once loved how %(name)s looks."),
    "strength": _("You once loved how strong %(name)s is."),
    "honesty": _("You once loved how honest %(name)s is."),
    "calm": _("You once loved how calm %(name)s stays."),
    "thoughtfulness": _("You once loved how thoughtful %(name)s is."),
    "care_for_others": _("You once loved how %(name)s cares for other people."),
    "ambition": _("You once loved how %(name)s goes after big things."),
    "tenderness": _("You once loved how tender %(name)s is."),
    "resilience": _("You once loved how %(name)s keeps going."),
    "loyalty": _("You once loved how loyal %(name)s is."),
    "empathy": _("You once loved how %(name)s understands people."),
    "support": _("You once loved how %(name)s backs you."),
    "optimism": _("You once loved how %(name)s finds the bright side."),
    "skill": _("You once loved how skilled %(name)s is."),
    "openness": _("You once loved how open %(name)s is."),
    "forgiveness": _("You once loved how %(name)s forgives."),
}

# The coach's order, which the chips follow.
ORDER: tuple[str, ...] = tuple(QUALITIES)


def is_known(slug: str) -> bool:
    return slug in LABELS


def label(slug: str) -> str:
    return str(LABELS.get(slug, slug))


def once_loved(slug: str, name: str) -> str:
    sentence = ONCE_LOVED.get(slug)
    return str(sentence) % {"name": name} if sentence else ""
