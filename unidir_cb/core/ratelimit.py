"""Fixed-window rate limits counted in the cache (shared by every web process in production, see
CACHE_URL), for what allauth does not already limit: event registrations, certificate look-ups and
password attempts on account deletion.

They fail open: while the cache is unreachable every attempt is let through and a warning logged,
because refusing everyone would turn a cache outage into a site outage. Login failures are not
limited here but in the database (login_protection.py), so an outage never lifts that protection."""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def limit_exceeded(key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt under `key` and say whether the window now holds more than `limit`."""
    cache_key = f"ratelimit:{key}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        attempts = cache.incr(cache_key)
    except ValueError:  # the window expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        attempts = 1
    if attempts is None:  # the cache ignored an error (unidir_cb/core/cache.py): nothing was counted
        logger.warning("Rate limit %s not checked: the cache is unreachable, so the attempt is let through", key)
        return False
    return attempts > limit


def client_address(request) -> str:
    """The visitor's address. Behind TRUSTED_PROXY_COUNT proxies (the setting allauth reads too),
    REMOTE_ADDR is the nearest proxy's, so the address is read from X-Forwarded-For, counting
    from the right past the trusted proxies: what a client writes further left cannot be trusted."""
    proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")
