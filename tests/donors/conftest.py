"""People for the donor report and dashboard tests, and the demo programme loaded once per module."""

from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import transaction

from programmes.models import Programme
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def report_files_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reports_without_money(db):
    """May run reports and open the dashboard, but not see what donors gave."""
    user = UserFactory(email="officer@unidir.example", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="run_reports", content_type__app_label="programmes"))
    return user


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo programme (2022–2023 donors, events, publications), rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield Programme.objects.get(short_name="SecTec")
        transaction.set_rollback(True)
