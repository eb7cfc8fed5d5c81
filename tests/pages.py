"""Measuring what a page costs to build (not to read from the public-page cache)."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_to_build(client, url, params=None) -> int:
    """The queries of one rendering of the page at `url`; public pages are otherwise served from the
    cache to anonymous visitors, so the cache is emptied first."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


def freshly_rendered(client, url, params=None):
    """The page rendered now (with its template context), not read from the public-page cache."""
    cache.clear()
    return client.get(url, params or {})
