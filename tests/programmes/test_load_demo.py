"""`manage.py load_demo` builds the Security and Technology Programme as UNIDIR's 2023 reply to the ICT
mapping exercise describes it, and running it again changes nothing.

The demo is loaded twice, once for the whole module, inside a transaction rolled back at the end, so
that other test modules never see it; each test then reads the database as a user of the demo would.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, Max
from django.test import override_settings

from donors.models import Contribution, Donor, ExchangeRate, Sponsorship
from events.models import Event, EventSeries, Material, Participant, Question, Registration, Speaker, VisaLetter
from programmes.models import InformationResource, MappingExercise, Organisation, Programme, Topic
from publications.models import Authorship, Publication, Translation
from tests.factories import staff_member
from unidir_cb.core import un_countries
from unidir_cb.core.languages import UNLanguage
from unidir_cb.core.models import OrganisationKind
from unidir_cb.core.permissions import PROGRAMME_STAFF

pytestmark = pytest.mark.django_db

# The research papers the letter gives as examples, word for word (without the list's full stops).
LETTER_EXAMPLE_PAPERS = [
    "International Cooperation to Mitigate Cyber Operations Against Critical Infrastructure",
    "Non-Escalatory Attribution of International Cyber Incidents: Facts, International Law and Politics",
    "A Taxonomy of Cyber Incidents",
    "Enhancing Cooperation to Address Criminal and Terrorist Use of ICTs",
    "Due diligence in Cyberspace: Normative Expectations of Reciprocal Protection of International Legal Rights",
    "Wading Murky Waters: Subsea Communications Cables and Responsible State Behaviour",
]
CORE_DONORS = {"Czech Republic", "Germany", "Italy", "Netherlands", "Switzerland", "Microsoft"}
ACTIVITY_SPECIFIC_DONORS = {
    "Australia",
    "Canada",
    "China",
    "France",
    "European Union",
    "Japan",
    "New Zealand",
    "Russian Federation",
    "United Kingdom",
    "United States",
}
TABLE_TOP_EXERCISES = [
    "ttx-regional-cyber-crisis-management-asean-2022",
    "ttx-regional-cyber-crisis-management-oas-2022",
]
PERIOD_START, PERIOD_END = datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)
# The day the demo was written: its upcoming events were open for registration then.
DEMO_DAY = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)


def table_models():
    return [model for model in apps.get_models() if model._meta.managed and not model._meta.proxy]


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in table_models()}


def last_changes():
    """The latest updated_at of every table that has one: equal before and after a run means the run
    wrote nothing."""
    return {
        model._meta.label: model._default_manager.aggregate(latest=Max("updated_at"))["latest"]
        for model in table_models()
        if any(field.name == "updated_at" for field in model._meta.fields)
    }


def content_fingerprint():
    return {
        "participants": sorted(
            Participant.objects.values_list(
                "email", "country", "first_name", "last_name", "organisation", "organisation_kind", "gender"
            )
        ),
        "registrations": sorted(
            Registration.objects.values_list(
                "event__slug", "participant__email", "status", "attended", "decided_at", "certificate_code"
            )
        ),
        "events": sorted(Event.objects.values_list("slug", "title", "starts_at", "ends_at", "registration_opens_at")),
        "publications": sorted(Publication.objects.values_list("slug", "title", "subtitle", "published_on")),
        "authorships": sorted(Authorship.objects.values_list("publication__slug", "contributor__last_name", "order")),
        "contributions": sorted(
            Contribution.objects.values_list("reference", "donor__name", "amount", "amount_currency", "funding_type")
        ),
        "funded_events": sorted(
            Contribution.events.through.objects.values_list("contribution__reference", "event__slug")
        ),
    }


@dataclass
class DemoRuns:
    output: str
    counts: tuple[dict, dict]
    fingerprints: tuple[dict, dict]
    last_changes: tuple[dict, dict]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        call_command("load_demo", stdout=output)
        first = (row_counts(), content_fingerprint(), last_changes())
        call_command("load_demo", stdout=StringIO())
        second = (row_counts(), content_fingerprint(), last_changes())
        yield DemoRuns(
            output=output.getvalue(),
            counts=(first[0], second[0]),
            fingerprints=(first[1], second[1]),
            last_changes=(first[2], second[2]),
        )
        transaction.set_rollback(True)


@pytest.fixture
def sectec(demo):
    return Programme.objects.get(short_name="SecTec")


def registrations_of(slug, **filters):
    return Registration.objects.filter(event__slug=slug, **filters)


# --- Running it ---------------------------------------------------------------------------------


def test_running_it_again_leaves_the_database_as_it_was(demo):
    assert demo.counts[0] == demo.counts[1]
    assert demo.fingerprints[0] == demo.fingerprints[1]
    assert demo.last_changes[0] == demo.last_changes[1], "the second run wrote to the database"
    assert demo.counts[0]["events.Registration"] > 0


def test_the_command_prints_a_summary(demo):
    assert "Security and Technology Programme (SecTec)" in demo.output
    assert "government officials from 30 countries" in demo.output
    assert "6 core, 10 activity-specific" in demo.output
    assert "ODA/2023-00042/ICT-Mapping Exercise" in demo.output


def test_it_refuses_to_invent_people_in_production():
    with override_settings(IS_PRODUCTION=True), pytest.raises(CommandError, match="production"):
        call_command("load_demo", stdout=StringIO())


# --- The programme --------------------------------------------------------------------------------


def test_the_programme_and_its_head_are_those_that_signed_the_letter(sectec):
    assert sectec.name == "Security and Technology Programme"
    assert sectec.head_name == "Giacomo Persi Paoli"
    assert sectec.head_title == "Head of Programme, Security & Technology"
    assert sectec.description


def test_topics_are_the_six_pillars_and_cross_cutting_themes(demo):
    pillars = list(Topic.objects.filter(kind=Topic.Kind.PILLAR).order_by("order").values_list("slug", flat=True))
    assert pillars == [
        "existing-and-potential-threats",
        "norms",
        "international-law",
        "confidence-building-measures",
        "capacity-building",
        "regular-institutional-dialogue",
    ]
    themes = set(Topic.objects.filter(kind=Topic.Kind.THEME).values_list("slug", flat=True))
    assert {
        "artificial-intelligence",
        "critical-infrastructure",
        "subsea-cables",
        "cybercrime",
        "attribution",
    } <= themes


def test_partners_and_the_requesting_entity_have_the_right_kinds(demo):
    kinds = {organisation.acronym: organisation.kind for organisation in Organisation.objects.exclude(acronym="")}
    assert kinds["UNITAR"] == OrganisationKind.UN_ENTITY
    assert kinds["UNODA"] == OrganisationKind.UN_ENTITY
    assert kinds["ASEAN"] == OrganisationKind.REGIONAL_ORGANISATION
    assert kinds["OAS"] == OrganisationKind.REGIONAL_ORGANISATION
    assert Organisation.objects.get(acronym="GFCE").name == "Global Forum on Cyber Expertise"
    assert Organisation.objects.get(acronym="UNODA").name == "Office for Disarmament Affairs"
    assert Organisation.objects.count() > 5


# --- Research -----------------------------------------------------------------------------------


def test_the_six_example_papers_carry_the_letters_exact_titles(sectec):
    papers = Publication.objects.filter(programme=sectec, kind=Publication.Kind.RESEARCH_PAPER)
    full_titles = {paper.full_title for paper in papers}
    for title in LETTER_EXAMPLE_PAPERS:
        assert title in full_titles
    due_diligence = papers.get(title="Due diligence in Cyberspace")
    assert due_diligence.subtitle == "Normative Expectations of Reciprocal Protection of International Legal Rights"


def test_more_than_25_publications_since_2019(sectec):
    since_2019 = Publication.objects.filter(programme=sectec, published_on__gte=datetime.date(2019, 1, 1)).exclude(
        kind=Publication.Kind.CHAPTER
    )
    assert 25 < since_2019.count() <= 32
    # True already when the letter was written, in November 2023.
    assert since_2019.filter(published_on__lte=datetime.date(2023, 11, 16)).count() > 25
    assert Publication.objects.filter(programme=sectec, published_on__lt=datetime.date(2019, 1, 1)).exists()
    years = set(since_2019.values_list("published_on__year", flat=True))
    assert set(range(2019, 2026)) <= years


def test_every_publication_has_topics_and_authors_or_editors(sectec):
    publications = Publication.objects.filter(programme=sectec).annotate(
        topic_count=Count("topics", distinct=True), people=Count("authorships", distinct=True)
    )
    assert not publications.filter(topic_count=0).exists()
    assert not publications.filter(people=0).exists()
    assert len(set(publications.values_list("kind", flat=True))) >= 5


def test_some_publications_are_translated_into_other_un_languages(sectec):
    translations = Translation.objects.filter(publication__programme=sectec)
    assert translations.values("publication").distinct().count() >= 4
    languages = set(translations.values_list("language", flat=True))
    assert len(languages) >= 4
    assert languages <= set(UNLanguage.values) - {"en"}
    critical_infrastructure = Publication.objects.get(title__startswith="International Cooperation to Mitigate")
    assert set(critical_infrastructure.translations.values_list("language", flat=True)) == {"ar", "zh", "es"}


def test_the_oewg_volume_is_catalogued_with_its_editors_and_chapters(demo):
    volume = Publication.objects.get(
        title="Unpacking the United Nations Open-Ended Working Group on ICT in the Context of International "
        "Security (2021–2025)"
    )
    assert volume.kind == Publication.Kind.EDITED_VOLUME
    assert (volume.place, volume.publisher, volume.published_on.year) == ("Geneva", "UNIDIR", 2026)
    editors = volume.authorships.filter(role=Authorship.Role.EDITOR).order_by("order").select_related("contributor")
    assert [(e.contributor.first_name, e.contributor.last_name) for e in editors] == [
        ("Samuele", "Dominioni"),
        ("Giacomo", "Persi Paoli"),
    ]
    assert {editor.contributor.honorific for editor in editors} == {"Dr"}

    chapters = volume.chapters.order_by("chapter_order")
    assert [chapter.title for chapter in chapters] == [
        "Introduction",
        "Existing and Potential Threats",
        "Rules, Norms and Principles of Responsible State Behaviour",
        "International Law",
        "Confidence-Building Measures",
        "Capacity-Building",
        "Regular Institutional Dialogue",
    ]
    assert {chapter.kind for chapter in chapters} == {Publication.Kind.CHAPTER}
    introduction = chapters.get(chapter_order=1)
    authors = introduction.authorships.filter(role=Authorship.Role.AUTHOR).order_by("order")
    assert [a.contributor.last_name for a in authors] == ["Dominioni", "Persi Paoli"]
    assert all(chapter.authorships.filter(role=Authorship.Role.AUTHOR).exists() for chapter in chapters)


# --- Participatory learning ---------------------------------------------------------------------


def test_every_event_is_published_with_the_details_participants_need(sectec):
    events = Event.objects.filter(programme=sectec)
    assert events.count() >= 15
    for event in events:
        assert event.status == Event.Status.PUBLISHED
        assert event.ends_at > event.starts_at
        assert event.time_zone and event.languages and event.target_audience and event.capacity
        assert event.topics.exists()
        if event.format == Event.Format.IN_PERSON:
            assert event.venue and event.city and event.country
        else:
            assert event.online_url.startswith("https://")


def test_confirmed_registrations_never_exceed_capacity(sectec):
    for event in Event.objects.filter(programme=sectec):
        assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() <= event.capacity


def test_2020_online_seminar_series_on_operationalising_the_norms(demo):
    series = EventSeries.objects.get(slug="norms-online-seminars-2020")
    assert "operationalisation of the norms of responsible State behaviour" in series.name
    seminars = series.events.all()
    assert seminars.count() >= 3
    assert {(event.kind, event.format, event.starts_at.year) for event in seminars} == {
        (Event.Kind.SEMINAR, Event.Format.ONLINE, 2020)
    }
    assert all(event.registrations.filter(attended=True).exists() for event in seminars)


def test_2021_three_multi_stakeholder_dialogues(demo):
    dialogues = Event.objects.filter(kind=Event.Kind.DIALOGUE, starts_at__year=2021)
    assert dialogues.count() == 3
    assert all("norms" in dialogue.topics.values_list("slug", flat=True) for dialogue in dialogues)
    kinds = set(
        Registration.objects.filter(event__in=dialogues).values_list("participant__organisation_kind", flat=True)
    )
    assert {OrganisationKind.GOVERNMENT, OrganisationKind.PRIVATE_SECTOR, OrganisationKind.CIVIL_SOCIETY} <= kinds


def test_2022_regional_briefings_on_the_oewg_for_government_representatives(demo):
    briefings = Event.objects.filter(kind=Event.Kind.BRIEFING, starts_at__year=2022)
    assert briefings.count() >= 3
    assert all("OEWG 2021–2025" in briefing.title for briefing in briefings)
    assert len({tuple(briefing.partners.values_list("acronym", flat=True)) for briefing in briefings}) >= 3
    participants = Participant.objects.filter(registrations__event__in=briefings)
    assert set(participants.values_list("organisation_kind", flat=True)) == {OrganisationKind.GOVERNMENT}


def test_2022_summer_course_with_unitar_for_ldc_and_sids_officials(demo):
    course = Event.objects.get(kind=Event.Kind.SUMMER_COURSE, starts_at__year=2022)
    assert list(course.partners.values_list("acronym", flat=True)) == ["UNITAR"]
    assert course.eligible_country_groups == ["ldc", "sids"]
    assert course.eligible_organisation_kinds == ["government"]
    assert datetime.timedelta(days=11) <= course.ends_at - course.starts_at < datetime.timedelta(days=14)
    assert "artificial-intelligence" in course.topics.values_list("slug", flat=True)
    participants = Participant.objects.filter(registrations__event=course)
    assert participants.count() >= 15
    for participant in participants:
        code = participant.country.code
        assert un_countries.is_member(code, "ldc") or un_countries.is_member(code, "sids"), code
        assert participant.organisation_kind == OrganisationKind.GOVERNMENT
    attended = course.registrations.filter(attended=True)
    assert attended.exists()
    assert not attended.filter(certificate_code="").exists()


def test_every_demo_certificate_verifies_on_the_public_page(demo, client, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 1000
    certified = Registration.objects.exclude(certificate_code="").select_related("participant")
    assert certified.count() >= 90

    for registration in certified:
        page = client.get("/en/certificates/verify/", {"code": registration.certificate_code}).content.decode()
        assert "This certificate is valid" in page, registration.certificate_code
        assert registration.participant.last_name in page


def test_2022_table_top_exercises_brought_50_officials_from_30_countries(demo):
    exercises = Event.objects.filter(slug__in=TABLE_TOP_EXERCISES)
    assert {event.kind for event in exercises} == {Event.Kind.TABLE_TOP_EXERCISE}
    assert {event.starts_at.year for event in exercises} == {2022}
    assert {partner.acronym for event in exercises for partner in event.partners.all()} == {"ASEAN", "OAS"}
    assert len({event.series_id for event in exercises}) == 1
    assert "regional cyber crisis management" in exercises[0].series.name

    took_part = Registration.objects.filter(
        event__in=exercises,
        status=Registration.Status.CONFIRMED,
        attended=True,
        participant__organisation_kind=OrganisationKind.GOVERNMENT,
    )
    assert took_part.values("participant").distinct().count() > 50
    assert took_part.values("participant__country").distinct().count() == 30
    # Nobody else registered from anywhere else.
    assert Registration.objects.filter(event__in=exercises).values("participant__country").distinct().count() == 30

    asean_countries = set(registrations_of(TABLE_TOP_EXERCISES[0]).values_list("participant__country", flat=True))
    oas_countries = set(registrations_of(TABLE_TOP_EXERCISES[1]).values_list("participant__country", flat=True))
    assert {un_countries.regional_group_of(code) for code in asean_countries} == {"asia_pacific"}
    assert {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"} <= asean_countries
    assert {un_countries.regional_group_of(code) for code in oas_countries} == {"latin_american_caribbean"}


def test_2023_cyber_stability_conference_on_the_un_charter(demo):
    conference = Event.objects.get(kind=Event.Kind.CONFERENCE, starts_at__year=2023)
    assert conference.series.name == "Cyber Stability Conference"
    assert "rights and responsibilities under the" in conference.description
    assert "Charter of the United Nations" in conference.description
    assert conference.agenda_items.count() >= 3
    assert conference.registrations.filter(attended=True).count() > 50


def test_upcoming_events_are_open_for_registration(demo):
    upcoming = Event.objects.filter(
        status=Event.Status.PUBLISHED, starts_at__gt=datetime.datetime(2026, 11, 24, tzinfo=datetime.UTC)
    )
    assert upcoming.exists()
    for event in upcoming:
        assert event.registration_opens_at <= DEMO_DAY < event.registration_closes_at < event.starts_at
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        # Open to newcomers: a seat is left, or the waiting list takes them.
        assert confirmed < event.capacity or (confirmed == event.capacity and event.waitlist_enabled)
        assert not event.registrations.filter(attended=True).exists()
        assert not event.registrations.filter(decided_at__gt=DEMO_DAY).exists()


# --- Participants -------------------------------------------------------------------------------


def test_participants_look_like_real_people(demo):
    participants = Participant.objects.all()
    assert participants.count() > 300
    emails = list(participants.values_list("email", flat=True))
    assert len(emails) == len({email.lower() for email in emails})
    assert {email.rsplit("@", 1)[1] for email in emails} <= {"example.org", "example.com", "example.net"}

    genders = dict(participants.values_list("gender").annotate(count=Count("id")))
    assert genders["female"] > 100 and genders["male"] > 100
    assert 0 < genders[Participant.Gender.PREFER_NOT_TO_SAY] < participants.count() * 0.1

    regional_groups = {un_countries.regional_group_of(code) for code in participants.values_list("country", flat=True)}
    assert set(un_countries.regional_group_names()) <= regional_groups
    assert participants.values("country").distinct().count() >= 60
    assert len(set(participants.values_list("first_name", flat=True))) > 100

    for participant in participants.filter(organisation_kind=OrganisationKind.GOVERNMENT):
        assert participant.job_title
        assert participant.organisation.startswith(("Ministry of ", "Permanent Mission of ", "National ")), (
            participant.organisation
        )
    kenyan = participants.filter(country="KE", organisation_kind=OrganisationKind.GOVERNMENT).first()
    assert kenyan.organisation.endswith(" of Kenya") or " of Kenya to " in kenyan.organisation
    russian = participants.filter(country="RU", organisation_kind=OrganisationKind.GOVERNMENT).first()
    assert russian is None or "the Russian Federation" in russian.organisation
    assert not participants.filter(consented_at__isnull=True).exists()


def test_people_register_after_consenting_and_are_decided_on_after_registering(demo):
    registrations = Registration.objects.select_related("participant")
    for registration in registrations:
        assert registration.participant.consented_at <= registration.created_at
        if registration.decided_at:
            assert registration.created_at < registration.decided_at


# --- Facilitated access to information ----------------------------------------------------------


def test_information_resources(sectec):
    portal = InformationResource.objects.get(name="Cyber Policy Portal", programme=sectec)
    assert portal.kind == InformationResource.Kind.PORTAL
    assert portal.is_in_all_un_languages
    assert InformationResource.objects.get(name="Cyber Policy Database").kind == InformationResource.Kind.DATABASE
    cybil = InformationResource.objects.get(kind=InformationResource.Kind.DATA_SHARING)
    assert "Cybil Portal" in cybil.name
    assert list(cybil.partners.values_list("acronym", flat=True)) == ["GFCE"]


# --- Donors -------------------------------------------------------------------------------------


def donors_in_period(funding_type):
    return set(
        Contribution.objects.filter(
            funding_type=funding_type, covers_from__lte=PERIOD_END, covers_until__gte=PERIOD_START
        ).values_list("donor__name", flat=True)
    )


def test_donors_of_2022_2023_are_split_as_the_letter_splits_them(demo):
    # The letter's sentence says "14 donors" but names 16 (6 core, 10 activity-specific): the names win.
    assert donors_in_period(Contribution.FundingType.CORE) == CORE_DONORS
    assert donors_in_period(Contribution.FundingType.ACTIVITY_SPECIFIC) == ACTIVITY_SPECIFIC_DONORS
    assert set(Donor.objects.values_list("name", flat=True)) == CORE_DONORS | ACTIVITY_SPECIFIC_DONORS

    with_article = set(Donor.objects.filter(name_takes_article=True).values_list("name", flat=True))
    assert with_article == {
        "Czech Republic",
        "Netherlands",
        "European Union",
        "Russian Federation",
        "United Kingdom",
        "United States",
    }
    assert Donor.objects.get(name="European Union").kind == Donor.Kind.INTERGOVERNMENTAL
    assert Donor.objects.get(name="Microsoft").kind == Donor.Kind.PRIVATE_SECTOR
    for donor in Donor.objects.filter(kind=Donor.Kind.MEMBER_STATE):
        assert donor.country, donor.name


def test_contributions_are_plausible_money_in_the_donors_currencies(demo):
    currencies = {}
    for contribution in Contribution.objects.select_related("donor"):
        assert isinstance(contribution.amount.amount, Decimal)
        assert contribution.amount.amount > 0
        assert contribution.status in {Contribution.Status.RECEIVED, Contribution.Status.SIGNED}
        for day in (
            contribution.signed_on,
            contribution.received_on,
            contribution.covers_from,
            contribution.covers_until,
        ):
            assert day is None or PERIOD_START <= day <= PERIOD_END
        if contribution.status == Contribution.Status.RECEIVED:
            assert contribution.received_on
        currencies.setdefault(contribution.donor.name, set()).add(str(contribution.amount.currency))
    assert currencies["Czech Republic"] == {"CZK"}
    assert currencies["Switzerland"] == {"CHF"}
    assert currencies["Japan"] == {"JPY"}
    assert currencies["United Kingdom"] == {"GBP"}
    assert currencies["European Union"] == {"EUR"}


def test_activity_specific_money_is_linked_to_what_it_funds(demo):
    for contribution in Contribution.objects.filter(funding_type=Contribution.FundingType.ACTIVITY_SPECIFIC):
        funded = (
            contribution.events.count() + contribution.publications.count() + contribution.information_resources.count()
        )
        assert funded, contribution.reference
    eu = set(Contribution.objects.filter(donor__name="European Union").values_list("events__slug", flat=True))
    assert set(TABLE_TOP_EXERCISES) <= eu
    japan = Contribution.objects.get(donor__name="Japan")
    assert japan.events.get().kind == Event.Kind.SUMMER_COURSE
    assert not Contribution.objects.filter(funding_type=Contribution.FundingType.CORE, events__isnull=False).exists()


def test_monthly_exchange_rates_cover_every_currency_and_month_used(demo):
    for contribution in Contribution.objects.exclude(amount_currency="USD"):
        month = (contribution.received_on or contribution.signed_on).replace(day=1)
        assert ExchangeRate.objects.filter(currency=str(contribution.amount.currency), month=month).exists()
    for currency in {"EUR", "CHF", "CZK", "AUD", "CAD", "CNY", "JPY", "NZD", "GBP"}:
        rates = ExchangeRate.objects.filter(currency=currency, month__range=(PERIOD_START, PERIOD_END))
        assert rates.count() == 24
        assert all(isinstance(rate, Decimal) and rate > 0 for rate in rates.values_list("units_per_usd", flat=True))
    euro_2022 = ExchangeRate.objects.get(currency="EUR", month=datetime.date(2022, 10, 1)).units_per_usd
    assert Decimal("0.8") < euro_2022 < Decimal("1.1")


# --- The mapping exercise -----------------------------------------------------------------------


def test_the_2023_mapping_exercise(sectec):
    exercise = MappingExercise.objects.get(reference="ODA/2023-00042/ICT-Mapping Exercise")
    assert exercise.programme == sectec
    assert exercise.requesting_entity.acronym == "UNODA"
    assert exercise.addressees == "Ms. Browning, Ms. Prizeman"
    assert (exercise.period_start, exercise.period_end) == (PERIOD_START, PERIOD_END)
    assert exercise.publications_since == datetime.date(2019, 1, 1)
    assert (exercise.received_on.year, exercise.received_on.month) == (2023, 10)
    assert exercise.received_on < exercise.due_on
    # The letter is dated 16 November 2023: before the deadline.
    assert datetime.date(2023, 11, 16) <= exercise.due_on


def test_a_visitor_of_the_chinese_or_arabic_site_reads_the_upcoming_events_and_topics_in_that_language(demo, client):
    chinese_list = client.get("/zh-hans/events/").content.decode()
    arabic_page = client.get("/ar/events/briefing-global-mechanism-ict-security-2027/").content.decode()

    assert "通报会：信息和通信技术安全全球机制的第一年" in chinese_list
    assert "关于国际法和国家在网络空间行为的培训单元" in chinese_list
    assert "<li>能力建设</li>" in chinese_list
    assert "<h1>إحاطة: الآلية العالمية المعنية بأمن تكنولوجيا المعلومات والاتصالات في عامها الأول</h1>" in arabic_page
    assert "<li>الحوار المؤسسي المنتظم</li>" in arabic_page
    assert "<dd>الدبلوماسيون والمسؤولون الحكوميون، وخبراء من المجتمع المدني" in arabic_page
    assert 'lang="en"' not in arabic_page.split("<main")[1], "nothing left in English on the page"
    training = client.get("/zh-hans/events/training-module-international-law-cyberspace-2027/").content.decode()
    assert "<span>主权、不干涉和审慎义务</span>" in training and "<dd>外交官和政府官员</dd>" in training
    assert "日内瓦" in training and "Geneva" not in training.split("<main")[1]
    assert 'lang="en"' not in training.split("<main")[1].split("</main>")[0]


def test_the_2027_training_asks_a_visa_and_logistics_form_its_participants_have_answered(demo):
    training = Event.objects.get(slug="training-module-international-law-cyberspace-2027")
    asked = {question.common_key: question for question in training.questions.all()}
    confirmed = registrations_of(training.slug, status=Registration.Status.CONFIRMED)

    assert {"dietary_needs", "visa_support", "arrival_date", "passport_number", "passport_copy"} <= set(asked)
    assert asked["passport_number"].form == Question.Form.FOLLOW_UP and asked["passport_number"].is_private
    assert asked["dietary_needs"].label_fr == "Régime alimentaire"
    for registration in confirmed:
        assert registration.answers.filter(question=asked["dietary_needs"]).exists()
    completed = confirmed.filter(follow_up_completed_at__isnull=False)
    assert 0 < completed.count() < confirmed.count()
    for registration in completed:
        assert registration.answers.get(question=asked["nationality"]).value == registration.participant.country.code


def test_the_2027_clinic_is_full_with_a_waiting_list_in_registration_order_whose_seats_are_offered(demo):
    clinic = Event.objects.get(slug="clinic-cyber-diplomacy-negotiation-2027")
    confirmed = registrations_of(clinic.slug, status=Registration.Status.CONFIRMED)
    waiting = registrations_of(clinic.slug, status=Registration.Status.WAITLISTED)

    assert clinic.offer_hours == 48
    assert confirmed.count() == clinic.capacity and waiting.count() > 0
    # First come, first served: everyone waiting registered after everyone seated.
    assert min(waiting.values_list("queued_at", flat=True)) > max(confirmed.values_list("queued_at", flat=True))


def test_officials_from_ldcs_and_sids_were_sponsored_by_three_donors_in_their_currencies(demo):
    sponsorships = Sponsorship.objects.select_related("registration__participant", "contribution__donor")

    assert {sponsorship.contribution.donor.name for sponsorship in sponsorships} == {
        "European Union",
        "Japan",
        "Australia",
    }
    assert {sponsorship.currency for sponsorship in sponsorships} == {"EUR", "CHF", "AUD"}
    for sponsorship in sponsorships:
        code = sponsorship.registration.participant.country.code
        assert un_countries.is_member(code, "ldc") or un_countries.is_member(code, "sids")
        assert sponsorship.registration.status == Registration.Status.CONFIRMED
        assert sponsorship.total_amount > 0


def test_the_2027_training_has_issued_visa_letters_to_participants_who_asked(demo):
    letters = VisaLetter.objects.select_related("registration__event")

    assert letters.count() == 3
    assert {letter.registration.event.slug for letter in letters} == {
        "training-module-international-law-cyberspace-2027"
    }
    for letter in letters:
        assert letter.registration.answers.get(question__common_key="visa_support").value is True
        assert letter.file.name.startswith("visa-letters/") and letter.passport_number_included


def test_the_2027_training_has_speakers_with_profiles_and_materials(demo, client, settings, files_of_the_session):
    training = Event.objects.get(slug="training-module-international-law-cyberspace-2027")
    page = client.get(f"/en/events/{training.slug}/").content.decode()

    assert set(Speaker.objects.filter(agenda_items__event=training).values_list("name", flat=True)) == {
        "Akosua Boateng",
        "Mariana Castillo",
        "Samuele Dominioni",
    }
    assert "Senior Lecturer in International Law, University of Ghana" in page
    assert "Reading list: the reports of the OEWG and the GGE" in page
    assert "Course handbook and moot exercise brief" in page and "for participants only" in page
    slides = Material.objects.get(event=training, kind=Material.Kind.SLIDES)
    for folder, path in files_of_the_session.items():  # where the demo wrote its files
        setattr(settings, folder, path)
    assert slides.agenda_item.title == "Sovereignty, non-intervention and due diligence"
    assert slides.file.read().startswith(b"%PDF-")
    for speaker in Speaker.objects.filter(agenda_items__event=training):
        assert f'src="{speaker.photo.url}"' in page
        photo = client.get(speaker.photo.url)
        assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"


def test_staff_print_the_2027_trainings_badges(demo, client):
    training = Event.objects.get(slug="training-module-international-law-cyberspace-2027")
    confirmed = training.registrations.filter(status=Registration.Status.CONFIRMED)
    client.force_login(staff_member(PROGRAMME_STAFF))

    response = client.post(
        "/admin/events/registration/",
        {"action": "print_badges", "_selected_action": list(confirmed.values_list("pk", flat=True))},
    )

    assert confirmed.exists()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="badges-{confirmed.count()}.pdf"'
