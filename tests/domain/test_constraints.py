"""Rules that the database itself enforces, so no code path (admin, import, shell) can break them."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from djmoney.money import Money

from publications.models import Authorship, Publication
from tests.factories import (
    AuthorshipFactory,
    ContributionFactory,
    ContributorFactory,
    EventFactory,
    ExchangeRateFactory,
    ParticipantFactory,
    PublicationFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def refused_by_database(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


def test_a_participant_registers_once_per_event():
    registration = RegistrationFactory()

    refused_by_database(lambda: RegistrationFactory(event=registration.event, participant=registration.participant))


def test_participant_emails_are_unique_whatever_their_case():
    ParticipantFactory(email="Amina.Diallo@example.org")

    refused_by_database(lambda: ParticipantFactory(email="amina.diallo@EXAMPLE.org"))


def test_an_event_ends_after_it_starts():
    start = datetime.datetime(2024, 5, 1, 9, tzinfo=datetime.UTC)

    refused_by_database(lambda: EventFactory(starts_at=start, ends_at=start))


def test_event_capacity_cannot_be_negative():
    refused_by_database(lambda: EventFactory(capacity=-1))


def test_contribution_amounts_are_positive():
    refused_by_database(lambda: ContributionFactory(amount=Money(Decimal("0.00"), "EUR")))
    refused_by_database(lambda: ContributionFactory(amount=Money(Decimal("-5.00"), "EUR")))


def test_contributions_cover_a_period_that_ends_after_it_starts():
    refused_by_database(
        lambda: ContributionFactory(covers_from=datetime.date(2023, 1, 1), covers_until=datetime.date(2022, 12, 31))
    )


def test_exchange_rates_are_monthly_and_positive():
    refused_by_database(lambda: ExchangeRateFactory(month=datetime.date(2022, 1, 15)))
    refused_by_database(lambda: ExchangeRateFactory(units_per_usd=Decimal("0")))


def test_each_author_has_one_place_in_the_author_order():
    first = AuthorshipFactory(order=1)

    refused_by_database(lambda: AuthorshipFactory(publication=first.publication, order=1))
    refused_by_database(
        lambda: AuthorshipFactory(publication=first.publication, contributor=first.contributor, order=2)
    )


def test_the_same_person_can_be_editor_and_author_of_one_volume():
    volume = PublicationFactory(kind=Publication.Kind.EDITED_VOLUME)
    editor = ContributorFactory()

    AuthorshipFactory(publication=volume, contributor=editor, role=Authorship.Role.EDITOR, order=1)
    AuthorshipFactory(publication=volume, contributor=editor, role=Authorship.Role.AUTHOR, order=1)

    assert volume.authorships.count() == 2


def test_a_chapter_needs_a_volume_and_only_chapters_have_one():
    volume = PublicationFactory(kind=Publication.Kind.EDITED_VOLUME)

    refused_by_database(lambda: PublicationFactory(kind=Publication.Kind.CHAPTER))
    refused_by_database(lambda: PublicationFactory(kind=Publication.Kind.REPORT, volume=volume, chapter_order=1))
    assert PublicationFactory(kind=Publication.Kind.CHAPTER, volume=volume, chapter_order=1).volume == volume


def test_chapters_only_belong_to_edited_volumes():
    report = PublicationFactory(kind=Publication.Kind.REPORT)
    chapter = Publication(kind=Publication.Kind.CHAPTER, volume=report, chapter_order=1, title="Intro", slug="intro")

    with pytest.raises(ValidationError, match="Chapters can only belong to an edited volume"):
        chapter.clean()


def test_two_chapters_cannot_share_a_place_in_a_volume():
    volume = PublicationFactory(kind=Publication.Kind.EDITED_VOLUME)
    PublicationFactory(kind=Publication.Kind.CHAPTER, volume=volume, chapter_order=1)

    refused_by_database(lambda: PublicationFactory(kind=Publication.Kind.CHAPTER, volume=volume, chapter_order=1))
