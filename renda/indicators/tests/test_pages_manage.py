"""Staff's pages: a system exported and imported back as .xlsx (a broken file lists every
error and writes nothing), and figures taken from a pasted summary."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from renda.indicators.models import IndicatorSystem, IndicatorValue
from renda.indicators.regions import city_region

pytestmark = pytest.mark.django_db


def export(client, system):
    response = client.get(f"/indicators/systems/{system.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    return load_workbook(io.BytesIO(response.content))


def upload(client, workbook, system=None):
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = {"file": SimpleUploadedFile("体系.xlsx", buffer.getvalue())}
    if system is not None:
        data["system"] = system.pk
    return client.post("/indicators/systems/import/", data)


class TestSystems:
    def test_an_export_reads_back_as_the_next_version(self, client, cast, page_world):
        client.force_login(cast.staff)
        workbook = export(client, page_world.system)
        workbook["指标"]["C2"] = "常住人口城镇化率"  # E01's name
        response = upload(client, workbook, page_world.system)
        assert response.status_code == 302
        assert response["Location"] == f"/indicators/systems/{page_world.system.pk}/"
        system = IndicatorSystem.objects.get(pk=page_world.system.pk)
        assert system.version == page_world.system.version + 1
        assert system.indicators.get(code="E01", retired_in_version__isnull=True).name == (
            "常住人口城镇化率"
        )

    def test_a_new_system_from_a_file(self, client, cast, page_world):
        client.force_login(cast.staff)
        workbook = export(client, page_world.system)
        workbook["指标体系"]["B2"] = "另一指标体系"
        assert upload(client, workbook).status_code == 302
        assert IndicatorSystem.objects.get(name="另一指标体系").indicators.count() == 3

    def test_a_broken_file_lists_each_error_and_writes_nothing(self, client, cast, page_world):
        client.force_login(cast.staff)
        workbook = export(client, page_world.system)
        workbook["指标"]["M2"] = "市统计局"  # no such unit
        workbook["指标"]["J3"] = "二〇二〇"  # baseline year not a number
        response = upload(client, workbook, page_world.system)
        assert response.status_code == 200
        errors = [(e.sheet, e.row, e.column) for e in response.context["sheet_errors"].errors]
        assert errors == [("指标", 2, "责任单位"), ("指标", 3, "基期年份")]
        assert response.content.decode().count('class="sheet-error"') == 2
        assert IndicatorSystem.objects.get(pk=page_world.system.pk).version == (
            page_world.system.version
        )

    def test_not_a_workbook(self, client, cast, page_world):
        client.force_login(cast.staff)
        file = SimpleUploadedFile("体系.xlsx", b"not a workbook")
        response = client.post("/indicators/systems/import/", {"file": file})
        assert len(response.context["sheet_errors"].errors) == 1
        assert IndicatorSystem.objects.count() == 1


SUMMARY = (
    "2024年，全市城镇化率达到56.2%，禹州市城镇化率达到55.1%。"
    "全市森林覆盖率提高1.2个百分点，达到54%。"
)


class TestFiguresFromText:
    def post(self, client, system, **extra):
        data = {
            "text": SUMMARY,
            "source": "市统计局2024年统计公报",
            "year": 2024,
            "month": 12,
            "region": city_region().pk,
        }
        return client.post(f"/indicators/systems/{system.pk}/figures/", data | extra)

    def test_staff_see_the_candidates_with_their_sentences(self, client, cast, page_world):
        client.force_login(cast.staff)
        page = self.post(client, page_world.system, propose="1")
        found = [
            (p.indicator.code, p.region.name, p.candidate.value) for p in page.context["proposals"]
        ]
        assert found == [
            ("E01", "全市", Decimal("56.2")),
            ("E01", "禹州市", Decimal("55.1")),
            ("S01", "全市", Decimal("54")),
        ]
        html = page.content.decode()
        assert "全市森林覆盖率提高1.2个百分点，达到54%。" in html
        assert html.count('name="pick"') == 3 and html.count("checked") >= 3
        assert not IndicatorValue.objects.filter(year=2024).exists()  # nothing yet

    def test_the_ticked_figures_are_reported_for_the_units(self, client, cast, page_world):
        client.force_login(cast.staff)
        response = self.post(client, page_world.system, confirm="1", pick=["0", "2"])
        assert response.status_code == 302 and response["Location"] == "/indicators/review/"
        reported = IndicatorValue.objects.filter(year=2024).order_by("indicator__code")
        assert [(v.indicator.code, v.region.name, v.value, v.on_behalf) for v in reported] == [
            ("E01", "全市", Decimal("56.2"), True),
            ("S01", "全市", Decimal("54"), True),
        ]
        assert reported[0].source_note.startswith("市统计局2024年统计公报：2024年，全市城镇化率")

    def test_nothing_ticked_reports_nothing(self, english, cast, page_world):
        english.force_login(cast.staff)
        response = self.post(english, page_world.system, confirm="1")
        assert response.status_code == 200
        assert "Please choose at least one figure." in response.content.decode()
        assert not IndicatorValue.objects.filter(year=2024).exists()
