"""Rate limits count attempts per key in a window, and find the client's address behind the
proxies the deployment says it trusts, never trusting what a client writes itself."""

from django.test import RequestFactory

from tests.conftest import free_port
from unidir_cb.core.ratelimit import client_address, limit_exceeded


def test_attempts_beyond_the_limit_are_refused_and_keys_count_apart():
    assert [limit_exceeded("a", 2, window_seconds=60) for _ in range(3)] == [False, False, True]
    assert limit_exceeded("b", 2, window_seconds=60) is False


def test_without_trusted_proxies_the_connecting_address_counts(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.1")

    assert client_address(request) == "198.51.100.7"


def test_behind_one_proxy_the_address_it_appended_counts_not_what_the_client_wrote(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.7")

    assert client_address(request) == "198.51.100.7"


def test_behind_one_proxy_a_client_that_wrote_nothing_is_counted_at_the_address_the_proxy_wrote(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert client_address(request) == "198.51.100.7"


def test_a_request_that_skipped_the_proxy_falls_back_to_the_connecting_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.66")

    assert client_address(request) == "198.51.100.9"


def test_an_unreachable_cache_lets_attempts_through_with_a_warning(settings, caplog):
    """Rate limits fail open: refusing everyone while Redis is down would take the site down with it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "unidir_cb.core.cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }

    assert [limit_exceeded("a", 1, window_seconds=60) for _ in range(3)] == [False, False, False]
    assert "the cache is unreachable" in caplog.text
