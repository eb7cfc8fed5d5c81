"""Every public and participant page is valid HTML for the W3C's Nu HTML Checker (no error) and has
no critical, serious or moderate axe-core finding in Chromium, in English and in a right-to-left and
a Chinese version; every page names a favicon that is served."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from events.models import Event, Material, Question, Registration
from events.offer_tokens import offer_path
from events.services import certificates as certificate_services
from events.services import check_in, questions
from events.services import registrations as registration_services
from events.services import visa_letters as visa_letter_services
from tests.clients.html import axe_violations, nu_errors
from tests.conftest import ARTIFACTS
from tests.e2e.staff import log_in as log_in_as_staff
from tests.e2e.test_registration import log_in
from tests.e2e.test_staff import log_in_to_the_admin
from tests.events.participants import participant_with_account
from tests.events.test_checkin import starting_soon
from tests.factories import (
    AgendaItemFactory,
    AnswerFactory,
    EventFactory,
    MaterialFactory,
    OrganisationFactory,
    RegistrationFactory,
    SpeakerFactory,
    TopicFactory,
    TranslationFactory,
    UserFactory,
    VisaLetterTemplateFactory,
)
from tests.publications.catalogue import oewg_volume
from unidir_cb.core.permissions import PROGRAMME_STAFF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/en/",
    "/ar/",
    "/zh-hans/events/",
    "/en/events/",
    "/en/events/?when=past",
    "/en/events/norms-workshop/",
    "/ar/events/norms-workshop/",
    "/en/publications/",
    "/en/publications/unpacking-oewg/",
    "/zh-hans/publications/",
    "/zh-hans/publications/unpacking-oewg/",
    "/ar/publications/unpacking-oewg/",
    "/en/certificates/verify/",
    "/en/certificates/verify/?code=ABCD-EFGH-JKMN",
    "/en/certificates/verify/?code=not-a-code",
    "/en/accounts/login/",
    "/en/accounts/signup/",
    "/ar/accounts/signup/",
    "/en/accounts/password/reset/",
    "/en/accounts/password/reset/done/",
    "/en/events/called-off-briefing/",
]
PARTICIPANT_PAGES = [
    "/en/events/my-registrations/",
    "/ar/events/my-registrations/",
    "/en/events/norms-workshop/",
    "/en/accounts/profile/",
    "/en/accounts/delete/",
    "/en/accounts/email/",
    "/en/accounts/password/change/",
]


@pytest.fixture
def programme_pages():
    """An event with everything its page shows, a past course with a certificate, a volume."""
    # Whole minutes, as staff enter times.
    starts_at = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=20)
    workshop = EventFactory(
        title="Norms workshop",
        slug="norms-workshop",
        description="Two days on the framework of responsible State behaviour.",
        topics=[TopicFactory(name="International law", slug="international-law")],
        partners=[OrganisationFactory(name="Geneva Centre", acronym="GC", website="https://gc.example.org")],
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(days=1),
        languages=["en", "fr"],
    )
    opening = AgendaItemFactory(
        event=workshop,
        title="Opening",
        speaker_names="A. Speaker",
        speakers=[SpeakerFactory(name="Dr Amina Diallo", affiliation="University of Dakar", bio="Law of the sea.")],
    )
    MaterialFactory(event=workshop, title="Reading list", audience=Material.Audience.EVERYONE)
    MaterialFactory(event=workshop, agenda_item=opening, title="Opening slides")
    visa_summit = EventFactory(
        title="Visa summit", slug="visa-summit", starts_at=starts_at, ends_at=starts_at + datetime.timedelta(days=1)
    )
    for event in (workshop, visa_summit):
        questions.add_common_questions(event, Question.Form.REGISTRATION)
        questions.add_common_questions(event, Question.Form.FOLLOW_UP)
    EventFactory(
        title="Called-off briefing",
        slug="called-off-briefing",
        status=Event.Status.CANCELLED,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
    )
    past = starts_at - datetime.timedelta(days=60)
    course = EventFactory(
        title="Summer course", kind=Event.Kind.SUMMER_COURSE, starts_at=past, ends_at=past + datetime.timedelta(days=3)
    )
    TranslationFactory(
        publication=oewg_volume(),
        language="zh",
        title="解读联合国信息和通信技术不限成员名额工作组",
        abstract="全面分析。",
    )
    participant = participant_with_account("amina@example.org")
    seat = RegistrationFactory(event=workshop, participant=participant, status=Registration.Status.CONFIRMED)
    # She asked for visa support: My registrations offers her letter.
    AnswerFactory(registration=seat, question=workshop.questions.get(common_key="visa_support"), value=True)
    VisaLetterTemplateFactory(programme=workshop.programme)
    visa_letter_services.issue_visa_letter(seat)
    # A full seminar she waits for, and another whose freed seat is offered to her.
    for slug, offer_hours in (("full-seminar", None), ("offered-seminar", 48)):
        full = EventFactory(
            title=slug.replace("-", " ").capitalize(),
            slug=slug,
            capacity=1,
            offer_hours=offer_hours,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=3),
        )
        seated = RegistrationFactory(event=full, status=Registration.Status.CONFIRMED)
        RegistrationFactory(event=full, participant=participant, status=Registration.Status.WAITLISTED)
        if offer_hours:
            registration_services.cancel_registration(seated)
    attended = RegistrationFactory(
        event=course, participant=participant, status=Registration.Status.CONFIRMED, attended=True
    )
    certificate_services.issue_certificate(attended)
    return participant


def check(page, paths, tmp_path) -> tuple[list[str], list[str]]:
    """The Nu checker's errors on the HTML each path answers with, and axe's findings on its page."""
    sources, findings = {}, []
    for path in paths:
        response = page.request.get(path)
        assert response.status == 200, path
        sources[path] = response.text()
        page.goto(path)
        findings.extend(f"{path} {finding}" for finding in axe_violations(page))
    errors = [f"{path} {error}" for path, errors in nu_errors(sources, tmp_path / "nu").items() for error in errors]
    return errors, findings


def test_public_pages_are_valid_html_and_accessible(page, programme_pages, tmp_path):
    certified = programme_pages.registrations.exclude(certificate_code="").get()
    check_in.undo_check_in(certified)  # the certificate is revoked

    errors, findings = check(
        page, [*PUBLIC_PAGES, f"/en/certificates/verify/?code={certified.certificate_code}"], tmp_path
    )
    page.goto(f"/en/certificates/verify/?code={certified.certificate_code}")
    assert "This certificate is no longer valid" in page.inner_text("main")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "certificate-revoked.png", full_page=True)

    assert not errors, "\n".join(errors)
    assert not findings, "\n".join(findings)


def test_participant_pages_are_valid_html_and_accessible(page, programme_pages, tmp_path):
    log_in(page, "amina@example.org")
    page.wait_for_url("**/en/")
    seat = programme_pages.registrations.get(event__slug="norms-workshop")
    page.goto("/en/events/my-registrations/")
    assert page.get_by_role("link", name="Download visa support letter (PDF)").count() == 1

    answers = [f"/{language}/events/my-registrations/{seat.pk}/answers/" for language in ("en", "ar")]
    registering = ["/en/events/visa-summit/register/", "/ar/events/visa-summit/register/"]
    errors, findings = check(
        page,
        [
            *PARTICIPANT_PAGES,
            f"/en/events/my-registrations/{seat.pk}/cancel/",
            *[f"{path}{form}/" for path in answers for form in Question.Form.values],
            *registering,
            "/en/events/full-seminar/",
            "/ar/events/full-seminar/",
            "/en/events/offered-seminar/",
            offer_path(programme_pages.registrations.get(event__slug="offered-seminar")),
        ],
        tmp_path,
    )

    assert not errors, "\n".join(errors)
    assert not findings, "\n".join(findings)


def test_every_page_names_its_favicon_and_the_browsers_default_address_serves_it(page):
    page.goto("/en/")

    icons = page.locator('link[rel="icon"]')
    assert icons.count() == 2  # SVG for browsers that scale it, ICO for the others
    for index in range(icons.count()):
        assert page.request.get(icons.nth(index).get_attribute("href")).status == 200
    default = page.request.get("/favicon.ico")
    assert default.status == 200 and default.headers["content-type"] in ("image/x-icon", "image/vnd.microsoft.icon")


def test_the_dashboard_and_its_world_map_are_valid_html_and_accessible_in_english_and_arabic(
    page, manager, live_server, tmp_path
):
    call_command("load_demo", stdout=StringIO())
    log_in_as_staff(page, manager)
    dashboard = "/dashboard/?programme=SecTec&start=2022-01-01&end=2023-12-31&currency=USD"

    errors, findings = check(page, [dashboard], tmp_path / "en")
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])
    arabic_errors, arabic_findings = check(page, [dashboard], tmp_path / "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "dashboard-ar.png", full_page=True)

    assert not errors + arabic_errors, "\n".join(errors + arabic_errors)
    assert not findings + arabic_findings, "\n".join(findings + arabic_findings)


def test_the_check_in_desk_is_valid_html_and_accessible(page, tmp_path):
    desk = UserFactory(email="door@unidir.example", is_staff=True)
    desk.groups.add(Group.objects.get(name=PROGRAMME_STAFF))
    event = starting_soon(title="Regional workshop", slug="regional-workshop")
    RegistrationFactory(event=event, participant__first_name="Amina", participant__last_name="Diallo")
    log_in_to_the_admin(page, desk)

    errors, findings = check(
        page, ["/en/events/regional-workshop/check-in/", "/ar/events/regional-workshop/check-in/?q=Amina"], tmp_path
    )

    assert not errors, "\n".join(errors)
    assert not findings, "\n".join(findings)
