"""The compiler states what the data says for any programme and period: nothing is hard-coded."""

import datetime

import pytest

from events.models import Event, Registration
from reports.mapping.compiler import MappingCompilationError, compile_mapping_sections, letter_text
from tests import factories
from tests.programmes.conftest import aware

pytestmark = pytest.mark.django_db


def test_a_different_programme_and_period_get_their_own_facts(space_programme, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        sections = compile_mapping_sections(space_programme)
    text = letter_text(sections)

    assert sections["research"]["facts"]["publication_count"] == 13
    assert "SpaceSec published 13 publications since 2020" in text
    assert "orbital debris and norms" in text
    assert "- Keeping Orbits Open: A Primer." in text
    assert "(Spanish)" in text
    assert "accessed on our website space.example.org" in text
    assert (
        "For example, in 2024, UNIDIR partnered with AU to deliver two online workshops on space traffic coordination"
        in text
    )
    assert "for an audience of space agency officials" in text
    activity = sections["participatory_learning"]["activities"][0]["facts"]
    assert (activity["participants"], activity["countries"]) == (12, 5)
    assert "Workshops." in sections["participatory_learning"]["bullets"]
    assert "Development and maintenance of UNIDIR’s Space Security Portal in English and French." in text
    assert "in 2024, SpaceSec received financial support from two donors" in text
    assert "core programme donors included Orbit Foundation" in text
    assert "additional support for specific activities was received from the Netherlands." in text
    assert "reference: OOSA/2024-7/Space Mapping" in text
    assert text.startswith("Dear Dr. Okafor,")
    assert text.endswith("Ana Ruiz\nProgramme Lead\nUnited Nations Institute for Disarmament Research")
    assert "capacity-building activities in the context of outer space security" in text
    assert "SecTec" not in text and "2022" not in text and "ICT" not in text


def test_the_number_of_queries_does_not_grow_with_the_data(space_programme, django_assert_max_num_queries):
    with django_assert_max_num_queries(20) as few:
        compile_mapping_sections(space_programme)
    series = factories.EventSeriesFactory(programme=space_programme.programme)
    for number in range(15):
        event = factories.EventFactory(
            programme=space_programme.programme,
            series=series,
            starts_at=aware(2024, 9, 1 + number),
            ends_at=aware(2024, 9, 1 + number, 12),
            partners=[factories.OrganisationFactory()],
            topics=[factories.TopicFactory()],
        )
        factories.RegistrationFactory(event=event)
        factories.PublicationFactory(programme=space_programme.programme, published_on=datetime.date(2024, 3, 1))
    with django_assert_max_num_queries(20) as many:
        compile_mapping_sections(space_programme)

    assert len(many.captured_queries) == len(few.captured_queries)


def test_cancelled_and_draft_events_in_the_period_are_neither_cited_nor_counted(space_programme):
    """A cancelled simulation with people registered, and a draft seminar, both in the period: the
    letter names neither, its event count and kinds leave them out, and its reach is unchanged."""
    before = compile_mapping_sections(space_programme)["participatory_learning"]
    lunar_agency = factories.OrganisationFactory(name="Lunar Agency", acronym="LUNA")
    cislunar = factories.TopicFactory(name="Cislunar security")
    for status, kind, title in [
        (Event.Status.CANCELLED, Event.Kind.SIMULATION, "Lunar crisis simulation"),
        (Event.Status.DRAFT, Event.Kind.SEMINAR, "Seminar on cislunar norms"),
    ]:
        event = factories.EventFactory(
            programme=space_programme.programme,
            status=status,
            kind=kind,
            title=title,
            starts_at=aware(2024, 11, 5),
            ends_at=aware(2024, 11, 6),
            partners=[lunar_agency],
            topics=[cislunar],
        )
        for country in ["BR", "AR", "CL"]:
            factories.RegistrationFactory(
                event=event,
                participant=factories.ParticipantFactory(country=country),
                status=Registration.Status.CONFIRMED,
            )

    sections = compile_mapping_sections(space_programme)
    text = letter_text(sections)

    learning = sections["participatory_learning"]
    assert learning["facts"] == before["facts"]
    assert learning["bullets"] == before["bullets"]
    assert [activity["facts"] for activity in learning["activities"]] == [
        activity["facts"] for activity in before["activities"]
    ]
    for cancelled_or_draft in ("Lunar", "LUNA", "Cislunar", "cislunar", "simulation", "seminar"):
        assert cancelled_or_draft not in text


def test_a_period_ending_before_it_starts_is_refused_with_a_clear_message(space_programme):
    space_programme.period_end = datetime.date(2023, 1, 1)

    with pytest.raises(MappingCompilationError, match=r"ends .* before it starts"):
        compile_mapping_sections(space_programme)


def test_an_empty_period_still_gives_a_truthful_letter():
    exercise = factories.MappingExerciseFactory(
        period_start=datetime.date(2030, 1, 1), period_end=datetime.date(2030, 12, 31)
    )

    text = letter_text(compile_mapping_sections(exercise))

    assert "has not published since 2030." in text
    assert "donor" not in text, "no funding recorded: the funding sentence is left out, not said with 0 donors"
    assert "Participatory learning activities" not in text and "includes:" not in text, "no lead-in to nothing"


def test_a_programme_without_its_name_in_running_text_is_refused_with_a_clear_message():
    exercise = factories.MappingExerciseFactory(programme=factories.ProgrammeFactory(name_in_text=""))

    with pytest.raises(MappingCompilationError, match="name in running text"):
        compile_mapping_sections(exercise)
