"""The demo's questions: the in-person training module of 2027 asks the common registration questions
and the visa-and-logistics follow-up form, and its participants have answered them (every confirmed
participant the registration questions, two in three confirmed ones the follow-up form too)."""

import datetime
import random

from events.models import Answer, Event, Question, Registration
from events.services.questions import add_common_questions

from .common import upsert
from .people import SEED

TRAINING_2027 = "training-module-international-law-cyberspace-2027"
MEALS = ["No special requirements", "No special requirements", "Vegetarian", "Halal", "Vegan", "Gluten-free"]


def _answer(registration: Registration, question: Question, value) -> None:
    upsert(
        Answer,
        {"registration": registration, "question": question},
        {
            "question_label": question.label_en,
            "question_kind": question.kind,
            "private": question.is_private,
            "value": value,
        },
    )


def _registration_answers(registration: Registration, asked: dict[str, Question], rng: random.Random) -> None:
    _answer(registration, asked["dietary_needs"], rng.choice(MEALS))
    _answer(registration, asked["visa_support"], registration.participant.country.code not in ("CH", "FR"))
    if rng.random() < 0.2:
        _answer(registration, asked["accessibility_needs"], "Step-free access to the meeting room, please.")


def _follow_up_answers(registration: Registration, asked: dict[str, Question], event: Event, rng) -> None:
    arrival = event.starts_at.date() - datetime.timedelta(days=rng.choice([1, 1, 2]))
    _answer(registration, asked["arrival_date"], arrival.isoformat())
    _answer(registration, asked["departure_date"], (event.ends_at.date() + datetime.timedelta(days=1)).isoformat())
    _answer(registration, asked["nationality"], registration.participant.country.code)
    _answer(
        registration, asked["passport_number"], f"{registration.participant.country.code}{rng.randint(1, 9999999):07d}"
    )
    _answer(
        registration,
        asked["passport_expiry"],
        datetime.date(2029 + rng.randint(0, 6), rng.randint(1, 12), 1).isoformat(),
    )
    completed = registration.decided_at + datetime.timedelta(days=rng.randint(1, 10))
    upsert(Registration, {"pk": registration.pk}, {"follow_up_completed_at": completed})


def load_questions(events: dict[str, Event]) -> None:
    event = events[TRAINING_2027]
    add_common_questions(event, Question.Form.REGISTRATION)
    add_common_questions(event, Question.Form.FOLLOW_UP)
    asked = {question.common_key: question for question in event.questions.all()}
    rng = random.Random(f"{SEED}:questions")  # noqa: S311 - reproducible demo data, not secrets
    registrations = event.registrations.select_related("participant").order_by("pk")
    for registration in registrations.filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.PENDING]):
        _registration_answers(registration, asked, rng)
    # Two in three confirmed participants have completed the follow-up form; staff remind the others.
    for number, registration in enumerate(registrations.filter(status=Registration.Status.CONFIRMED)):
        if number % 3 != 2:
            _follow_up_answers(registration, asked, event, rng)
