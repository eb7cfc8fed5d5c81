"""Imports and exports of whole registers: batched queries, bounded memory, the caps of one file,
and the same import and export from the command line."""

import csv
import io
import math
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from events.models import Participant, Registration
from tests import factories
from tests.conftest import database_url_of, run_manage
from unidir_cb.core.data_transfer.exports import XLSX_MAX_ROWS, write_export
from unidir_cb.core.data_transfer.forms import ExportForm
from unidir_cb.core.data_transfer.jobs import import_stream, model_admin_for, request_as
from unidir_cb.core.permissions import PROGRAMME_STAFF

from .helpers import csv_bytes, preview, refusals, staff_member

pytestmark = pytest.mark.django_db(transaction=True)

PARTICIPANTS = "/admin/events/participant/"


def people(count, start=0, domain="register.example"):
    return [
        {
            "email": f"person.{number}@{domain}",
            "first_name": "Amina",
            "last_name": f"Diallo {number}",
            "country": "SN",
            "organisation_kind": "government",
        }
        for number in range(start, start + count)
    ]


def queries_to_import(rows) -> int:
    with CaptureQueriesContext(connection) as queries:
        outcome = import_stream(
            model_admin_for("events.participant"), {}, io.BytesIO(csv_bytes(rows)), "csv", dry_run=False
        )
    assert outcome.saved, outcome.errors
    return len(queries)


def test_an_import_runs_a_fixed_number_of_queries_per_thousand_rows():
    factories.ParticipantFactory(email="PERSON.5@register.example")  # found whatever the case, in its batch

    per_thousand = queries_to_import(people(1000))
    per_four_thousand = queries_to_import(people(4000, start=1000))

    # Each batch of 1,000 rows: one look-up, a savepoint and the insert, which the database may have
    # to split (SQLite takes at most 999 values per statement); never a query per row.
    fields = [field for field in Participant._meta.concrete_fields if not field.primary_key]
    statements_per_insert = math.ceil(1000 / connection.ops.bulk_batch_size(fields, [Participant()] * 1000))
    assert per_four_thousand - per_thousand <= 3 * (4 + statements_per_insert)
    assert Participant.objects.filter(email__endswith="@register.example").count() == 5000


def test_a_register_that_names_the_same_person_twice_says_which_rows():
    rows = [*people(3), {**people(1)[0], "email": "PERSON.1@register.example"}]

    outcome = import_stream(model_admin_for("events.participant"), {}, io.BytesIO(csv_bytes(rows)), "csv", dry_run=True)

    assert outcome.errors == ["Row 5, column 'email': Row 3 already has this email: each record once per file."]


def test_the_preview_lists_the_first_two_hundred_rows_and_every_error_page_by_page(client):
    staff_member(client, PROGRAMME_STAFF)
    rows = people(300)
    for number in range(0, 300, 2):
        rows[number]["country"] = "Atlantis"

    response = preview(client, PARTICIPANTS, csv_bytes(rows), "register.csv")

    outcome = response.context["outcome"]
    assert len(outcome.rows) == 200
    assert len(outcome.errors) == 150
    page = response.content.decode()
    assert page.count("Unknown country &#x27;Atlantis&#x27;") == 100
    assert "Problems 1–100 of 150" in page
    third = client.get(response.wsgi_request.path, {"page": 2}).content.decode()
    assert third.count("Unknown country &#x27;Atlantis&#x27;") == 50
    assert not Participant.objects.filter(email__endswith="@register.example").exists()


@override_settings(IMPORT_MAX_ROWS=50)
def test_a_file_over_the_row_cap_gets_a_clear_message_and_saves_nothing(client):
    staff_member(client, PROGRAMME_STAFF)

    response = preview(client, PARTICIPANTS, csv_bytes(people(51)), "register.csv")

    assert refusals(response) == [
        "This file has more than 50 rows; at most 50 can be imported at once. Split it into smaller files."
    ]
    assert not Participant.objects.filter(email__endswith="@register.example").exists()


