"""NUL and other control characters in any query parameter or form field get a 400, never a 500.

The walk enumerates the URL patterns themselves (every app's, allauth's, the admin's with each
registered model's pages) and every admin changelist's filter parameters, so a page added later is
covered without touching this test."""

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories
from tests.events.participants import participant_with_account
from unidir_cb.core.middleware import has_control_characters
from unidir_cb.core.reporting.models import ReportJob

pytestmark = [pytest.mark.reliability, pytest.mark.django_db, pytest.mark.timeout(300)]

HOSTILE_VALUES = ["\x00", "a\x00b", "\x1b[31m", "\x7f", "\x08"]


def named_url_patterns(patterns=None, namespace=""):
    """(namespaced name, pattern) for every named URL pattern, followed through every include."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_url_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def argument_names(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


@pytest.fixture
def world():
    """One real object behind every kind of URL argument, so each URL reaches its view."""
    registration = factories.RegistrationFactory(
        event=factories.EventFactory(slug="walk-event"), participant=participant_with_account()
    )
    publication = factories.PublicationFactory(slug="walk-publication")
    exercise = factories.MappingExerciseFactory()
    job = factories.ReportJobFactory(status=ReportJob.Status.SUCCEEDED)
    staff = factories.UserFactory(is_staff=True, is_superuser=True, email="walker@unidir.example")
    return {
        "registration": registration,
        "publication": publication,
        "arguments": {
            "pk": registration.pk,
            "exercise_pk": exercise.pk,
            "version": 1,
            "file_format": "pdf",
            "form_kind": "registration",
            "kind": "activity_summary",
            "token": registration.participant.calendar_token,
            "app_label": "events",
            "object_id": registration.pk,
            "content_type_id": 1,
            "key": "walk-key",
            "uidb36": "1",
            "id": registration.participant.user_id,
            "path": "speakers/walk-speaker.jpg",
        },
        "job": job,
        "staff": staff,
    }


def url_for(name: str, pattern: URLPattern, world) -> str:
    regex = pattern.pattern.regex
    if regex.groups > len(regex.groupindex):  # unnamed groups (simple_history's pages): ids of a row
        return reverse(name, args=[world["registration"].pk] * regex.groups)
    arguments = {}
    for argument in argument_names(pattern):
        if argument == "slug":
            arguments["slug"] = world["publication"].slug if name.startswith("publications:") else "walk-event"
        elif argument == "pk" and name.startswith("reporting:"):
            arguments["pk"] = world["job"].pk
        elif argument in world["arguments"]:
            arguments[argument] = world["arguments"][argument]
        else:
            pytest.fail(f"URL {name} takes a new argument {argument!r}: give it a value in the world fixture")
    return reverse(name, kwargs=arguments)


def every_url(world) -> list[str]:
    return sorted({url_for(name, pattern, world) for name, pattern in named_url_patterns()})


def changelist_filter_parameters(staff) -> list[tuple[str, str]]:
    """(changelist URL, parameter) for every filter of every registered ModelAdmin, and its search."""
    request_factory = RequestFactory()
    parameters = []
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        request = request_factory.get(url)
        request.user = staff
        changelist = model_admin.get_changelist_instance(request)
        names = {"q", "o", "p"}
        for filter_spec in changelist.filter_specs:
            names.update(filter_spec.expected_parameters())
        if changelist.date_hierarchy:
            names.update(f"{changelist.date_hierarchy}__{part}" for part in ("year", "month", "day"))
        parameters += [(url, name) for name in sorted(names)]
    return parameters


def assert_all_refused(answers: dict) -> None:
    """Every request answered 400; the failure lists the 500s first, the pages this rule is for."""
    errors = sorted(request for request, status in answers.items() if status >= 500)
    others = sorted((request, status) for request, status in answers.items() if status != 400 and status < 500)
    assert not errors and not others, f"{len(errors)} answered 500: {errors}\n{len(others)} got past: {others[:20]}"


def test_the_walk_reaches_every_kind_of_page(world):
    urls = every_url(world)

    assert len(urls) > 200
    for expected in ["/en/events/feed.ics", "/en/events/walk-event/check-in/", "/admin/events/registration/"]:
        assert expected in urls


def test_a_control_character_in_any_query_parameter_of_any_page_is_a_400(world):
    client = Client(raise_request_exception=False)
    client.force_login(world["staff"])
    answers = {}
    for url in every_url(world):
        for value in HOSTILE_VALUES[:2]:
            answers[(url, repr(value))] = client.get(url, {"q": value, "page": "1"}).status_code

    assert_all_refused(answers)


def test_a_control_character_in_any_form_field_of_any_page_is_a_400(world):
    client = Client(raise_request_exception=False)
    client.force_login(world["staff"])
    answers = {url: client.post(url, {"name": "Amina\x00", "note": "ok"}).status_code for url in every_url(world)}

    assert_all_refused(answers)


def test_every_admin_changelist_filter_refuses_control_characters(world):
    client = Client(raise_request_exception=False)
    client.force_login(world["staff"])
    parameters = changelist_filter_parameters(world["staff"])
    assert ("/admin/events/registration/", "status__exact") in parameters
    assert ("/admin/events/participant/", "country__exact") in parameters

    answers = {
        (url, name, repr(value)): client.get(url, {name: value}).status_code
        for url, name in parameters
        for value in HOSTILE_VALUES
    }

    assert_all_refused(answers)


def test_a_control_character_in_a_parameter_name_or_the_path_is_a_400(world):
    client = Client(raise_request_exception=False)

    assert client.get("/en/events/feed.ics", {"q\x00": "x"}).status_code == 400
    assert client.get("/en/events/walk%00event/").status_code == 400
    assert client.get(f"/events/calendar/{world['arguments']['token']}%00.ics").status_code == 400


def test_ordinary_text_with_tabs_and_line_breaks_still_passes(world):
    client = Client(raise_request_exception=False)

    assert client.get("/en/events/feed.ics", {"q": "cyber\tnorms"}).status_code == 200
    assert client.get("/en/events/", {"q": "Genève 2025 – ‘norms’ 网络"}).status_code == 200
    assert not has_control_characters("line one\r\nline two\ttabbed")
