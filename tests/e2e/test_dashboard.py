"""A manager opens the dashboard from the site's menu, picks 2022–2023 for the demo programme and
reads the figures; a number opens the admin list of what it counts. The screenshot of the page is
left in test-artifacts/ for people to look at."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from reports.selectors import activity_summary
from tests.conftest import ARTIFACTS
from tests.e2e.staff import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())
    from programmes.models import Programme

    return Programme.objects.get(short_name="SecTec")


def test_a_manager_reads_the_dashboard_for_2022_2023_and_follows_a_figure_to_the_admin(page, manager, demo):
    import datetime

    summary = activity_summary(demo, datetime.date(2022, 1, 1), datetime.date(2023, 12, 31))
    log_in(page, manager)
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_label("From").fill("2022-01-01")
    page.get_by_label("To").fill("2023-12-31")
    page.get_by_role("button", name="Show").click()

    expect(page.locator("[data-figure=events]")).to_have_text(str(summary.event_count))
    expect(page.locator("[data-figure=participants]")).to_have_text(str(summary.participant_count))
    expect(page.locator("[data-figure=countries]")).to_have_text(str(summary.country_count))
    expect(page.locator("[data-figure=funding-total]")).to_contain_text(",")
    expect(page.locator("tr[data-donor=Germany]")).to_contain_text("2")
    expect(page.locator("#countries-heading ~ .dashboard-countries .bar-chart__row")).to_have_count(20)
    expect(page.locator("[data-funding-year]")).to_have_count(2)  # 2022 and 2023, split by funding type
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "dashboard.png", full_page=True)

    page.locator("tr[data-year='2023'] td").first.get_by_role("link").click()
    page.wait_for_url("**/admin/events/event/?id__in=*")
    expect(page.locator("#changelist")).to_contain_text("2 events")


def test_a_manager_reads_a_countrys_count_on_the_world_map_by_pointer_and_by_keyboard(page, manager, demo):
    from events.models import Participant

    log_in(page, manager)
    page.goto("/dashboard/?programme=SecTec&start=2022-01-01&end=2023-12-31&currency=USD")
    kenya = page.locator(".world-map a[data-country=KE]")
    count = kenya.get_attribute("data-count")
    readout = page.locator("[data-map-readout]")

    kenya.hover()
    expect(readout).to_have_text(f"Kenya: {count} participants")
    page.locator(".world-map a[data-country=BR]").focus()
    expect(readout).to_contain_text("Brazil: ")
    # One link per country with participants, each in the countries table too.
    assert page.locator(".world-map a[data-country]").count() == page.locator("tr[data-country]").count() - 1  # Tuvalu
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".world-map").screenshot(path=ARTIFACTS / "dashboard-world-map.png")

    kenya.click()
    page.wait_for_url("**/admin/events/participant/?id__in=*")
    expect(page.locator("#changelist")).to_contain_text(f"{count} participant")
    assert Participant.objects.filter(country="KE").count() >= int(count)
