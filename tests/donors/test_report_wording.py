"""The donor report's sentences follow the letters' rules for counts and names, for a programme that
is not the demo (tests/second_programme.py)."""

import datetime

import pytest

from donors.models import Donor
from donors.reports import compile_donor_report, donor_report_document
from events.rules import TOOK_PART_NOTE
from events.selectors import events_in_period
from tests import factories
from tests.second_programme import build_arms_programme

pytestmark = pytest.mark.django_db
YEAR_2025 = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def paragraphs(donor_name: str) -> list[str]:
    document = donor_report_document(compile_donor_report(Donor.objects.get(name=donor_name), *YEAR_2025, "USD"))
    return [block.text for block in document.blocks if block.kind in ("paragraph", "heading")]


def test_a_core_donor_reads_its_one_contribution_and_the_programme_named_as_staff_write_it():
    build_arms_programme()

    said = paragraphs("Germany")

    assert (
        "One contribution covers part or all of the period (core programme funding). It amounts to USD 20,000.00, "
        "of which USD 20,000.00 falls in the period." in said
    )
    reference = Donor.objects.get(name="Germany").contributions.get().reference
    assert (
        f"Core programme funding ({reference}) is not tied to particular activities: it is reported against the "
        "whole output of the UNIDIR Conventional Arms and Ammunition Programme in the period." in said
    )
    assert "By country (21 countries)" in said


def test_a_donor_with_contributions_of_both_kinds_reads_how_many_of_each():
    programme = build_arms_programme().programme
    japan = Donor.objects.get(name="Japan")
    factories.ContributionFactory(
        donor=japan, programme=programme, funding_type="core", covers_from=YEAR_2025[0], covers_until=YEAR_2025[1]
    )
    factories.ContributionFactory(
        donor=japan, programme=programme, funding_type="core", covers_from=YEAR_2025[0], covers_until=YEAR_2025[1]
    )

    assert (
        "Three contributions cover part or all of the period (two core programme funding and one activity-specific)."
        in " ".join(paragraphs("Japan"))
    )


def test_a_donor_that_takes_the_starts_its_sentence_with_a_capital():
    factories.DonorFactory(name="Netherlands", name_takes_article=True, country="NL")

    assert paragraphs("Netherlands")[1].startswith(
        "The Netherlands made no contributions covering any part of the period 1 January 2025 to 31 December 2025"
    )


def test_a_briefing_in_fiji_is_listed_on_its_local_date_not_on_genevas():
    build_arms_programme()

    document = donor_report_document(compile_donor_report(Donor.objects.get(name="Japan"), *YEAR_2025, "USD"))

    [events] = [block for block in document.blocks if block.kind == "table" and block.sheet == "Earmarked events"]
    assert [row[:2] for row in events.rows] == [[datetime.date(2025, 8, 23), "Briefing on the Programme of Action"]]


def test_an_event_at_half_past_midnight_on_new_years_day_in_geneva_is_in_that_years_period():
    programme = build_arms_programme().programme

    in_2025 = events_in_period(programme, *YEAR_2025).values_list("title", flat=True)
    in_2024 = events_in_period(programme, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))

    assert "Clinic on marking and tracing" in in_2025
    assert not in_2024.exists()


def test_the_reports_note_states_the_took_part_rule_walk_ins_included():
    build_arms_programme()

    notes = [
        block.text
        for block in donor_report_document(
            compile_donor_report(Donor.objects.get(name="Germany"), *YEAR_2025, "USD")
        ).blocks
        if getattr(block, "note", False)
    ]

    assert any(note.startswith(TOOK_PART_NOTE) for note in notes)
    assert "walk-ins registered at the door included" in TOOK_PART_NOTE
