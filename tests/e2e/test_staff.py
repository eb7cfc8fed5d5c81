"""Programme staff in a real browser: approving a pending registration in the admin (the participant
then sees it confirmed), checking a participant in at the door by typing part of their name, and the
Arabic certificate verification page laid out right to left, and a visa support letter issued from
the admin that its participant downloads."""

import datetime
import subprocess

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event, Question, Registration
from events.services import certificates, questions
from tests.conftest import ARTIFACTS
from tests.events.participants import PASSWORD, participant_with_account
from tests.events.test_checkin import starting_soon
from tests.factories import (
    AnswerFactory,
    EventFactory,
    ParticipantFactory,
    RegistrationFactory,
    UserFactory,
    VisaLetterTemplateFactory,
)
from unidir_cb.core.permissions import PRIVATE_PARTICIPANT_DATA, PROGRAMME_STAFF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Status = Registration.Status


@pytest.fixture
def staff_member():
    user = UserFactory(email="desk@unidir.example", is_staff=True)
    user.groups.add(Group.objects.get(name=PROGRAMME_STAFF))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in_to_the_admin(page, user):
    page.goto("/admin/login/")
    page.fill('input[name="username"]', user.email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('input[type="submit"]').click()
    page.wait_for_url("**/admin/")


def run_registration_action(page, action, registration, query=""):
    """Tick one registration on the admin's Registrations list and run one of its actions."""
    page.goto(f"/admin/events/registration/{query}")
    page.locator(f'input[name="_selected_action"][value="{registration.pk}"]').check()
    page.select_option('select[name="action"]', action)
    page.locator('button[name="index"]').click()


def log_in_to_the_site(page, email):
    page.goto("/en/accounts/login/")
    page.fill('input[name="login"]', email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main button[type="submit"]').click()


def test_staff_approve_a_pending_registration_and_the_participant_sees_it_confirmed(page, staff_member):
    event = EventFactory(title="Officials' dialogue", admission=Event.Admission.BY_APPROVAL, capacity=20)
    amina = participant_with_account(email="amina@example.org", first_name="Amina", last_name="Diallo")
    registration = RegistrationFactory(event=event, participant=amina, status=Status.PENDING)

    log_in_to_the_admin(page, staff_member)
    run_registration_action(page, "approve", registration, "?status=pending")
    assert "1 registration(s) confirmed." in page.inner_text(".messagelist")
    page.context.clear_cookies()

    log_in_to_the_site(page, "amina@example.org")
    page.goto("/en/events/my-registrations/")
    assert page.locator("table.registrations .status").inner_text() == "Confirmed"


def test_staff_check_a_participant_in_by_typing_part_of_their_name(page, staff_member):
    event = starting_soon(title="Table-top exercise on critical infrastructure", slug="ttx", capacity=None)
    amina = RegistrationFactory(
        event=event,
        participant=ParticipantFactory(first_name="Amina", last_name="Diallo", email="amina@foreign.gov.sn"),
    )
    for first_name, last_name in [("Omar", "Haddad"), ("Li", "Wei"), ("Ana", "Pereira"), ("Amir", "Karimi")]:
        RegistrationFactory(event=event, participant=ParticipantFactory(first_name=first_name, last_name=last_name))

    log_in_to_the_admin(page, staff_member)
    page.goto("/en/events/ttx/check-in/")
    assert page.locator(".check-in-counts").inner_text().startswith("0 of 5")
    rows = page.locator(".check-in-table tbody tr")
    assert rows.count() == 5

    # The results follow the typing, without pressing Enter.
    page.locator("#check-in-query").press_sequentially("ami di", delay=40)
    expect(rows).to_have_count(1)
    assert "Amina Diallo" in rows.first.inner_text()

    rows.first.get_by_role("button", name="Check in").click()
    assert "Amina Diallo is checked in." in page.inner_text(".messages")
    assert page.locator(".check-in-counts").inner_text().startswith("1 of 5")
    assert rows.first.locator(".checked-in-at").is_visible()
    amina.refresh_from_db()
    assert amina.attended and amina.checked_in_at is not None
    # The search stays, with the cursor in it, ready for the next name.
    assert page.locator("#check-in-query").input_value() == "ami di"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "check-in-page.png", full_page=True)

    rows.first.get_by_role("button", name="Undo").click()
    assert "Check-in of Amina Diallo undone." in page.inner_text(".messages")
    amina.refresh_from_db()
    assert not amina.attended


def test_the_check_in_search_works_without_javascript(browser, live_server, staff_member):
    event = starting_soon(slug="clinic", capacity=None)
    RegistrationFactory(event=event, participant=ParticipantFactory(first_name="Amina", last_name="Diallo"))
    RegistrationFactory(event=event, participant=ParticipantFactory(first_name="Omar", last_name="Haddad"))
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in_to_the_admin(page, staff_member)
        page.goto("/en/events/clinic/check-in/")
        page.fill("#check-in-query", "haddad")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/check-in/?q=haddad")
        assert page.locator(".check-in-table tbody tr").count() == 1
        page.get_by_role("button", name="Check in").click()
        assert "Omar Haddad is checked in." in page.inner_text(".messages")
    finally:
        context.close()


def test_a_walk_in_is_recorded_and_checked_in_from_the_check_in_page(browser, live_server, staff_member):
    starting_soon(slug="walk-in-clinic", capacity=None)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in_to_the_admin(page, staff_member)
        page.goto("/en/events/walk-in-clinic/check-in/")
        page.get_by_label("First name").fill("Sione")
        page.get_by_label("Last name").fill("Tupou")
        page.get_by_role("button", name="Record the walk-in").click()
        assert "Sione Tupou is recorded as a walk-in and checked in." in page.inner_text(".messages")
        assert "Walk-in" in page.inner_text(".check-in-table tbody tr")
    finally:
        context.close()


def test_the_arabic_verification_page_reads_right_to_left_and_confirms_a_certificate(page):
    starts_at = timezone.now() - datetime.timedelta(days=20)
    registration = RegistrationFactory(
        event=EventFactory(
            title="Summer course on international security",
            kind=Event.Kind.SUMMER_COURSE,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(days=4),
        ),
        participant=ParticipantFactory(first_name="ليلى", last_name="الحسيني"),
        attended=True,
    )
    code = certificates.issue_certificate(registration).certificate_code

    page.goto("/ar/certificates/verify/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.fill('input[name="code"]', code.lower())
    page.locator('main button[type="submit"]').click()

    assert "ليلى الحسيني" in page.inner_text(".verify-result__name")
    heading = page.locator("main h1").bounding_box()
    assert heading["x"] + heading["width"] > 1280 / 2, "the heading should start on the right in Arabic"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "arabic-certificate-verification.png", full_page=True)


def test_staff_issue_a_visa_letter_in_the_admin_and_the_participant_downloads_it(page, staff_member, tmp_path):
    staff_member.groups.add(Group.objects.get(name=PRIVATE_PARTICIPANT_DATA))
    event = EventFactory(title="Regional workshop in Geneva", venue="Palais des Nations")
    questions.add_common_questions(event, Question.Form.REGISTRATION)
    VisaLetterTemplateFactory(programme=event.programme)
    amina = participant_with_account(email="amina@example.org", first_name="Amina", last_name="Diallo")
    registration = RegistrationFactory(event=event, participant=amina)
    AnswerFactory(registration=registration, question=event.questions.get(common_key="visa_support"), value=True)

    log_in_to_the_admin(page, staff_member)
    page.goto(f"/admin/events/visalettertemplate/{event.programme.visa_letter_template.pk}/change/")
    expect(page.locator(".field-preview")).to_contain_text("Amina Diallo")  # the sample participant
    page.screenshot(path=ARTIFACTS / "visa-letter-template.png", full_page=True)
    run_registration_action(page, "issue_visa_letters", registration)
    assert "1 visa support letter(s) being written" in page.inner_text(".messagelist")
    page.context.clear_cookies()

    log_in_to_the_site(page, "amina@example.org")
    page.goto("/en/events/my-registrations/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download visa support letter (PDF)").click()
    saved = tmp_path / "letter.pdf"
    download.value.save_as(saved)
    text = subprocess.run(["pdftotext", saved, "-"], capture_output=True, text=True, check=True).stdout
    assert "Amina Diallo" in text and "Palais des Nations" in text
