"""Speakers' photos and publications' translations are fetched at MEDIA_URL in every environment, and
nothing else under MEDIA_ROOT is: report files and imports lie there too, and a path that climbs out of
the public folders is a 404. Pictures and PDFs open in the browser; other files are downloads."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.http import http_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(name: str, content: bytes = b"content") -> str:
    return default_storage.save(name, ContentFile(content))


def test_a_translations_pdf_opens_in_the_browser_and_may_be_cached(client, media):
    name = stored("translations/report-fr.pdf", b"%PDF-1.7\n%%EOF\n")

    response = client.get(f"/media/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="report-fr.pdf"'
    assert response["Cache-Control"] == "public, max-age=86400"
    assert b"".join(response.streaming_content) == b"%PDF-1.7\n%%EOF\n"


def test_an_uploaded_web_page_is_a_download_never_a_page_of_the_site(client, media):
    name = stored("translations/summary.html", b"<script>alert(1)</script>")

    response = client.get(f"/media/{name}")

    assert response["Content-Disposition"] == 'attachment; filename="summary.html"'


def test_a_browser_holding_the_file_is_told_it_has_not_changed(client, media):
    name = stored("speakers/li-wei.jpg")
    first = client.get(f"/media/{name}")

    again = client.get(f"/media/{name}", headers={"If-Modified-Since": first["Last-Modified"]})
    older = client.get(f"/media/{name}", headers={"If-Modified-Since": http_date(0)})

    assert again.status_code == 304
    assert older.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "reports/1/a-random-folder/mapping-reply.docx",
        "imports/a-random-folder/participants.xlsx",
        "speakers/../reports/1/a-random-folder/mapping-reply.docx",
        "speakers/%2e%2e/reports/1/a-random-folder/mapping-reply.docx",
        "speakers/.hidden",
        "speakers/",
        "speakers",
        "speakers/nobody.jpg",
    ],
)
def test_nothing_else_under_the_media_folder_is_served(client, media, path):
    stored("reports/1/a-random-folder/mapping-reply.docx")
    stored("imports/a-random-folder/participants.xlsx")
    stored("speakers/.hidden")

    assert client.get(f"/media/{path}").status_code == 404


def test_a_file_is_not_changed_or_deleted_through_its_address(client, media):
    name = stored("speakers/li-wei.jpg")

    assert client.post(f"/media/{name}").status_code == 405
    assert client.delete(f"/media/{name}").status_code == 405
    assert client.head(f"/media/{name}").status_code == 200