def zip_bomb() -> bytes:
    """A valid workbook whose sheet unpacks to many megabytes of (highly compressible) cells."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["email", "first_name", "last_name"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    bomb = io.BytesIO()
    with zipfile.ZipFile(buffer) as original, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as swollen:
        for member in original.infolist():
            content = original.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                padding = b"<!--" + b" " * (40 * 1024 * 1024) + b"-->"
                content = content.replace(b"<sheetData>", padding + b"<sheetData>", 1)
            swollen.writestr(member, content)
    return bomb.getvalue()


@override_settings(IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES=10 * 1024 * 1024)
def test_a_zip_bomb_is_refused_from_its_directory_before_it_is_unpacked(client):
    staff_member(client, PROGRAMME_STAFF)
    content = zip_bomb()
    assert len(content) < 1024 * 1024

    response = preview(client, PARTICIPANTS, content, "register.xlsx")

    assert response.status_code == 200
    (message,) = refusals(response)
    assert message.startswith("This workbook unpacks to 40.0 MB of content; at most 10.0 MB can be imported.")


def test_more_rows_than_a_worksheet_holds_are_offered_as_csv_only():
    small = ExportForm(formats=("csv", "xlsx"), row_estimate=1000)
    huge = ExportForm(formats=("csv", "xlsx"), row_estimate=XLSX_MAX_ROWS)

    assert [value for value, _label in small.fields["format"].choices] == ["csv", "xlsx"]
    assert [value for value, _label in huge.fields["format"].choices] == ["csv"]
    assert "CSV only" in huge.fields["format"].help_text


def registrations_to_export(count: int):
    event = factories.EventFactory()
    participants = Participant.objects.bulk_create(
        Participant(first_name="P", last_name=str(number), email=f"export.{count}.{number}@example.org")
        for number in range(count)
    )
    Registration.objects.bulk_create(Registration(event=event, participant=person) for person in participants)
    return Registration.objects.filter(event=event)


def export_peak_bytes(queryset, file_format, path) -> int:
    admin = model_admin_for("events.registration")
    request = request_as(factories.UserFactory(is_superuser=True, is_staff=True))
    tracemalloc.start()
    write_export(admin.export_resource(request), queryset, file_format, path, title="Registrations")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_memory_does_not_grow_with_the_rows(tmp_path, file_format):
    small = export_peak_bytes(registrations_to_export(2_000), file_format, tmp_path / f"small.{file_format}")
    large = export_peak_bytes(registrations_to_export(12_000), file_format, tmp_path / f"large.{file_format}")

    assert large < 1.5 * small, (small, large)  # six times the rows, not six times the memory


def test_the_command_line_imports_and_exports_through_the_same_path(tmp_path):
    register = tmp_path / "register.csv"
    register.write_bytes(csv_bytes(people(120)))
    database = {"DATABASE_URL": database_url_of(connection.settings_dict), "DJANGO_ENV": "test"}

    checked = run_manage("import_file", "events.participant", str(register), "--dry-run", **database)
    imported = run_manage("import_file", "events.participant", str(register), **database)
    exported_path = tmp_path / "participants.xlsx"
    exported = run_manage(
        "export_file", "events.participant", "--format", "xlsx", "--output", str(exported_path), **database
    )

    assert checked.returncode == 0, checked.stderr
    assert "Checked (nothing saved): 120 rows" in checked.stdout and "120 new" in checked.stdout
    assert imported.returncode == 0, imported.stderr
    assert "Imported: 120 rows" in imported.stdout and "rows/s" in imported.stdout
    assert exported.returncode == 0, exported.stderr
    sheet = openpyxl.load_workbook(exported_path).active
    assert sheet.title == "Participants"
    assert sheet.max_row == 121


def test_a_bad_row_in_the_command_line_import_names_it_and_saves_nothing(tmp_path):
    register = tmp_path / "register.csv"
    rows = people(5)
    rows[3]["organisation_kind"] = "secret society"
    register.write_bytes(csv_bytes(rows))

    result = run_manage(
        "import_file",
        "events.participant",
        str(register),
        DATABASE_URL=database_url_of(connection.settings_dict),
        DJANGO_ENV="test",
    )

    assert result.returncode == 1
    assert "Row 5, column 'organisation_kind': 'secret society' is not one of:" in result.stderr
    assert "Nothing was imported" in result.stderr
    assert not Participant.objects.filter(email__endswith="@register.example").exists()


def test_an_exported_csv_opens_as_utf8_in_excel(client):
    staff_member(client, PROGRAMME_STAFF)
    factories.ParticipantFactory(first_name="Zoë", last_name="Ôkafor", email="zoe@example.org")
    from .helpers import export

    content = export(client, PARTICIPANTS, "csv")

    assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel looks for
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert (rows[0]["first_name"], rows[0]["last_name"]) == ("Zoë", "Ôkafor")


def records_with_their_relations(label: str, count: int) -> None:
    """`count` records of an exportable model, each with what its export columns read."""
    for _ in range(count):
        if label == "events.event":
            event = factories.EventFactory(series=factories.EventSeriesFactory())
            event.topics.add(factories.TopicFactory())
            event.partners.add(factories.OrganisationFactory())
        elif label == "events.registration":
            factories.RegistrationFactory()
        elif label == "publications.publication":
            publication = factories.PublicationFactory()
            publication.topics.add(factories.TopicFactory())
            factories.AuthorshipFactory(publication=publication)
        elif label == "donors.contribution":
            contribution = factories.ContributionFactory()
            contribution.events.add(factories.EventFactory())
            contribution.publications.add(factories.PublicationFactory())
        else:
            getattr(factories, f"{label.split('.')[1].capitalize()}Factory")()


def queries_to_export(label: str, file_format: str, path) -> int:
    admin = model_admin_for(label)
    request = request_as(factories.UserFactory(is_superuser=True, is_staff=True))
    with CaptureQueriesContext(connection) as queries:
        write_export(admin.export_resource(request), admin.export_queryset(request), file_format, path, title="Export")
    return len(queries)


@pytest.mark.parametrize(
    "label",
    [
        "events.event",
        "events.participant",
        "events.registration",
        "publications.publication",
        "programmes.organisation",
        "donors.donor",
        "donors.contribution",
    ],
)
def test_an_export_reads_a_fixed_number_of_queries_whatever_the_number_of_records(tmp_path, label):
    # Every column an export reads is loaded with its records: a column read a record at a time would
    # cost a query per row (300,000 of them for years of registrations).
    records_with_their_relations(label, 2)
    few = queries_to_export(label, "csv", tmp_path / "few.csv")
    records_with_their_relations(label, 5)

    assert queries_to_export(label, "csv", tmp_path / "more.csv") == few
