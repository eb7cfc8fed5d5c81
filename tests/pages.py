"""Measuring what a page costs to build (not to read from the public-page cache), and reading a
page's form back as a browser would post it."""

import html.parser

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


class _FormReader(html.parser.HTMLParser):
    """The fields of one form as a browser would post them back unchanged."""

    def __init__(self, is_the_form):
        super().__init__(convert_charrefs=True)
        self.is_the_form = is_the_form
        self.data: dict[str, list[str]] = {}
        self.in_form = False
        self.textarea = None
        self.select = None  # (name, multiple, options seen, any selected)

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.is_the_form(attrs):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file", "image", "reset"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.add(name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.add(name, "")
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "first": None, "selected": False}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["selected"] = True
                self.add(self.select["name"], value)

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select is not None:
            if not self.select["selected"] and not self.select["multiple"] and self.select["first"] is not None:
                self.add(self.select["name"], self.select["first"])
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form = False


def form_fields(page: str, **form_attributes) -> dict:
    """What a browser posts back from the first form whose attributes include `form_attributes`
    (e.g. id="event_form"), unchanged: one value per field, a list where a field has several."""

    def is_the_form(attrs):
        return all(value in (attrs.get(name) or "").split() for name, value in form_attributes.items())

    reader = _FormReader(is_the_form)
    reader.feed(page)
    return {name: values[0] if len(values) == 1 else values for name, values in reader.data.items()}
