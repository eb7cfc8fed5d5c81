"""The letter's funding sentence is true whoever paid: donors only, the institute's own budget only,
both, or nothing recorded for the period."""

import datetime

import pytest

from donors.models import Contribution, Donor
from donors.selectors import funding_overview
from events.models import Event, Registration
from reports.mapping.compiler import compile_mapping_sections, letter_text
from tests import factories
from tests.second_programme import build_arms_programme

pytestmark = pytest.mark.django_db


def funded_from_the_budget(programme, funding_type=Contribution.FundingType.CORE):
    budget = factories.DonorFactory(
        name="UNIDIR budget", name_takes_article=True, kind=Donor.Kind.INSTITUTE_BUDGET, country=""
    )
    factories.ContributionFactory(
        donor=budget,
        programme=programme,
        funding_type=funding_type,
        covers_from=datetime.date(2025, 1, 1),
        covers_until=datetime.date(2025, 12, 31),
    )


def funding_paragraphs(exercise) -> list[str]:
    return compile_mapping_sections(exercise)["funding"]["paragraphs"]


def test_a_programme_funded_by_donors_only_is_said_to_be_funded_exclusively_by_them():
    exercise = build_arms_programme()

    assert funding_paragraphs(exercise) == [
        "CAA is funded exclusively through the voluntary contributions of its donors. Specifically, in 2025, CAA "
        "received financial support from two donors for its activities; core programme donors included Germany; "
        "additional support for specific activities was received from Japan."
    ]


def test_a_programme_with_no_donors_funded_from_the_budget_says_so_and_counts_no_donor():
    exercise = factories.MappingExerciseFactory(
        programme=factories.ProgrammeFactory(short_name="GenDis"),
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    funded_from_the_budget(exercise.programme)

    sections = compile_mapping_sections(exercise)

    assert sections["funding"]["paragraphs"] == ["In 2025, GenDis was funded from the UNIDIR budget."]
    assert sections["funding"]["facts"]["donor_count"] == 0
    assert "donor" not in letter_text(sections)


def test_a_programme_funded_by_the_budget_and_donors_names_both_and_counts_only_the_donors():
    exercise = build_arms_programme()
    funded_from_the_budget(exercise.programme, Contribution.FundingType.ACTIVITY_SPECIFIC)

    assert funding_paragraphs(exercise) == [
        "CAA is funded through the UNIDIR budget and the voluntary contributions of its donors. Specifically, in "
        "2025, CAA received financial support from two donors for its activities; core programme donors included "
        "Germany; additional support for specific activities was received from Japan."
    ]


def test_a_programme_with_no_funding_recorded_for_the_period_says_nothing_about_funding():
    exercise = build_arms_programme()
    Contribution.objects.filter(programme=exercise.programme).delete()

    sections = compile_mapping_sections(exercise)

    assert sections["funding"]["paragraphs"] == []
    assert "funded" not in letter_text(sections)


def test_the_dashboard_lists_the_budget_among_funding_sources_but_does_not_count_it_as_a_donor():
    exercise = build_arms_programme()
    funded_from_the_budget(exercise.programme)

    funding = funding_overview(
        exercise.programme, exercise.period_start, exercise.period_end, "USD", with_amounts=False
    )

    assert {row.donor.name for row in funding.donors} == {"Germany", "Japan", "UNIDIR budget"}
    assert funding.donor_count == 2


def sponsor(registrations, contribution):
    for registration in registrations:
        factories.SponsorshipFactory(registration=registration, contribution=contribution)


def test_the_letter_says_how_many_officials_donors_paid_for_and_from_where():
    exercise = build_arms_programme()
    japan = Contribution.objects.get(donor__name="Japan")
    germany = Contribution.objects.get(donor__name="Germany")
    briefing = Registration.objects.filter(event__title="Briefing on the Programme of Action").order_by("pk")
    fijian, tongan, samoan = briefing.filter(participant__country__in=["FJ", "TO", "WS"])[:3]
    sponsor([fijian, tongan, samoan, briefing.filter(participant__country="").first()], japan)
    sponsor([fijian], germany)  # her daily allowance from Germany's core money: she still counts once

    funding = compile_mapping_sections(exercise)["funding"]

    assert funding["paragraphs"][1] == (
        "In 2025, donors' contributions also paid for four government officials from at least three different "
        "countries (one gave no country) to attend its activities, three of them from least developed countries "
        "or small island developing States."
    )
    assert {key: value for key, value in funding["facts"].items() if key.startswith("sponsored")} == {
        "sponsored_participants": 4,
        "sponsored_government_officials": 4,
        "sponsored_countries": 3,
        "sponsored_from_ldcs_or_sids": 3,
    }


def test_sponsored_people_who_are_not_all_officials_are_said_to_be_participants():
    exercise = build_arms_programme()
    japan = Contribution.objects.get(donor__name="Japan")
    japan.events.add(Event.objects.get(title="Workshop on stockpile management"))
    sponsor(Registration.objects.filter(event__title="Workshop on stockpile management").order_by("pk")[:2], japan)
    sponsor(Registration.objects.filter(participant__country="FJ", event__kind=Event.Kind.BRIEFING)[:1], japan)

    assert compile_mapping_sections(exercise)["funding"]["paragraphs"][1] == (
        "In 2025, donors' contributions also paid for three participants (one of them a government official) "
        "from three different countries to attend its activities, one of them from least developed countries or "
        "small island developing States."
    )


def test_a_sponsorship_for_an_event_cancelled_later_is_not_told():
    exercise = build_arms_programme()
    briefing = Event.objects.get(title="Briefing on the Programme of Action")
    sponsor(briefing.registrations.all()[:2], Contribution.objects.get(donor__name="Japan"))
    Event.objects.filter(pk=briefing.pk).update(status=Event.Status.CANCELLED)

    assert len(funding_paragraphs(exercise)) == 1
