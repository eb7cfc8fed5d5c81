"""The staff table of an event's answers (EventAdmin's "Answers" page): one row per registration,
one column per question, filtered by status, by the follow-up form and by the answers to choice,
yes/no and country questions; the same rows download as CSV or XLSX. Private answers and files are
shown only to staff allowed to read them (answer_views.may_read_private_answers)."""

import itertools
import tempfile
from pathlib import Path

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django_countries import countries

from unidir_cb.core.data_transfer.exports import write_csv, write_xlsx
from unidir_cb.core.forms import with_blank

from . import selectors
from .admin_pages import event_page_context
from .answer_views import may_read_private_answers
from .models import Answer, Event, Question, Registration

ROWS_PER_PAGE = 100
PRIVATE_PLACEHOLDER = "(private)"


class AnswerFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, choices=with_blank(Registration.Status.choices))
    follow_up = forms.ChoiceField(
        label="Follow-up form",
        required=False,
        choices=with_blank([("answered", "Completed"), ("missing", "Not completed (confirmed only)")]),
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.filterable = [question for question in questions if question.kind in Question.FILTERABLE_KINDS]
        for question in self.filterable:
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=question.label_en or question.label, required=False, choices=with_blank(_values_of(question))
            )

    def filters(self) -> selectors.AnswerFilters:
        self.is_valid()
        data = self.cleaned_data
        return selectors.AnswerFilters(
            status=data.get("status") or "",
            follow_up=data.get("follow_up") or "",
            answers=tuple((question.pk, data.get(f"q{question.pk}") or "") for question in self.filterable),
        )


def _values_of(question: Question) -> list[tuple[str, str]]:
    if question.kind in Question.CHOICE_KINDS:
        return [(option, option) for option in question.stored_options()]
    if question.kind == Question.Kind.YES_NO:
        return [("yes", "Yes"), ("no", "No")]
    return list(countries)


def answer_cell(answer: Answer):
    """An answer for staff: its text, or a link to its file through the view that checks who asks."""
    if answer.file:
        return format_html('<a href="{}">{}</a>', reverse("events:answer_file", args=[answer.pk]), answer.file_name)
    return answer.display_value()


def _cell(answer: Answer | None, may_read_private: bool, *, as_html: bool):
    if answer is None:
        return ""
    if answer.private and not may_read_private:
        return PRIVATE_PLACEHOLDER
    return answer_cell(answer) if as_html else answer.display_value()


def _rows(registrations, questions, may_read_private: bool, *, as_html: bool):
    for registration in registrations:
        by_question = {answer.question_id: answer for answer in registration.answers.all()}
        participant = registration.participant
        yield (
            registration,
            [
                str(participant),
                participant.email,
                participant.country.name or "",
                registration.get_status_display(),
                timezone.localtime(registration.follow_up_completed_at).strftime("%Y-%m-%d %H:%M")
                if registration.follow_up_completed_at
                else "",
                *(_cell(by_question.get(question.pk), may_read_private, as_html=as_html) for question in questions),
            ],
        )


HEADINGS = ["Participant", "Email", "Country", "Status", "Follow-up completed"]


def answers_page(model_admin, request, object_id):
    """The admin view: the table, a page at a time, or all of it as a file (?download=csv|xlsx)."""
    # Answers are registrations' data: whoever may see the event's registrations may read them.
    context = event_page_context(model_admin, request, object_id, "events.view_registration", "Answers")
    event = context["event"]
    questions = list(event.questions.all())
    form = AnswerFilterForm(request.GET or None, questions=questions)
    filters = form.filters() if form.is_bound else selectors.AnswerFilters()
    registrations = selectors.answer_table(event, filters)
    may_read_private = may_read_private_answers(request.user)
    headings = HEADINGS + [question.label_en or question.label for question in questions]
    download = request.GET.get("download")
    if download in ("csv", "xlsx"):
        return _download(event, registrations, questions, headings, may_read_private, download)
    page = Paginator(registrations, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    kept = request.GET.copy()
    kept.pop("page", None)
    context |= {
        "form": form,
        "headings": headings,
        "rows": list(_rows(page, questions, may_read_private, as_html=True)),
        "page_obj": page,
        "query": kept.urlencode(),
        "may_read_private": may_read_private,
    }
    return render(request, "admin/events/event/answers.html", context)


def _download(event: Event, registrations, questions, headings, may_read_private: bool, file_format: str):
    records = registrations.iterator(chunk_size=500)
    rows = itertools.chain(
        [headings], (cells for _, cells in _rows(records, questions, may_read_private, as_html=False))
    )
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / f"answers-{event.slug}.{file_format}"
        if file_format == "csv":
            write_csv(rows, output, on_row=lambda count: None)
        else:
            write_xlsx(rows, output, title="Answers", on_row=lambda count: None)
        # The open file outlives its folder (and its name) until the response is sent.
        stream = output.open("rb")
    return FileResponse(stream, as_attachment=True, filename=output.name)
