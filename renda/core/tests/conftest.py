import pytest
from django.db import transaction
from django.test import Client, override_settings


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix's world, built once per module inside a transaction rolled back at the end
    (each test's own `db` transaction nests in it as a savepoint)."""
    from renda.core.tests.world import build_world

    root = tmp_path_factory.mktemp("matrix")
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=root / "media",
            REPORTS_DIR=root / "reports",
        ),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world(root / "reports")
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    """One logged-in test client per role of the matrix (anonymous: not logged in)."""
    made = {}
    with django_db_blocker.unblock():
        for role, user in world.personas.items():
            made[role] = Client()
            if user.is_authenticated:
                made[role].force_login(user)
    return made
