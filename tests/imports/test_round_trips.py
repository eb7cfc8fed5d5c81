"""Staff keep records in spreadsheets: every kind of record imports from CSV and XLSX after a
preview, exports again, and the exported file imports back without creating anything twice. A file
with one bad row saves nothing and says which row and column is wrong."""

import datetime
import html
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from djmoney.money import Money

from donors.models import Contribution, Donor, ExchangeRate
from donors.resources import ContributionResource, DonorResource, ExchangeRateResource
from events.models import Event, Participant, Registration
from events.resources import EventResource, ParticipantResource, RegistrationResource
from programmes.models import Organisation
from programmes.resources import OrganisationResource
from publications.models import Contributor, Publication
from publications.resources import PublicationResource
from tests import factories
from unidir_cb.core.permissions import FINANCE, PROGRAMME_STAFF

from .helpers import error_lines, export, file_bytes, import_file, preview, read_rows, staff_member

# Imports run as report jobs, sent once the upload is committed: the transactions here commit.
pytestmark = pytest.mark.django_db(transaction=True)


def programme_world():
    programme = factories.ProgrammeFactory(short_name="SecTec", name="Security and Technology Programme")
    factories.TopicFactory(name="Norms", slug="norms")
    factories.TopicFactory(name="Artificial intelligence", slug="ai")
    factories.OrganisationFactory(name="Association of Southeast Asian Nations", acronym="ASEAN")
    return programme


def attendee_event():
    return factories.EventFactory(slug="ttx-asean-2022", title="Table-top exercise with ASEAN", capacity=40)


@dataclass
class Case:
    """One kind of record: where it is imported, by whom, two good rows and one bad one."""

    name: str
    url: str
    group: str
    resource: type
    rows: list
    bad_row: dict
    bad_cell: str
    records: object  # the queryset that counts what was imported
    check: object = None
    world: object = programme_world
    extra: dict = field(default_factory=dict)
    formats: tuple = ("csv", "xlsx")


def check_events():
    event = Event.objects.get(slug="oewg-briefing-bangkok")
    assert event.starts_at == datetime.datetime(2022, 6, 1, 2, 0, tzinfo=datetime.UTC)  # 09:00 in Bangkok
    assert [topic.name for topic in event.topics.order_by("name")] == ["Artificial intelligence", "Norms"]
    assert [partner.acronym for partner in event.partners.all()] == ["ASEAN"]
    assert event.languages == ["en", "fr"]
    assert (event.eligible_country_groups, event.eligible_countries) == (["sids"], ["TH", "VN", "LA"])
    assert (event.title_en, event.title_fr, event.title_ar) == (
        "Regional briefing on the OEWG",
        "Séance d'information régionale sur le GTCNL",
        None,
    )
    assert event.title_zh_hans == "关于不限成员名额工作组的区域通报会"
    assert Event.objects.get(title="Summer course on ICT security").slug == "summer-course-on-ict-security"


def check_organisations():
    oas = Organisation.objects.get(acronym="OAS")
    assert (oas.name_en, oas.name_es, oas.name_fr, oas.name_ar) == (
        "Organization of American States",
        "Organización de los Estados Americanos",
        "Organisation des États américains",
        None,
    )
    assert Organisation.objects.get(name="UNITAR").name_fr is None, "an empty cell is no translation"


def check_publications():
    volume = Publication.objects.get(slug="oewg-volume")
    assert [str(a.contributor) for a in volume.authorships.filter(role="editor").order_by("order")] == [
        "Samuele Dominioni",
        "Giacomo Persi Paoli",
    ]
    chapter = Publication.objects.get(title="Introduction")
    assert chapter.volume == volume
    assert chapter.chapter_order == 1


def check_contributions():
    contribution = Contribution.objects.get(reference="CZ-2022-01")
    assert contribution.amount == Money(Decimal("150000.00"), "EUR")
    assert list(contribution.events.values_list("slug", flat=True)) == ["ttx-asean-2022"]


def contribution_world():
    programme_world()
    factories.DonorFactory(name="Czech Republic", country="CZ")
    factories.DonorFactory(name="Microsoft", kind=Donor.Kind.PRIVATE_SECTOR, country="")
    attendee_event()


def registration_world():
    programme_world()
    return attendee_event()


