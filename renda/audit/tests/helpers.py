"""Tampering with the audit table as a database owner would (tests only)."""

from django.db import connection

from renda.audit.models import AuditRecord

TABLE = AuditRecord._meta.db_table


def as_owner(sql: str, params: list) -> None:
    """Run raw SQL on the audit table with its triggers switched off — what only the table's
    owner can do, and what the HMAC chain exists to detect. Rolled back with the test."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
        cursor.execute(sql.format(table=TABLE), params)
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
