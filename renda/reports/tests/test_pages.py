"""The reports pages: who may open what (one table), the exports with the list's own filters,
report generation with its progress bar and download, Word templates, and the import's dry
run, problems and confirmation."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook, load_workbook

from renda.congress.models import Organization
from renda.proposals.models import Kind
from renda.proposals.queues import queues_for
from renda.proposals.tests.builders import build_item
from renda.reports.models import JobStatus, ReportJob, ReportTemplate
from renda.reports.services.templates import default_template_bytes

pytestmark = pytest.mark.django_db

PERSONAS = [
    "staff",
    "lead_officer",
    "coordinator",
    "proposer",
    "committee_member",
    "system_admin",
    "anonymous",
]
DATA_ROLES = {p: 200 for p in PERSONAS if p not in ("system_admin", "anonymous")}
UNIT_ROLES = {"staff": 200, "lead_officer": 200, "coordinator": 200}
STAFF_ONLY = {"staff": 200}


def expected(allowed: dict[str, int]) -> dict[str, int]:
    """Everyone not listed is refused (403); the anonymous are sent to log in (302)."""
    return {p: allowed.get(p, 302 if p == "anonymous" else 403) for p in PERSONAS}


CASES = [
    ("/reports/", expected(DATA_ROLES)),
    ("/reports/dashboard/", expected(DATA_ROLES)),
    ("/reports/export/list/?kind=suggestion", expected(DATA_ROLES)),
    ("/reports/export/statistics/", expected(DATA_ROLES)),
    ("/reports/generate/", expected(UNIT_ROLES)),
    ("/reports/scores/", expected(UNIT_ROLES)),
    ("/reports/export/scores/", expected(UNIT_ROLES)),
    ("/reports/import/", expected(STAFF_ONLY)),
    ("/reports/import/units/template/", expected(STAFF_ONLY)),
    ("/reports/templates/", expected(STAFF_ONLY)),
    ("/reports/templates/reply_letter/default/", expected(STAFF_ONLY)),
    ("/reports/jobs/", expected({p: 200 for p in PERSONAS if p != "anonymous"})),
]


@pytest.fixture
def world(cast):
    for state in ("in_handling", "closed", "replied"):
        build_item(cast, Kind.SUGGESTION, state)
    build_item(cast, Kind.MOTION, "under_review")
    return cast


@pytest.mark.parametrize(("url", "answers"), CASES, ids=[c[0] for c in CASES])
def test_who_may_open_which_page(client, world, url, answers):
    for persona, status in answers.items():
        if persona != "anonymous":
            client.force_login(getattr(world, persona))
        else:
            client.logout()
        assert client.get(url).status_code == status, (url, persona)


def xlsx_rows(content: bytes, sheet: int = 0) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).worksheets[sheet].iter_rows(values_only=True))


def test_a_list_exports_with_its_own_filters(client, world):
    client.force_login(world.staff)
    query = f"kind=suggestion&session={world.session.pk}&state=closed"
    page = client.get(f"/items/?{query}")
    html = page.content.decode()
    assert f'href="/reports/export/list/?{query.replace("&", "&amp;")}"' in html
    response = client.get(f"/reports/export/list/?{query}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = xlsx_rows(response.content)[1:]
    listed = [item.title for item in page.context["page"]]
    assert len(rows) == page.context["page"].paginator.count == len(listed) == 1
    assert rows[0][4] == listed[0]


def test_a_work_queues_export_holds_the_queue(client, world):
    officer = world.lead_officer
    client.force_login(officer)
    queue = queues_for(officer)[0].key
    listed = client.get(f"/items/?queue={queue}").context["page"].paginator.count
    response = client.get(f"/reports/export/list/?queue={queue}")
    assert len(xlsx_rows(response.content)) - 1 == listed
    bad = client.get("/reports/export/list/?queue=nope")
    assert bad.status_code == 302 and bad["Location"].startswith("/items/")


def test_a_large_export_runs_as_a_job_with_a_download(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_EXPORT_SYNC_ROWS = 1
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/reports/export/list/?kind=suggestion")
    job = ReportJob.objects.get(owner=world.staff)
    assert response["Location"] == f"/reports/jobs/{job.pk}/"
    job.refresh_from_db()
    assert (job.status, job.summary) == (JobStatus.SUCCEEDED, {"rows": 3})
    page = client.get(f"/reports/jobs/{job.pk}/").content.decode()
    assert f'href="/reports/jobs/{job.pk}/download/"' in page
    download = client.get(f"/reports/jobs/{job.pk}/download/")
    assert len(xlsx_rows(b"".join(download.streaming_content))) == 4
    client.force_login(world.lead_officer)  # another's job answers 404
    assert client.get(f"/reports/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/reports/jobs/{job.pk}/download/").status_code == 404


def test_assignment_lists(client, world):
    client.force_login(world.staff)
    everyone = client.get("/reports/export/assignments/", {"scope": f"session:{world.session.pk}"})
    sheets = load_workbook(io.BytesIO(everyone.content)).sheetnames
    assert sorted(sheets) == sorted([world.lead_unit.name, world.co_unit.name])
    client.force_login(world.lead_officer)
    own = client.get(
        "/reports/export/assignments/",
        {"scope": f"session:{world.session.pk}", "unit": world.lead_unit.pk},
    )
    assert load_workbook(io.BytesIO(own.content)).sheetnames == [world.lead_unit.name]
    assert len(xlsx_rows(own.content)) == 2 + 3  # heading, header, its three items
    other = client.get(
        "/reports/export/assignments/",
        {"scope": f"session:{world.session.pk}", "unit": world.co_unit.pk},
    )
    assert other.status_code == 302  # not a choice it has: back with the form's error
    assert "filename" not in other.get("Content-Disposition", "")


def test_statistics_tables(client, world):
    client.force_login(world.staff)
    response = client.get("/reports/export/statistics/", {"scope": f"session:{world.session.pk}"})
    overview = dict(r for r in xlsx_rows(response.content)[2:] if r[0])
    assert overview["收到建议"] == 3 and overview["收到议案"] == 1


def test_the_handling_report_is_generated_with_a_progress_bar(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.staff)
    form = {"scope": f"session:{world.session.pk}", "report": "handling_report", "format": "docx"}
    queued = client.post("/reports/generate/", form)  # not run: the worker has not got it yet
    job = ReportJob.objects.get()
    assert queued["Location"] == f"/reports/jobs/{job.pk}/"
    polling = client.get(f"/reports/jobs/{job.pk}/status/").content.decode()
    assert 'hx-trigger="every 1s"' in polling and 'value="0"' in polling
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/reports/generate/", form)
    finished = client.get(done["Location"].replace("/jobs/", "/jobs/", 1) + "status/")
    html = finished.content.decode()
    assert "hx-trigger" not in html  # the bar stops polling
    assert 'value="100"' in html and 'id="job-download"' in html
    job = ReportJob.objects.get(pk=done["Location"].split("/")[-2])
    download = client.get(f"/reports/jobs/{job.pk}/download/")
    doc = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert doc.paragraphs[1].text == "代表议案和建议办理情况的报告"


def test_a_unit_generates_only_its_own_report(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.lead_officer)
    scope = f"session:{world.session.pk}"
    page = client.get("/reports/generate/").content.decode()
    assert 'value="handling_report"' not in page
    refused = client.post(
        "/reports/generate/",
        {"scope": scope, "report": "unit_report", "unit": world.co_unit.pk, "format": "docx"},
    )
    assert refused.status_code == 200 and not ReportJob.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/reports/generate/",
            {"scope": scope, "report": "unit_report", "unit": world.lead_unit.pk, "format": "docx"},
        )
    job = ReportJob.objects.get()
    assert (job.kind, job.status) == ("unit_report", JobStatus.SUCCEEDED)


def test_without_libreoffice_the_page_says_so(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_SOFFICE = "renda-no-such-soffice"
    client.force_login(world.staff)
    assert 'id="no-pdf"' in client.get("/reports/generate/").content.decode()
    form = {"scope": f"session:{world.session.pk}", "report": "handling_report", "format": "pdf"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/generate/", form)
    html = client.get(response["Location"]).content.decode()
    assert 'data-status="failed"' in html and "LibreOffice" in html


def test_staff_download_upload_and_reset_a_word_template(client, world):
    client.force_login(world.staff)
    default = client.get("/reports/templates/unit_report/default/")
    assert default.content == default_template_bytes("unit_report")
    upload = SimpleUploadedFile("我的模板.docx", default.content)
    client.post("/reports/templates/unit_report/upload/", {"unit_report-template": upload})
    [template] = ReportTemplate.objects.filter(kind="unit_report", active=True)
    assert template.original_name == "我的模板.docx"
    assert "我的模板.docx" in client.get("/reports/templates/").content.decode()
    broken = SimpleUploadedFile("坏模板.docx", b"not a word file")
    response = client.post(
        "/reports/templates/unit_report/upload/", {"unit_report-template": broken}, follow=True
    )
    assert "Word" in response.content.decode()
    assert ReportTemplate.objects.get(kind="unit_report", active=True) == template
    client.post("/reports/templates/unit_report/reset/")
    assert not ReportTemplate.objects.filter(active=True).exists()
    assert client.get("/reports/templates/unit_report/reset/").status_code == 405


def units_sheet(rows: list[tuple]) -> SimpleUploadedFile:
    wb = Workbook()
    wb.active.append(["单位名称", "简称", "单位类型", "所属地区"])
    for row in rows:
        wb.active.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("units.xlsx", out.getvalue())


def check(client, sheet, capture):
    with capture(execute=True):
        response = client.post("/reports/import/", {"kind": "import_units", "sheet": sheet})
    return response["Location"]


def test_an_import_is_checked_then_confirmed_all_or_nothing(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.staff)
    template = client.get("/reports/import/units/template/")
    assert xlsx_rows(template.content)[0][:3] == ("单位名称", "简称", "单位类型")
    before = Organization.objects.count()

    bad = check(
        client,
        units_sheet([("市水利局", "水利局", "政府部门", None), ("", "", "机关", None)]),
        django_capture_on_commit_callbacks,
    )
    html = client.get(bad).content.decode()
    assert 'id="import-issues"' in html and 'id="confirm-import"' not in html
    assert "<td>3</td><td>单位名称</td>" in html and "<td>3</td><td>单位类型</td>" in html
    assert Organization.objects.count() == before

    good = check(
        client,
        units_sheet([("市水利局", "水利局", "政府部门", None), ("市林业局", "", "政府部门", None)]),
        django_capture_on_commit_callbacks,
    )
    html = client.get(good).content.decode()
    assert 'id="import-ok"' in html and 'id="confirm-import"' in html
    assert Organization.objects.count() == before  # a check writes nothing
    dry_run = good.split("/")[-2]
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/reports/jobs/{dry_run}/confirm/")
    assert 'id="import-done"' in client.get(confirmed["Location"]).content.decode()
    assert Organization.objects.filter(name__in=["市水利局", "市林业局"]).count() == 2
    again = client.post(f"/reports/jobs/{dry_run}/confirm/", follow=True)
    assert "已经导入" in again.content.decode()
    assert ReportJob.objects.filter(kind="import_units").count() == 3
