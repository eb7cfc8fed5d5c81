"""A participant's answers to an event's questions after registering: the registration answers
(editable until registration closes) and the follow-up form (asked of confirmed participants until
the event ends); and the one way an uploaded file is ever sent, after checking who asks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from unidir_cb.core.permissions import READ_PRIVATE_ANSWERS_CODENAME

from . import rules
from .answer_forms import AnswersForm
from .models import Answer, Question, Registration
from .services import answers as answer_services

READ_PRIVATE_ANSWERS_PERMISSION = f"events.{READ_PRIVATE_ANSWERS_CODENAME}"

HEADINGS = {
    Question.Form.REGISTRATION: gettext_lazy("My answers"),
    Question.Form.FOLLOW_UP: gettext_lazy("Follow-up form"),
}
LEADS = {
    Question.Form.REGISTRATION: gettext_lazy(
        "Your answers to the organisers' questions. You can change them until registration closes."
    ),
    Question.Form.FOLLOW_UP: gettext_lazy(
        "Your place is confirmed. The organisers need these details to prepare your participation "
        "(travel, visa, logistics); you can change them until the event ends."
    ),
}


def may_read_private_answers(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm(READ_PRIVATE_ANSWERS_PERMISSION)


@login_required
@require_http_methods(["GET", "POST"])
def answer_form(request, pk, form_kind):
    if form_kind not in Question.Form.values:
        raise Http404
    # Filtering by the signed-in user makes someone else's registration indistinguishable from a missing one.
    registration = get_object_or_404(
        Registration.objects.select_related("event").prefetch_related("event__questions"),
        pk=pk,
        participant__user=request.user,
    )
    if not rules.asks(registration.event, form_kind):
        raise Http404
    earlier = registration.answers.filter(question__form=form_kind).select_related("question")
    editable = rules.answers_editable(registration, form_kind)
    form = AnswersForm(
        registration.event.questions.all(),
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        form_kind=form_kind,
        answers=earlier,
    )
    if request.method == "POST" and form.is_valid():
        try:
            answer_services.answer_form(registration, form)
        except answer_services.AnswersClosed:
            messages.error(request, _("These answers can no longer be changed."))
        else:
            messages.success(request, _("Your answers are saved."))
        return redirect("events:my_registrations")
    context = {
        "registration": registration,
        "form": form,
        "editable": editable,
        "answers": earlier,
        "heading": HEADINGS[form_kind],
        "lead": LEADS[form_kind],
    }
    return render(request, "events/answer_form.html", context, status=400 if form.errors else 200)


@require_GET
@never_cache
def download_answer_file(request, pk):
    """The participant's own file, or any file for staff allowed to read private answers; to anyone
    else, signed in or not, the file does not exist (404, never 403 or a login page: its address
    says nothing)."""
    if not request.user.is_authenticated:
        raise Http404
    answer = get_object_or_404(Answer.objects.select_related("registration__participant").exclude(file=""), pk=pk)
    if answer.registration.participant.user_id != request.user.pk and not may_read_private_answers(request.user):
        raise Http404
    response = FileResponse(answer.file.open("rb"), as_attachment=True, filename=answer.file_name or None)
    response["X-Content-Type-Options"] = "nosniff"
    return response
