"""Particular promises of the imports and exports, each as a member of staff meets it."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from djmoney.money import Money

from donors.models import Contribution
from events.models import Participant, Registration
from programmes.models import Organisation
from publications.models import Publication
from tests import factories
from unidir_cb.core.permissions import FINANCE, MANAGEMENT, PROGRAMME_STAFF

from .helpers import (
    confirm,
    csv_bytes,
    error_lines,
    export,
    import_file,
    preview,
    read_rows,
    refusals,
    staff_member,
)

# Imports run as report jobs, sent once the upload is committed: the transactions here commit.
pytestmark = pytest.mark.django_db(transaction=True)

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+41 22 917 11 41", "-2+3", "@SUM(A1:A2)"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exported_cells_that_start_like_formulas_are_escaped_and_import_back_unchanged(client, file_format):
    staff_member(client, PROGRAMME_STAFF)
    for number, text in enumerate(FORMULAS):
        factories.OrganisationFactory(name=text, acronym=f"X{number}", kind="academia")

    exported = export(client, "/admin/programmes/organisation/", file_format)

    names = sorted(row["name"] for row in read_rows(exported, file_format))
    assert names == sorted("'" + text for text in FORMULAS)
    if file_format == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    import_file(client, "/admin/programmes/organisation/", exported, f"partners.{file_format}")
    assert sorted(Organisation.objects.values_list("name", flat=True)) == sorted(FORMULAS)


def test_an_attendee_list_matches_an_existing_participant_by_email_in_any_case(client):
    staff_member(client, PROGRAMME_STAFF)
    event = factories.EventFactory(capacity=10)
    known = factories.ParticipantFactory(
        email="Amina.Diallo@Example.org", first_name="Amina", last_name="Diallo", job_title="Counsellor"
    )
    rows = [
        {"email": "amina.diallo@EXAMPLE.ORG", "first_name": "A.", "last_name": "Diallo", "job_title": "Intern"},
        {"email": "new.person@example.org", "first_name": "New", "last_name": "Person", "job_title": "Analyst"},
    ]

    import_file(client, "/admin/events/registration/", csv_bytes(rows), "attendees.csv", event=event.pk)

    assert Participant.objects.count() == 2
    known.refresh_from_db()
    assert (known.email, known.first_name, known.job_title) == ("Amina.Diallo@Example.org", "Amina", "Counsellor")
    registrations = (
        Registration.objects.filter(event=event).select_related("participant").order_by("participant__email")
    )
    assert [(r.participant.email, r.status) for r in registrations] == [
        ("Amina.Diallo@Example.org", Registration.Status.CONFIRMED),
        ("new.person@example.org", Registration.Status.CONFIRMED),
    ]


def test_an_attendee_list_goes_into_the_event_chosen_on_the_form_only(client):
    staff_member(client, PROGRAMME_STAFF)
    chosen = factories.EventFactory(slug="chosen")
    factories.EventFactory(slug="other")
    rows = [{"event": "other", "email": "a@example.org", "first_name": "A", "last_name": "B"}]

    response = preview(client, "/admin/events/registration/", csv_bytes(rows), "attendees.csv", event=chosen.pk)

    assert error_lines(response) == [
        "Row 2, column 'event': This row is for the event 'other', but the list is imported into 'chosen'."
    ]
    assert Participant.objects.count() == 0


def test_an_attendee_list_needs_an_event(client):
    staff_member(client, PROGRAMME_STAFF)
    rows = [{"email": "a@example.org", "first_name": "A", "last_name": "B"}]

    response = preview(client, "/admin/events/registration/", csv_bytes(rows), "attendees.csv")

    assert response.context["form"].errors["event"] == ["This field is required."]


def test_a_list_confirming_more_people_than_seats_saves_nothing_even_at_confirmation(client):
    """Seats taken between the preview and the confirmation: the whole import is rolled back."""
    staff_member(client, PROGRAMME_STAFF)
    event = factories.EventFactory(capacity=2, title="Clinic")
    rows = [{"email": f"p{number}@example.org", "first_name": "P", "last_name": str(number)} for number in range(2)]
    previewed = preview(client, "/admin/events/registration/", csv_bytes(rows), "attendees.csv", event=event.pk)
    assert previewed.context["may_confirm"]
    factories.RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)

    response = confirm(client, previewed)

    assert response.status_code == 200
    assert error_lines(response) == [
        "After this import 3 people would be confirmed for Clinic, which has 2 seats: "
        "raise the capacity first, or mark some rows waitlisted."
    ]
    assert Registration.objects.filter(event=event).count() == 1
    assert Participant.objects.count() == 1


def test_a_row_that_became_wrong_after_a_clean_preview_saves_nothing_at_confirmation(client):
    """A donor deleted between the preview and the confirmation: its row is now invalid, and the
    valid rows before it are rolled back with it: the file imports whole or not at all."""
    staff_member(client, FINANCE)
    factories.ProgrammeFactory(short_name="SecTec")
    factories.DonorFactory(name="Japan")
    doomed = factories.DonorFactory(name="Kingdom of the Netherlands")
    rows = [
        {
            "donor": donor,
            "reference": reference,
            "funding_type": "Activity-specific",
            "amount": "10,000",
            "currency": "USD",
            "covers_from": "2031-01-01",
            "covers_until": "2031-12-31",
            "programme": "SecTec",
        }
        for donor, reference in (("Japan", "JP-1"), ("Japan", "JP-2"), ("Kingdom of the Netherlands", "NL-1"))
    ]
    previewed = preview(client, "/admin/donors/contribution/", csv_bytes(rows), "grants.csv")
    assert previewed.context.get("may_confirm"), refusals(previewed)
    doomed.delete()

    response = confirm(client, previewed)

    assert response.status_code == 200
    assert not response.context["outcome"].saved
    assert error_lines(response) == [
        "Row 4, column 'donor': No donor 'Kingdom of the Netherlands' exists: add it first or correct the name."
    ]
    assert Contribution.objects.count() == 0


def test_authors_keep_the_order_of_the_cell_and_reuse_known_people(client):
    staff_member(client, PROGRAMME_STAFF)
    factories.ProgrammeFactory(short_name="SecTec")
    known = factories.ContributorFactory(first_name="Giacomo", last_name="Persi Paoli")
    rows = [
        {
            "title": "Ten myths about cyber norms",
            "kind": "research_paper",
            "programme": "SecTec",
            "published_on": "2021-05-01",
            "authors": "Zhang, Wei; persi paoli, giacomo; Afina, Yasmin",
        }
    ]

    import_file(client, "/admin/publications/publication/", csv_bytes(rows), "papers.csv")

    publication = Publication.objects.get(title="Ten myths about cyber norms")
    byline = publication.authorships.filter(role="author").order_by("order").select_related("contributor")
    assert [(a.order, str(a.contributor)) for a in byline] == [
        (1, "Wei Zhang"),
        (2, "Giacomo Persi Paoli"),
        (3, "Yasmin Afina"),
    ]
    assert byline[1].contributor == known

    rows[0]["authors"] = "Afina, Yasmin; Zhang, Wei"
    import_file(client, "/admin/publications/publication/", csv_bytes(rows), "papers.csv")
    byline = publication.authorships.filter(role="author").order_by("order")
    assert [str(a.contributor) for a in byline] == ["Yasmin Afina", "Wei Zhang"]
    assert Publication.objects.count() == 1


def contribution_rows(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_finance_exports_contributions_with_amounts(client):
    staff_member(client, FINANCE)
    factories.ContributionFactory(reference="NL-2022", amount=Money("250000.00", "EUR"))

    (row,) = contribution_rows(export(client, "/admin/donors/contribution/", "csv"))

    assert (row["reference"], row["amount"], row["currency"]) == ("NL-2022", "250000.00", "EUR")


def test_staff_who_may_read_contributions_but_not_amounts_export_no_amount_columns(client):
    staff_member(client, PROGRAMME_STAFF, permissions=["donors.view_contribution"])
    factories.ContributionFactory(reference="NL-2022", amount=Money("250000.00", "EUR"))

    exported = export(client, "/admin/donors/contribution/", "csv")

    (row,) = contribution_rows(exported)
    assert row["reference"] == "NL-2022"
    assert "amount" not in row and "currency" not in row
    assert b"250000" not in exported
    page = client.get("/admin/donors/contribution/export/").content.decode()
    assert "resource_amount" not in page and "resource_currency" not in page


def test_programme_staff_cannot_export_or_import_contributions(client):
    staff_member(client, PROGRAMME_STAFF)
    factories.ContributionFactory()

    assert client.get("/admin/donors/contribution/export/").status_code == 403
    assert client.get("/admin/donors/contribution/import/").status_code == 403


def test_only_staff_who_may_add_and_change_a_model_see_its_import_button(client):
    staff_member(client, PROGRAMME_STAFF)
    page = client.get("/admin/events/event/").content.decode()
    assert "/admin/events/event/import/" in page
    assert "/admin/events/event/export/" in page

    management = staff_member(client, MANAGEMENT)
    page = client.get("/admin/events/event/").content.decode()
    assert "/admin/events/event/import/" not in page
    assert "/admin/events/event/export/" in page
    assert client.get("/admin/events/event/import/").status_code == 403
    assert management.has_perm("donors.view_contribution_amounts")


def test_finance_imports_exchange_rates_but_programme_staff_cannot(client):
    staff_member(client, FINANCE)
    assert client.get("/admin/donors/exchangerate/import/").status_code == 200

    staff_member(client, PROGRAMME_STAFF)
    assert client.get("/admin/donors/exchangerate/import/").status_code == 403


def test_a_confirmed_import_is_recorded_in_the_admin_history(client):
    user = staff_member(client, PROGRAMME_STAFF)
    rows = [{"name": "Global Forum on Cyber Expertise", "acronym": "GFCE", "kind": "intergovernmental"}]

    response = import_file(client, "/admin/programmes/organisation/", csv_bytes(rows), "partners.csv")

    assert "Imported partners.csv" in response.content.decode()
    from django.contrib.admin.models import ADDITION, LogEntry

    entry = LogEntry.objects.get(user=user, object_repr="GFCE")
    assert (entry.action_flag, entry.change_message) == (ADDITION, "Imported from partners.csv")
    assert Group.objects.filter(name=PROGRAMME_STAFF).exists()


def test_contribution_amounts_import_as_money_with_their_currency(client):
    staff_member(client, FINANCE)
    factories.ProgrammeFactory(short_name="SecTec")
    factories.DonorFactory(name="Japan", country="JP")
    rows = [
        {
            "donor": "japan",
            "reference": "JP-2023",
            "funding_type": "Core programme funding",
            "status": "received",
            "amount": "1,250,000",
            "currency": "jpy",
            "received_on": "2023-03-01",
            "covers_from": "2023-01-01",
            "covers_until": "2023-12-31",
            "programme": "SecTec",
        }
    ]

    import_file(client, "/admin/donors/contribution/", csv_bytes(rows), "grants.csv")

    assert Contribution.objects.get(reference="JP-2023").amount == Money("1250000.00", "JPY")


def test_an_xlsx_export_names_its_sheet_for_the_records_keeps_numbers_and_prints_one_page_wide(client):
    staff_member(client, FINANCE)
    factories.ContributionFactory(reference="NL-2022", amount=Money("250000.00", "EUR"))

    exported = export(client, "/admin/donors/contribution/", "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    assert sheet.title == "Contributions"
    header = [cell.value for cell in sheet[1]]
    amount = sheet.cell(row=2, column=header.index("amount") + 1).value
    assert isinstance(amount, int | float) and amount == 250000
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
