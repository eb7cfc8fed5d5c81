"""factory-boy factories for every domain model; tests build exactly the world their story needs."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from djmoney.money import Money

from donors.models import Contribution, Donor, ExchangeRate, Sponsorship
from events.models import (
    AgendaItem,
    Answer,
    Event,
    EventSeries,
    Material,
    Participant,
    Question,
    Registration,
    Speaker,
    VisaLetterTemplate,
)
from programmes.models import InformationResource, MappingExercise, Organisation, Programme, Topic
from publications.models import Authorship, Contributor, Publication, Translation
from unidir_cb.core.models import OrganisationKind
from unidir_cb.core.reporting.models import ReportJob

# Every user the factory makes can sign in with this password.
STAFF_PASSWORD = "a-Str0ng-passphrase"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    email = factory.Sequence(lambda number: f"user{number}@example.org")
    username = factory.SelfAttribute("email")
    password = factory.django.Password(STAFF_PASSWORD)


def staff_member(group_name: str, **attributes):
    """A staff user in one of the staff groups (unidir_cb.core.permissions)."""
    user = UserFactory(is_staff=True, **attributes)
    user.groups.add(Group.objects.get(name=group_name))
    return user


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("short_name",)

    name = factory.Sequence(lambda number: f"Programme {number}")
    short_name = factory.Sequence(lambda number: f"P{number}")
    name_in_text = factory.LazyAttribute(lambda programme: f"the UNIDIR {programme.name}")
    head_name = "Alex Head"
    head_title = "Head of Programme"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda number: f"Topic {number}")
    slug = factory.Sequence(lambda number: f"topic-{number}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda number: f"Organisation {number}")
    kind = OrganisationKind.REGIONAL_ORGANISATION


def many_to_many(field_name):
    """A post-generation hook: Factory(field_name=[...]) adds those objects to the relation."""

    def add_related(instance, create, extracted, **kwargs):
        if create and extracted:
            getattr(instance, field_name).add(*extracted)

    return factory.PostGeneration(add_related)


class InformationResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationResource
        skip_postgeneration_save = True

    name = factory.Sequence(lambda number: f"Resource {number}")
    kind = InformationResource.Kind.PORTAL
    programme = factory.SubFactory(ProgrammeFactory)
    languages = factory.LazyFunction(lambda: ["en"])
    partners = many_to_many("partners")
    topics = many_to_many("topics")


class MappingExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MappingExercise

    reference = factory.Sequence(lambda number: f"ODA/2023-{number:05d}/Mapping Exercise")
    addressees = "Ms. Browning, Ms. Prizeman"
    programme = factory.SubFactory(ProgrammeFactory)
    period_start = datetime.date(2022, 1, 1)
    period_end = datetime.date(2023, 12, 31)


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    name = factory.Sequence(lambda number: f"Series {number}")
    slug = factory.Sequence(lambda number: f"series-{number}")
    programme = factory.SubFactory(ProgrammeFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda number: f"Event {number}")
    slug = factory.Sequence(lambda number: f"event-{number}")
    programme = factory.SubFactory(ProgrammeFactory)
    kind = Event.Kind.SEMINAR
    format = Event.Format.IN_PERSON
    status = Event.Status.PUBLISHED
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=3))
    city = "Geneva"
    country = "CH"
    languages = factory.LazyFunction(lambda: ["en"])
    capacity = 50
    topics = many_to_many("topics")
    partners = many_to_many("partners")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda number: f"Session {number}")
    starts_at = factory.SelfAttribute("event.starts_at")
    ends_at = factory.LazyAttribute(lambda item: item.starts_at + datetime.timedelta(hours=1))
    speakers = many_to_many("speakers")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda number: f"Speaker {number}")
    affiliation = "UNIDIR"
    email = factory.Sequence(lambda number: f"speaker{number}@example.org")


class MaterialFactory(factory.django.DjangoModelFactory):
    """Slides for the event's participants, as a link unless `file` is given."""

    class Meta:
        model = Material

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda number: f"Slides {number}")
    url = factory.LazyAttribute(lambda material: "" if material.file else "https://example.org/slides.pdf")
    file = ""


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda number: f"participant{number}@example.org")
    country = "KE"
    organisation = "Ministry of Foreign Affairs"
    organisation_kind = OrganisationKind.GOVERNMENT
    gender = Participant.Gender.FEMALE


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    participant = factory.SubFactory(ParticipantFactory)
    status = Registration.Status.CONFIRMED


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    form = Question.Form.REGISTRATION
    kind = Question.Kind.SHORT_TEXT
    label = factory.Sequence(lambda number: f"Question {number}")
    position = factory.Sequence(lambda number: number)


