import pytest

from renda.audit.models import AuditRecord


@pytest.fixture
def recorded(db):
    """What accounts wrote to the audit log, oldest first, as (category, action, row)."""

    class Rows:
        def _rows(self):
            return [(r.category, r.action, r) for r in AuditRecord.objects.order_by("pk")]

        def __iter__(self):
            return iter(self._rows())

        def __getitem__(self, i):
            return self._rows()[i]

    return Rows()
