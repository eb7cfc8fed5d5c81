"""At the door, on a phone, staff point the camera at a participant's ticket: the page reads the QR
code (the vendored jsQR) and checks them in. Chromium's fake camera plays a video of the ticket's
code, written here as a Y4M file from a QR image, so the whole path runs: camera, decoder, request,
service, answer on the page."""

import io
import re

import pytest
import segno
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect

from events.models import Registration
from events.tickets import ticket_token
from tests.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS
from tests.e2e.test_staff import log_in_to_the_admin
from tests.events.test_checkin import starting_soon
from tests.factories import ParticipantFactory, RegistrationFactory, UserFactory
from unidir_cb.core.permissions import PROGRAMME_STAFF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT, FRAMES = 640, 480, 30
PHONE = {"width": 390, "height": 844}


def camera_video_of(text: str, path) -> None:
    """A few seconds of a camera held over a QR code: Y4M (4:2:0), grey only (chroma at 128)."""
    code = segno.make(text, error="m")
    side = HEIGHT - 60
    scale = max(1, side // code.symbol_size(border=4)[0])
    picture = Image.new("L", (WIDTH, HEIGHT), 255)
    png = io.BytesIO()
    code.save(png, kind="png", scale=scale, border=4)
    qr = Image.open(png).convert("L")
    picture.paste(qr, ((WIDTH - qr.width) // 2, (HEIGHT - qr.height) // 2))
    luma = picture.tobytes()
    chroma = bytes([128]) * (WIDTH // 2) * (HEIGHT // 2)
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(FRAMES):
            video.write(b"FRAME\n" + luma + chroma + chroma)


@pytest.fixture
def desk_staff():
    user = UserFactory(email="door@unidir.example", is_staff=True)
    user.groups.add(Group.objects.get(name=PROGRAMME_STAFF))
    return user


def camera_page(browser, live_server, video):
    """A phone-sized page in a Chromium whose camera films `video`."""
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_FLAGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    context = camera_browser.new_context(
        base_url=live_server.url, viewport=PHONE, permissions=["camera"], is_mobile=True, has_touch=True
    )
    return camera_browser, context.new_page()


def scan_with_the_camera(browser, live_server, desk_staff, event, code, tmp_path, screenshot):
    video = tmp_path / "ticket.y4m"
    camera_video_of(code, video)
    camera_browser, page = camera_page(browser, live_server, video)
    try:
        log_in_to_the_admin(page, desk_staff)
        page.goto(f"/en/events/{event.slug}/check-in/")
        page.get_by_role("button", name="Scan with the camera").click()
        result = page.locator("[data-scan-result]")
        expect(result).to_have_text(re.compile(r"\S"), timeout=20000)  # the camera has read the code
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / screenshot, full_page=True)
        # Nothing on the page is wider than the phone: the page never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        return result.inner_text(), page.locator(".check-in-counts__checked-in").inner_text()
    finally:
        camera_browser.close()


def test_staff_check_a_participant_in_by_pointing_the_phone_camera_at_their_ticket(
    browser, live_server, desk_staff, tmp_path
):
    event = starting_soon(title="Regional workshop", slug="regional-workshop")
    registration = RegistrationFactory(
        event=event, participant=ParticipantFactory(first_name="Amina", last_name="Diallo")
    )

    message, count = scan_with_the_camera(
        browser, live_server, desk_staff, event, ticket_token(registration), tmp_path, "qr-check-in-phone.png"
    )

    assert message == "Amina Diallo is checked in."
    assert count == "1"
    registration.refresh_from_db()
    assert registration.attended


def test_a_scanned_ticket_of_another_event_is_refused_on_the_page(browser, live_server, desk_staff, tmp_path):
    event = starting_soon(title="Regional workshop", slug="regional-workshop")
    elsewhere = RegistrationFactory(event=starting_soon(title="Another seminar"))

    message, count = scan_with_the_camera(
        browser, live_server, desk_staff, event, ticket_token(elsewhere), tmp_path, "qr-check-in-refused.png"
    )

    assert message == "This ticket is for another event: Another seminar."
    assert count == "0"
    assert not Registration.objects.filter(attended=True).exists()


def test_a_hand_held_scanner_types_into_the_ticket_field_as_the_page_opens(page, desk_staff):
    event = starting_soon(title="Regional workshop", slug="regional-workshop")
    registration = RegistrationFactory(
        event=event, participant=ParticipantFactory(first_name="Amina", last_name="Diallo")
    )
    log_in_to_the_admin(page, desk_staff)
    page.goto(f"/en/events/{event.slug}/check-in/")

    # A hand-held scanner is a keyboard: it types the code wherever the cursor is, then Enter.
    page.keyboard.type(ticket_token(registration))
    page.keyboard.press("Enter")

    expect(page.locator("[data-scan-result]")).to_have_text("Amina Diallo is checked in.")
    expect(page.locator("#ticket-code")).to_be_focused()  # ready for the next badge
    expect(page.locator("#ticket-code")).to_have_value("")


def test_a_scan_after_the_session_ended_asks_to_sign_in_again(page, desk_staff):
    event = starting_soon(title="Regional workshop", slug="regional-workshop")
    registration = RegistrationFactory(event=event)
    log_in_to_the_admin(page, desk_staff)
    page.goto(f"/en/events/{event.slug}/check-in/")
    page.context.clear_cookies(name="sessionid")

    page.locator("#ticket-code").fill(ticket_token(registration))
    page.locator("#ticket-code").press("Enter")

    expect(page.locator("[data-scan-result]")).to_have_text(
        "Your session has ended: reload this page, sign in again if asked, and scan the code again."
    )
    registration.refresh_from_db()
    assert not registration.attended


def test_a_scanned_ticket_of_a_cancelled_registration_is_refused_on_the_page(
    browser, live_server, desk_staff, tmp_path
):
    event = starting_soon(title="Regional workshop", slug="regional-workshop")
    registration = RegistrationFactory(
        event=event, participant=ParticipantFactory(first_name="Amina", last_name="Diallo")
    )
    token = ticket_token(registration)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)

    message, count = scan_with_the_camera(
        browser, live_server, desk_staff, event, token, tmp_path, "qr-check-in-cancelled.png"
    )

    assert message == "Amina Diallo's registration is cancelled: not checked in."
    assert count == "0"
