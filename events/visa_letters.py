"""Visa support letters: who gets one, what it states, and the PDF.

A letter is issued (services.visa_letters) only for a confirmed registration of an event held in
person (or hybrid) whose participant answered yes to the visa support question, and only when the
programme has a letter template. The letter states the participant's name and nationality (from the
follow-up form, else their country), the passport number if they gave it, the event's dates and
venue, who invites and who signs. What it says is filled from the programme's template; the
particulars table under the text is fixed, so every letter states them whatever the wording."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django_countries import countries

from unidir_cb.core.wording import long_date

from .certificates import event_dates
from .letter_placeholders import fill_placeholders
from .models import Answer, Event, Registration, VisaLetterTemplate

VISA_SUPPORT_KEY = "visa_support"
NATIONALITY_KEY = "nationality"
PASSPORT_NUMBER_KEY = "passport_number"
# The follow-up form's travel dates, shown in the particulars when given.
ARRIVAL_KEY = "arrival_date"
DEPARTURE_KEY = "departure_date"
LETTER_KEYS = (VISA_SUPPORT_KEY, NATIONALITY_KEY, PASSPORT_NUMBER_KEY, ARRIVAL_KEY, DEPARTURE_KEY)

# A letter is one A4 page: narrower margins than the reports'.
LETTER_PAGE_CSS = "@page { size: A4; margin: 16mm 20mm 16mm; }"


class VisaLetterRefusal(Exception):
    """Why a registration gets no letter, in words for the staff who tried to issue it."""


def _letter_answers():
    return Answer.objects.filter(question__common_key__in=LETTER_KEYS).select_related("question")


# For a queryset of registrations: the answers visa_letter_refusal and letter_values read.
LETTER_ANSWERS_PREFETCH = Prefetch("answers", queryset=_letter_answers(), to_attr="letter_answers")


def answers_by_key(registration: Registration) -> dict[str, object]:
    """The registration's answers to the common questions a letter reads, by key: the prefetched
    ones (LETTER_ANSWERS_PREFETCH) when the caller prefetched them, else one query."""
    answers = getattr(registration, "letter_answers", None)
    if answers is None:
        answers = _letter_answers().filter(registration=registration)
    return {answer.question.common_key: answer.value for answer in answers}


def letter_template_of(event: Event) -> VisaLetterTemplate | None:
    try:
        return event.programme.visa_letter_template
    except VisaLetterTemplate.DoesNotExist:
        return None


def visa_letter_refusal(registration: Registration) -> VisaLetterRefusal | None:
    """Why this registration gets no visa support letter, or None when it does."""
    event = registration.event
    if event.format == Event.Format.ONLINE:
        reason = "the event is held online: it needs no visa."
    elif registration.status != Registration.Status.CONFIRMED:
        reason = f"the registration is {registration.get_status_display().lower()}, not confirmed."
    elif registration.participant.anonymised_at is not None:
        reason = "the participant's data has been deleted."
    elif answers_by_key(registration).get(VISA_SUPPORT_KEY) is not True:
        reason = "the participant did not ask for visa support (the registration question on visa support)."
    elif letter_template_of(event) is None:
        reason = (
            f"{event.programme.short_name} has no visa letter template: add one under Events > Visa letter templates."
        )
    else:
        return None
    return VisaLetterRefusal(reason)


def may_download_letter(registration: Registration) -> bool:
    """A letter already issued holds while its registration stays confirmed."""
    return registration.status == Registration.Status.CONFIRMED and registration.event.format != Event.Format.ONLINE


# What the letter states ----------------------------------------------------------------------------


def date_range_text(first: datetime.date, last: datetime.date) -> str:
    """ "10–12 March 2027", "30 March – 2 April 2027", "30 December 2027 – 2 January 2028"."""
    if first == last:
        return long_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {long_date(last)}"
    return f"{long_date(first)} – {long_date(last)}"


def _answer_date(value) -> str:
    try:
        return long_date(datetime.date.fromisoformat(str(value)))
    except ValueError:
        return ""


@dataclass(frozen=True)
class LetterContent:
    values: dict[str, str]
    subject: str
    paragraphs: list[str]
    particulars: list[tuple[str, str]]
    address_lines: list[str]

    @property
    def passport_number_included(self) -> bool:
        return bool(self.values["passport_number"])


def _event_values(event: Event) -> dict[str, str]:
    first_day, last_day = event_dates(event)
    return {
        "event_title": event.title,
        "event_dates": date_range_text(first_day, last_day),
        "venue": event.venue,
        "city": event.city,
        "country": str(event.country.name) if event.country else "",
    }


def _writer_values(template: VisaLetterTemplate, reference: str, issued_on) -> dict[str, str]:
    """Who invites and signs (the template's, else the programme's), and the letter's own details."""
    programme = template.programme
    return {
        "host": template.host or programme.name,
        "programme": programme.name,
        "signatory_name": template.signatory_name or programme.head_name,
        "signatory_title": template.signatory_title or programme.head_title,
        "issue_date": long_date(issued_on),
        "reference": reference,
    }