class AnswerFactory(factory.django.DjangoModelFactory):
    """An answer; `with_file=b"..."` makes it an uploaded file (a file question's, private)."""

    class Meta:
        model = Answer

    class Params:
        with_file = None

    registration = factory.SubFactory(RegistrationFactory)
    question = factory.SubFactory(
        QuestionFactory,
        event=factory.SelfAttribute("..registration.event"),
        kind=factory.LazyAttribute(
            lambda question: Question.Kind.FILE if question.factory_parent.with_file else Question.Kind.SHORT_TEXT
        ),
        allowed_file_types=["pdf"],
    )
    question_label = factory.LazyAttribute(lambda answer: answer.question.label)
    question_kind = factory.LazyAttribute(lambda answer: answer.question.kind)
    private = factory.LazyAttribute(lambda answer: answer.question.is_private)
    value = factory.LazyAttribute(lambda answer: None if answer.with_file else "An answer")
    file_name = factory.LazyAttribute(lambda answer: "passport.pdf" if answer.with_file else "")
    file_size = factory.LazyAttribute(lambda answer: len(answer.with_file) if answer.with_file else None)
    file = factory.LazyAttribute(
        lambda answer: ContentFile(answer.with_file, name="passport.pdf") if answer.with_file else ""
    )


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    title = factory.Sequence(lambda number: f"Publication {number}")
    slug = factory.Sequence(lambda number: f"publication-{number}")
    kind = Publication.Kind.RESEARCH_PAPER
    programme = factory.SubFactory(ProgrammeFactory)
    published_on = datetime.date(2022, 6, 1)


class ContributorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contributor
        django_get_or_create = ("first_name", "last_name")

    first_name = factory.Faker("first_name")
    last_name = factory.Sequence(lambda number: f"Author{number}")


class AuthorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authorship

    publication = factory.SubFactory(PublicationFactory)
    contributor = factory.SubFactory(ContributorFactory)
    role = Authorship.Role.AUTHOR
    order = factory.Sequence(lambda number: number + 1)


class TranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Translation

    publication = factory.SubFactory(PublicationFactory)
    language = "fr"
    title = factory.LazyAttribute(lambda translation: f"{translation.publication.title} (traduction)")


class DonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donor
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda number: f"Donor State {number}")
    kind = Donor.Kind.MEMBER_STATE
    country = "CH"


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    donor = factory.SubFactory(DonorFactory)
    reference = factory.Sequence(lambda number: f"GRANT-{number:05d}")
    funding_type = Contribution.FundingType.CORE
    status = Contribution.Status.SIGNED
    amount = factory.LazyFunction(lambda: Money(Decimal("100000.00"), "USD"))
    signed_on = datetime.date(2022, 1, 15)
    covers_from = datetime.date(2022, 1, 1)
    covers_until = datetime.date(2022, 12, 31)
    programme = factory.SubFactory(ProgrammeFactory)


class SponsorshipFactory(factory.django.DjangoModelFactory):
    """Travel and accommodation paid for a confirmed registration; amounts as given (none by default)."""

    class Meta:
        model = Sponsorship

    registration = factory.SubFactory(RegistrationFactory)
    contribution = factory.SubFactory(
        ContributionFactory,
        covers_from=factory.LazyAttribute(
            lambda c: c.factory_parent.registration.event.starts_on.replace(month=1, day=1)
        ),
        covers_until=factory.LazyAttribute(
            lambda c: c.factory_parent.registration.event.starts_on.replace(month=12, day=31)
        ),
        programme=factory.SelfAttribute("..registration.event.programme"),
    )
    covers_travel = True
    covers_accommodation = True


class VisaLetterTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisaLetterTemplate
        django_get_or_create = ("programme",)

    programme = factory.SubFactory(ProgrammeFactory)
    host = "United Nations Institute for Disarmament Research"
    address = "Palais des Nations\n1211 Geneva 10"


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate

    currency = "EUR"
    month = datetime.date(2022, 1, 1)
    units_per_usd = Decimal("0.885000")


class ReportJobFactory(factory.django.DjangoModelFactory):
    """A finished activity summary by default; tests that need a live job set status and attempts."""

    class Meta:
        model = ReportJob

    kind = "activity_summary"
    parameters = factory.LazyFunction(lambda: {"programme": "SecTec", "start": "2022-01-01", "end": "2023-12-31"})
    requested_by = factory.SubFactory(UserFactory)
    status = ReportJob.Status.SUCCEEDED
    progress = 100
    attempts = 1
    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
