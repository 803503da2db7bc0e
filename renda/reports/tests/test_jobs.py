"""Background jobs: queued after commit, run once, progress, results for their owner only,
failures recorded; and the Word templates staff upload."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from docx import Document
from openpyxl import Workbook, load_workbook

from renda.accounts.models import Role
from renda.core import clock
from renda.core.errors import NotPermitted, RuleViolation
from renda.proposals.access import visible_proposals
from renda.proposals.models import Proposal
from renda.reports import selectors
from renda.reports.documents import defaults
from renda.reports.models import JobKind, JobStatus, ReportJob
from renda.reports.scope import ReportScope
from renda.reports.services import documents
from renda.reports.services.jobs import Progress, execute_job, start_job
from renda.reports.services.templates import reset_template, upload_template
from renda.reports.tests.scenario import TODAY, at, build_year
from renda.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    return build_year()


@pytest.fixture(autouse=True)
def _today():
    with clock.travel(at(TODAY, 18)):
        yield


def run(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = start_job(**kwargs)
    assert len(callbacks) == 1  # queued only once the job's row is committed
    job.refresh_from_db()
    return job


def test_a_report_job_runs_and_its_owner_downloads_the_result(
    year, django_capture_on_commit_callbacks
):
    job = run(
        django_capture_on_commit_callbacks,
        actor=year.staff,
        kind=JobKind.HANDLING_REPORT,
        parameters={"session": year.session.pk},
    )
    assert (job.status, job.progress, job.error) == (JobStatus.SUCCEEDED, 100, "")
    assert job.started_at is not None and job.finished_at is not None
    path, name = selectors.job_result(year.staff, job.pk)
    assert name == "颍川市第七届人民代表大会第九次会议代表议案和建议办理情况的报告.docx"
    assert Document(path).paragraphs[1].text == "代表议案和建议办理情况的报告"
    status = selectors.job_status(year.staff, job.pk)
    assert status | {"summary": None} == {
        "id": job.pk,
        "kind": "handling_report",
        "status": "succeeded",
        "progress": 100,
        "finished": True,
        "error": "",
        "summary": None,
        "download": True,
        "name": name,
    }


def test_results_are_only_for_the_owner_and_staff(year, django_capture_on_commit_callbacks):
    officer = year.officers["U1"]
    job = run(
        django_capture_on_commit_callbacks,
        actor=officer,
        kind=JobKind.ITEM_LIST,
        parameters={"session": year.session.pk},
    )
    assert selectors.job_result(officer, job.pk)[1].endswith(".xlsx")
    other_staff = UserFactory(role=Role.STAFF)
    assert selectors.job_result(other_staff, job.pk)  # staff see every item anyway
    for stranger in (year.officers["U2"], year.deputies[0], UserFactory(role=Role.SYSTEM_ADMIN)):
        with pytest.raises(Http404):
            selectors.job_result(stranger, job.pk)
        with pytest.raises(Http404):
            selectors.job_status(stranger, job.pk)
    assert list(selectors.jobs_of(officer)) == [job]
    assert list(selectors.jobs_of(year.officers["U2"])) == []


def test_a_units_list_holds_only_what_the_unit_may_see(year, django_capture_on_commit_callbacks):
    officer = year.officers["U2"]
    job = run(
        django_capture_on_commit_callbacks,
        actor=officer,
        kind=JobKind.ITEM_LIST,
        parameters={"session": year.session.pk, "filters": {"kind": "suggestion"}},
    )
    path, _name = selectors.job_result(officer, job.pk)
    titles = [r[4] for r in load_workbook(path).active.iter_rows(min_row=2, values_only=True)]
    expected = visible_proposals(officer).filter(kind="suggestion").values_list("title", flat=True)
    assert sorted(titles) == sorted(expected) == ["关于s4的建议", "关于s5的建议"]
    assert job.summary == {"rows": 2}


def test_refusals_happen_when_the_job_is_started(year):
    before = ReportJob.objects.count()
    with pytest.raises(NotPermitted):
        start_job(
            actor=year.officers["U1"], kind=JobKind.HANDLING_REPORT, parameters={"year": 2026}
        )
    with pytest.raises(NotPermitted):
        start_job(
            actor=year.officers["U1"],
            kind=JobKind.ASSIGNMENT_LIST,
            parameters={"session": year.session.pk, "unit": year.units["U2"].pk},
        )
    with pytest.raises(NotPermitted):
        start_job(actor=year.officers["U1"], kind=JobKind.IMPORT_UNITS, parameters={})
    with pytest.raises(RuleViolation):
        start_job(actor=year.staff, kind=JobKind.IMPORT_UNITS, parameters={}, upload=None)
    with pytest.raises(RuleViolation):
        start_job(actor=year.staff, kind="poster", parameters={})
    assert ReportJob.objects.count() == before


def test_a_job_runs_once(year, django_capture_on_commit_callbacks):
    job = run(
        django_capture_on_commit_callbacks,
        actor=year.staff,
        kind=JobKind.STATISTICS,
        parameters={"year": 2026},
    )
    finished = job.finished_at
    execute_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.finished_at) == (JobStatus.SUCCEEDED, finished)
    wb = load_workbook(selectors.job_result(year.staff, job.pk)[0])
    assert "承办单位" in wb.sheetnames


def test_failures_are_recorded_with_their_message(year, django_capture_on_commit_callbacks):
    job = run(
        django_capture_on_commit_callbacks,
        actor=year.staff,
        kind=JobKind.HANDLING_REPORT,
        parameters={"session": 9999},
    )
    assert (job.status, job.error) == (JobStatus.FAILED, "该次会议不存在。")
    with pytest.raises(Http404):
        selectors.job_result(year.staff, job.pk)


def test_an_unexpected_error_fails_the_job_without_details(
    year, monkeypatch, django_capture_on_commit_callbacks
):
    from renda.reports.services import jobs

    def broken(job, progress):
        raise ZeroDivisionError

    monkeypatch.setitem(jobs.RUNNERS, JobKind.STATISTICS, broken)
    job = run(
        django_capture_on_commit_callbacks, actor=year.staff, kind=JobKind.STATISTICS, parameters={}
    )
    assert (job.status, job.error) == (JobStatus.FAILED, "任务意外失败，请重试。")


def test_progress_is_visible_while_a_job_runs(year):
    job = ReportJob.objects.create(
        owner=year.staff, kind=JobKind.STATISTICS, status=JobStatus.RUNNING, created_at=clock.now()
    )
    progress = Progress(job)
    seen = []
    for share in (0.1, 0.05, 0.4, 0.9, 1.0):
        progress(share)
        seen.append(selectors.job_status(year.staff, job.pk)["progress"])
    assert seen == [10, 10, 40, 90, 99]  # never backwards; 100 only when finished


def import_upload(rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(["标题", "领衔代表", "提出日期", "内容", "类别"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("建议.xlsx", out.getvalue())


def test_an_import_job_checks_then_imports(year, django_capture_on_commit_callbacks):
    good = [["关于夜市管理的建议", "代表0", "2026-01-22", "内容", "城乡建设"]]
    bad = [*good, ["", "代表0", "2026-01-22", "内容", "城乡建设"]]
    params = {"session": year.session.pk, "dry_run": True}
    before = Proposal.objects.count()

    dry = run(
        django_capture_on_commit_callbacks,
        actor=year.staff,
        kind=JobKind.IMPORT_SUGGESTIONS,
        parameters=params,
        upload=import_upload(bad),
    )
    assert dry.status == JobStatus.SUCCEEDED
    assert dry.summary["ok"] is False
    assert dry.summary["issues"] == [{"row": 3, "column": "标题", "message": "请填写此项。"}]
    problems = load_workbook(selectors.job_result(year.staff, dry.pk)[0]).active
    assert list(problems.iter_rows(min_row=2, values_only=True)) == [(3, "标题", "请填写此项。")]

    params["dry_run"] = False
    refused = run(
        django_capture_on_commit_callbacks,
        actor=year.staff,
        kind=JobKind.IMPORT_SUGGESTIONS,
        parameters=params,
        upload=import_upload(bad),
    )
    assert refused.status == JobStatus.FAILED
    assert refused.error == "未导入任何数据：表格中有1处问题。"
    assert Proposal.objects.count() == before

    done = run(
        django_capture_on_commit_callbacks,
        actor=year.staff,
        kind=JobKind.IMPORT_SUGGESTIONS,
        parameters=params,
        upload=import_upload(good),
    )
    assert (done.status, done.progress, done.summary["summary"]["create"]) == (
        JobStatus.SUCCEEDED,
        100,
        1,
    )
    assert Proposal.objects.filter(title="关于夜市管理的建议", state="accepted").exists()


# -- templates ---------------------------------------------------------------------------------


def docx_upload(doc, name="我的模板.docx") -> SimpleUploadedFile:
    out = io.BytesIO()
    doc.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def test_staff_replace_a_template_and_go_back_to_the_default(year):
    mine = defaults.handling_report()
    mine.paragraphs[2].text = "{{ author }}（2026年修订稿）"
    upload_template(actor=year.staff, kind="handling_report", upload=docx_upload(mine))
    scope = ReportScope(session=year.session)
    doc = Document(io.BytesIO(documents.build_handling_report(scope)))
    assert doc.paragraphs[2].text == "颍川市人民代表大会常务委员会（2026年修订稿）"
    assert selectors.templates_in_use()[0]["default"] is False
    reset_template(actor=year.staff, kind="handling_report")
    doc = Document(io.BytesIO(documents.build_handling_report(scope)))
    assert doc.paragraphs[2].text == "颍川市人民代表大会常务委员会"


def test_a_broken_template_is_refused_with_its_mistake(year):
    broken = defaults.reply_letter()
    broken.add_paragraph("{% for x in paragraphs %}")  # never closed
    with pytest.raises(RuleViolation) as refused:
        upload_template(actor=year.staff, kind="reply_letter", upload=docx_upload(broken))
    assert "报告模板有错误" in str(refused.value)
    with pytest.raises(RuleViolation):
        upload_template(
            actor=year.staff, kind="reply_letter", upload=SimpleUploadedFile("x.docx", b"not a zip")
        )
    with pytest.raises(NotPermitted):
        upload_template(actor=year.officers["U1"], kind="reply_letter", upload=docx_upload(broken))
    assert all(row["default"] for row in selectors.templates_in_use())
