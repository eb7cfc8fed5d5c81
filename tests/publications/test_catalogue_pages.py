"""Visitors browse the publications catalogue: filtered, searched, one page at a time; they read a
publication's page (an edited volume with its chapters, a chapter in its volume) and download its
citation, with a fixed number of queries whatever the number of publications."""

import datetime
import json

import pytest

from publications.models import Authorship, Publication
from tests.factories import PublicationFactory, TopicFactory, TranslationFactory
from tests.pages import freshly_rendered, queries_to_build
from tests.publications.catalogue import byline, oewg_volume, publication_with

pytestmark = pytest.mark.django_db

LIST_URL = "/en/publications/"
Kind = Publication.Kind


def listed_titles(response) -> list[str]:
    return [publication.title for publication in response.context["publications"]]


# The list -----------------------------------------------------------------------------------------


def test_the_catalogue_lists_published_publications_newest_first_without_chapters(client):
    PublicationFactory(title="Older brief", kind=Kind.BRIEF, published_on=datetime.date(2019, 3, 20))
    PublicationFactory(title="Newer paper", published_on=datetime.date(2023, 5, 1))
    PublicationFactory(title="Hidden draft", is_published=False)
    oewg_volume()

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert listed_titles(response) == [
        "Unpacking the United Nations Open-Ended Working Group on ICT",
        "Newer paper",
        "Older brief",
    ]


def test_a_card_shows_kind_title_authors_in_order_date_and_translations(client):
    paper = PublicationFactory(
        title="Wayfinding",
        subtitle="A Guide",
        kind=Kind.RESEARCH_PAPER,
        published_on=datetime.date(2022, 6, 1),
    )
    byline(paper, ("Léa", "Fontaine"), ("Giacomo", "Persi Paoli"), ("Samuele", "Dominioni"))
    TranslationFactory(publication=paper, language="fr")
    TranslationFactory(publication=paper, language="ar")
    oewg_volume()

    page = client.get(LIST_URL).content.decode()

    assert "Research paper" in page
    assert f'href="/en/publications/{paper.slug}/" dir="auto">Wayfinding</a>' in page
    assert "A Guide" in page
    assert "Léa Fontaine, Giacomo Persi Paoli and Samuele Dominioni" in page
    assert "June 1, 2022" in page
    assert "Also in Arabic and French" in page
    assert "Edited by Samuele Dominioni and Giacomo Persi Paoli" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "brief"}, ["Norms brief"]),
        ({"topic": "norms"}, ["Norms brief"]),
        ({"year": "2019"}, ["Norms brief"]),
        ({"language": "ar"}, ["Threats report"]),
        ({"q": "norms"}, ["Norms brief"]),  # the title
        ({"q": "stocktake"}, ["Threats report"]),  # the subtitle
        ({"q": "persi paoli"}, ["Threats report"]),  # an author's last name
        ({"q": "Giacomo Persi"}, ["Threats report"]),  # first and last name together
        ({"q": "fontaine"}, ["Norms brief"]),
        ({"kind": "brief", "language": "ar"}, []),
    ],
)
def test_filters_and_search_narrow_the_catalogue(client, query, expected):
    norms = publication_with(
        title="Norms brief",
        kind=Kind.BRIEF,
        published_on=datetime.date(2019, 10, 1),
        topics=[TopicFactory(name="Norms", slug="norms")],
    )
    byline(norms, ("Léa", "Fontaine"))
    TranslationFactory(publication=norms, language="fr")
    threats = PublicationFactory(
        title="Threats report", subtitle="A Stocktake", kind=Kind.REPORT, published_on=datetime.date(2021, 1, 5)
    )
    byline(threats, ("Kenji", "Watanabe"), ("Giacomo", "Persi Paoli"))
    TranslationFactory(publication=threats, language="ar")
    TranslationFactory(publication=threats, language="fr")

    assert listed_titles(client.get(LIST_URL, query)) == expected


