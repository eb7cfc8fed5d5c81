"""The publications the catalogue's stories share: bylines in order and the reference volume."""

import datetime

from publications.models import Authorship, Publication
from tests.factories import AuthorshipFactory, ContributorFactory, PublicationFactory, TopicFactory

Kind = Publication.Kind


def publication_with(topics=(), **values):
    publication = PublicationFactory(**values)
    publication.topics.set(topics)
    return publication


def byline(publication, *people, role=Authorship.Role.AUTHOR):
    """Give `publication` these (first, last) people, in this order, with this role."""
    for order, (first_name, last_name) in enumerate(people, start=1):
        AuthorshipFactory(
            publication=publication,
            contributor=ContributorFactory(first_name=first_name, last_name=last_name),
            role=role,
            order=order,
        )


def oewg_volume():
    """The reference volume: two editors, chapters in their order (created out of order on purpose)."""
    volume = publication_with(
        title="Unpacking the United Nations Open-Ended Working Group on ICT",
        slug="unpacking-oewg",
        kind=Kind.EDITED_VOLUME,
        published_on=datetime.date(2026, 3, 2),
        isbn="978-92-9045-123-4",
        doi="10.37559/SecTec/26/01",
        abstract="A comprehensive analysis of the OEWG's substantive discussions.",
        topics=[TopicFactory(name="Norms", slug="norms")],
    )
    byline(volume, ("Samuele", "Dominioni"), ("Giacomo", "Persi Paoli"), role=Authorship.Role.EDITOR)
    international_law = PublicationFactory(
        title="International Law", slug="oewg-international-law", kind=Kind.CHAPTER, volume=volume, chapter_order=3
    )
    byline(international_law, ("Nadia", "Haddad"), ("Tomás", "Ribeiro"))
    introduction = PublicationFactory(
        title="Introduction", slug="oewg-introduction", kind=Kind.CHAPTER, volume=volume, chapter_order=1
    )
    byline(introduction, ("Samuele", "Dominioni"), ("Giacomo", "Persi Paoli"))
    draft = PublicationFactory(
        title="Unfinished chapter", kind=Kind.CHAPTER, volume=volume, chapter_order=2, is_published=False
    )
    byline(draft, ("Léa", "Fontaine"))
    return volume
