"""Groups decide what staff may do: programme staff edit all but money, finance handles money,
management reads everything and runs reports; participants never see the admin."""

import pytest
from django.contrib.admin import site
from django.contrib.auth.models import Group
from django.test import RequestFactory

from events.models import Event, Registration
from tests.factories import ContributionFactory, EventFactory, RegistrationFactory, UserFactory
from unidir_cb.core.permissions import FINANCE, MANAGEMENT, PROGRAMME_STAFF, may_see_amounts

pytestmark = pytest.mark.django_db

OUR_PACKAGES = ("donors", "events", "programmes", "publications", "reports", "unidir_cb")


def staff_member(client, group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def test_programme_staff_edit_events_but_cannot_see_contributions(client):
    staff_member(client, PROGRAMME_STAFF)
    event = EventFactory()
    contribution = ContributionFactory()

    assert client.get(f"/admin/events/event/{event.pk}/change/").status_code == 200
    assert client.get("/admin/donors/contribution/").status_code == 403
    assert client.get(f"/admin/donors/contribution/{contribution.pk}/change/").status_code == 403
    assert client.get("/admin/donors/donor/").status_code == 200


def test_finance_edits_contributions(client):
    staff_member(client, FINANCE)
    contribution = ContributionFactory()

    page = client.get(f"/admin/donors/contribution/{contribution.pk}/change/")

    assert page.status_code == 200
    assert 'name="amount_0"' in page.content.decode()


def test_management_reads_everything_but_changes_nothing(client):
    user = staff_member(client, MANAGEMENT)
    event = EventFactory()
    contribution = ContributionFactory()

    assert user.has_perm("programmes.run_reports")
    assert user.has_perm("donors.view_contribution_amounts")
    assert client.get(f"/admin/donors/contribution/{contribution.pk}/change/").status_code == 200
    assert 'name="amount_0"' not in client.get(f"/admin/donors/contribution/{contribution.pk}/change/").content.decode()
    response = client.post(f"/admin/events/event/{event.pk}/change/", {"title": "Renamed"})
    assert response.status_code == 403


def test_programme_staff_cannot_run_reports():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=PROGRAMME_STAFF))

    assert not user.has_perm("programmes.run_reports")
    assert user.has_perm("events.change_registration")
    assert not user.has_perm("donors.view_contribution")


def test_a_participant_never_sees_the_admin(client):
    participant_user = UserFactory(is_staff=False)
    client.force_login(participant_user)

    response = client.get("/admin/events/registration/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("group_name", "sees_amounts"), [(PROGRAMME_STAFF, False), (FINANCE, True), (MANAGEMENT, True), (None, False)]
)
def test_only_finance_and_management_may_see_what_contributions_are_worth(group_name, sees_amounts):
    user = UserFactory(is_staff=True)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))

    assert may_see_amounts(user) is sees_amounts


def test_management_cannot_approve_registrations_or_print_badges_from_the_list(client):
    staff_member(client, MANAGEMENT)
    pending = RegistrationFactory(status=Registration.Status.PENDING, event=EventFactory(format=Event.Format.IN_PERSON))

    page = client.get("/admin/events/registration/")
    for action in ("approve", "print_badges"):
        response = client.post(
            "/admin/events/registration/", {"action": action, "_selected_action": [pending.pk], "index": 0}
        )
        assert response.get("Content-Type") != "application/pdf", action

    pending.refresh_from_db()
    assert pending.status == Registration.Status.PENDING
    assert 'value="approve"' not in page.content.decode()
    assert 'value="print_badges"' not in page.content.decode()


def test_every_admin_action_says_which_permission_it_needs():
    """An action without `permissions` is offered to anyone who may view the list (Django's default):
    each of ours must say what it takes, so that read-only staff cannot change through an action."""
    undeclared = [
        f"{model._meta.label}: {name}"
        for model, model_admin in site._registry.items()
        if type(model_admin).__module__.split(".")[0] in OUR_PACKAGES
        for name, (action, *_description) in model_admin.get_actions(_superuser_request()).items()
        if not getattr(action, "allowed_permissions", None)
    ]

    assert undeclared == []


def _superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True)
    return request