CASES = [
    Case(
        name="organisations",
        url="/admin/programmes/organisation/",
        group=PROGRAMME_STAFF,
        resource=OrganisationResource,
        rows=[
            {
                "name": "Organization of American States",
                "name_es": "Organización de los Estados Americanos",
                "name_fr": "Organisation des États américains",
                "acronym": "OAS",
                "kind": "regional_organisation",
            },
            {"name": "UNITAR", "acronym": "", "kind": "UN entity", "country": "Switzerland"},
        ],
        bad_row={"name": "Book club", "acronym": "", "kind": "club"},
        bad_cell="Row 3, column 'kind'",
        records=Organisation.objects.filter(name__in=["Organization of American States", "UNITAR", "Book club"]),
        check=check_organisations,
    ),
    Case(
        name="donors",
        url="/admin/donors/donor/",
        group=PROGRAMME_STAFF,
        resource=DonorResource,
        rows=[
            {"name": "Netherlands", "kind": "member_state", "country": "NL", "name_takes_article": "yes"},
            {"name": "European Union", "kind": "intergovernmental", "country": "", "name_takes_article": "yes"},
        ],
        bad_row={"name": "Ruritania", "kind": "member_state", "country": "", "name_takes_article": "no"},
        bad_cell="Row 3, column 'country'",
        records=Donor.objects.all(),
    ),
    Case(
        name="events",
        url="/admin/events/event/",
        group=PROGRAMME_STAFF,
        resource=EventResource,
        rows=[
            {
                "title": "Regional briefing on the OEWG",
                "title_fr": "Séance d'information régionale sur le GTCNL",
                "title_zh_hans": "关于不限成员名额工作组的区域通报会",
                "slug": "oewg-briefing-bangkok",
                "programme": "SecTec",
                "kind": "briefing",
                "format": "in_person",
                "time_zone": "Asia/Bangkok",
                "starts_at": "2022-06-01 09:00",
                "ends_at": "2022-06-01 17:00",
                "city": "Bangkok",
                "country": "TH",
                "languages": "en; fr",
                "topics": "Norms; Artificial intelligence",
                "partners": "ASEAN",
                "capacity": "40",
                "eligible_country_groups": "sids",
                "eligible_countries": "TH; Viet Nam; Lao People's Democratic Republic",
            },
            {
                "title": "Summer course on ICT security",
                "slug": "",
                "programme": "SecTec",
                "kind": "Summer course",
                "format": "online",
                "starts_at": "2022-07-04 14:00",
                "ends_at": "2022-07-15 16:00",
            },
        ],
        bad_row={
            "title": "Backwards",
            "programme": "SecTec",
            "kind": "seminar",
            "format": "online",
            "starts_at": "2022-08-01 10:00",
            "ends_at": "2022-08-01 09:00",
        },
        bad_cell="Row 3, column 'ends_at'",
        records=Event.objects.all(),
        check=check_events,
    ),
    Case(
        name="participants",
        url="/admin/events/participant/",
        group=PROGRAMME_STAFF,
        resource=ParticipantResource,
        rows=[
            {"first_name": "Amina", "last_name": "Diallo", "email": "amina@example.org", "country": "SN"},
            {"first_name": "Tevita", "last_name": "Fifita", "email": "tevita@example.org", "country": "Tonga"},
        ],
        bad_row={"first_name": "No", "last_name": "Address", "email": "not-an-address"},
        bad_cell="Row 3, column 'email'",
        records=Participant.objects.all(),
    ),
    Case(
        name="participants, one without an email (only walk-ins at the door may have none)",
        url="/admin/events/participant/",
        group=PROGRAMME_STAFF,
        resource=ParticipantResource,
        rows=[
            {"first_name": "Amina", "last_name": "Diallo", "email": "amina@example.org", "country": "SN"},
            {"first_name": "Tevita", "last_name": "Fifita", "email": "tevita@example.org", "country": "Tonga"},
        ],
        bad_row={"first_name": "No", "last_name": "Address", "email": ""},
        bad_cell="Row 3, column 'email'",
        records=Participant.objects.all(),
    ),
    Case(
        name="registrations",
        url="/admin/events/registration/",
        group=PROGRAMME_STAFF,
        resource=RegistrationResource,
        rows=[
            {"email": "amina@example.org", "first_name": "Amina", "last_name": "Diallo", "attended": "yes"},
            {"email": "tevita@example.org", "first_name": "Tevita", "last_name": "Fifita", "status": "waitlisted"},
        ],
        bad_row={"email": "someone@example.org", "first_name": "Some", "last_name": "One", "status": "maybe"},
        bad_cell="Row 3, column 'status'",
        records=Registration.objects.all(),
        world=registration_world,
    ),
    Case(
        name="publications",
        url="/admin/publications/publication/",
        group=PROGRAMME_STAFF,
        resource=PublicationResource,
        rows=[
            {
                "title": "The Cyber Diplomacy of the OEWG",
                "slug": "oewg-volume",
                "kind": "edited_volume",
                "editors": "Dominioni, Samuele; Persi Paoli, Giacomo",
                "programme": "SecTec",
                "published_on": "2022-03-01",
                "topics": "Norms",
            },
            {
                "title": "Introduction",
                "kind": "chapter",
                "authors": "Dominioni, Samuele",
                "programme": "SecTec",
                "published_on": "2022-03-01",
                "volume": "oewg-volume",
                "chapter_order": "1",
            },
        ],
        bad_row={
            "title": "Unsigned",
            "kind": "brief",
            "authors": "Nobody",
            "programme": "SecTec",
            "published_on": "2022-01-01",
        },
        bad_cell="Row 3, column 'authors'",
        records=Publication.objects.all(),
        check=check_publications,
    ),
    Case(
        name="contributions",
        url="/admin/donors/contribution/",
        group=FINANCE,
        resource=ContributionResource,
        rows=[
            {
                "donor": "Czech Republic",
                "reference": "CZ-2022-01",
                "funding_type": "activity_specific",
                "status": "signed",
                "amount": "150000.00",
                "currency": "EUR",
                "signed_on": "2022-02-01",
                "covers_from": "2022-01-01",
                "covers_until": "2022-12-31",
                "programme": "SecTec",
                "events": "ttx-asean-2022",
            },
            {
                "donor": "Microsoft",
                "reference": "MS-2023",
                "funding_type": "core",
                "status": "pledged",
                "amount": "50000",
                "currency": "USD",
                "covers_from": "2023-01-01",
                "covers_until": "2023-12-31",
                "programme": "SecTec",
            },
        ],
        bad_row={
            "donor": "Microsoft",
            "reference": "MS-2024",
            "funding_type": "core",
            "amount": "fifty thousand",
            "currency": "USD",
            "covers_from": "2024-01-01",
            "covers_until": "2024-12-31",
            "programme": "SecTec",
        },
        bad_cell="Row 3, column 'amount'",
        records=Contribution.objects.all(),
        check=check_contributions,
        world=contribution_world,
    ),
    Case(
        name="exchange rates",
        url="/admin/donors/exchangerate/",
        group=FINANCE,
        resource=ExchangeRateResource,
        rows=[
            {"currency": "EUR", "month": "2022-01", "units_per_usd": "0.885"},
            {"currency": "chf", "month": "2022-02-01", "units_per_usd": "0.921"},
        ],
        bad_row={"currency": "EUR", "month": "January", "units_per_usd": "0.9"},
        bad_cell="Row 3, column 'month'",
        records=ExchangeRate.objects.all(),
        formats=("csv",),
    ),
]

