"""Start Django for a benchmark on a fresh database: a temporary SQLite file by default, or
the PostgreSQL database named by DATABASE_URL, which must be empty (tables are created)."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> str:
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="renda-bench-")
        os.environ["RENDA_VAR_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    return f"{connection.vendor} ({connection.settings_dict['NAME']})"
