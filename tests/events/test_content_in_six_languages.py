"""Staff write an event's title, description and audience, its agenda, its topics and its partners'
names in any of the six languages; a visitor reads their language, and where a text is not
translated, the English one, marked lang="en" so that browsers and screen readers read it as English.
Search matches the visitor's language and English; emails speak the participant's language."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Event, EventPartner
from events.services import registrations
from tests.factories import (
    AgendaItemFactory,
    EventFactory,
    InformationResourceFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    TopicFactory,
)
from tests.pages import form_fields

pytestmark = pytest.mark.django_db

# French and Chinese are translated; Spanish, Russian and Arabic fall back to English.
TITLES = {"en": "Cyber norms workshop", "fr": "Atelier sur les normes cyber", "zh-hans": "网络规范讲习班"}


@pytest.fixture
def workshop():
    starts_at = timezone.now() + datetime.timedelta(days=20)
    event = EventFactory(
        slug="norms-workshop",
        title_en=TITLES["en"],
        title_fr=TITLES["fr"],
        title_zh_hans=TITLES["zh-hans"],
        description_en="Two days on the framework.",
        description_fr="Deux jours sur le cadre.",
        target_audience_en="Diplomats",
        target_audience_zh_hans="外交官",
        city_en="Geneva",
        city_zh_hans="日内瓦",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=8),
        topics=[TopicFactory(name_en="International law", name_fr="Droit international", name_zh_hans="国际法")],
    )
    AgendaItemFactory(
        event=event,
        title_en="Opening",
        title_fr="Ouverture",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
    )
    EventPartner.objects.create(
        event=event, organisation=OrganisationFactory(name_en="Geneva Centre", name_fr="Centre de Genève")
    )
    return event


def page_of(client, language) -> str:
    return client.get(f"/{language}/events/norms-workshop/").content.decode()


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "zh-hans", "ar"])
def test_the_event_page_reads_in_the_visitors_language_or_in_marked_english(client, workshop, language):
    page = page_of(client, language)

    english = ' lang="en" dir="ltr"'
    translated = language in TITLES
    assert f"<h1{'' if translated else english}>{TITLES.get(language, TITLES['en'])}</h1>" in page
    topic = {"fr": "Droit international", "zh-hans": "国际法"}.get(language)
    assert (
        f"<li>{topic}</li>" if topic else f"<li{english if language != 'en' else ''}>International law</li>"
    ) in page
    opening = "Ouverture" if language == "fr" else "Opening"
    assert f"<span{english if language not in ('en', 'fr') else ''}>{opening}</span>" in page
    centre = "Centre de Genève" if language == "fr" else "Geneva Centre"
    assert f"<span{english if language not in ('en', 'fr') else ''}>{centre}" in page
    city = "日内瓦" if language == "zh-hans" else "Geneva"
    assert f"<span{english if language not in ('en', 'zh-hans') else ''}>{city}</span>" in page
    audience = {"zh-hans": "外交官"}.get(language)
    assert (f"<dd>{audience}</dd>" if audience else f"<dd{english if language != 'en' else ''}>Diplomats</dd>") in page


def test_the_event_list_shows_translated_titles_and_topics(client, workshop):
    chinese = client.get("/zh-hans/events/").content.decode()
    russian = client.get("/ru/events/").content.decode()

    assert ">网络规范讲习班</a>" in chinese and "<li>国际法</li>" in chinese
    assert ' lang="en" dir="ltr">Cyber norms workshop</a>' in russian


@pytest.mark.parametrize(
    ("language", "search", "found"),
    [
        ("zh-hans", "规范", True),
        ("zh-hans", "norms", True),
        ("fr", "normes", True),
        ("fr", "规范", False),
        ("en", "normes", False),
    ],
)
def test_search_matches_the_visitors_language_and_english(client, workshop, language, search, found):
    page = client.get(f"/{language}/events/", {"q": search}).content.decode()

    assert ('href="/' + language + '/events/norms-workshop/"' in page) is found


def test_staff_write_every_language_in_the_admin_and_it_is_saved(admin_client, workshop):
    url = f"/admin/events/event/{workshop.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert all(f'name="title_{suffix}"' in page for suffix in ("en", "fr", "es", "ru", "zh_hans", "ar"))

    data = form_fields(page, id="event_form") | {
        "title_ar": "ورشة عمل بشأن معايير الفضاء الإلكتروني",
        "title_es": "Taller sobre normas",
    }
    assert admin_client.post(url, data).status_code == 302

    workshop.refresh_from_db()
    assert (workshop.title_ar, workshop.title_es, workshop.title_fr) == (
        "ورشة عمل بشأن معايير الفضاء الإلكتروني",
        "Taller sobre normas",
        TITLES["fr"],
    )
    assert re.search(r"ورشة عمل", page_of(admin_client, "ar"))


def test_the_confirmation_email_names_the_event_in_the_participants_language(
    workshop, django_capture_on_commit_callbacks
):
    french = ParticipantFactory(language="fr", job_title="Conseillère")
    spanish = ParticipantFactory(language="es", job_title="Consejera")

    with django_capture_on_commit_callbacks(execute=True):
        registrations.register_participant(workshop, french)
        registrations.register_participant(workshop, spanish)

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[french.email] == f"Inscription confirmée : {TITLES['fr']}"
    assert TITLES["en"] in subjects[spanish.email], "no Spanish title: the English one"


def test_an_untranslated_event_reads_in_english_everywhere(client):
    EventFactory(slug="plain", title="Plain English briefing", status=Event.Status.PUBLISHED)

    assert '<h1 lang="en" dir="ltr">Plain English briefing</h1>' in client.get("/ar/events/plain/").content.decode()
    assert "<h1>Plain English briefing</h1>" in client.get("/en/events/plain/").content.decode()


@pytest.mark.parametrize(
    ("factory", "admin_path", "field"),
    [
        (TopicFactory, "programmes/topic", "name"),
        (ProgrammeFactory, "programmes/programme", "description"),
        (OrganisationFactory, "programmes/organisation", "name"),
        (InformationResourceFactory, "programmes/informationresource", "description"),
    ],
)
def test_staff_write_names_and_descriptions_of_programme_records_in_every_language(
    admin_client, factory, admin_path, field
):
    record = factory()
    url = f"/admin/{admin_path}/{record.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert all(f'name="{field}_{suffix}"' in page for suffix in ("en", "fr", "es", "ru", "zh_hans", "ar"))
    form_id = f"{admin_path.split('/')[1]}_form"

    response = admin_client.post(
        url, form_fields(page, id=form_id) | {f"{field}_zh_hans": "中文", f"{field}_ru": "По-русски"}
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    assert (getattr(record, f"{field}_zh_hans"), getattr(record, f"{field}_ru")) == ("中文", "По-русски")
    assert not getattr(record, f"{field}_ar"), "not translated"


def test_an_arabic_email_marks_an_untranslated_title_as_english(django_capture_on_commit_callbacks):
    event = EventFactory(title="Untranslated briefing")
    layla = ParticipantFactory(language="ar", job_title="Counsellor")

    with django_capture_on_commit_callbacks(execute=True):
        registrations.register_participant(event, layla)

    [(html, _)] = mail.outbox[0].alternatives
    assert ' lang="en" dir="ltr">Untranslated briefing</a></h1>' in html
