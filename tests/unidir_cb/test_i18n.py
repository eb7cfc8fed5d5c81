import pytest

pytestmark = pytest.mark.django_db

UN_LANGUAGES = {
    "ar": "برنامج الأمن والتكنولوجيا",
    "zh-hans": "安全与技术方案",
    "en": "Security and Technology Programme",
    "fr": "Programme Sécurité et technologie",
    "ru": "Программа по безопасности и технологиям",
    "es": "Programa de Seguridad y Tecnología",
}


@pytest.mark.parametrize(("language", "programme_name"), UN_LANGUAGES.items())
def test_the_site_is_served_in_each_official_un_language(client, language, programme_name):
    page = client.get(f"/{language}/").content.decode()

    assert f'<html lang="{language}"' in page
    assert programme_name in page


def test_arabic_is_laid_out_right_to_left_and_the_others_left_to_right(client):
    assert 'dir="rtl"' in client.get("/ar/").content.decode()
    assert 'dir="ltr"' in client.get("/fr/").content.decode()


def test_the_language_switcher_links_the_same_page_in_all_six_languages_without_javascript(client):
    page = client.get("/en/events/?kind=seminar").content.decode()

    for code in UN_LANGUAGES:
        assert f'href="/{code}/events/?kind=seminar" lang="{code}"' in page
    assert "<script" not in page
    assert "csrfmiddlewaretoken" not in page  # one rendering serves every anonymous visitor


def test_choosing_a_language_on_a_staff_page_keeps_the_reader_on_the_same_page(client):
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/en/"})

    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_static_files_are_served_from_the_site_not_a_cdn(client):
    page = client.get("/en/").content.decode()

    assert 'href="/static/css/site.css"' in page
    assert "https://" not in page.split("<body>")[0]


def test_pages_send_a_content_security_policy(client):
    policy = client.get("/en/")["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
