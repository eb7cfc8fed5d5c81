"""Confirmed participants of in-person events get a ticket (from My registrations) and a badge (staff
print A4 sheets of them from the admin), each with a QR code that carries a signed token; the desk
scans it and checks its holder in, and says plainly when a code is unknown, cancelled or another
event's."""

import datetime
import re
import subprocess
import zoneinfo

import pytest
from django.core import signing
from django.urls import reverse

from events.models import Event, Registration
from events.services.participants import anonymise_participant
from events.tickets import BADGES_PER_SHEET, read_ticket_token, ticket_token
from tests.clients.programs import program
from tests.events.participants import participant_with_account
from tests.events.test_checkin import desk_staff, starting_soon
from tests.factories import EventFactory, ParticipantFactory, RegistrationFactory, staff_member
from unidir_cb.core.permissions import PROGRAMME_STAFF

pytestmark = pytest.mark.django_db

Status = Registration.Status


def pdf_pages_as_png(pdf: bytes, tmp_path) -> list:
    (tmp_path / "document.pdf").write_bytes(pdf)
    subprocess.run(
        [program("pdftoppm", "poppler-utils"), "-r", "200", "-png", "document.pdf", "page"], cwd=tmp_path, check=True
    )
    return sorted(tmp_path.glob("page*.png"))


def qr_codes_in(png) -> list[str]:
    scanned = subprocess.run(
        [program("zbarimg", "zbar-tools"), "--quiet", "--raw", png], capture_output=True, text=True, check=False
    )
    return scanned.stdout.split()


def pdf_words(pdf: bytes, tmp_path) -> str:
    (tmp_path / "text.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", tmp_path / "text.pdf", "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


@pytest.fixture
def workshop():
    return starting_soon(title="Workshop on cyber confidence-building measures", slug="cbm-workshop", city="Vienna")


@pytest.fixture
def summer_course():
    """Three days in Geneva, in March 2027."""
    geneva = zoneinfo.ZoneInfo("Europe/Zurich")
    return EventFactory(
        title="Summer course on AI and international security",
        starts_at=datetime.datetime(2027, 3, 15, 9, 30, tzinfo=geneva),
        ends_at=datetime.datetime(2027, 3, 17, 17, 0, tzinfo=geneva),
        time_zone="Europe/Zurich",
        venue="Palais des Nations",
        city="Geneva",
        country="CH",
    )


def seat(event, first_name, last_name, status=Status.CONFIRMED, **person):
    participant = ParticipantFactory(first_name=first_name, last_name=last_name, **person)
    return RegistrationFactory(event=event, participant=participant, status=status)


# The code ----------------------------------------------------------------------------------------


def test_the_code_is_signed_and_cannot_be_made_up_or_changed(workshop):
    registration = seat(workshop, "Amina", "Diallo")
    token = ticket_token(registration)

    assert str(registration.pk) != token and read_ticket_token(token).registration_id == registration.pk
    forged = signing.dumps({"registration": registration.pk, "event": workshop.pk}, salt="another-salt")
    assert read_ticket_token(forged) is None
    assert read_ticket_token(str(registration.pk)) is None
    assert read_ticket_token(token[:-2] + "xx") is None


# The PDFs ----------------------------------------------------------------------------------------


def test_staff_print_a4_sheets_of_badges_whose_qr_codes_check_their_holders_in(client, workshop, tmp_path):
    people = [seat(workshop, f"Person{number}", "Sample", organisation=f"Ministry {number}") for number in range(9)]
    declined = seat(workshop, "Declan", "Declined", status=Status.DECLINED)
    client.force_login(staff_member(PROGRAMME_STAFF))

    response = client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "print_badges", "_selected_action": [registration.pk for registration in [*people, declined]]},
    )

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="badges-9.pdf"'
    pages = pdf_pages_as_png(response.content, tmp_path)
    assert len(pages) == 2  # eight to a sheet, then one
    scanned = [code for page in pages for code in qr_codes_in(page)]
    assert sorted(read_ticket_token(code).registration_id for code in scanned) == sorted(p.pk for p in people)
    words = pdf_words(response.content, tmp_path)
    # Two badges side by side: the text of a row comes out interleaved, field by field.
    assert all(field in words for field in ("Person0 Sample", "Ministry 0", "Person8 Sample", "Kenya"))
    assert "Workshop on cyber confidence-building measures" in words and "Vienna" in words
    assert "Declan" not in words
    shown = [
        str(message) for message in client.get(reverse("admin:events_registration_changelist")).context["messages"]
    ]
    assert "No badge: Only a confirmed registration has a ticket: Declan Declined's is declined." in shown
    assert BADGES_PER_SHEET == 8


