"""Public pages that are the same for every anonymous visitor, kept in the configured cache.

What may be served from the cache, and to whom (the rule lives here only):
- only GET and HEAD requests of visitors who bring neither a session nor a messages cookie: with
  neither, Django knows nothing personal about them, so the page cannot hold anything personal;
- only 200 responses that set no cookie (a page that set one, a CSRF cookie say, was personal);
- the key is the language and the full path with its query string, and responses say
  `Vary: Cookie, Accept-Language`, so no page is served in another language or to a signed-in person.

Every cached page is stamped with the generation of the public content; saving or deleting any model
registered with `refresh_when_saved` (events, registrations, publications...) starts a new
generation, so a change shows at once. A page also lapses after PUBLIC_PAGE_CACHE_SECONDS, because
time changes what some pages show (an upcoming event becomes a past one).

A cached page carries an ETag of its content (cached or not, the same page has the same tag), so
ConditionalGetMiddleware answers a request whose If-None-Match holds it with 304 and no body. It is
also kept gzip-compressed, once, for the browsers and calendar clients that accept gzip: these pages
hold no secret (no CSRF token, nothing personal), so compressing them leaks nothing.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language

GENERATION_KEY = "public-pages:generation"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' cookie storage
# Smaller pages gain nothing from compression.
COMPRESS_FROM_BYTES = 1024


def _fresh_generation() -> int:
    # Never a number a page already stored could carry, even if the cache dropped the generation key.
    return time.time_ns()


def current_generation() -> int:
    return cache.get_or_set(GENERATION_KEY, _fresh_generation, timeout=None)


def start_new_generation() -> None:
    """Every cached public page is out of date from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (a fresh or flushed cache)
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)


def public_content_changed(**signal_arguments) -> None:
    """Start a new generation once the change is committed: a page rendered meanwhile from the rows
    as they were must not carry the new generation (it would then be served as current)."""
    transaction.on_commit(start_new_generation)


def refresh_when_saved(*models) -> None:
    """Start a new generation whenever one of `models`, or one of its many-to-many relations, changes."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(public_content_changed, sender=model, dispatch_uid=f"public-pages:save:{label}")
        post_delete.connect(public_content_changed, sender=model, dispatch_uid=f"public-pages:delete:{label}")
        for relation in model._meta.local_many_to_many:
            m2m_changed.connect(
                public_content_changed,
                sender=relation.remote_field.through,
                dispatch_uid=f"public-pages:m2m:{label}.{relation.name}",
            )


def visitor_is_anonymous_and_unknown(request) -> bool:
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES
    )


def page_key(request) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"public-pages:page:{get_language()}:{digest}"


def entity_tag(content: bytes) -> str:
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def accepts_gzip(request) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def _shared_response(request, stored: dict):
    compressed = stored["gzip"] if accepts_gzip(request) else None
    response = HttpResponse(compressed or stored["content"], content_type=stored["content_type"], status=200)
    for name, value in stored["headers"].items():
        response[name] = value
    if compressed:
        response["Content-Encoding"] = "gzip"
        response["ETag"] = stored["etag"][:-1] + '-gzip"'  # another representation, another tag
    else:
        response["ETag"] = stored["etag"]
    response["Content-Length"] = str(len(response.content))
    # Browsers and calendar clients keep the page but ask before each use: a 304 costs almost nothing.
    response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ("Cookie", "Accept-Language", "Accept-Encoding"))
    return response


KEPT_HEADERS = ("Content-Language", "Content-Disposition", "X-Robots-Tag")


def public_page(view):
    """Serve `view` from the cache to anonymous visitors (see the module's rules)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not visitor_is_anonymous_and_unknown(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation()
        stored = found.get(key)
        if stored is not None and stored["generation"] == generation:
            return _shared_response(request, stored)
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.cookies or getattr(response, "streaming", False):
            return response
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        content = response.content
        stored = {
            "generation": generation,
            "content": content,
            "gzip": compress_string(content) if len(content) >= COMPRESS_FROM_BYTES else None,
            "content_type": response["Content-Type"],
            "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
            "etag": entity_tag(content),
        }
        cache.set(key, stored, timeout=settings.PUBLIC_PAGE_CACHE_SECONDS)
        return _shared_response(request, stored)

    return cached_view
