"""Reporting under concurrent requests, on PostgreSQL (row locks and the unique constraint are
what is tested; SQLite serialises all writers anyway)."""

import threading

import pytest
from django.db import connection

from renda.core.errors import DomainError
from renda.indicators import services
from renda.indicators.models import IndicatorValue, ValueEvent, ValueRevision
from renda.indicators.tests.builders import current, spec, system_with

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locking is tested on PostgreSQL"
    ),
]


def run_in_threads(target, args_list):
    barrier = threading.Barrier(len(args_list))
    errors = []

    def run(*args):
        try:
            barrier.wait()
            target(*args)
        except Exception as exc:  # collected and asserted on by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=a) for a in args_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return errors


def report(cast, indicator, region, value):
    return services.report_value(
        indicator,
        actor=cast.lead_officer,
        region=region,
        year=2023,
        month=12,
        value=value,
        source_note=f"第{value}稿",
    )


def test_simultaneous_first_reports_make_one_value_and_refuse_the_rest_cleanly(cast, regions):
    system = system_with(cast.staff, spec(cast.lead_unit, "E01"))
    indicator = current(system, "E01")
    errors = run_in_threads(
        lambda v: report(cast, indicator, regions[0], v), [(50 + i,) for i in range(6)]
    )
    assert all(isinstance(e, DomainError) for e in errors), errors
    value = IndicatorValue.objects.get()
    numbers = list(value.revisions.values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1)) == list(range(1, value.revision + 1))
    assert len(numbers) == 6 - len(errors)
    assert ValueEvent.objects.count() == len(numbers)


def test_simultaneous_revisions_are_numbered_without_gaps(cast, regions):
    system = system_with(cast.staff, spec(cast.lead_unit, "E01"))
    indicator = current(system, "E01")
    first = report(cast, indicator, regions[0], 50)
    errors = run_in_threads(
        lambda v: report(cast, indicator, regions[0], v), [(60 + i,) for i in range(8)]
    )
    assert errors == []
    first.refresh_from_db()
    assert first.revision == 9
    assert sorted(ValueRevision.objects.values_list("number", flat=True)) == list(range(1, 10))