def test_an_online_event_prints_no_badges(client):
    webinar = EventFactory(format=Event.Format.ONLINE, title="Webinar")
    registration = RegistrationFactory(event=webinar)
    client.force_login(staff_member(PROGRAMME_STAFF))

    response = client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "print_badges", "_selected_action": [registration.pk]},
        follow=True,
    )

    shown = [str(message) for message in response.context["messages"]]
    assert "No badge: Webinar is held online: there is no ticket or badge to print." in shown
    assert "None of the chosen registrations has a badge to print." in shown


def test_a_participant_downloads_their_ticket_and_nobody_else_can(client, workshop, tmp_path):
    amina = participant_with_account(email="amina@example.org", first_name="Amina", last_name="Diallo")
    registration = RegistrationFactory(event=workshop, participant=amina)
    address = reverse("events:ticket", args=[registration.pk, "ticket"])

    client.force_login(participant_with_account().user)
    assert client.get(address).status_code == 404
    client.force_login(amina.user)
    page = client.get(reverse("events:my_registrations")).content.decode()
    response = client.get(address)

    assert address in page and "Download ticket (PDF)" in page
    assert response["Content-Type"] == "application/pdf"
    words = pdf_words(response.content, tmp_path)
    assert "TICKET" in words and "Amina Diallo" in words and workshop.title in words
    (code,) = qr_codes_in(pdf_pages_as_png(response.content, tmp_path)[0])
    assert read_ticket_token(code).registration_id == registration.pk
    badge = client.get(reverse("events:ticket", args=[registration.pk, "badge"]))
    assert "Amina Diallo" in pdf_words(badge.content, tmp_path)
    assert client.get(reverse("events:ticket", args=[registration.pk, "poster"])).status_code == 404


def test_the_ticket_says_who_what_when_and_where(client, summer_course, tmp_path):
    amina = participant_with_account(
        email="amina@example.org",
        first_name="Amina",
        last_name="Diallo",
        organisation="Ministry of Defence",
        country="SN",
    )
    registration = RegistrationFactory(event=summer_course, participant=amina)
    client.force_login(amina.user)

    words = pdf_words(client.get(reverse("events:ticket", args=[registration.pk, "ticket"])).content, tmp_path)

    assert "Summer course on AI and international security" in words
    assert "from March 15, 2027 to March 17, 2027, 09:30 (Europe/Zurich)" in words
    assert "Palais des Nations, Geneva, Switzerland" in words
    assert "Amina Diallo" in words and "Ministry of Defence" in words and "Senegal" in words


def test_a_ticket_is_in_the_participants_language(client, summer_course, tmp_path):
    amina = participant_with_account(email="amina@example.org", first_name="Amina", last_name="Diallo", language="ar")
    registration = RegistrationFactory(event=summer_course, participant=amina)
    client.force_login(amina.user)

    words = pdf_words(client.get(reverse("events:ticket", args=[registration.pk, "ticket"])).content, tmp_path)

    assert "تذكرة" in words  # "Ticket"
    assert "سويسرا" in words  # Switzerland
    assert "Ticket" not in words.replace("Summer course", "")


def test_badges_carry_the_events_dates_and_city(client, summer_course, tmp_path):
    registration = seat(summer_course, "Amina", "Diallo", organisation="Ministry of Defence", country="SN")
    client.force_login(staff_member(PROGRAMME_STAFF))

    response = client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "print_badges", "_selected_action": [registration.pk]},
    )

    words = pdf_words(response.content, tmp_path)
    assert "15 March – 17 March 2027 · Geneva" in words
    assert "Amina Diallo" in words and "Ministry of Defence" in words and "Senegal" in words


def test_the_badge_from_my_registrations_carries_the_participants_code(client, workshop, tmp_path):
    amina = participant_with_account(email="amina@example.org", first_name="Amina", last_name="Diallo")
    registration = RegistrationFactory(event=workshop, participant=amina)
    client.force_login(amina.user)

    badge = client.get(reverse("events:ticket", args=[registration.pk, "badge"]))

    (code,) = qr_codes_in(pdf_pages_as_png(badge.content, tmp_path)[0])
    assert read_ticket_token(code) == read_ticket_token(ticket_token(registration))
    assert badge["Content-Disposition"] == f'attachment; filename="badge-{workshop.slug}-{registration.pk}.pdf"'


