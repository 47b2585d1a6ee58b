"""Progress's pages. Thin: parse, authorise (``access.space_member``), call a service, render."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from closeknit.core.http import SpaceRequest
from closeknit.couples import access
from closeknit.progress import catalog, report, services
from closeknit.progress.forms import CheckInForm, DailyForm, SharingForm
from closeknit.progress.instruments import Instrument
from closeknit.tonight import registry


def _today(request: SpaceRequest) -> dt.date:
    return services.today_of(request.user)


@access.space_member
@require_safe
def home(request: SpaceRequest) -> HttpResponse:
    """The person's own Progress: their series, practices, rhythm and sharing choice."""
    space, user, partner = request.space, request.user, request.partner
    today = _today(request)
    instrument = services.get_instrument(catalog.WEEKLY)
    mine = services.own_series(space, user)
    choices = services.sharing_choices(space, [user, partner])
    practices = [p for p in registry.active_for(space, user) if p.adherence is not None]
    first = min(
        [day for day, _v in mine.closeness[:1]]
        + [today - dt.timedelta(weeks=report.ADHERENCE_WEEKS)]
    )
    days = services.practice_days(space, user, first, today)
    week = services.week_of(today)
    context = {
        "space": space,
        "partner": partner,
        "panels": report.person_panels(mine, instrument, who="you", today=today),
        "adherence": report.adherence(practices, days, today),
        "associations": report.associations(practices, days, mine.closeness),
        "evenings": services.evenings_together(space, user, partner, week, today),
        "evenings_last_week": services.evenings_together(
            space, user, partner, week - dt.timedelta(days=7), week - dt.timedelta(days=1)
        ),
        "i_share": choices.get(user.pk, False),
        "partner_shares": bool(partner and choices.get(partner.pk, False)),
        "sharing_form": SharingForm(initial={"share": choices.get(user.pk, False)}),
        "instrument": instrument,
        "daily_reliability": report.DAILY_RELIABILITY,
        "checked_in_today": bool(mine.closeness and mine.closeness[-1][0] == today),
    }
    return render(request, "progress/home.html", context)


@access.space_member
@require_safe
def together(request: SpaceRequest) -> HttpResponse:
    """The partner's series while they share them; both together while both share."""
    space, user, partner = request.space, request.user, request.partner
    today = _today(request)
    instrument = services.get_instrument(catalog.WEEKLY)
    choices = services.sharing_choices(space, [user, partner])
    theirs = services.partner_series(space, user, partner, choices=choices)
    context: dict[str, Any] = {
        "space": space,
        "partner": partner,
        "i_share": choices.get(user.pk, False),
        "theirs": theirs,
        "panels": [],
        "couple": None,
        "instrument": instrument,
        "daily_reliability": report.DAILY_RELIABILITY,
    }
    if theirs is not None and partner is not None:
        context["panels"] = report.person_panels(theirs, instrument, who="partner", today=today)
        if context["i_share"]:
            mine = services.own_series(space, user)
            context["couple"] = report.couple_panel(
                mine.closeness, theirs.closeness, partner_name=partner.name, today=today
            )
    return render(request, "progress/together.html", context)


def _daily_context(request: SpaceRequest, form: DailyForm | None = None) -> dict[str, Any]:
    today = _today(request)
    existing = services.daily_for(request.space, request.user, today)
    if form is None:
        initial = (
            {"closeness": existing.closeness, "understood": existing.understood}
            if existing
            else None
        )
        form = DailyForm(initial=initial)
    return {"space": request.space, "form": form, "existing": existing, "today": today}


@access.space_member
@require_http_methods(["GET", "HEAD", "POST"])
def daily(request: SpaceRequest) -> HttpResponse:
    """The ten-second check-in: one picture and, if you like, one number."""
    if request.method != "POST":
        return render(request, "progress/daily.html", _daily_context(request))
    form = DailyForm(request.POST)
    if form.is_valid():
        try:
            services.save_daily(
                request.space,
                request.user,
                closeness=form.cleaned_data["closeness"],
                understood=form.cleaned_data["understood"],
            )
        except services.CheckInError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Thank you. You've checked in for today."))
            return redirect("tonight:home", space_id=request.space.public_id)
    return render(request, "progress/daily.html", _daily_context(request, form), status=400)


def _check_in_context(
    request: SpaceRequest, instrument: Instrument, form: CheckInForm | None = None
) -> dict[str, Any]:
    existing = services.check_in_for(request.space, request.user, instrument, _today(request))
    if form is None:
        form = CheckInForm(initial=services.answers_of(existing), instrument=instrument)
    return {
        "space": request.space,
        "instrument": instrument,
        "form": form,
        "existing": existing,
        "is_weekly": instrument.cadence == "weekly",
    }


@access.space_member
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request: SpaceRequest, instrument: str) -> HttpResponse:
    """A questionnaire, rendered from its YAML definition; one per period."""
    chosen = services.get_instrument(instrument)
    if request.method != "POST":
        return render(request, "progress/check_in.html", _check_in_context(request, chosen))
    form = CheckInForm(request.POST, instrument=chosen)
    if form.is_valid():
        try:
            services.save_check_in(request.space, request.user, chosen, form.answers())
        except services.CheckInError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect("tonight:home", space_id=request.space.public_id)
    return render(
        request, "progress/check_in.html", _check_in_context(request, chosen, form), status=400
    )


@access.space_member
@require_POST
def sharing(request: SpaceRequest) -> HttpResponse:
    form = SharingForm(request.POST)
    # A checkbox is either there or not; the form cannot be invalid.
    share = form.is_valid() and form.cleaned_data["share"]
    services.set_sharing(request.space, request.user, share)
    messages.success(
        request,
        _("Your partner can now see your check-ins.")
        if share
        else _("Your check-ins are private to you."),
    )
    return redirect("progress:home", space_id=request.space.public_id)


@access.space_member
@require_safe
def export(request: SpaceRequest) -> HttpResponse:
    """Everything you checked in, as CSV: yours only, never your partner's."""
    filename = f"closeknit-check-ins-{_today(request).isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerows(services.export_rows(request.space, request.user))
    return response
