import pytest


@pytest.fixture
def recorded(monkeypatch):
    """What accounts sent to the audit log, as (category, action, fields)."""
    from renda.accounts import audit as seam

    rows = []

    def record(category, action, **fields):
        rows.append((category, action, fields))

    if hasattr(seam, "services"):  # wired to renda.audit (main after the merge)
        monkeypatch.setattr(seam.services, "record", record)
    else:  # the seam before the audit app is installed
        monkeypatch.setattr(seam, "_recorder", lambda: record)
    return rows
