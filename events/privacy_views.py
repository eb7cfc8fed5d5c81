"""A signed-in person downloads their data (selectors.participant_data) or deletes their account
(services.participants.delete_account)."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from unidir_cb.core.ratelimit import limit_exceeded

from . import selectors
from .certificate_views import verify_url_for
from .services import participants

# What people type when their account has no password (e.g. it was created for them).
DELETE_CONFIRMATION_WORD = "DELETE"
# Password attempts on the deletion form per account per fifteen minutes: someone at an unlocked
# computer must not be able to try passwords here instead of on the (rate-limited) login page.
DELETE_ATTEMPTS_LIMIT = 5
DELETE_ATTEMPTS_WINDOW_SECONDS = 15 * 60


def _deletion_attempts_exceeded(user) -> bool:
    return limit_exceeded(
        f"events:account-deletion-attempts:{user.pk}", DELETE_ATTEMPTS_LIMIT, DELETE_ATTEMPTS_WINDOW_SECONDS
    )


@login_required
@require_GET
def download_my_data(request):
    data = selectors.participant_data(
        request.user,
        verify_url_for=lambda code: verify_url_for(request, code),
        file_url_for=lambda answer: request.build_absolute_uri(reverse("events:answer_file", args=[answer.pk])),
    )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class DeleteAccountForm(forms.Form):
    """Re-entering the password proves that it is the person, not someone at an unlocked computer."""

    password = forms.CharField(
        label=gettext_lazy("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            self.fields["password"] = forms.CharField(
                label=gettext_lazy("Type DELETE to confirm"), widget=forms.TextInput(attrs={"autocomplete": "off"})
            )

    def clean_password(self):
        typed = self.cleaned_data["password"]
        if self.user.has_usable_password():
            if not self.user.check_password(typed):
                raise forms.ValidationError(_("This is not your password."))
        elif typed.strip() != DELETE_CONFIRMATION_WORD:
            raise forms.ValidationError(_("Type DELETE in capital letters to confirm."))
        return typed


@login_required
@require_http_methods(["GET", "POST"])
def delete_my_account(request):
    if request.method == "POST" and _deletion_attempts_exceeded(request.user):
        message = _("Too many attempts. Please wait a few minutes and try again.")
        return render(request, "events/too_many_requests.html", {"message": message}, status=429)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        participants.delete_account(request.user)
        logout(request)
        messages.success(request, _("Your account is deleted and your personal data erased."))
        return redirect("home")
    return render(request, "events/delete_account.html", {"form": form})
