"""The two database vendors renda runs on, as far as a backup needs them: connect, list the
tables with their columns and key, dump, restore, and say whether a database is empty.

These work on their own connections (not Django's), so a backup can read a consistent
snapshot and a restore can target a database other than the one the application uses.
"""

import os
import re
import shutil
import sqlite3
import subprocess  # nosec B404 - runs PostgreSQL's own client tools with argument lists
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[str]
    order_by: list[str]  # the primary key, as SQL expressions; empty: sort rows in Python


@dataclass(frozen=True)
class Database:
    vendor: str  # "sqlite" or "postgresql"
    name: str  # the file (or in-memory URI) for SQLite, the database name for PostgreSQL
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, settings_dict: dict[str, Any]) -> "Database":
        engine = settings_dict["ENGINE"]
        if engine.endswith("sqlite3"):
            return cls("sqlite", str(settings_dict["NAME"]))
        if engine.endswith("postgresql"):
            return cls(
                "postgresql",
                settings_dict["NAME"],
                str(settings_dict.get("HOST") or ""),
                str(settings_dict.get("PORT") or ""),
                settings_dict.get("USER") or "",
                settings_dict.get("PASSWORD") or "",
            )
        raise BackupError(f"backups support SQLite and PostgreSQL, not {engine}")

    @classmethod
    def from_url(cls, url: str) -> "Database":
        return cls.from_settings(dj_database_url.parse(url))

    def __str__(self) -> str:
        if self.vendor == "sqlite":
            return f"SQLite {self.name}"
        return f"PostgreSQL {self.user or '(default user)'}@{self.host}:{self.port}/{self.name}"

    def connect(self):
        """A DB-API connection. PostgreSQL reads timestamps in UTC so checksums do not depend
        on the server's time zone."""
        if self.vendor == "sqlite":
            return sqlite3.connect(self.name, uri=self.name.startswith("file:"))
        import psycopg

        return psycopg.connect(**self.psycopg_params(), options="-c TimeZone=UTC")

    def psycopg_params(self) -> dict[str, str]:
        params = {"dbname": self.name, "host": self.host, "port": self.port, "user": self.user}
        params["password"] = self.password
        return {k: v for k, v in params.items() if v}

    def client_args(self) -> list[str]:
        """-h/-p/-U/-d for pg_dump and pg_restore; the password goes in the environment."""
        args = []
        for flag, value in (("-h", self.host), ("-p", self.port), ("-U", self.user)):
            if value:
                args += [flag, value]
        return [*args, "-d", self.name]

    def client_env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def tables(db: Database, conn) -> list[Table]:
    """Every table, by name, with its columns by name and the order to read its rows in."""
    return _sqlite_tables(conn) if db.vendor == "sqlite" else _postgresql_tables(conn)


def _sqlite_tables(conn) -> list[Table]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    found = []
    for name in names:
        info = conn.execute(f"PRAGMA table_info({quote(name)})").fetchall()  # nosec B608
        key = [quote(row[1]) for row in sorted(info, key=lambda r: r[5]) if row[5] > 0]
        found.append(Table(name, sorted(row[1] for row in info), key))
    return found


_PG_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
_PG_COLUMNS = (
    "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass "
    "AND attnum > 0 AND NOT attisdropped ORDER BY attname"
)
# The primary key's columns in key order; text keys compare bytewise (COLLATE "C"), so the
# order is the same on a server with another collation.
_PG_KEY = (
    "SELECT a.attname, a.attcollation <> 0 FROM pg_index i "
    "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
    "WHERE i.indrelid = %s::regclass AND i.indisprimary "
    "ORDER BY array_position(i.indkey::int2[], a.attnum)"
)


def _postgresql_tables(conn) -> list[Table]:
    found = []
    with conn.cursor() as cur:
        names = [row[0] for row in cur.execute(_PG_TABLES).fetchall()]
        for name in names:
            qualified = f"public.{quote(name)}"
            columns = [row[0] for row in cur.execute(_PG_COLUMNS, [qualified]).fetchall()]
            key = [
                quote(col) + (' COLLATE "C"' if collatable else "")
                for col, collatable in cur.execute(_PG_KEY, [qualified]).fetchall()
            ]
            found.append(Table(name, columns, key))
    return found


def is_empty(db: Database) -> bool:
    """No tables at all (a new SQLite file, or a database just created)."""
    if db.vendor == "sqlite" and not db.name.startswith("file:"):
        path = Path(db.name)
        if not path.exists() or path.stat().st_size == 0:
            return True
    conn = db.connect()
    try:
        return not tables(db, conn)
    finally:
        conn.close()


# --- PostgreSQL's client tools ------------------------------------------------------------


def server_major(conn) -> int:
    with conn.cursor() as cur:
        return int(cur.execute("SHOW server_version_num").fetchone()[0]) // 10000


def client_tool(name: str, server: int) -> str:
    """pg_dump or pg_restore not older than the server: RENDA_PG_BIN, else the newest of
    /usr/lib/postgresql/*/bin, else PATH."""
    candidates = []
    if settings.PG_BIN_DIR:
        candidates.append(Path(settings.PG_BIN_DIR) / name)
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: _int(p.parent.name), reverse=True
    )
    candidates += [p / name for p in versions]
    found = shutil.which(name)
    candidates += [Path(found)] if found else []
    for tool in candidates:
        if tool.exists() and tool_major(tool) >= server:
            return str(tool)
    raise BackupError(
        f"no {name} of PostgreSQL {server} or newer was found; install the server's client "
        f"tools (postgresql-client-{server}) or set RENDA_PG_BIN to their folder"
    )


def tool_major(tool: Path) -> int:
    out = subprocess.run([str(tool), "--version"], capture_output=True, text=True, check=True)  # nosec B603
    found = re.search(r"(\d+)(?:\.\d+)?", out.stdout)
    return int(found.group(1)) if found else 0


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0


def run_tool(args: list[str], db: Database) -> None:
    done = subprocess.run(args, capture_output=True, text=True, env=db.client_env())  # nosec B603
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()[-2000:]}")
