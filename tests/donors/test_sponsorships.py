"""Donors pay for officials from least developed countries and small island developing States to
attend. Programme staff record who was sponsored, from which contribution, for what; finance enters
the amounts, which only finance and management see; the donor report says how many people each
donor sponsored, from where, for which events and at what cost, as computed here by hand.

The programme is not the demo's: the Gender and Disarmament Programme in 2025, with Norway (euros)
and Japan (yen) paying for people at a workshop in Nairobi and a clinic in Geneva, whose costs were
paid in euros, Swiss francs and yen."""

import datetime
import io
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from djmoney.money import Money
from openpyxl import load_workbook

from donors.models import Contribution, ExchangeRate, Sponsorship
from donors.reports import build_donor_report, compile_donor_report
from events.models import Event
from reports.selectors import activity_summary
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    ExchangeRateFactory,
    ParticipantFactory,
    ProgrammeFactory,
    RegistrationFactory,
    SponsorshipFactory,
    staff_member,
)
from tests.imports.helpers import csv_bytes, export, import_file, preview, read_rows, refusals
from unidir_cb.core.permissions import FINANCE, MANAGEMENT, PROGRAMME_STAFF
from unidir_cb.core.reporting.registry import ReportBuildError

pytestmark = pytest.mark.django_db

YEAR_START, YEAR_END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
ACTIVITY = Contribution.FundingType.ACTIVITY_SPECIFIC
SPONSORSHIPS_URL = reverse("admin:donors_sponsorship_changelist")


def no_progress(percent, message):
    pass


def utc(*parts):
    return datetime.datetime(*parts, tzinfo=datetime.UTC)


@pytest.fixture
def gender_programme():
    """Two events, two donors, five sponsorships; the figures the tests expect are worked out below."""
    programme = ProgrammeFactory(name="Gender and Disarmament Programme", short_name="GDP")
    nairobi = EventFactory(
        programme=programme,
        title="Workshop on gender-responsive small arms control",
        slug="gdp-nairobi-2025",
        starts_at=utc(2025, 3, 10, 6),
        ends_at=utc(2025, 3, 12, 14),
        time_zone="Africa/Nairobi",
        city="Nairobi",
        country="KE",
    )
    geneva = EventFactory(
        programme=programme,
        title="Clinic on women in arms control negotiations",
        slug="gdp-geneva-2025",
        starts_at=utc(2025, 6, 16, 7),
        ends_at=utc(2025, 6, 18, 15),
        time_zone="Europe/Zurich",
    )
    norway = DonorFactory(name="Norway", country="NO")
    japan = DonorFactory(name="Japan", country="JP")

    def grant(donor, reference, amount, currency, received_on):
        return ContributionFactory(
            donor=donor,
            reference=reference,
            funding_type=ACTIVITY,
            amount=Money(Decimal(amount), currency),
            status=Contribution.Status.RECEIVED,
            signed_on=received_on - datetime.timedelta(days=7),
            received_on=received_on,
            covers_from=YEAR_START,
            covers_until=YEAR_END,
            programme=programme,
        )

    norway_grant = grant(norway, "GDP/2025/NO-01", "500000.00", "EUR", datetime.date(2025, 1, 15))
    japan_grant = grant(japan, "GDP/2025/JP-01", "30000000.00", "JPY", datetime.date(2025, 2, 10))
    norway_grant.events.set([nairobi, geneva])
    japan_grant.events.set([geneva])
    for currency, month, rate in [
        ("EUR", datetime.date(2025, 1, 1), "0.960"),
        ("JPY", datetime.date(2025, 2, 1), "152.30"),
        ("EUR", datetime.date(2025, 3, 1), "0.925"),
        ("CHF", datetime.date(2025, 6, 1), "0.820"),
        ("JPY", datetime.date(2025, 6, 1), "144.50"),
    ]:
        ExchangeRateFactory(currency=currency, month=month, units_per_usd=Decimal(rate))

    rahima = ParticipantFactory(first_name="Rahima", last_name="Akter", country="BD")  # LDC, Asia-Pacific
    litia = ParticipantFactory(first_name="Litia", last_name="Vuki", country="FJ")  # SIDS, Asia-Pacific
    marie = ParticipantFactory(first_name="Marie", last_name="Joseph", country="HT")  # LDC and SIDS, GRULAC
    sita = ParticipantFactory(first_name="Sita", last_name="Gurung", country="NP")  # LDC and LLDC, Asia-Pacific

    def sponsor(event, participant, contribution, currency="", travel=None, accommodation=None, allowance=None):
        return SponsorshipFactory(
            registration=RegistrationFactory(event=event, participant=participant),
            contribution=contribution,
            covers_accommodation=accommodation is not None,
            covers_daily_allowance=allowance is not None,
            currency=currency,
            travel_amount=travel,
            accommodation_amount=accommodation,
            daily_allowance_amount=allowance,
        )

    D = Decimal
    sponsor(nairobi, rahima, norway_grant, "EUR", D("1200.00"), D("450.00"), D("300.00"))
    sponsor(nairobi, litia, norway_grant, "EUR", D("2100.50"), D("450.00"))
    sponsor(geneva, rahima, norway_grant, "CHF", D("900.00"), D("760.00"), D("380.00"))
    sponsor(geneva, marie, japan_grant, "JPY", D("180000"), D("95000"))
    sponsor(geneva, sita, japan_grant)  # travel paid, its cost not yet recorded by finance
    # Someone at the Geneva clinic nobody sponsored; someone sponsored for an event that was then cancelled.
    RegistrationFactory(event=geneva, participant__country="CH")
    called_off = EventFactory(programme=programme, starts_at=utc(2025, 9, 1, 7), ends_at=utc(2025, 9, 1, 15))
    sponsor(called_off, ParticipantFactory(country="SN"), japan_grant, "JPY", D("80000"))
    Event.objects.filter(pk=called_off.pk).update(status=Event.Status.CANCELLED)
    return {"programme": programme, "norway": norway, "japan": japan, "nairobi": nairobi, "geneva": geneva}


