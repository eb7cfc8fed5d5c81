"""A seat freed at a full event is offered to the first person waiting, who accepts it in a browser
from the link in the offer email, in their language; the page is valid HTML and accessible."""

import re

import pytest
from django.core import mail

from events.models import Registration
from events.services import registrations
from tests.clients.html import axe_violations, nu_errors
from tests.conftest import ARTIFACTS
from tests.events.participants import participant_with_account
from tests.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_accepting_a_seat_offer_from_the_email_link(page, live_server, tmp_path):
    event = EventFactory(title="Cyber diplomacy summit", slug="summit", capacity=1, offer_hours=48)
    seated = RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    waiting = RegistrationFactory(
        event=event,
        participant=participant_with_account("amina@example.org", first_name="Amina", language="fr"),
        status=Registration.Status.WAITLISTED,
    )

    registrations.cancel_registration(seated)  # the seat frees; the offer email goes out (Celery eager)

    [offer] = [message for message in mail.outbox if message.to == ["amina@example.org"]]
    assert offer.subject == "Une place vous est proposée : Cyber diplomacy summit"
    link = re.search(r"https?://\S+/fr/events/offers/\S+/", offer.body)[0]
    path = "/" + link.split("/", 3)[3]
    page.goto(path)  # from the mailbox: not signed in
    assert "Amina, une place s'est libérée" in page.inner_text("main")
    errors = nu_errors({path: page.content()}, tmp_path / "nu")
    assert not any(errors.values()), errors
    assert axe_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "seat-offer-fr.png", full_page=True)

    page.get_by_role("button", name="Accepter la place").click()
    page.wait_for_url("**/fr/events/summit/")

    assert "La place est à vous" in page.inner_text(".messages")
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.CONFIRMED
    page.goto(path)
    assert "Cette offre n'est plus valable" in page.inner_text("main")