def test_a_cancelled_event_has_no_tickets_or_badges(client, workshop):
    amina = participant_with_account(email="amina@example.org")
    registration = RegistrationFactory(event=workshop, participant=amina)
    Event.objects.filter(pk=workshop.pk).update(status=Event.Status.CANCELLED)
    client.force_login(amina.user)

    page = client.get(reverse("events:my_registrations")).content.decode()
    response = client.get(reverse("events:ticket", args=[registration.pk, "ticket"]), follow=True)
    client.force_login(staff_member(PROGRAMME_STAFF))
    printed = client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "print_badges", "_selected_action": [registration.pk]},
        follow=True,
    )

    assert "Download ticket" not in page
    refusal = f"{workshop.title} is cancelled: there is no ticket or badge to print."
    assert refusal in response.content.decode()
    assert f"No badge: {refusal}" in [str(message) for message in printed.context["messages"]]


def test_no_badge_is_printed_for_someone_whose_data_was_deleted(client, workshop):
    registration = seat(workshop, "Amina", "Diallo")
    anonymise_participant(registration.participant)
    client.force_login(staff_member(PROGRAMME_STAFF))

    response = client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "print_badges", "_selected_action": [registration.pk]},
        follow=True,
    )

    assert "No badge: The participant's data has been deleted: no ticket can be printed." in [
        str(message) for message in response.context["messages"]
    ]


def test_a_waitlisted_participant_has_no_ticket(client, workshop):
    amina = participant_with_account(email="amina@example.org")
    registration = RegistrationFactory(event=workshop, participant=amina, status=Status.WAITLISTED)
    client.force_login(amina.user)

    page = client.get(reverse("events:my_registrations")).content.decode()
    response = client.get(reverse("events:ticket", args=[registration.pk, "ticket"]), follow=True)

    assert "Download ticket" not in page
    assert "Only a confirmed registration has a ticket" in response.content.decode()


# Scanning at the door -------------------------------------------------------------------------------


def scan(client, event, code, as_json=True):
    headers = {"Accept": "application/json"} if as_json else {}
    return client.post(reverse("events:check_in_scan", args=[event.slug]), {"ticket": code}, headers=headers)


def test_a_scanned_ticket_checks_its_holder_in_once(client, workshop):
    registration = seat(workshop, "Amina", "Diallo")
    client.force_login(desk_staff())

    first = scan(client, workshop, ticket_token(registration)).json()
    second = scan(client, workshop, ticket_token(registration)).json()

    registration.refresh_from_db()
    assert registration.attended and registration.checked_in_at is not None
    assert first == {
        "checked_in": True,
        "message": "Amina Diallo is checked in.",
        "counts": {"checked_in": 1, "confirmed": 1},
    }
    assert second["checked_in"] and re.fullmatch(
        r"Amina Diallo was already checked in at \d\d:\d\d\.", second["message"]
    )


def test_an_attendee_imported_as_attending_is_told_so_when_scanned(client, workshop):
    registration = seat(workshop, "Amina", "Diallo")
    Registration.objects.filter(pk=registration.pk).update(attended=True, checked_in_at=None)
    client.force_login(desk_staff())

    answer = scan(client, workshop, ticket_token(registration)).json()

    assert answer["checked_in"] and answer["message"] == "Amina Diallo was already marked as attending."


@pytest.mark.parametrize(
    ("make_code", "message"),
    [
        (lambda registration, other: "not-a-ticket", "This code is not a ticket or badge of ours."),
        (lambda registration, other: str(registration.pk), "This code is not a ticket or badge of ours."),
        (
            lambda registration, other: ticket_token(other),
            "This ticket is for another event: Another seminar.",
        ),
    ],
    ids=["unknown", "bare id", "other event"],
)
def test_an_unknown_or_other_events_code_is_refused_plainly(client, workshop, make_code, message):
    registration = seat(workshop, "Amina", "Diallo")
    other = RegistrationFactory(event=starting_soon(title="Another seminar"))
    client.force_login(desk_staff())

    answer = scan(client, workshop, make_code(registration, other)).json()

    assert answer["checked_in"] is False and answer["message"] == message
    assert not Registration.objects.filter(attended=True).exists()


