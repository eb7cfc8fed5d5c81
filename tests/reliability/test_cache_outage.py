"""With the cache (Redis) down, the site under gunicorn still signs people in, signs them up,
registers them for events and verifies certificates: rate limits fail open with a logged warning,
and the login protection, counted in the database, still holds."""

import datetime
import re

import pytest
import redis
import requests
from django.utils import timezone

from events.models import Event
from events.services import certificates
from tests.events.participants import PASSWORD, participant_with_account
from tests.factories import EventFactory, RegistrationFactory
from unidir_cb.core.models import LoginFailure

pytestmark = [pytest.mark.reliability, pytest.mark.timeout(180)]


class Visitor:
    """A browser: keeps its cookies, sends each form with the CSRF token of the page it came from."""

    def __init__(self, site):
        self.site = site
        self.session = requests.Session()

    def get(self, path, **params):
        return self.session.get(self.site.url + path, params=params, allow_redirects=False, timeout=30)

    def submit(self, path, fields):
        page = self.get(path)
        assert page.status_code == 200, page.text[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
        return self.session.post(
            self.site.url + path, data={**fields, "csrfmiddlewaretoken": token}, allow_redirects=False, timeout=30
        )

    def post(self, path, fields, token_from):
        page = self.get(token_from)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
        return self.session.post(
            self.site.url + path, data={**fields, "csrfmiddlewaretoken": token}, allow_redirects=False, timeout=30
        )


def test_logins_sign_ups_registrations_and_certificate_checks_work_while_the_cache_is_down(start_site, private_redis):
    amina = participant_with_account(email="amina@example.org", first_name="Amina", last_name="Diallo")
    event = EventFactory(slug="norms-workshop", title="Norms workshop")
    past = EventFactory(kind=Event.Kind.SUMMER_COURSE, starts_at=timezone.now() - datetime.timedelta(days=10))
    certificate = certificates.issue_certificate(RegistrationFactory(participant=amina, event=past, attended=True))
    site = start_site(CACHE_URL=private_redis.url(1))
    Visitor(site).submit(
        "/en/accounts/signup/", {"email": "early@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert redis.Redis.from_url(private_redis.url(1)).keys("*"), "the site should count its limits in this Redis"

    private_redis.stop()

    visitor = Visitor(site)
    wrong = visitor.submit("/en/accounts/login/", {"login": amina.email, "password": "not-her-password"})
    assert wrong.status_code == 200 and "not correct" in wrong.text
    assert LoginFailure.objects.filter(account=f"user:{amina.user_id}").count() == 1  # still counted
    login = visitor.submit("/en/accounts/login/", {"login": amina.email, "password": PASSWORD})
    assert login.status_code == 302, login.text[:500]
    assert visitor.get("/en/events/my-registrations/").status_code == 200  # signed in

    registration = visitor.post(f"/en/events/{event.slug}/register/", {}, token_from=f"/en/events/{event.slug}/")
    assert registration.status_code == 302, registration.text[:500]
    assert event.registrations.filter(participant=amina).exists()

    sign_up = Visitor(site).submit(
        "/en/accounts/signup/", {"email": "newcomer@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert sign_up.status_code == 302, sign_up.text[:500]
    assert sign_up.headers["Location"] == "/en/accounts/confirm-email/"

    verified = Visitor(site).get("/en/certificates/verify/", code=certificate.certificate_code)
    assert verified.status_code == 200
    assert "Amina Diallo" in verified.text

    assert " 500 " not in site.log()
    assert "Exception ignored" in site.log()  # django-redis logged each error it ignored
