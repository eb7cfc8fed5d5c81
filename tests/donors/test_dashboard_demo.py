"""With the demo programme: management opens the dashboard for 2022–2023: funding by donor and type, activities and
participants by year, country coverage, publications. Its figures are the donor report's and the
activity summary's, each links to the admin list of what it counts, and money is only shown to
those allowed to see it."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from donors.models import Donor
from donors.reports import build_donor_report
from reports.selectors import activity_summary
from tests.factories import (
    UserFactory,
)

pytestmark = pytest.mark.django_db

START, END = datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)
DEMO_PERIOD = {"programme": "SecTec", "start": "2022-01-01", "end": "2023-12-31", "currency": "USD"}


def dashboard(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("donors:dashboard"), query)
    assert response.status_code == 200
    return response


def test_the_dashboard_shows_the_figures_of_the_donor_report_and_the_activity_summary(client, demo, manager):
    response = dashboard(client, manager, **DEMO_PERIOD)
    figures = response.context["figures"]
    totals = response.context["totals"]
    summary = activity_summary(demo, START, END)

    assert totals["events"] == summary.event_count
    assert totals["participants"] == summary.participant_count
    assert totals["countries"] == summary.country_count
    assert totals["publications"] == summary.publication_count
    assert sum(row["events"] for row in response.context["year_rows"]) == summary.event_count

    # The donor report for a core donor states the same programme output and the same amount.
    germany = Donor.objects.get(name="Germany")
    outputs = {output.format: output.content for output in build_donor_report(germany, START, END, "USD", print)}
    workbook = load_workbook(io.BytesIO(outputs["xlsx"]))
    glance = dict(list(workbook["Core at a glance"].iter_rows(values_only=True))[1:])
    assert glance["Events"] == totals["events"]
    assert glance["Participants"] == totals["participants"]
    assert glance["Countries of participants"] == totals["countries"]
    assert glance["Publications"] == totals["publications"]
    assert glance["Translations"] == totals["translations"]
    report_total = list(workbook["Contributions"].iter_rows(values_only=True))[-1][10]
    germany_row = next(row for row in response.context["donor_rows"] if row["donor"] == germany)
    assert germany_row["total"] == Decimal(str(report_total)).quantize(Decimal("0.01"))
    assert figures.funding.summary.by_donor[germany] == germany_row["total"]
    html = response.content.decode()
    assert f'data-amount="{germany_row["total"]}"' in html


def test_each_figure_links_to_the_admin_list_of_exactly_what_it_counts(client, demo, manager):
    response = dashboard(client, manager, **DEMO_PERIOD)
    year_2022 = next(row for row in response.context["year_rows"] if row["year"] == 2022)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)

    for url, expected in [
        (year_2022["events_url"], year_2022["events"]),
        (year_2022["participants_url"], year_2022["participants"]),
        (year_2022["publications_url"], year_2022["publications"]),
        (response.context["totals"]["translations_url"], response.context["totals"]["translations"]),
        (response.context["country_rows"][0]["url"], response.context["country_rows"][0]["country"].participants),
        (response.context["contribution_urls"]["core"], response.context["contribution_counts"]["core"]),
    ]:
        admin_page = client.get(url)
        assert admin_page.status_code == 200, url
        assert admin_page.context["cl"].result_count == expected, url
    assert re.search(r'href="/admin/events/event/\?id__in=[\d,]+"', response.content.decode())


def test_amounts_are_shown_only_to_those_who_may_see_them(client, demo, manager, reports_without_money):
    with_money = dashboard(client, manager, **DEMO_PERIOD).content.decode()
    without_money = dashboard(client, reports_without_money, **DEMO_PERIOD)
    html = without_money.content.decode()

    assert "Total (USD)" in with_money and "Funding in the period (USD)" in with_money
    germany_total = next(
        row["total"]
        for row in dashboard(client, manager, **DEMO_PERIOD).context["donor_rows"]
        if row["donor"].name == "Germany"
    )
    assert f"{germany_total:,.2f}" in with_money
    assert "(USD)" not in html
    assert f"{germany_total:,.2f}" not in html
    assert "/admin/donors/contribution/" not in html
    assert "Amounts are shown to finance and management only." in html
    # They still see who funded the programme and how many contributions.
    germany = next(row for row in without_money.context["donor_rows"] if row["donor"].name == "Germany")
    assert (germany["core_count"], germany["total"]) == (2, None)
    assert without_money.context["figures"].funding.summary is None
