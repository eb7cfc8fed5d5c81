"""Staff tick an event's languages and who may apply, and an information resource's languages; they
never type JSON (a mapping letter is edited on its review page), and never see the event's internal
counters and secrets."""

import re

import pytest
from django.urls import reverse

from events.models import Event
from programmes.models import InformationResource
from tests.factories import EventFactory, InformationResourceFactory, MappingExerciseFactory
from tests.pages import form_fields

pytestmark = pytest.mark.django_db


def change_page(client, event) -> str:
    return client.get(f"/admin/events/event/{event.pk}/change/").content.decode()


def post_change(client, event, **changes):
    data = {**form_fields(change_page(client, event), id="event_form"), **changes}
    return client.post(f"/admin/events/event/{event.pk}/change/", data)


def test_the_event_form_offers_checkboxes_and_a_country_chooser_and_hides_internal_fields(admin_client):
    event = EventFactory(languages=["en", "fr"], eligible_country_groups=["ldc"], eligible_countries=["KE"])

    page = change_page(admin_client, event)

    assert re.search(r'<input type="checkbox" name="languages" value="fr" id="[^"]+" checked>', page)
    assert re.search(r'<input type="checkbox" name="languages" value="ar" id="[^"]+">', page)
    assert 'type="checkbox" name="eligible_organisation_kinds" value="government"' in page
    assert 'name="eligible_country_groups" value="ldc"' in page
    assert '<option value="KE" selected>Kenya</option>' in page
    assert "SelectFilter2.js" in page  # the admin's own two-box chooser for long lists
    assert "[&quot;en&quot;" not in page and '["en"' not in page
    for internal in ("calendar_sequence", "invitation_token", event.invitation_token):
        assert internal not in page


def test_saving_the_form_unchanged_keeps_every_list(admin_client):
    event = EventFactory(
        languages=["en", "ar"],
        eligible_organisation_kinds=["government"],
        eligible_country_groups=["ldc", "sids"],
        eligible_countries=["KE", "NG"],
    )

    response = post_change(admin_client, event)

    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.languages == ["en", "ar"] or sorted(event.languages) == ["ar", "en"]
    assert event.eligible_organisation_kinds == ["government"]
    assert sorted(event.eligible_country_groups) == ["ldc", "sids"]
    assert sorted(event.eligible_countries) == ["KE", "NG"]


def test_ticking_and_unticking_saves_the_lists(admin_client):
    event = EventFactory(languages=["en"], eligible_countries=["KE"])

    post_change(
        admin_client,
        event,
        languages=["fr", "es"],
        eligible_organisation_kinds=["government", "academia"],
        eligible_country_groups=["sids"],
        eligible_countries=[],
    )

    event.refresh_from_db()
    assert sorted(event.languages) == ["es", "fr"]
    assert sorted(event.eligible_organisation_kinds) == ["academia", "government"]
    assert event.eligible_country_groups == ["sids"]
    assert event.eligible_countries == []


def test_a_value_that_is_not_offered_is_refused_with_a_message_and_nothing_saved(admin_client):
    event = EventFactory(languages=["en"], eligible_countries=["KE"])

    response = post_change(admin_client, event, languages=["en", "xx"], eligible_countries=["KE", "ZZ"])

    page = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice. xx is not one of the available choices." in page
    assert "Select a valid choice. ZZ is not one of the available choices." in page
    event.refresh_from_db()
    assert event.languages == ["en"] and event.eligible_countries == ["KE"]


def test_an_event_is_added_with_ticked_lists(admin_client):
    page = admin_client.get("/admin/events/event/add/").content.decode()
    programme = EventFactory().programme
    data = {
        **form_fields(page, id="event_form"),
        "title_en": "Fellowship for small island States",
        "title_fr": "Bourse pour les petits États insulaires",
        "slug": "sids-fellowship",
        "programme": programme.pk,
        "kind": Event.Kind.TRAINING_MODULE,
        "format": Event.Format.ONLINE,
        "status": Event.Status.DRAFT,
        "starts_at_0": "2031-03-10",
        "starts_at_1": "09:00",
        "ends_at_0": "2031-03-10",
        "ends_at_1": "12:00",
        "languages": ["en", "fr"],
        "eligible_country_groups": ["sids"],
    }

    response = admin_client.post("/admin/events/event/add/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    added = Event.objects.get(slug="sids-fellowship")
    assert (added.languages, added.eligible_country_groups, added.eligible_countries) == (["en", "fr"], ["sids"], [])


def test_an_information_resource_lists_its_languages_by_ticking_them(admin_client):
    resource = InformationResourceFactory(languages=["en"])
    url = f"/admin/programmes/informationresource/{resource.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'type="checkbox" name="languages" value="zh"' in page
    for other_field in ("kind", "programme", "url", "partners", "topics", "launched_on"):
        assert f'name="{other_field}"' in page, f"the form still offers {other_field}"

    admin_client.post(url, {**form_fields(page, id="informationresource_form"), "languages": ["en", "zh", "ru"]})

    resource.refresh_from_db()
    assert sorted(resource.languages) == ["en", "ru", "zh"]
    listing = admin_client.get("/admin/programmes/informationresource/").content.decode()
    assert "English, Chinese, Russian" in listing or "English, Russian, Chinese" in listing
    assert InformationResource.objects.count() == 1


def test_a_mapping_submission_is_not_edited_as_json_in_the_admin_but_on_its_review_page(admin_client):
    exercise = MappingExerciseFactory()
    submission = exercise.submissions.create(version=1, sections={"order": []})

    page = admin_client.get(f"/admin/programmes/mappingsubmission/{submission.pk}/change/").content.decode()

    assert 'name="sections"' not in page
    review = reverse("mapping:review_version", args=[exercise.pk, 1])
    assert f'<a href="{review}">Review and edit the letter</a>' in page
