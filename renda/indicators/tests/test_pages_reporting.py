"""A unit officer reports through the pages: the form (only their own indicators), the Excel
template and its upload (every error by row, column and reason, nothing written), what they
owe and what came back to them."""

import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from renda.indicators.models import IndicatorValue, ValueEvent, ValueRevision
from renda.indicators.tests.world import PDF

pytestmark = pytest.mark.django_db


def post_report(client, indicator, region, **fields):
    data = {"region": region.pk, "year": 2024, "month": 12, "value": "57.5"}
    data |= {"source_note": "2024年统计公报"} | fields
    return client.post(f"/indicators/indicator/{indicator.pk}/report/", data)


class TestTheForm:
    def test_a_unit_reports_its_own_indicator_with_an_attachment(self, client, cast, page_world):
        w = page_world
        client.force_login(cast.lead_officer)
        pdf = SimpleUploadedFile("证明.pdf", PDF, content_type="application/pdf")
        response = post_report(client, w.e01, w.yuzhou, attachment=pdf)
        assert response.status_code == 302
        assert response["Location"] == "/indicators/report/"
        value = IndicatorValue.objects.get(indicator=w.e01, region=w.yuzhou, year=2024)
        assert (value.state, value.value, value.reported_by) == (
            "submitted",
            Decimal("57.5"),
            cast.lead_officer,
        )
        assert value.attachment.read() == PDF
        assert value.events.get().action == "value.report"

    def test_another_unit_cannot_reach_the_form_and_nothing_is_written(
        self, client, cast, page_world
    ):
        w = page_world
        before = IndicatorValue.objects.count(), ValueRevision.objects.count()
        for officer in (cast.co_officer, cast.other_officer):
            client.force_login(officer)
            assert post_report(client, w.e01, w.city).status_code == 404
        client.force_login(cast.proposer)
        assert post_report(client, w.e01, w.city).status_code == 403
        assert (IndicatorValue.objects.count(), ValueRevision.objects.count()) == before

    def test_a_refusal_is_shown_on_the_form_and_changes_nothing(self, english, cast, page_world):
        w = page_world
        english.force_login(cast.lead_officer)
        # the 2023 figure already awaits review as entered
        response = post_report(
            english, w.e01, w.city, year=2023, value="55", source_note="2023年统计公报"
        )
        assert response.status_code == 200
        assert "already awaiting review" in response.content.decode()
        assert ValueRevision.objects.filter(reported=w.pending).count() == 1

    def test_only_the_indicators_regions_and_periods_are_offered(self, client, cast, page_world):
        w = page_world
        client.force_login(cast.lead_officer)
        # E02 is city-wide and half-yearly: a county or a month-9 period is not a choice
        assert post_report(client, w.e02, w.yuzhou).status_code == 200
        assert post_report(client, w.e02, w.city, month=9).status_code == 200
        assert not IndicatorValue.objects.filter(indicator=w.e02, year=2024).exists()
        assert post_report(client, w.e02, w.city, month=6, value="21000").status_code == 302
        assert IndicatorValue.objects.get(indicator=w.e02, year=2024).month == 6

    def test_revising_a_returned_value_starts_from_it(self, english, cast, page_world):
        w = page_world
        english.force_login(cast.lead_officer)
        url = f"/indicators/indicator/{w.e02.pk}/report/?region={w.city.pk}&year=2022&month=12"
        page = english.get(url).content.decode()
        assert "口径不符，请核实" in page and 'value="41000"' in page
        response = english.post(
            url.split("?")[0],
            {
                "region": w.city.pk,
                "year": 2022,
                "month": 12,
                "value": "41500",
                "source_note": "核实",
            },
        )
        assert response.status_code == 302
        w.returned.refresh_from_db()
        assert (w.returned.state, w.returned.value, w.returned.revision) == (
            "submitted",
            Decimal("41500"),
            2,
        )
        assert w.returned.events.last().action == "value.revise"

    def test_staff_enter_a_figure_on_the_units_behalf(self, client, cast, page_world):
        w = page_world
        client.force_login(cast.staff)
        response = post_report(client, w.s01, w.city)
        assert response["Location"] == f"/indicators/indicator/{w.s01.pk}/"
        assert IndicatorValue.objects.get(indicator=w.s01, year=2024).on_behalf


