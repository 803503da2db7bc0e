"""Deputies' phone numbers in exports: in full only for those who contact the deputies."""

import pytest

from renda.accounts.models import Role
from renda.congress.masking import mask_phone
from renda.reports import access
from renda.reports import statistics as st
from renda.reports.exporters.lists import AssignmentListExporter
from renda.reports.tests.scenario import build_year
from renda.reports.tests.test_xlsx import table, workbook

pytestmark = pytest.mark.django_db


def phones(exporter):
    wb = workbook(exporter)
    return {r["标题"]: r["手机"] for ws in wb for r in table(ws, header_row=2)}


def test_the_assignment_list_masks_phones_unless_the_reader_contacts_deputies():
    year = build_year()
    items = st.session_items(year.session)
    full = phones(AssignmentListExporter(items))
    masked = phones(AssignmentListExporter(items, full_contacts=False))
    mobile = year.s["s1"].lead_deputy.mobile
    assert full["关于s1的建议"] == mobile
    assert masked["关于s1的建议"] == mask_phone(mobile) != mobile
    assert all("****" in m for m in masked.values() if m)


@pytest.mark.parametrize(
    ("role", "full"),
    [
        (Role.STAFF, True),
        (Role.UNIT_OFFICER, True),
        (Role.COORDINATOR, False),
        (Role.DEPUTY, False),
        (Role.COMMITTEE_MEMBER, False),
    ],
)
def test_who_sees_full_phone_numbers_in_exports(cast, role, full):
    user = next(
        u
        for u in (
            cast.staff,
            cast.lead_officer,
            cast.coordinator,
            cast.proposer,
            cast.committee_member,
        )
        if u.role == role
    )
    assert access.sees_full_contacts(user) is full
