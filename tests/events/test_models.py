"""The rules the events models keep themselves (events/models.py): an event's dates, which kinds of
event give certificates, and finding a participant by email whatever its case."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.models import Event, Participant
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2031, 5, 6, 9, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("duration", "refused"),
    [(datetime.timedelta(hours=-1), True), (datetime.timedelta(0), True), (datetime.timedelta(minutes=1), False)],
)
def test_an_event_must_end_after_it_starts_even_by_a_minute(duration, refused):
    event = Event(title="Clinic", slug="clinic", starts_at=START, ends_at=START + duration, time_zone="Europe/Zurich")

    if refused:
        with pytest.raises(ValidationError) as error:
            event.clean()
        assert error.value.message_dict == {"ends_at": ["The event must end after it starts."]}
    else:
        event.clean()


@pytest.mark.parametrize("kind", Event.Kind.values)
def test_only_courses_trainings_exercises_and_simulations_give_certificates(kind):
    teaches = {
        Event.Kind.SUMMER_COURSE,
        Event.Kind.TRAINING_MODULE,
        Event.Kind.TABLE_TOP_EXERCISE,
        Event.Kind.SIMULATION,
    }

    assert EventFactory.build(kind=kind).gives_certificates is (kind in teaches)


@pytest.mark.parametrize(
    "typed", ["amina.diallo@example.org", "Amina.Diallo@Example.ORG", "  AMINA.DIALLO@EXAMPLE.ORG "]
)
def test_a_participant_is_found_by_email_whatever_its_case_and_surrounding_spaces(typed):
    amina = ParticipantFactory(email="Amina.Diallo@example.org")
    ParticipantFactory(email="amina.diallo@example.com")

    assert list(Participant.objects.with_email(typed)) == [amina]