def test_the_kind_filter_offers_no_chapters_and_bad_values_are_ignored(client):
    PublicationFactory(title="Paper")

    response = client.get(LIST_URL, {"kind": "chapter", "year": "soon", "language": "xx"})

    assert response.status_code == 200
    assert listed_titles(response) == ["Paper"]
    assert 'value="chapter"' not in response.content.decode()


def test_the_catalogue_shows_twenty_publications_a_page_and_keeps_the_filters(client):
    for day in range(1, 24):
        PublicationFactory(kind=Kind.BRIEF, published_on=datetime.date(2022, 1, day))

    first = client.get(LIST_URL, {"kind": "brief"})
    second = client.get(LIST_URL, {"kind": "brief", "page": 2})

    assert len(first.context["publications"]) == 20
    assert len(second.context["publications"]) == 3
    assert 'href="?kind=brief&amp;page=2"' in first.content.decode()


def populate_publications(count):
    topics = [TopicFactory(name="Norms", slug="norms"), TopicFactory()]
    for number in range(count):
        publication = PublicationFactory(
            title=f"Publication about norms {number}", published_on=datetime.date(2020 + number % 3, 1, 1)
        )
        publication.topics.set(topics)
        byline(publication, ("Ana", f"Author{number}a"), ("Ben", f"Author{number}b"))
        byline(publication, ("Eve", f"Editor{number}"), role=Authorship.Role.EDITOR)
        TranslationFactory(publication=publication, language="fr")
        TranslationFactory(publication=publication, language="ar")


@pytest.mark.parametrize(
    "params", [{}, {"topic": "norms"}, {"q": "norms"}, {"q": "Ana"}, {"language": "fr", "year": "2021"}]
)
def test_the_catalogue_runs_the_same_queries_for_3_or_30_publications(client, django_assert_max_num_queries, params):
    populate_publications(3)
    with_few = queries_to_build(client, LIST_URL, params)
    populate_publications(27)

    with django_assert_max_num_queries(with_few):
        with_many = queries_to_build(client, LIST_URL, params)

    assert with_many == with_few
    assert freshly_rendered(client, LIST_URL, params).context["publications"]


def test_the_navigation_links_to_the_catalogue(client):
    assert 'href="/en/publications/"' in client.get("/en/").content.decode()


# A publication's page -----------------------------------------------------------------------------


def test_a_volume_page_shows_its_editors_identifiers_and_chapters_in_order(client):
    volume = oewg_volume()
    TranslationFactory(publication=volume, language="ar", title="تفكيك الفريق العامل", url="https://unidir.org/ar/oewg")

    page = client.get("/en/publications/unpacking-oewg/").content.decode()

    assert "Samuele Dominioni and Giacomo Persi Paoli" in page
    assert "March 2, 2026" in page
    assert "UNIDIR, Geneva" in page
    assert 'href="https://doi.org/10.37559/SecTec/26/01"' in page
    assert "978-92-9045-123-4" in page
    assert "A comprehensive analysis" in page
    assert "Norms" in page
    assert 'href="https://unidir.org/ar/oewg"' in page and "تفكيك الفريق العامل" in page
    assert page.index("Introduction") < page.index("International Law")
    assert "Nadia Haddad and Tomás Ribeiro" in page
    assert "Unfinished chapter" not in page
    assert (
        "Samuele Dominioni and Giacomo Persi Paoli (eds.), Unpacking the United Nations Open-Ended Working Group "
        "on ICT, (Geneva: UNIDIR, 2026). https://doi.org/10.37559/SecTec/26/01"
    ) in page
    assert 'href="/en/publications/unpacking-oewg/cite.bib"' in page
    assert 'href="/en/publications/unpacking-oewg/cite.ris"' in page
    assert 'href="/en/publications/unpacking-oewg/cite.json"' in page
    assert "<script" not in page


