from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from closeknit.share.models import ANSWER_MAX, REPLY_MAX, Answer, Post

UNDERSTOOD_CHOICES = [
    (1, _("1 · Not at all")),
    (2, "2"),
    (3, "3"),
    (4, _("4 · Somewhat")),
    (5, "5"),
    (6, "6"),
    (7, _("7 · Completely")),
]


class _Form(forms.Form):
    """Each form on a Share page gets its own id prefix: several share one page."""

    id_prefix = "share"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class AnswerForm(_Form):
    id_prefix = "answer"
    text = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Up to 2,000 characters. Feelings count as much as facts."),
    )
    in_person = forms.BooleanField(
        label=_("We talked about it in person (add a note if you like)"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("in_person"):
            raise forms.ValidationError(
                _("Write an answer, or tick that you talked about it in person.")
            )
        return data


class DepthForm(_Form):
    id_prefix = "depth"
    rating = forms.ChoiceField(
        label=_("How did the depth feel?"),
        choices=Answer.DepthRating.choices,
        widget=forms.RadioSelect,
    )


class ResponseForm(_Form):
    id_prefix = "response"
    reaction = forms.ChoiceField(label=_("Your response"), widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Add a few words (optional)"),
        max_length=REPLY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, reactions: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reaction"].choices = list(reactions.items())  # type: ignore[attr-defined]


class UnderstoodForm(_Form):
    id_prefix = "understood"
    understood = forms.TypedChoiceField(
        label=_("How understood did you feel?"),
        help_text=_("Only you see this. It's how closeknit learns whether sharing helps."),
        choices=UNDERSTOOD_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
    )


class PostForm(_Form):
    id_prefix = "post"
    kind = forms.ChoiceField(
        label=_("What would you like to share?"),
        choices=Post.Kind.choices,
        widget=forms.RadioSelect,
        initial=Post.Kind.TODAY,
    )
    text = forms.CharField(
        label=_("In your words"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Your partner sees this straight away."),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search your exchanges"), max_length=100, required=False)