# By hand, in US dollars: each amount divided by its month's rate and rounded once to the cent.
#   Nairobi, March (EUR 0.925): Rahima 1200/0.925 = 1297.30, 450/0.925 = 486.49, 300/0.925 = 324.32
#                               Litia 2100.50/0.925 = 2270.81, 450/0.925 = 486.49
#   Geneva, June (CHF 0.820):   Rahima 900/0.82 = 1097.56, 760/0.82 = 926.83, 380/0.82 = 463.41
#   Geneva, June (JPY 144.50):  Marie 180000/144.5 = 1245.67, 95000/144.5 = 657.44; Sita: not recorded
NORWAY_BY_ITEM = {
    "travel": Decimal("4665.67"),
    "accommodation": Decimal("1899.81"),
    "daily allowance": Decimal("787.73"),
}
NORWAY_NAIROBI, NORWAY_GENEVA = Decimal("4865.41"), Decimal("2487.80")
NORWAY_TOTAL = Decimal("7353.21")
JAPAN_TOTAL = Decimal("1903.11")


def report_files(donor) -> dict[str, bytes]:
    return {
        output.format: output.content for output in build_donor_report(donor, YEAR_START, YEAR_END, "USD", no_progress)
    }


def pdf_words(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return " ".join(subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout.split())


def sheet(content: bytes, title: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content))[title].iter_rows(values_only=True))