def test_a_cancelled_registrations_ticket_does_not_check_in(client, workshop):
    registration = seat(workshop, "Amina", "Diallo")
    token = ticket_token(registration)
    Registration.objects.filter(pk=registration.pk).update(status=Status.CANCELLED)
    client.force_login(desk_staff())

    answer = scan(client, workshop, token).json()

    assert answer == {
        "checked_in": False,
        "message": "Amina Diallo's registration is cancelled: not checked in.",
        "counts": {"checked_in": 0, "confirmed": 0},
    }


def test_a_hand_held_scanner_types_the_code_into_the_form_without_javascript(client, workshop):
    registration = seat(workshop, "Amina", "Diallo")
    client.force_login(desk_staff())

    response = scan(client, workshop, ticket_token(registration), as_json=False)
    page = client.get(response.url).content.decode()

    assert response.status_code == 302
    assert "Amina Diallo is checked in." in page


def test_only_check_in_staff_may_scan(client, workshop):
    registration = seat(workshop, "Amina", "Diallo")
    client.force_login(participant_with_account().user)

    assert scan(client, workshop, ticket_token(registration)).status_code == 403
    registration.refresh_from_db()
    assert not registration.attended


def test_a_cancelled_events_codes_check_nobody_in(client, workshop):
    registration = seat(workshop, "Amina", "Diallo")
    Event.objects.filter(pk=workshop.pk).update(status=Event.Status.CANCELLED)
    client.force_login(desk_staff())

    answer = scan(client, workshop, ticket_token(registration)).json()
    page = client.get(reverse("events:check_in", args=[workshop.slug])).content.decode()

    assert answer["checked_in"] is False
    assert answer["message"] == f"{workshop.title} is cancelled: nobody is checked in."
    assert f"{workshop.title} is cancelled: nobody is checked in." in page and 'name="ticket"' not in page
    registration.refresh_from_db()
    assert not registration.attended


def test_a_ticket_whose_registration_was_deleted_says_so(client, workshop):
    registration = seat(workshop, "Amina", "Diallo")
    token = ticket_token(registration)
    registration.delete()
    client.force_login(desk_staff())

    answer = scan(client, workshop, token).json()

    assert answer["checked_in"] is False and answer["message"] == "This ticket's registration no longer exists."


def test_a_signed_out_camera_reader_is_told_to_sign_in_again(client, workshop):
    registration = seat(workshop, "Amina", "Diallo")

    answer = scan(client, workshop, ticket_token(registration))
    typed = scan(client, workshop, ticket_token(registration), as_json=False)

    assert answer.status_code == 401
    assert answer.json()["message"].startswith("Your session has ended: reload this page, sign in again")
    assert typed.status_code == 302 and typed.url.startswith("/en/accounts/login/")
    registration.refresh_from_db()
    assert not registration.attended


def test_a_code_typed_into_the_search_box_finds_its_holder(client):
    # Ids as a programme of 100,000 participants has them: the code is over 100 characters long.
    workshop = starting_soon(pk=12_345, slug="large-programme-workshop")
    amina = RegistrationFactory(
        pk=1_234_567, event=workshop, participant=ParticipantFactory(first_name="Amina", last_name="Diallo")
    )
    assert len(ticket_token(amina)) > 100
    seat(workshop, "Boris", "Petrov")
    client.force_login(desk_staff())

    found = client.get(reverse("events:check_in", args=[workshop.slug]), {"q": ticket_token(amina)})

    assert [registration.pk for registration in found.context["registrations"]] == [amina.pk]
    amina.refresh_from_db()
    assert not amina.attended  # a search only shows; the ticket field checks in


def test_the_desk_page_puts_the_cursor_where_a_hand_held_scanner_types(client, workshop):
    client.force_login(desk_staff())

    fresh = client.get(reverse("events:check_in", args=[workshop.slug])).content.decode()
    after_a_search = client.get(reverse("events:check_in", args=[workshop.slug]), {"q": "amina"}).content.decode()

    assert re.search(r'<input id="ticket-code"[^>]* autofocus>', fresh)
    assert not re.search(r'<input id="check-in-query"[^>]*autofocus', fresh, flags=re.DOTALL)
    assert re.search(r'<input id="check-in-query"[^>]*autofocus', after_a_search, flags=re.DOTALL)
