"""The chain detects an edited or a removed row; nothing in the application (nor, on
PostgreSQL, the database) lets a row be changed or deleted."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from renda.audit.maintenance import verify
from renda.audit.models import AuditImmutable, AuditRecord, Category
from renda.audit.services import record
from renda.audit.tests.helpers import TABLE, as_owner
from renda.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    actor = UserFactory()
    return [
        record(Category.EXPORT, "export.test", actor=actor, detail={"rows": n, "note": "导出"})
        for n in range(5)
    ]


def test_an_intact_chain_verifies(rows):
    assert verify() is None
    assert [r.prev_mac for r in rows[1:]] == [r.mac for r in rows[:-1]]
    assert rows[0].prev_mac == ""
    call_command("verify_audit_chain")


def test_an_edited_row_is_named(rows):
    as_owner("UPDATE {table} SET action = %s WHERE id = %s", ["export.other", rows[2].pk])
    broken = verify()
    assert broken is not None and broken.pk == rows[2].pk
    assert "changed" in broken.reason
    with pytest.raises(CommandError, match=f"record {rows[2].pk}"):
        call_command("verify_audit_chain")


def test_an_edited_detail_is_detected(rows):
    as_owner("UPDATE {table} SET detail = %s WHERE id = %s", ['{"rows": 99}', rows[1].pk])
    assert verify().pk == rows[1].pk


def test_a_deleted_row_breaks_the_chain_at_the_next(rows):
    as_owner("DELETE FROM {table} WHERE id = %s", [rows[3].pk])
    broken = verify()
    assert broken.pk == rows[4].pk
    assert "missing" in broken.reason


def test_a_deleted_first_row_is_detected(rows):
    as_owner("DELETE FROM {table} WHERE id = %s", [rows[0].pk])
    assert verify().pk == rows[1].pk


def test_the_application_cannot_change_or_delete_a_record(rows):
    row = AuditRecord.objects.get(pk=rows[0].pk)
    row.action = "forged"
    with pytest.raises(AuditImmutable):
        row.save()
    with pytest.raises(AuditImmutable):
        row.delete()
    with pytest.raises(AuditImmutable):
        AuditRecord.objects.filter(pk=row.pk).update(action="forged")
    with pytest.raises(AuditImmutable):
        AuditRecord.objects.all().delete()
    assert AuditRecord.objects.get(pk=row.pk).action == "export.test"
    assert verify() is None


def test_removing_a_user_leaves_their_records_and_the_chain_intact(rows):
    actor = rows[0].actor
    name = actor.username
    actor.delete()
    assert AuditRecord.objects.filter(actor_username=name).count() == 5
    assert verify() is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database triggers: PostgreSQL")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE {table} SET action = 'forged'",
        "DELETE FROM {table}",
        "TRUNCATE {table}",
    ],
)
def test_postgresql_refuses_raw_changes(rows, sql):
    with connection.cursor() as cursor:
        # The test database allows TRUNCATE for the test runner; production does not.
        cursor.execute("SET LOCAL renda.audit_maintenance = off")
        with pytest.raises(DatabaseError, match="cannot be changed or deleted"):
            with transaction.atomic():
                cursor.execute(sql.format(table=TABLE))
    assert AuditRecord.objects.count() == 5
    assert verify() is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database function: PostgreSQL")
def test_postgresql_prunes_nothing_younger_than_180_days(rows):
    with connection.cursor() as cursor:
        with pytest.raises(DatabaseError, match="at least 180 days"):
            with transaction.atomic():
                cursor.execute("SELECT renda_audit_prune(30)")
        cursor.execute("SELECT renda_audit_prune(180)")
    assert AuditRecord.objects.count() == 5