def test_the_donor_report_counts_and_costs_sponsored_participants_as_computed_by_hand(gender_programme):
    norway = compile_donor_report(gender_programme["norway"], YEAR_START, YEAR_END, "USD").sponsored
    japan = compile_donor_report(gender_programme["japan"], YEAR_START, YEAR_END, "USD").sponsored

    # Rahima went to both events on Norway's money: two people, three sponsorships.
    assert (norway.participants, norway.countries, len(norway.by_event), len(norway.lines)) == (2, 2, 2, 3)
    assert {
        label: norway.cost_of(item)
        for item, label in [
            ("travel_amount", "travel"),
            ("accommodation_amount", "accommodation"),
            ("daily_allowance_amount", "daily allowance"),
        ]
    } == NORWAY_BY_ITEM
    assert [(event.slug, group.participants, group.total_cost) for event, group in norway.by_event] == [
        ("gdp-nairobi-2025", 2, NORWAY_NAIROBI),
        ("gdp-geneva-2025", 1, NORWAY_GENEVA),
    ]
    assert norway.total_cost == NORWAY_TOTAL == NORWAY_NAIROBI + NORWAY_GENEVA
    assert norway.by_regional_group == {"asia_pacific": 2}
    assert norway.by_special_group == {"ldc": 1, "lldc": 0, "sids": 1}

    assert (japan.participants, japan.countries, japan.total_cost, japan.without_amounts) == (2, 2, JAPAN_TOTAL, 1)
    assert japan.by_regional_group == {"latin_american_caribbean": 1, "asia_pacific": 1}
    assert japan.by_special_group == {"ldc": 2, "lldc": 1, "sids": 1}


def test_the_report_files_say_it_in_words_and_tables(gender_programme, tmp_path):
    files = report_files(gender_programme["norway"])

    header, *rows, total = sheet(files["xlsx"], "Sponsored participants")
    assert header == (
        "Date",
        "Event",
        "Participants",
        "Countries",
        "Travel (USD)",
        "Accommodation (USD)",
        "Daily allowance (USD)",
        "Total (USD)",
    )
    assert [(row[1], row[2], Decimal(str(row[7]))) for row in rows] == [
        ("Workshop on gender-responsive small arms control", 2, NORWAY_NAIROBI),
        ("Clinic on women in arms control negotiations", 1, NORWAY_GENEVA),
    ]
    assert (total[2], Decimal(str(total[7]))) == (2, NORWAY_TOTAL)
    groups = {row[0]: row[1] for row in sheet(files["xlsx"], "Sponsored by country group")[1:]}
    assert groups["Asia-Pacific Group"] == 2
    assert groups["Least Developed Countries"] == groups["Small Island Developing States"] == 1

    text = pdf_words(files["pdf"], tmp_path)
    assert (
        "Norway paid for two participants from two countries to attend two events, at a cost of USD 7,353.21 "
        "(travel USD 4,665.67, accommodation USD 1,899.81, and daily allowance USD 787.73)."
    ) in text


def test_a_cost_not_yet_recorded_is_said_and_left_out_of_the_sums(gender_programme, tmp_path):
    files = report_files(gender_programme["japan"])

    *_, total = sheet(files["xlsx"], "Sponsored participants")
    assert (total[2], Decimal(str(total[7]))) == (2, JAPAN_TOTAL)
    assert "at a cost of USD 1,903.11" in pdf_words(files["pdf"], tmp_path)
    assert "The cost of one sponsorship is not yet recorded." in pdf_words(files["pdf"], tmp_path)


def test_a_donor_that_sponsored_nobody_is_told_so(gender_programme, tmp_path):
    finland = DonorFactory(name="Finland", country="FI")
    ContributionFactory(donor=finland, covers_from=YEAR_START, covers_until=YEAR_END, signed_on=YEAR_START)

    files = report_files(finland)

    assert compile_donor_report(finland, YEAR_START, YEAR_END, "USD").sponsored.lines == []
    assert (
        "No participant's attendance was paid for from the contributions of Finland at the events held in the period."
    ) in pdf_words(files["pdf"], tmp_path)


def test_a_missing_rate_for_a_sponsorships_currency_is_named(gender_programme):
    ExchangeRate.objects.filter(currency="CHF").delete()

    with pytest.raises(ReportBuildError, match="CHF for June 2025"):
        compile_donor_report(gender_programme["norway"], YEAR_START, YEAR_END, "USD")


