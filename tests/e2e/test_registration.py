"""A person finds an event, signs up, verifies their address, completes their profile, registers and
finds the registration under My registrations; a waitlisted person gets the seat someone gives up.
The pages carry no JavaScript: everything is a link or a form."""

import re

import pytest
from django.core import mail
from icalendar import Calendar

from events.models import Registration
from tests.conftest import ARTIFACTS
from tests.events.participants import PASSWORD, participant_with_account
from tests.factories import AgendaItemFactory, EventFactory, RegistrationFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ONLINE_URL = "https://meet.example.org/j/norms-room"


def log_in(page, email):
    page.goto("/en/accounts/login/")
    page.fill('input[name="login"]', email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main button[type="submit"]').click()


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/")


def test_sign_up_verify_complete_the_profile_register_and_see_it_under_my_registrations(page):
    EventFactory(
        title="Norms workshop",
        slug="norms-workshop",
        capacity=10,
        online_url=ONLINE_URL,
        topics=[TopicFactory(name="Norms")],
    )

    page.goto("/en/events/")
    page.get_by_role("link", name="Norms workshop").click()
    assert ONLINE_URL not in page.content()
    page.get_by_role("link", name="Create an account").click()
    page.fill('input[name="email"]', "amina@example.org")
    page.fill('input[name="password1"]', PASSWORD)
    page.fill('input[name="password2"]', PASSWORD)
    page.locator('main button[type="submit"]').click()
    page.wait_for_url("**/accounts/confirm-email/")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)[0]
    page.goto(link)
    page.locator('main button[type="submit"]').click()
    # Verifying logs them in and brings them back to the workshop they came for.
    page.wait_for_url("**/en/events/norms-workshop/")
    assert "You have confirmed amina@example.org." in page.inner_text(".messages")

    # Registering first asks for the profile, then returns to the event.
    page.get_by_role("button", name="Register").click()
    page.wait_for_url("**/en/accounts/profile/?next=*")
    assert "Please complete your profile before registering." in page.inner_text(".messages")
    page.fill('input[name="first_name"]', "Amina")
    page.fill('input[name="last_name"]', "Diallo")
    page.select_option('select[name="country"]', "SN")
    page.fill('input[name="organisation"]', "Ministry of Foreign Affairs")
    page.select_option('select[name="organisation_kind"]', "government")
    page.fill('input[name="job_title"]', "Counsellor")
    page.check('input[name="consent"]')
    page.get_by_role("button", name="Save my profile").click()
    page.wait_for_url("**/en/events/norms-workshop/")

    page.get_by_role("button", name="Register").click()
    assert "your seat is confirmed" in page.inner_text(".messages")
    assert page.locator(".online-link").inner_text() == ONLINE_URL

    page.get_by_role("link", name="My registrations").first.click()
    row = page.locator("table.registrations tbody tr")
    assert row.count() == 1
    assert "Norms workshop" in row.inner_text()
    assert row.locator(".status").inner_text() == "Confirmed"
    assert row.locator(".online-link").get_attribute("href") == ONLINE_URL
    assert page.locator("script").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "my-registrations-with-calendar.png", full_page=True)

    # The confirmation email carries the invitation; the same event downloads from My registrations.
    confirmation = mail.outbox[-1]
    assert confirmation.subject == "Registration confirmed: Norms workshop"
    with page.expect_download() as download_info:
        row.get_by_role("link", name="Add to calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == "norms-workshop.ics"
    calendar = Calendar.from_ical(download.path().read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Norms workshop"
    assert str(event["uid"]).startswith("event-") and str(event["status"]) == "CONFIRMED"
    assert ONLINE_URL in str(event["description"])


def test_a_waitlisted_person_is_confirmed_when_a_confirmed_participant_cancels(page):
    event = EventFactory(title="Table-top exercise", slug="ttx", capacity=1, online_url=ONLINE_URL)
    seated = participant_with_account(email="seated@example.org")
    waiting = participant_with_account(email="waiting@example.org")
    RegistrationFactory(event=event, participant=seated, status=Registration.Status.CONFIRMED)
    RegistrationFactory(event=event, participant=waiting, status=Registration.Status.WAITLISTED)

    log_in(page, "waiting@example.org")
    page.goto("/en/events/my-registrations/")
    assert page.locator("table.registrations .status").inner_text() == "On the waiting list"
    assert page.locator(".online-link").count() == 0
    assert page.locator(".calendar-link").count() == 0, "no calendar file while waiting"
    log_out(page)

    log_in(page, "seated@example.org")
    page.goto("/en/events/my-registrations/")
    page.get_by_role("link", name="Cancel registration").click()
    assert "Do you want to cancel your registration for Table-top exercise" in page.inner_text("main")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "cancel-registration-question.png", full_page=True)
    page.get_by_role("button", name="Yes, cancel my registration").click()
    assert "Your registration for Table-top exercise is cancelled." in page.inner_text(".messages")
    assert page.locator("table.registrations .status").inner_text() == "Cancelled"
    log_out(page)

    promotion = next(message for message in mail.outbox if message.to == ["waiting@example.org"])
    assert promotion.subject == "A seat is yours: Table-top exercise"
    assert ONLINE_URL in promotion.body

    log_in(page, "waiting@example.org")
    page.goto("/en/events/my-registrations/")
    assert page.locator("table.registrations .status").inner_text() == "Confirmed"
    assert page.locator(".online-link").get_attribute("href") == ONLINE_URL
    page.screenshot(path=ARTIFACTS / "promoted-from-the-waitlist.png", full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    [event] = Calendar.from_ical(download_info.value.path().read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Table-top exercise"


def test_the_arabic_event_page_mirrors_right_to_left(page):
    event = EventFactory(
        title="Cyber Stability Conference",
        title_ar="مؤتمر الاستقرار السيبراني",
        title_zh_hans="网络稳定会议",
        description="Two days on the UN Charter in cyberspace.",
        description_ar="يومان بشأن ميثاق الأمم المتحدة في الفضاء الإلكتروني.",
        slug="csc",
        capacity=30,
        languages=["ar", "en"],
        topics=[TopicFactory(name="International law", name_ar="القانون الدولي", name_zh_hans="国际法")],
    )
    AgendaItemFactory(event=event, title="Opening", title_ar="الافتتاح", speaker_names="UNIDIR")
    participant = participant_with_account(email="layla@example.org")
    RegistrationFactory(event=event, participant=participant, status=Registration.Status.CONFIRMED)
    log_in(page, "layla@example.org")

    page.goto("/ar/events/csc/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    main = page.locator(".event-layout__main").bounding_box()
    aside = page.locator(".event-layout__aside").bounding_box()
    assert aside["x"] < main["x"], "the registration box should sit on the left in Arabic"
    assert page.locator("h1").inner_text() == "مؤتمر الاستقرار السيبراني"
    assert page.locator(".agenda tbody td").nth(1).inner_text() == "الافتتاح"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "arabic-event-page.png", full_page=True)
    page.goto("/zh-hans/events/csc/")
    assert page.locator("h1").inner_text() == "网络稳定会议"
    assert page.locator(".event__description").get_attribute("lang") == "en", "not translated into Chinese"
    page.screenshot(path=ARTIFACTS / "chinese-event-page.png", full_page=True)

    page.goto("/ar/events/")
    page.screenshot(path=ARTIFACTS / "arabic-event-list.png", full_page=True)
    page.goto("/ar/events/my-registrations/")
    cells = page.locator("table.registrations tbody tr td")
    assert cells.nth(0).bounding_box()["x"] > cells.nth(2).bounding_box()["x"], "columns run right to left"
