import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # PBKDF2 costs ~0.4 s a hash here; tests check behaviour, not hashing strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    # Tasks run at once in tests; the worker itself is exercised where a test says so.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "reports", "notifications", "textmining"],
        }
    }


@pytest.fixture
def cast(db):
    from renda.testing.personas import make_cast

    return make_cast()


@pytest.fixture(scope="session", autouse=True)
def _audit_table_may_be_emptied(django_db_setup, django_db_blocker):
    # Transactional tests empty every table with TRUNCATE, which the audit table's trigger
    # refuses on PostgreSQL; only the test database is told to allow it (renda.audit 0002).
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            name = cursor.fetchone()[0]
            cursor.execute(f'ALTER DATABASE "{name}" SET renda.audit_maintenance = on')
            cursor.execute("SET renda.audit_maintenance = on")


@pytest.fixture(autouse=True)
def _default_language():
    # A page requested in English leaves English active in the thread (the locale middleware
    # activates per request); tests that follow in the same worker expect the default.
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache: one test's logins must not throttle the next.
    from django.core.cache import cache

    cache.clear()
    yield