def test_the_activity_summary_says_how_many_people_were_sponsored(gender_programme):
    summary = activity_summary(gender_programme["programme"], YEAR_START, YEAR_END)

    assert summary.sponsored_participant_count == 4  # Rahima, Litia, Marie and Sita, each once
    assert (
        activity_summary(
            gender_programme["programme"], YEAR_START, datetime.date(2025, 4, 30)
        ).sponsored_participant_count
        == 2
    )


# Recording a sponsorship ---------------------------------------------------------------------------


def test_only_a_confirmed_registration_within_the_contributions_period_can_be_sponsored(gender_programme):
    geneva = gender_programme["geneva"]
    grant = Contribution.objects.get(reference="GDP/2025/NO-01")
    pending = RegistrationFactory(event=geneva, status="pending")
    old_grant = ContributionFactory(covers_from=datetime.date(2024, 1, 1), covers_until=datetime.date(2024, 12, 31))

    def refusal(**fields):
        with pytest.raises(ValidationError) as refused:
            Sponsorship(
                **{"registration": RegistrationFactory(event=geneva), "contribution": grant, **fields}
            ).full_clean()
        return refused.value.message_dict

    assert refusal(registration=pending, covers_travel=True)["registration"] == [
        "Only a confirmed registration can be sponsored."
    ]
    assert (
        "covers 2024-01-01 to 2024-12-31, not the event's start (2025-06-16)"
        in refusal(contribution=old_grant, covers_travel=True)["contribution"][0]
    )
    assert refusal()["covers_travel"] == [
        "Tick what the sponsorship pays for: travel, accommodation or daily allowance."
    ]
    assert refusal(covers_travel=True, accommodation_amount=Decimal("100"), currency="CHF")["accommodation_amount"] == [
        "An amount for accommodation needs accommodation ticked."
    ]
    assert refusal(covers_travel=True, travel_amount=Decimal("100"))["currency"] == [
        "Give the currency of the amounts."
    ]


def test_programme_staff_record_sponsorships_without_seeing_any_amount(client, gender_programme):
    client.force_login(staff_member(PROGRAMME_STAFF))
    sponsorship = Sponsorship.objects.get(registration__participant__last_name="Joseph")

    listing = client.get(SPONSORSHIPS_URL).content.decode()
    form = client.get(reverse("admin:donors_sponsorship_change", args=[sponsorship.pk])).content.decode()
    history = client.get(reverse("admin:donors_sponsorship_history", args=[sponsorship.pk]))
    new_person = RegistrationFactory(event=gender_programme["geneva"])
    added = client.post(
        reverse("admin:donors_sponsorship_add"),
        {
            "registration": new_person.pk,
            "contribution": sponsorship.contribution.pk,
            "covers_travel": "on",
            "travel_amount": "99999",  # not a field they have: ignored
        },
    )

    assert "Marie Joseph" in listing and "180,000" not in listing and "JPY" not in listing
    assert "travel_amount" not in form and "180000" not in form
    assert history.status_code == 403
    assert added.status_code == 302
    recorded = Sponsorship.objects.get(registration=new_person)
    assert recorded.covers_travel and recorded.travel_amount is None


def test_finance_enters_the_amounts_and_management_reads_them(client, gender_programme):
    sponsorship = Sponsorship.objects.get(registration__participant__last_name="Gurung")
    change_url = reverse("admin:donors_sponsorship_change", args=[sponsorship.pk])
    client.force_login(staff_member(FINANCE))

    response = client.post(
        change_url,
        {
            "registration": sponsorship.registration.pk,
            "contribution": sponsorship.contribution.pk,
            "covers_travel": "on",
            "currency": "JPY",
            "travel_amount": "210000",
        },
    )
    client.force_login(staff_member(MANAGEMENT))
    listing = client.get(SPONSORSHIPS_URL).content.decode()

    assert response.status_code == 302
    sponsorship.refresh_from_db()
    assert (sponsorship.currency, sponsorship.travel_amount) == ("JPY", Decimal("210000.00"))
    assert "JPY 210,000.00" in listing
    assert sponsorship.history.count() == 2  # who changed the money, and what it was before


