"""Staff on the demo, in a real browser: the dashboards draw every chart with the vendored
ECharts, clicking a bar opens the list with as many items as the bar says, and the session's
handling report is generated from the page (progress bar) and downloaded."""

import json
import re

import pytest
from django.core.management import call_command
from docx import Document

from e2e.pages import Person
from renda.demo.builder import PASSWORD as DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
CHARTS = ["state", "category", "delegation", "unit", "rates", "timeline", "late"]


@pytest.fixture
def demo(settings, tmp_path):
    settings.REPORTS_DIR = tmp_path / "reports"
    call_command("load_demo", stdout=open("/dev/null", "w"))


def bar_position(page, key: str, value: float, index: int) -> tuple[float, float]:
    """Where on the screen the middle of a horizontal bar is (ECharts' own coordinates)."""
    return page.evaluate(
        """([key, value, index]) => {
            const el = document.getElementById("chart-" + key);
            const chart = window.echarts.getInstanceByDom(el);
            const [x, y] = chart.convertToPixel({seriesIndex: 0}, [value / 2, index]);
            const box = el.getBoundingClientRect();
            return [box.left + x, box.top + y];
        }""",
        [key, value, index],
    )


def listed_count(page) -> int:
    text = page.locator("#results .text-muted.small").first.inner_text()
    return int(re.search(r"\d+", text).group())


def test_staff_dashboards_drill_down_and_the_handling_report(
    browser, live_server, demo, screenshots, monkeypatch
):
    monkeypatch.setattr("e2e.pages.PASSWORD", DEMO_PASSWORD)
    staff = Person(browser, live_server.url, "staff").log_in()
    page = staff.go("/reports/")
    page.click("#open-dashboard")
    page.wait_for_url("**/reports/dashboard/")
    for key in CHARTS:  # ECharts draws into each chart's container
        page.locator(f"#chart-{key} svg, #chart-{key} canvas").first.wait_for()
    page.screenshot(path=str(screenshots / "staff-dashboards.png"), full_page=True)

    data = json.loads(page.locator("#chart-category-data").text_content())
    bar = data["series"][0]["data"][0]  # the largest category, on top
    page.locator("#chart-category").scroll_into_view_if_needed()
    x, y = bar_position(page, "category", bar["value"], 0)
    page.mouse.click(x, y)
    page.wait_for_url("**/items/?**")
    assert "received=1" in page.url and "category=" in page.url
    assert listed_count(page) == bar["value"] > 0
    assert page.locator("#drill-down").is_visible()

    page = staff.go("/reports/generate/")
    page.select_option("#id_report", "handling_report")
    page.select_option("#id_format", "docx")
    page.click("#generate-form button[type=submit]")
    page.wait_for_url("**/reports/jobs/*/")
    page.locator("#job-download").wait_for()  # the progress bar reached the end
    assert page.locator("#job-progress").get_attribute("value") == "100"
    with page.expect_download() as info:
        page.click("#job-download")
    download = info.value
    assert download.suggested_filename.endswith("代表议案和建议办理情况的报告.docx")
    doc = Document(download.path())
    assert doc.paragraphs[0].text == "颍川市第七届人民代表大会第九次会议"
    assert doc.paragraphs[1].text == "代表议案和建议办理情况的报告"
    staff.close()
