from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from closeknit.accounts import export, services
from closeknit.accounts.forms import OnboardingForm, ProfileForm, SignUpForm
from closeknit.accounts.models import Safety
from closeknit.core.http import AuthedRequest


def safe_next(request: HttpRequest, fallback: str = "home") -> str:
    """The ``next`` parameter when it points inside this site, else ``fallback``'s URL."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(redirect(fallback).url)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate="20/h", method="POST", block=True)
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        onboarding = redirect("accounts:onboarding").url
        next_url = safe_next(request, fallback="home")
        return HttpResponseRedirect(f"{onboarding}?next={next_url}")
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def onboarding(request: AuthedRequest) -> HttpResponse:
    form = OnboardingForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        user.onboarded_at = user.onboarded_at or timezone.now()
        user.save()
        if user.safety != Safety.SAFE:
            return redirect("support")
        return redirect(safe_next(request))
    return render(
        request,
        "accounts/onboarding.html",
        {"form": form, "next": safe_next(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("accounts:profile")
    return render(
        request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def export_data(request: AuthedRequest) -> HttpResponse:
    """GET explains; POST downloads everything this person wrote, as JSON."""
    if request.method != "POST":
        return render(request, "accounts/export.html")
    document = export.build(request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"closeknit-export-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthedRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        if request.user.check_password(request.POST.get("password", "")):
            user = request.user
            logout(request)
            services.delete_person(user)
            messages.success(request, _("Your account and everything you wrote are deleted."))
            return redirect("accounts:login")
        error = _("That password doesn't match. Nothing was deleted.")
    return render(request, "accounts/delete.html", {"error": error}, status=400 if error else 200)