# Import and export ------------------------------------------------------------------------------------
# They run as report jobs, sent once the upload is committed: these tests' transactions commit.


@pytest.mark.django_db(transaction=True)
def test_finance_imports_an_events_sponsorships_and_a_second_import_updates_them(client, gender_programme):
    staff_member_with_finance = staff_member(FINANCE)
    client.force_login(staff_member_with_finance)
    geneva = gender_programme["geneva"]
    newcomer = RegistrationFactory(event=geneva, participant__email="Awa.Diop@example.org", participant__country="SN")
    rows = [
        {
            "email": "awa.diop@example.org",
            "contribution": "GDP/2025/JP-01",
            "travel": "yes",
            "daily_allowance": "yes",
            "currency": "CHF",
            "travel_amount": "1,150.00",
            "daily_allowance_amount": "285",
        }
    ]

    import_file(client, SPONSORSHIPS_URL, csv_bytes(rows), "sponsorships.csv", event=geneva.pk)
    rows[0]["travel_amount"] = "1200"
    import_file(client, SPONSORSHIPS_URL, csv_bytes(rows), "sponsorships.csv", event=geneva.pk)

    sponsorship = Sponsorship.objects.get(registration=newcomer)
    assert sponsorship.contribution.reference == "GDP/2025/JP-01"
    assert (sponsorship.covers_travel, sponsorship.covers_accommodation, sponsorship.covers_daily_allowance) == (
        True,
        False,
        True,
    )
    assert (sponsorship.currency, sponsorship.travel_amount, sponsorship.daily_allowance_amount) == (
        "CHF",
        Decimal("1200.00"),
        Decimal("285.00"),
    )


@pytest.mark.django_db(transaction=True)
def test_a_bad_sponsorship_file_is_refused_row_by_row_and_saves_nothing(client, gender_programme):
    client.force_login(staff_member(FINANCE))
    geneva = gender_programme["geneva"]
    rows = [
        {"email": "nobody@example.org", "contribution": "GDP/2025/JP-01", "travel": "yes"},
        {"email": geneva.registrations.first().participant.email, "contribution": "NO-SUCH-GRANT", "travel": "yes"},
        {"event": "gdp-nairobi-2025", "email": "x@example.org", "contribution": "GDP/2025/JP-01", "travel": "yes"},
        {"email": geneva.registrations.first().participant.email, "contribution": "GDP/2025/NO-01", "travel": "maybe"},
    ]
    before = Sponsorship.objects.count()

    response = preview(client, SPONSORSHIPS_URL, csv_bytes(rows), "sponsorships.csv", event=geneva.pk)
    errors = " ".join(refusals(response))

    assert "This person has no registration for 'gdp-geneva-2025': import the attendee list first." in errors
    assert "No contribution 'NO-SUCH-GRANT' exists" in errors
    assert "This row is for the event 'gdp-nairobi-2025', but the list is imported into 'gdp-geneva-2025'." in errors
    assert "Write yes or no, not 'maybe'." in errors
    assert not response.context.get("may_confirm")
    assert Sponsorship.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_programme_staff_export_who_was_sponsored_without_the_money_and_cannot_import(client, gender_programme):
    client.force_login(staff_member(PROGRAMME_STAFF))

    rows = read_rows(export(client, SPONSORSHIPS_URL, "csv"), "csv")
    import_page = client.get(f"{SPONSORSHIPS_URL}import/")

    assert len(rows) == 6  # the list as staff see it, the cancelled event's sponsorship too
    assert set(rows[0]) == {
        "event",
        "email",
        "participant",
        "country",
        "contribution",
        "donor",
        "travel",
        "accommodation",
        "daily_allowance",
        "notes",
    }
    assert {row["donor"] for row in rows} == {"Norway", "Japan"}
    assert import_page.status_code == 403
    client.force_login(staff_member(FINANCE))
    with_money = read_rows(export(client, SPONSORSHIPS_URL, "csv"), "csv")
    assert {"currency", "travel_amount", "accommodation_amount", "daily_allowance_amount"} <= set(with_money[0])