def letter_values(registration: Registration, template: VisaLetterTemplate, reference: str, issued_on) -> dict:
    participant = registration.participant
    answers = answers_by_key(registration)
    nationality_code = answers.get(NATIONALITY_KEY) or (participant.country.code if participant.country else "")
    return {
        "participant_name": f"{participant.first_name} {participant.last_name}".strip(),
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "nationality": str(countries.name(nationality_code)) if nationality_code else "",
        "passport_number": str(answers.get(PASSPORT_NUMBER_KEY) or "").strip(),
        "organisation": participant.organisation,
        "job_title": participant.job_title,
        "arrival_date": _answer_date(answers.get(ARRIVAL_KEY, "")),
        "departure_date": _answer_date(answers.get(DEPARTURE_KEY, "")),
        **_event_values(registration.event),
        **_writer_values(template, reference, issued_on),
    }


def letter_content(values: dict[str, str], template: VisaLetterTemplate) -> LetterContent:
    paragraphs = [
        " ".join(paragraph.split())
        for paragraph in fill_placeholders(template.body, values).replace("\r\n", "\n").split("\n\n")
        if paragraph.strip()
    ]
    place = ", ".join(part for part in (values["venue"], values["city"], values["country"]) if part)
    particulars = [
        ("Name", values["participant_name"]),
        ("Nationality", values["nationality"]),
        ("Passport number", values["passport_number"]),
        ("Organisation", values["organisation"]),
        ("Position", values["job_title"]),
        ("Event", values["event_title"]),
        ("Dates", values["event_dates"]),
        ("Venue", place),
        ("Arrival", values["arrival_date"]),
        ("Departure", values["departure_date"]),
    ]
    return LetterContent(
        values=values,
        subject=fill_placeholders(template.subject, values),
        paragraphs=paragraphs,
        particulars=[(label, value) for label, value in particulars if value],
        address_lines=[line.strip() for line in template.address.splitlines() if line.strip()],
    )


def visa_letter_html(content: LetterContent) -> str:
    # Letters are written in the host's language, which the template's wording sets: English layout.
    return render_to_string("events/visa_letter.html", {"letter": content})


def render_visa_letter_pdf(content: LetterContent) -> bytes:
    # WeasyPrint takes a second to import: only issuing and previewing need it.
    from unidir_cb.core.reporting.rendering import html_to_pdf

    return html_to_pdf(visa_letter_html(content), extra_css=LETTER_PAGE_CSS)


def visa_letter_filename(registration: Registration, reference: str) -> str:
    return f"visa-letter-{registration.event.slug}-{reference}.pdf"


# The template's preview ------------------------------------------------------------------------------

SAMPLE_PARTICIPANT = {
    "participant_name": "Amina Diallo",
    "first_name": "Amina",
    "last_name": "Diallo",
    "nationality": "Senegal",
    "passport_number": "A01234567",
    "organisation": "Ministry of Foreign Affairs",
    "job_title": "Counsellor",
    "arrival_date": "",
    "departure_date": "",
}


def preview_content(template: VisaLetterTemplate) -> LetterContent:
    """The letter as a sample participant would get it for the programme's next (or latest) in-person
    event, so staff see their wording filled in before any letter is issued."""
    programme = template.programme
    in_person = Event.objects.filter(programme=programme).exclude(format=Event.Format.ONLINE)
    event = (
        in_person.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
        or in_person.order_by("-starts_at").first()
    )
    today = timezone.localdate()
    sample_event = {
        "event_title": "Regional Workshop on International Cyber Security",
        "event_dates": date_range_text(today, today + datetime.timedelta(days=2)),
        "venue": "Palais des Nations",
        "city": "Geneva",
        "country": "Switzerland",
    }
    values = {
        **SAMPLE_PARTICIPANT,
        **(_event_values(event) if event is not None else sample_event),
        **_writer_values(template, "VL-PREVIEW", today),
    }
    return letter_content(values, template)
