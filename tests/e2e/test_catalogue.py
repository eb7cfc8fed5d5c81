"""A reader opens the publications catalogue, narrows it to edited volumes, opens the volume and
downloads its citation for a reference manager; the list and the page are screenshotted in English
and in Arabic (right to left) for review, and a Chinese reader finds the volume under its Chinese title."""

import datetime
import re

import pytest

from publications.models import Authorship, Publication
from tests.conftest import ARTIFACTS
from tests.factories import TranslationFactory
from tests.publications.catalogue import byline, oewg_volume, publication_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Kind = Publication.Kind


@pytest.fixture
def catalogue():
    volume = oewg_volume()
    TranslationFactory(
        publication=volume, language="ar", title="تفكيك الفريق العامل المفتوح العضوية", url="https://unidir.org/ar/"
    )
    TranslationFactory(publication=volume, language="fr", url="https://unidir.org/fr/")
    TranslationFactory(
        publication=volume,
        language="zh",
        title="解读联合国信息和通信技术不限成员名额工作组",
        abstract="全面分析不限成员名额工作组的实质性讨论。",
        url="https://unidir.org/zh/",
    )
    for number, kind in enumerate([Kind.REPORT, Kind.BRIEF, Kind.RESEARCH_PAPER, Kind.COMMENTARY], start=1):
        publication = publication_with(
            title=f"Confidence-Building Measures in Cyberspace, part {number}",
            subtitle="A Stocktake of Regional Practice",
            kind=kind,
            published_on=datetime.date(2020 + number, 2, 1),
        )
        byline(publication, ("Kenji", "Watanabe"), ("Léa", "Fontaine"))
        byline(publication, ("Camino", "Kavanagh"), role=Authorship.Role.EDITOR)
    return volume


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def test_filter_by_kind_open_a_volume_and_download_its_ris(page, catalogue):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Publications").click()
    page.wait_for_url("**/en/publications/")
    assert page.locator(".publication-card").count() == 5
    screenshot(page, "catalogue-list-en")

    page.select_option("#id_kind", "edited_volume")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r".*kind=edited_volume.*"))
    assert page.locator(".publication-card").count() == 1

    page.get_by_role("link", name="Unpacking the United Nations Open-Ended Working Group on ICT").click()
    page.wait_for_url("**/en/publications/unpacking-oewg/")
    assert [item.inner_text() for item in page.locator(".chapters li > a").all()] == [
        "Introduction",
        "International Law",
    ]
    citation = page.locator(".citation").inner_text()
    assert citation.startswith("Samuele Dominioni and Giacomo Persi Paoli (eds.), Unpacking")
    screenshot(page, "catalogue-detail-en")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="RIS (.ris)").click()
    download = download_info.value
    assert download.suggested_filename == "unpacking-oewg.ris"
    lines = download.path().read_text(encoding="utf-8").splitlines()
    assert lines[0] == "TY  - BOOK"
    assert [line for line in lines if line.startswith("ED  - ")] == [
        "ED  - Dominioni, Samuele",
        "ED  - Persi Paoli, Giacomo",
    ]
    assert lines[-1].rstrip() == "ER  -"


def test_the_arabic_catalogue_and_page_read_right_to_left(page, catalogue):
    page.goto("/ar/publications/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    first_card = page.locator(".publication-card").first.bounding_box()
    assert first_card["x"] + first_card["width"] > 1280 / 2, "the first card sits on the right in Arabic"
    screenshot(page, "catalogue-list-ar")

    page.goto("/ar/publications/unpacking-oewg/")
    main = page.locator(".publication-layout__main").bounding_box()
    aside = page.locator(".citation-box").bounding_box()
    assert aside["x"] < main["x"], "the citation box sits on the left in Arabic"
    assert page.locator(".citation").evaluate("element => getComputedStyle(element).direction") == "ltr"
    screenshot(page, "catalogue-detail-ar")


def test_a_chinese_reader_finds_and_reads_the_volume_under_its_chinese_title(page, catalogue):
    page.goto("/zh-hans/publications/")
    titles = [title.inner_text() for title in page.locator(".publication-card .card__title a").all()]
    assert "解读联合国信息和通信技术不限成员名额工作组" in titles
    untranslated = page.locator(".publication-card .card__title a", has_text="Confidence-Building").first
    assert untranslated.get_attribute("lang") == "en"
    screenshot(page, "catalogue-list-zh")

    page.fill("#id_q", "信息和通信技术")
    page.get_by_role("button", name="筛选").click()
    assert page.locator(".publication-card").count() == 1
    page.get_by_role("link", name="解读联合国信息和通信技术不限成员名额工作组").click()
    page.wait_for_url("**/zh-hans/publications/unpacking-oewg/")
    assert page.locator("h1").inner_text() == "解读联合国信息和通信技术不限成员名额工作组"
    assert (
        "Unpacking the United Nations Open-Ended Working Group on ICT"
        in page.locator(".publication__original").inner_text()
    )
    assert page.locator(".publication__abstract").inner_text() == "全面分析不限成员名额工作组的实质性讨论。"
    screenshot(page, "catalogue-detail-zh")
