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


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache: one test's logins must not throttle the next.
    from django.core.cache import cache

    cache.clear()
    yield