class TestTheReportingPage:
    @time_machine.travel("2025-03-15 10:00 +0800", tick=False)
    def test_it_lists_what_is_owed_returned_and_awaiting(self, client, cast, page_world):
        w = page_world
        client.force_login(cast.lead_officer)
        page = client.get("/indicators/report/")
        owed = {(i.code, r.name, y, m) for i, r, y, m, _due in page.context["owed"]}
        # E01 is reported by the city and both counties; its 2023 city figure awaits review;
        # 2024 is due 30 days after the year ends
        assert ("E01", "全市", 2023, 12) not in owed
        assert {("E01", "长葛市", 2022, 12), ("E01", "长葛市", 2024, 12)} <= owed
        assert ("E02", "全市", 2022, 12) in owed  # returned counts as missing
        assert all(code in ("E01", "E02") for code, *_rest in owed)  # not S01
        assert [v.pk for v in page.context["returned"]] == [w.returned.pk]
        assert [v.pk for v in page.context["pending"]] == [w.pending.pk]
        assert "口径不符，请核实" in page.content.decode()


class TestExcel:
    def template(self, client, system, year=2024, month=12):
        response = client.get(
            f"/indicators/systems/{system.pk}/template/?year={year}&month={month}"
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
        return load_workbook(io.BytesIO(response.content))

    def upload(self, client, system, workbook):
        buffer = io.BytesIO()
        workbook.save(buffer)
        file = SimpleUploadedFile("报送.xlsx", buffer.getvalue())
        return client.post(f"/indicators/systems/{system.pk}/upload/", {"file": file})

    def test_the_template_holds_the_units_rows_for_the_period(self, client, cast, page_world):
        client.force_login(cast.lead_officer)
        sheet = self.template(client, page_world.system)["报送"]
        rows = [r[:6] for r in sheet.iter_rows(min_row=2, values_only=True)]
        assert rows == [
            ("E01", "城镇化率", "%", name, 2024, 12) for name in ("全市", "禹州市", "长葛市")
        ] + [("E02", "城镇新增就业", "人", "全市", 2024, 12)]

    def test_an_upload_with_errors_lists_each_and_writes_nothing(self, english, cast, page_world):
        english.force_login(cast.lead_officer)
        workbook = self.template(english, page_world.system)
        sheet = workbook["报送"]
        sheet["G2"], sheet["H2"] = "五十", "公报"  # not a number
        sheet["G3"], sheet["H3"] = 55, ""  # no source
        sheet["G4"], sheet["H4"], sheet["D4"] = 56, "公报", "许昌市"  # no such region
        before = IndicatorValue.objects.count()
        response = self.upload(english, page_world.system, workbook)
        assert response.status_code == 200
        errors = [(e.row, e.column) for e in response.context["sheet_errors"].errors]
        assert errors == [(2, "数值"), (3, "来源说明"), (4, "地区")]
        page = response.content.decode()
        assert page.count('class="sheet-error"') == 3 and "许昌市" in page
        assert IndicatorValue.objects.count() == before

    def test_a_good_upload_reports_every_filled_row(self, client, cast, page_world):
        client.force_login(cast.lead_officer)
        workbook = self.template(client, page_world.system)
        sheet = workbook["报送"]
        sheet["G2"], sheet["H2"] = 57, "2024年统计公报"
        sheet["G3"], sheet["H3"] = 56.5, "2024年统计公报"
        response = self.upload(client, page_world.system, workbook)
        assert response.status_code == 302
        reported = IndicatorValue.objects.filter(year=2024).order_by("region__order")
        assert [(v.region.name, v.value, v.state) for v in reported] == [
            ("全市", Decimal("57"), "submitted"),
            ("禹州市", Decimal("56.5"), "submitted"),
        ]
        assert ValueEvent.objects.filter(reported__year=2024).count() == 2

    def test_another_units_rows_are_refused_at_their_row(self, client, cast, page_world):
        client.force_login(cast.co_officer)
        workbook = self.template(client, page_world.system)
        sheet = workbook["报送"]
        sheet.append(["E01", "城镇化率", "%", "全市", 2024, 12, 57, "公报"])
        response = self.upload(client, page_world.system, workbook)
        assert [e.row for e in response.context["sheet_errors"].errors] == [3]
        assert not IndicatorValue.objects.filter(year=2024).exists()
