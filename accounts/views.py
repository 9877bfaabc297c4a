"""The account pages of our own: profile and API tokens, data export, account deletion.

Sign-up, sign-in, passwords, email addresses and two-factor authentication are
allauth's views, styled by the templates in templates/account/ and templates/mfa/.
"""

import json
from dataclasses import dataclass
from functools import partial
from typing import Any

from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import export, profile_sections, selectors, services
from .forms import AccountDeleteForm, ApiTokenForm, ProfileForm
from .models import ApiToken


def _own_token(request, pk: int) -> ApiToken:
    """One of the signed-in user's tokens; 404 for anyone else's."""
    return get_object_or_404(ApiToken, pk=pk, user=request.user)


@dataclass(frozen=True)
class _ShownSection:
    """A registered profile section with its form, as the page renders it."""

    section: profile_sections.ProfileSection
    form: Any

    @property
    def template_name(self) -> str:
        return self.section.template_name


def _add_service_errors(form, error: ValidationError, shown=()) -> None:
    """A service's errors on the form: each field's on the form (of `form` and the shown
    sections') that has the field, the rest at the top of `form`."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        owner = next((part.form for part in shown if field in part.form.fields), form)
        owner.add_error(field if field in owner.fields else None, errors)


def _render_profile(request, *, profile_form=None, shown=None, token_form=None, status=200):
    if profile_form is None:
        profile_form = ProfileForm(initial={"display_name": request.user.display_name})
    if shown is None:
        shown = [
            _ShownSection(section, section.form(user=request.user))
            for section in profile_sections.sections()
        ]
    tokens = list(selectors.api_token_list(user=request.user))
    context = {
        "profile_form": profile_form,
        "profile_sections": shown,
        "token_form": token_form or ApiTokenForm(prefix="token"),
        "tokens": tokens,
        "tokens_before_two_factor": sum(token.made_before_two_factor for token in tokens),
        "max_tokens": services.MAX_API_TOKENS,
    }
    return render(request, "accounts/profile.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """One form: the display name and every registered section, saved all or nothing."""
    if request.method != "POST":
        return _render_profile(request)
    form = ProfileForm(request.POST)
    shown = [
        _ShownSection(section, section.form(request.POST, user=request.user))
        for section in profile_sections.sections()
    ]
    # Every form is validated, so the page shows all the errors at once.
    if all([form.is_valid(), *(part.form.is_valid() for part in shown)]):
        try:
            services.profile_update(
                user=request.user,
                display_name=form.cleaned_data["display_name"],
                section_saves=[
                    partial(part.section.save, user=request.user, form=part.form) for part in shown
                ],
            )
        except ValidationError as error:
            _add_service_errors(form, error, shown)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("accounts:profile")
    return _render_profile(request, profile_form=form, shown=shown, status=400)


@never_cache
@login_required
@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST, prefix="token")
    if form.is_valid():
        try:
            token, key = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"], lifetime=form.lifetime_delta
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            # Rendered, not redirected: the key exists only in this response.
            return render(request, "accounts/token_created.html", {"token": token, "key": key})
    return _render_profile(request, token_form=form, status=400)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = _own_token(request, pk)
    services.api_token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” is revoked. Requests using it now fail.")
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke_all(request):
    count = services.api_tokens_revoke_all(user=request.user)
    if count == 1:
        messages.success(request, "1 token is revoked. Requests using it now fail.")
    else:
        messages.success(request, f"{count} tokens are revoked. Requests using them now fail.")
    return redirect("accounts:profile")


@never_cache
@login_required
@require_http_methods(["GET"])
def export_download(request):
    document = export.export_build(user=request.user)
    body = json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    filename = f"career-guide-data-{timezone.now():%Y-%m-%d}.json"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    data = request.POST if request.method == "POST" else None
    form = AccountDeleteForm(data, request=request)
    if request.method == "POST" and form.is_valid():
        email = request.user.email
        services.account_delete(user=request.user)
        logout(request)
        messages.success(
            request,
            f"Your account {email} and everything in it are deleted. "
            "Thank you for using Career Guide.",
        )
        return redirect("home")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)


class ConfirmEmailView(allauth_views.ConfirmEmailView):
    """allauth's confirmation page, but a link that expired while the page was open
    shows the "link no longer works" page on submit instead of a bare 404."""

    def post(self, *args, **kwargs):
        try:
            return super().post(*args, **kwargs)
        except Http404:
            self.object = None
            return self.render_to_response(self.get_context_data())


confirm_email = ConfirmEmailView.as_view()