FORMAT_CASES = [
    pytest.param(case, file_format, id=f"{case.name}-{file_format}") for case in CASES for file_format in case.formats
]


def extra_for(case, world):
    return {"event": world.pk} if case.name == "registrations" else {}


@pytest.mark.parametrize(("case", "file_format"), FORMAT_CASES)
def test_a_good_file_imports_after_a_preview_and_exports_back_without_duplicates(client, case, file_format):
    world = case.world()
    staff_member(client, case.group)
    extra = extra_for(case, world)
    before = case.records.count()

    import_file(client, case.url, file_bytes(case.rows, file_format), f"list.{file_format}", **extra)

    assert case.records.count() == before + 2
    if case.check:
        case.check()
    exported = export(client, case.url, file_format)
    exported_rows = read_rows(exported, file_format)
    assert len(exported_rows) == case.records.model.objects.count()

    second = preview(client, case.url, exported, f"export.{file_format}", **extra)
    outcome = second.context.get("outcome")
    assert outcome is not None, second.context["form"].errors
    assert outcome.succeeded, error_lines(second)
    assert outcome.totals["new"] == 0
    assert outcome.totals["updated"] == 0  # nothing changed: every row is unchanged
    import_file(client, case.url, exported, f"export.{file_format}", **extra)
    assert case.records.count() == before + 2
    if case.check:
        case.check()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_importing_the_same_file_twice_creates_nothing_new(client, case):
    world = case.world()
    staff_member(client, case.group)
    content = file_bytes(case.rows, "csv")

    import_file(client, case.url, content, "list.csv", **extra_for(case, world))
    count_after_first_import = case.records.count()
    import_file(client, case.url, content, "list.csv", **extra_for(case, world))

    assert case.records.count() == count_after_first_import


@pytest.mark.parametrize(("case", "file_format"), FORMAT_CASES)
def test_one_bad_row_saves_nothing_and_names_its_row_and_column(client, case, file_format):
    world = case.world()
    staff_member(client, case.group)
    before = case.records.count()
    rows = [case.rows[0], case.bad_row, case.rows[1]]

    response = preview(client, case.url, file_bytes(rows, file_format), f"list.{file_format}", **extra_for(case, world))

    assert response.status_code == 200
    assert not response.context.get("may_confirm")
    lines = error_lines(response)
    assert any(line.startswith(case.bad_cell) for line in lines), lines
    assert len(lines) == 1, lines
    page = response.content.decode()
    assert html.escape(case.bad_cell) in page
    assert "Traceback" not in page
    assert case.records.count() == before
    assert Contributor.objects.count() == 0 or case.name != "publications"
