"""The indicator pages on the demo, in a real browser: staff open the pilot zone's overview
and an indicator's page and every chart is drawn (ECharts puts a canvas in each container);
a unit officer reports a figure they owe through the form, and staff adopt it."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from e2e.pages import Person
from renda.accounts.models import Role, User
from renda.demo.builder import PASSWORD as DEMO_PASSWORD
from renda.indicators.models import Indicator, IndicatorSystem, IndicatorValue
from renda.indicators.selectors import owed_reports

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(monkeypatch):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    monkeypatch.setattr("e2e.pages.PASSWORD", DEMO_PASSWORD)


def charts_drawn(page) -> None:
    """Every chart container holds the canvas ECharts drew."""
    containers = page.locator("[data-chart]")
    assert containers.count() >= 2
    for i in range(containers.count()):
        containers.nth(i).locator("canvas, svg").first.wait_for()


def test_indicator_pages_on_the_demo(browser, live_server, demo, screenshots):
    # One demo load (about a minute) for both parts.
    staff_see_the_charts_and_what_lags(browser, live_server, screenshots)
    a_unit_reports_a_figure_it_owes_and_staff_adopt_it(browser, live_server, screenshots)


def staff_see_the_charts_and_what_lags(browser, live_server, screenshots):
    system = IndicatorSystem.objects.get()
    staff = Person(browser, live_server.url, "staff").log_in()
    page = staff.go("/")
    page.click("nav >> text=目标指标")
    page.click(f"#systems >> text={system.name}")
    page.wait_for_url(f"{live_server.url}/indicators/systems/{system.pk}/")
    charts_drawn(page)
    assert page.locator("#lagging li[data-code]").count() >= 1
    assert "按线性进度应达" in page.locator("#lagging .reason").first.inner_text()
    page.screenshot(path=str(screenshots / "indicators-overview.png"), full_page=True)

    pm25 = Indicator.objects.get(code="G01", retired_in_version__isnull=True)
    page.click(f"#dimensions >> text={pm25.dimension.name}")
    page.click(f"tr[data-code=G01] >> text={pm25.name}")
    page.wait_for_url(f"{live_server.url}/indicators/indicator/{pm25.pk}/")
    charts_drawn(page)
    assert page.locator("#trend-chart canvas").count() == 1
    assert page.locator("#county-chart canvas").count() == 1
    assert page.locator("#counties tr[data-region]").count() == 10
    page.screenshot(path=str(screenshots / "indicators-indicator.png"), full_page=True)
    staff.close()


def a_unit_reports_a_figure_it_owes_and_staff_adopt_it(browser, live_server, screenshots):
    officer = next(
        u
        for u in User.objects.filter(role=Role.UNIT_OFFICER).order_by("username")
        if owed_reports(u)
    )
    indicator, region, year, month, _due = owed_reports(officer)[0]
    unit = Person(browser, live_server.url, officer.username).log_in()
    page = unit.go("/indicators/report/")
    owed = f"#owed li[data-code={indicator.code}][data-region={region.name}]"
    owed += f"[data-period='{year}-{month}']"
    page.locator(owed).locator("a").click()
    page.fill("#id_value", "17.3")
    page.fill("#id_source_note", f"{year}年统计公报")
    page.screenshot(path=str(screenshots / "indicators-report-form.png"), full_page=True)
    page.click("#report-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/indicators/report/")
    assert page.locator(".alert-success").count() == 1
    value = IndicatorValue.objects.get(indicator=indicator, region=region, year=year, month=month)
    assert (value.state, value.value, value.reported_by) == ("submitted", Decimal("17.3"), officer)
    assert page.locator(owed).count() == 0  # no longer owed
    unit.close()

    staff = Person(browser, live_server.url, "staff").log_in()
    page = staff.go("/indicators/review/")
    page.click(f"[data-accept='{value.pk}']")
    page.wait_for_url(f"{live_server.url}/indicators/review/")
    value.refresh_from_db()
    assert (value.state, value.reviewed_by.username) == ("accepted", "staff")
    staff.close()
