"""Questions most in-person events ask, which staff add to an event in one click (EventAdmin's
actions; services.questions.add_common_questions): the common registration questions, and the
visa-and-logistics follow-up form confirmed participants complete. Their wording is translated
with the rest of the site (locale/), and written into the question's six language columns when added,
so staff can then edit each like any other question."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import Question

Kind = Question.Kind


@dataclass(frozen=True)
class CommonQuestion:
    key: str
    kind: str
    label: str
    help_text: str = ""
    options: tuple = ()
    required: bool = False
    private: bool = False
    shown_at_check_in: bool = False
    allowed_file_types: list = field(default_factory=list)


COMMON_REGISTRATION_QUESTIONS = (
    CommonQuestion(
        "dietary_needs",
        Kind.SINGLE_CHOICE,
        _("Dietary requirements"),
        _("For the meals served during the event."),
        options=(
            _("No special requirements"),
            _("Vegetarian"),
            _("Vegan"),
            _("Halal"),
            _("Kosher"),
            _("Gluten-free"),
            _("Other: I will tell the organisers"),
        ),
        required=True,
        shown_at_check_in=True,
    ),
    CommonQuestion(
        "accessibility_needs",
        Kind.LONG_TEXT,
        _("Accessibility needs"),
        _("Anything that would help you take part, such as step-free access, sign language or captions."),
        shown_at_check_in=True,
    ),
    CommonQuestion(
        "visa_support",
        Kind.YES_NO,
        _("Do you need a letter from the organisers to support a visa application?"),
        required=True,
    ),
    CommonQuestion(
        "emergency_contact",
        Kind.SHORT_TEXT,
        _("Emergency contact (name and telephone number)"),
        private=True,
    ),
)

VISA_AND_LOGISTICS_FOLLOW_UP = (
    CommonQuestion("arrival_date", Kind.DATE, _("Date of arrival"), required=True),
    CommonQuestion("departure_date", Kind.DATE, _("Date of departure"), required=True),
    CommonQuestion("nationality", Kind.COUNTRY, _("Nationality (as in your passport)"), required=True, private=True),
    CommonQuestion("passport_number", Kind.SHORT_TEXT, _("Passport number"), required=True, private=True),
    CommonQuestion("passport_expiry", Kind.DATE, _("Passport expiry date"), required=True, private=True),
    CommonQuestion(
        "passport_copy",
        Kind.FILE,
        _("Copy of your passport's photo page"),
        _("A PDF, JPEG or PNG file of at most 5 MB, for the visa support letter."),
        allowed_file_types=[Question.FileType.PDF, Question.FileType.JPEG, Question.FileType.PNG],
    ),
    CommonQuestion(
        "travel_preferences",
        Kind.LONG_TEXT,
        _("Travel preferences"),
        _("Your departure city, preferred times and anything else the travel team should know."),
    ),
)

COMMON_SETS = {
    Question.Form.REGISTRATION: COMMON_REGISTRATION_QUESTIONS,
    Question.Form.FOLLOW_UP: VISA_AND_LOGISTICS_FOLLOW_UP,
}
