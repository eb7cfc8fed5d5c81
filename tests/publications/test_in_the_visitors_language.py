"""A visitor reads the catalogue in their language: a publication with a translated edition is listed
and shown under its translated title and abstract, with the original beside it; one without is shown
in its original English, marked as English; search finds translated titles in the visitor's language."""

import datetime
import re

import pytest

from tests.factories import PublicationFactory, TranslationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    taxonomy = PublicationFactory(
        title="A Taxonomy of Cyber Incidents",
        slug="taxonomy",
        abstract="A common vocabulary for incidents.",
        published_on=datetime.date(2022, 6, 1),
    )
    TranslationFactory(publication=taxonomy, language="zh", title="网络事件分类", abstract="事件的共同词汇。")
    TranslationFactory(publication=taxonomy, language="fr", title="Une taxonomie des cyberincidents", abstract="")
    PublicationFactory(
        title="Wading Murky Waters", subtitle="Subsea Cables", slug="cables", published_on=datetime.date(2022, 5, 1)
    )
    return taxonomy


def card_titles(page: str) -> list[str]:
    return re.findall(r'<h2 class="card__title"><a href="[^"]+" ([^>]*)>([^<]+)</a>', page)


def test_the_chinese_catalogue_lists_a_translated_publication_under_its_chinese_title(client, catalogue):
    page = client.get("/zh-hans/publications/").content.decode()

    assert card_titles(page) == [('dir="auto"', "网络事件分类"), ('lang="en" dir="ltr"', "Wading Murky Waters")]
    assert '<span lang="en" dir="ltr">A Taxonomy of Cyber Incidents</span>' in page  # the original beside
    assert '<span class="publication-card__subtitle" lang="en" dir="ltr"><bdi>Subsea Cables</bdi></span>' in page


def test_the_english_catalogue_lists_the_originals(client, catalogue):
    page = client.get("/en/publications/").content.decode()

    assert [title for _, title in card_titles(page)] == ["A Taxonomy of Cyber Incidents", "Wading Murky Waters"]
    assert "publication-card__original" not in page


def test_the_page_of_a_translated_publication_reads_in_chinese_with_the_original_title_beside(client, catalogue):
    page = client.get("/zh-hans/publications/taxonomy/").content.decode()

    assert "<h1><bdi>网络事件分类</bdi></h1>" in page
    assert '<span lang="en" dir="ltr">A Taxonomy of Cyber Incidents</span>' in page
    assert '<div class="publication__abstract" dir="auto"><p>事件的共同词汇。</p></div>' in page
    assert 'lang="zh-hans"' in page and 'lang="zh"' not in page


def test_a_translation_without_an_abstract_shows_the_original_abstract_marked_english(client, catalogue):
    page = client.get("/fr/publications/taxonomy/").content.decode()

    assert "<h1><bdi>Une taxonomie des cyberincidents</bdi></h1>" in page
    assert (
        '<div class="publication__abstract" lang="en" dir="ltr"><p>A common vocabulary for incidents.</p></div>' in page
    )


def test_an_untranslated_publication_is_shown_in_english_marked_as_such(client, catalogue):
    page = client.get("/ar/publications/cables/").content.decode()

    assert '<h1 lang="en" dir="ltr"><bdi>Wading Murky Waters</bdi>' in page
    assert "publication__original" not in page


def test_search_finds_titles_in_the_visitors_language_and_in_english(client, catalogue):
    chinese = client.get("/zh-hans/publications/", {"q": "网络"}).content.decode()
    english_words_on_the_chinese_site = client.get("/zh-hans/publications/", {"q": "Taxonomy"}).content.decode()
    chinese_on_the_russian_site = client.get("/ru/publications/", {"q": "网络"}).content.decode()

    assert [title for _, title in card_titles(chinese)] == ["网络事件分类"]
    assert [title for _, title in card_titles(english_words_on_the_chinese_site)] == ["网络事件分类"]
    assert card_titles(chinese_on_the_russian_site) == []


def test_the_catalogue_can_be_filtered_to_what_exists_in_a_language(client, catalogue):
    page = client.get("/en/publications/", {"language": "zh"}).content.decode()

    assert [title for _, title in card_titles(page)] == ["A Taxonomy of Cyber Incidents"]


def test_staff_enter_a_translations_abstract_in_the_admin(admin_client, catalogue):
    page = admin_client.get(f"/admin/publications/publication/{catalogue.pk}/change/").content.decode()

    assert 'name="translations-0-abstract"' in page
