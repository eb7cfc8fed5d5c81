"""Staff work in the admin: every domain model has a changelist, add and change page, and every
changelist runs the same number of queries whatever the number of rows."""

import datetime

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from donors.models import Contribution, Donor, ExchangeRate, Sponsorship
from events.models import (
    Event,
    EventMessage,
    EventSeries,
    Participant,
    Registration,
    Speaker,
    VisaLetter,
    VisaLetterTemplate,
)
from events.services.messages import send_event_message
from programmes.models import InformationResource, MappingExercise, MappingSubmission, Organisation, Programme, Topic
from publications.models import Contributor, Publication, Translation
from tests import factories

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {"programmes", "events", "publications", "donors"}


def publication_with_authors_and_translation(number):
    publication = factories.PublicationFactory()
    factories.AuthorshipFactory(publication=publication, order=1)
    factories.AuthorshipFactory(publication=publication, order=2)
    factories.TranslationFactory(publication=publication, language="fr")
    return publication


def event_with_registrations(number):
    event = factories.EventFactory(series=factories.EventSeriesFactory(), topics=[factories.TopicFactory()])
    factories.RegistrationFactory(event=event)
    factories.RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    return event


def contribution_funding_an_event(number):
    contribution = factories.ContributionFactory()
    contribution.events.add(factories.EventFactory())
    return contribution


def event_message(number):
    event = event_with_registrations(number)
    return send_event_message(event, [Registration.Status.CONFIRMED], f"News {number}", "Text", sent_by=None)


def visa_letter(number):
    registration = factories.RegistrationFactory()
    return VisaLetter.objects.create(
        registration=registration, reference=f"VL-{number}", file=ContentFile(b"%PDF-1.7", name="letter.pdf")
    )


def mapping_submission(number):
    exercise = factories.MappingExerciseFactory()
    return MappingSubmission.objects.create(exercise=exercise, version=1)


ROW_BUILDERS = {
    Programme: lambda number: factories.EventFactory().programme,
    Topic: lambda number: factories.TopicFactory(),
    Organisation: lambda number: factories.OrganisationFactory(),
    InformationResource: lambda number: factories.InformationResourceFactory(
        partners=[factories.OrganisationFactory()]
    ),
    MappingExercise: lambda number: mapping_submission(number).exercise,
    MappingSubmission: mapping_submission,
    EventSeries: lambda number: factories.EventSeriesFactory(),
    Event: event_with_registrations,
    Participant: lambda number: factories.RegistrationFactory().participant,
    Registration: lambda number: factories.RegistrationFactory(),
    Publication: publication_with_authors_and_translation,
    Contributor: lambda number: factories.AuthorshipFactory().contributor,
    Translation: lambda number: factories.TranslationFactory(),
    Donor: lambda number: factories.ContributionFactory().donor,
    Contribution: contribution_funding_an_event,
    ExchangeRate: lambda number: factories.ExchangeRateFactory(month=datetime.date(2000 + number, 1, 1)),
    EventMessage: event_message,
    Sponsorship: lambda number: factories.SponsorshipFactory(),
    VisaLetterTemplate: lambda number: factories.VisaLetterTemplateFactory(),
    VisaLetter: visa_letter,
    Speaker: lambda number: factories.AgendaItemFactory(speakers=[factories.SpeakerFactory()]).speakers.get(),
}
# Logs written by an operation elsewhere (the event's "Email participants" page, the Registrations
# list's "Issue visa support letters"): read, never added or edited.
READ_ONLY_LOGS = {EventMessage, VisaLetter}


def domain_admin_models():
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label in DOMAIN_APPS),
        key=lambda model: model._meta.label,
    )


def admin_url(model, view, *arguments):
    suffix = "/".join(str(argument) for argument in arguments)
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{suffix + '/' if suffix else ''}{view}"


def changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, ""))
    assert response.status_code == 200
    return len(queries)


def test_every_domain_model_in_the_admin_has_a_row_builder_here():
    assert set(domain_admin_models()) == set(ROW_BUILDERS)


@pytest.mark.parametrize("model", list(ROW_BUILDERS), ids=lambda model: model._meta.label)
def test_changelist_runs_a_fixed_number_of_queries_whatever_the_row_count(admin_client, model):
    build = ROW_BUILDERS[model]
    for number in range(2):
        build(number)
    queries_with_few_rows = changelist_queries(admin_client, model)
    for number in range(2, 14):
        build(number)
    queries_with_many_rows = changelist_queries(admin_client, model)

    assert model.objects.count() >= 14
    assert queries_with_many_rows == queries_with_few_rows


@pytest.mark.parametrize("model", list(ROW_BUILDERS), ids=lambda model: model._meta.label)
def test_every_model_can_be_added_and_edited_in_the_admin(admin_client, model):
    row = ROW_BUILDERS[model](0)

    assert admin_client.get(admin_url(model, "add/")).status_code == (403 if model in READ_ONLY_LOGS else 200)
    assert admin_client.get(admin_url(model, "change/", row.pk)).status_code == 200


@pytest.mark.parametrize("model", list(ROW_BUILDERS), ids=lambda model: model._meta.label)
def test_every_changelist_can_be_searched(admin_client, model):
    ROW_BUILDERS[model](0)

    response = admin_client.get(admin_url(model, ""), {"q": "zzz-no-such-row"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 0
