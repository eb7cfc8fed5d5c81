"""With twenty years of events the reply still reads like the reference one: it cites the activities
that reached most people, a few a year at most, in the order they happened, and always those staff pinned."""

import datetime
from collections import Counter

import pytest

from events.models import Event, Registration
from reports.mapping.compiler import ACTIVITY_COUNT, MIN_ACTIVITIES_PER_YEAR, compile_mapping_sections, letter_text
from reports.mapping.services import compile_mapping_submission
from tests import factories
from tests.programmes.conftest import aware
from tests.programmes.test_mapping_review import form_data, review_url

pytestmark = pytest.mark.django_db

FIRST_YEAR, LAST_YEAR = 2006, 2025
EVENTS_PER_YEAR = 4
REFERENCE_LETTER_WORDS = 633  # /work/shared/reference/000_08b117b512294486.txt, as `wc -w` counts them


@pytest.fixture
def twenty_years():
    programme = factories.ProgrammeFactory(name="Twenty Years Programme", short_name="TwentyY")
    people = [factories.ParticipantFactory(country=country) for country in ["KE", "FJ", "BR", "IN", "FR"] * 6]
    reach = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for number in range(EVENTS_PER_YEAR):
            event = factories.EventFactory(
                programme=programme,
                kind=Event.Kind.WORKSHOP,
                title=f"Workshop number {year}-{number}",
                starts_at=aware(year, 3 + number, 10),
                ends_at=aware(year, 3 + number, 10, 15),
            )
            size = (year * 7 + number * 11) % len(people)
            Registration.objects.bulk_create(
                Registration(event=event, participant=person, status=Registration.Status.CONFIRMED)
                for person in people[:size]
            )
            reach[event.pk] = (size, year)
    exercise = factories.MappingExerciseFactory(
        programme=programme,
        period_start=datetime.date(FIRST_YEAR, 1, 1),
        period_end=datetime.date(LAST_YEAR, 12, 31),
    )
    return exercise, reach


def test_the_reply_cites_the_activities_that_reached_most_people_a_few_a_year(
    twenty_years, django_assert_max_num_queries
):
    exercise, reach = twenty_years

    with django_assert_max_num_queries(20):
        sections = compile_mapping_sections(exercise)

    activities = sections["participatory_learning"]["activities"]
    cited = [activity["facts"]["event_ids"][0] for activity in activities]
    assert len(activities) == ACTIVITY_COUNT
    assert sections["participatory_learning"]["facts"]["activities_left_out"] == 20 * EVENTS_PER_YEAR - ACTIVITY_COUNT
    assert max(Counter(activity["year"] for activity in activities).values()) <= MIN_ACTIVITIES_PER_YEAR
    per_year = Counter(activity["year"] for activity in activities)
    least_cited = min(reach[pk][0] for pk in cited)
    for pk, (people, year) in reach.items():
        if pk not in cited:  # left out: it reached no more people than those cited, or its year had its share
            assert people <= least_cited or per_year[year] == MIN_ACTIVITIES_PER_YEAR
    assert [activity["year"] for activity in activities] == sorted(activity["year"] for activity in activities)


def test_the_reply_stays_about_the_length_of_the_reference_letter(twenty_years):
    exercise, _ = twenty_years

    words = len(letter_text(compile_mapping_sections(exercise)).split())

    assert words <= REFERENCE_LETTER_WORDS


def pin_on_the_review_page(client, submission, event_id) -> None:
    """Tick "Always keep (pin)" for the activity citing `event_id` and save, as staff do."""
    activities = submission.sections["participatory_learning"]["activities"]
    [index] = [index for index, activity in enumerate(activities) if event_id in activity["facts"]["event_ids"]]
    data = form_data(client.get(review_url(submission)))
    data[f"section-participatory_learning-activities-{index}-pin"] = "1"
    assert client.post(review_url(submission), data).status_code == 302


def test_an_activity_staff_pin_is_cited_by_every_later_compilation_whatever_the_bounds(client, manager, twenty_years):
    exercise, reach = twenty_years
    first = compile_mapping_submission(exercise)
    activities = first.sections["participatory_learning"]["activities"]
    smallest = min((activity["facts"]["event_ids"][0] for activity in activities), key=lambda pk: reach[pk][0])
    year = reach[smallest][1]
    client.force_login(manager)

    pin_on_the_review_page(client, first, smallest)
    # Then the year gets three events that each reach more people than any before.
    crowd = [factories.ParticipantFactory() for _ in range(40)]
    for number in range(3):
        event = factories.EventFactory(
            programme=exercise.programme, starts_at=aware(year, 11, 1 + number), ends_at=aware(year, 11, 1 + number, 15)
        )
        Registration.objects.bulk_create(
            Registration(event=event, participant=person, status=Registration.Status.CONFIRMED) for person in crowd
        )
    second = compile_mapping_submission(exercise)

    cited = second.sections["participatory_learning"]["activities"]
    pinned = [activity for activity in cited if smallest in activity["facts"]["event_ids"]]
    assert len(pinned) == 1 and pinned[0]["pinned"]
    assert len(cited) == ACTIVITY_COUNT
    assert Counter(activity["year"] for activity in cited)[year] == MIN_ACTIVITIES_PER_YEAR
    page = client.get(review_url(second)).content.decode()
    assert page.count('-pin" value="1" checked>') == 1


def test_an_example_left_out_is_no_longer_pinned(client, manager, twenty_years):
    exercise, _ = twenty_years
    submission = compile_mapping_submission(exercise)
    client.force_login(manager)
    event_id = submission.sections["participatory_learning"]["activities"][0]["facts"]["event_ids"][0]
    pin_on_the_review_page(client, submission, event_id)
    data = form_data(client.get(review_url(submission)))
    data["section-participatory_learning-activities-0-remove"] = "1"

    client.post(review_url(submission), data)

    submission.refresh_from_db()
    [left_out] = submission.sections["participatory_learning"]["removed_activities"]
    assert event_id in left_out["facts"]["event_ids"] and "pinned" not in left_out
    later = compile_mapping_submission(exercise).sections["participatory_learning"]["activities"]
    assert not any(activity.get("pinned") for activity in later)
