"""Registration status changes only through the admin actions, which keep to capacity and tell
the participant: the change form and the event's inline show it but do not take it."""

import pytest

from events.models import Registration
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_posting_a_status_on_the_change_form_does_not_change_it(client, admin_user):
    registration = RegistrationFactory(status=Registration.Status.PENDING)
    client.force_login(admin_user)
    url = f"/admin/events/registration/{registration.pk}/change/"

    page = client.get(url).content.decode()
    assert 'name="status"' not in page

    client.post(
        url,
        {
            "event": registration.event_id,
            "participant": registration.participant_id,
            "status": Registration.Status.CONFIRMED,
        },
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING


def test_the_event_inline_shows_status_without_a_field_for_it(client, admin_user):
    registration = RegistrationFactory(status=Registration.Status.WAITLISTED)
    client.force_login(admin_user)

    page = client.get(f"/admin/events/event/{registration.event_id}/change/").content.decode()

    assert "Waitlisted" in page
    assert 'name="registrations-0-status"' not in page