def test_a_chapter_page_links_to_its_volume_and_cites_the_chapter_in_it(client):
    oewg_volume()

    page = client.get("/en/publications/oewg-international-law/").content.decode()

    assert 'href="/en/publications/unpacking-oewg/"' in page
    assert "edited by Samuele Dominioni and Giacomo Persi Paoli" in page
    assert "Nadia Haddad, Tomás Ribeiro, “International Law”" not in page
    assert "Nadia Haddad and Tomás Ribeiro, “International Law”, in Unpacking" in page


def test_unpublished_publications_and_the_chapters_of_unpublished_volumes_are_not_found(client):
    volume = oewg_volume()
    PublicationFactory(slug="hidden", is_published=False)

    assert client.get("/en/publications/hidden/").status_code == 404
    assert client.get("/en/publications/hidden/cite.ris").status_code == 404
    Publication.objects.filter(pk=volume.pk).update(is_published=False)
    assert client.get("/en/publications/oewg-introduction/").status_code == 404
    assert client.get("/en/publications/oewg-introduction/cite.bib").status_code == 404
    assert client.get("/en/publications/oewg-introduction/cite.json").status_code == 404


def test_the_page_runs_the_same_queries_for_a_small_or_a_large_volume(client):
    small = PublicationFactory(slug="small", kind=Kind.EDITED_VOLUME)
    byline(small, ("Ana", "Editor"), role=Authorship.Role.EDITOR)
    chapter = PublicationFactory(kind=Kind.CHAPTER, volume=small, chapter_order=1)
    byline(chapter, ("Ben", "Writer"))
    large = oewg_volume()
    large.topics.add(*(TopicFactory() for _ in range(5)))
    for order in range(4, 14):
        chapter = PublicationFactory(kind=Kind.CHAPTER, volume=large, chapter_order=order)
        byline(chapter, ("Cy", f"Writer{order}"), ("Di", f"Writer{order}"))
    for language in ("ar", "fr", "es", "ru"):
        TranslationFactory(publication=large, language=language)

    assert queries_to_build(client, "/en/publications/small/") == queries_to_build(
        client, "/en/publications/unpacking-oewg/"
    )
    assert queries_to_build(client, "/en/publications/oewg-introduction/") == queries_to_build(
        client, "/en/publications/unpacking-oewg/"
    )


def test_the_arabic_page_is_right_to_left_and_names_translations_in_arabic(client):
    volume = oewg_volume()
    TranslationFactory(publication=volume, language="fr")

    page = client.get("/ar/publications/unpacking-oewg/").content.decode()

    assert 'dir="rtl"' in page
    assert "الفرنسية" in page
    assert 'lang="en" dir="ltr"' in page, "the English citation keeps its own direction"


# Citation downloads ------------------------------------------------------------------------------


def test_the_ris_download_is_a_ris_file_named_after_the_publication(client):
    oewg_volume()

    response = client.get("/en/publications/oewg-international-law/cite.ris")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="oewg-international-law.ris"'
    lines = response.content.decode().split("\r\n")
    assert lines[0] == "TY  - CHAP"
    assert "AU  - Haddad, Nadia" in lines and "AU  - Ribeiro, Tomás" in lines
    assert "ED  - Persi Paoli, Giacomo" in lines
    assert "T2  - Unpacking the United Nations Open-Ended Working Group on ICT" in lines


def test_the_bibtex_download_is_a_bibtex_file_named_after_the_publication(client):
    oewg_volume()

    response = client.get("/en/publications/unpacking-oewg/cite.bib")

    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="unpacking-oewg.bib"'
    entry = response.content.decode()
    assert entry.startswith("@book{dominioni2026unpacking,")
    assert "editor = {Dominioni, Samuele and Persi Paoli, Giacomo}" in entry
    assert "doi = {10.37559/SecTec/26/01}" in entry


def test_the_csl_json_download_is_one_item_named_after_the_publication(client):
    oewg_volume()

    response = client.get("/en/publications/oewg-international-law/cite.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="oewg-international-law.json"'
    [item] = json.loads(response.content)
    assert (item["id"], item["type"]) == ("oewg-international-law", "chapter")
    assert [person["family"] for person in item["author"]] == ["Haddad", "Ribeiro"]
