"""A programme of our own, not the demo, with the cases the demo never meets: its reply reads as its
manager would write it, sentence for sentence.
(tests/second_programme.py builds it)."""

import datetime

import pytest

from reports.mapping.compiler import compile_mapping_sections, letter_text
from tests.second_programme import build_arms_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def arms_programme():
    return build_arms_programme()


def paragraphs_of(exercise) -> list[str]:
    return letter_text(compile_mapping_sections(exercise)).split("\n")


def test_the_reply_of_another_programme_reads_as_its_manager_would_write_it(arms_programme):
    assert paragraphs_of(arms_programme) == [
        "Dear Mr. Lopez,",
        "Thank you for your invitation to submit the views of the United Nations Institute for Disarmament Research "
        "(UNIDIR) on capacity-building in conventional arms control (reference: ODA/2025-00007/Arms Mapping).",
        "UNIDIR is honoured to present a brief overview of its capacity-building activities in the context of "
        "conventional arms control, developed and delivered in line with the UNIDIR mandate, which includes the "
        "promotion of informed participation by all States in disarmament efforts.",
        "In light of this, capacity-building activities in the context of conventional arms control are developed "
        "and delivered by the UNIDIR Conventional Arms and Ammunition Programme (CAA), targeting specialized "
        "audiences and pursuing two main objectives – knowledge-building and disseminating research. The activities "
        "can be divided into three categories – research, participatory learning activities and facilitated access "
        "to information.",
        "Research activities include the production of research papers to support a better understanding of "
        "specific issues and the production of tools and methods. CAA published one publication since 2025, "
        "covering a range of topics from ammunition safety. An example is the following research paper:",
        "- Ammunition Management: A Handbook.",
        "The full catalogue of publications can be accessed on our website www.unidir.org/caa",
        "Participatory learning activities include:",
        "- Ad hoc thematic seminars and clinics.",
        "- Multi-stakeholder dialogues.",
        "- Briefings.",
        "- Workshops.",
        "For example, in 2025, at the invitation of the OSCE, UNIDIR delivered a clinic on marking and tracing. "
        "In 2025, UNIDIR partnered with "
        "UNODA to deliver a series of five online seminars on ammunition safety, for an audience of government "
        "officials, bringing together 18 government officials from 18 different countries. In 2025, UNIDIR "
        "organised a briefing on the Programme of Action, hosted by the Pacific Islands Forum Secretariat, with "
        "funding from the Government of Japan, bringing together 12 government officials from at least three "
        "different countries (four gave no country). In 2025, UNIDIR partnered with the African Union to "
        "deliver a workshop on stockpile management, bringing together 60 participants from three different "
        "countries. In 2025, UNIDIR organised a dialogue on transparency in arms transfers, bringing together ten "
        "participants.",
        "CAA is funded exclusively through the voluntary contributions of its donors. Specifically, in 2025, CAA "
        "received financial support from two donors for its activities; core programme donors included Germany; "
        "additional support for specific activities was received from Japan.",
        "We remain at your disposal to provide any additional information as necessary.",
        "Sincerely,",
        "Himayu Shiotani",
        "Programme Lead, Conventional Arms",
        "United Nations Institute for Disarmament Research",
    ]


def test_an_event_just_after_midnight_on_new_years_day_in_geneva_belongs_to_the_new_year(arms_programme):
    arms_programme.period_start, arms_programme.period_end = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
    arms_programme.publications_since = None

    text = letter_text(compile_mapping_sections(arms_programme))

    assert "marking and tracing" not in text, "in UTC it is 31 December 2024, but in Geneva it is 2025"
