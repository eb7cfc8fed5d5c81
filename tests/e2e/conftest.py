"""Browser tests: a manager who signs in through the public login page."""

import pytest
from allauth.account.models import EmailAddress

from tests.factories import staff_member
from unidir_cb.core.permissions import MANAGEMENT


@pytest.fixture
def manager(settings, tmp_path):
    """A member of Management with a verified address; report files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    user = staff_member(MANAGEMENT, email="manager@unidir.example")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user
