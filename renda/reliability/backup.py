"""Backup (备份) and restore (恢复) of the database and the uploaded files.

A backup is one folder: the database (`database.pgdump`, pg_dump's custom format taken by the
server's own client tools; or `database.sqlite3`, a copy made with SQLite's online backup
API), the uploaded files — `media/` (MEDIA_ROOT: reply letters, indicator attachments) and
`reports/` (REPORTS_DIR: uploaded Word templates and import sheets, generated reports) — and
`manifest.json` with rows and a checksum per table, read from the same snapshot as the dump,
and a checksum per file. A restore goes only into an empty database and empty folders (unless
forced), checks the backup against its manifest first, and compares what it restored with it
afterwards.
"""

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from renda.reliability import manifest as mf
from renda.reliability.databases import (
    BackupError,
    Database,
    client_tool,
    is_empty,
    run_tool,
    server_major,
)

DUMP_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def default_database() -> Database:
    return Database.from_settings(connection.settings_dict)


def file_roots(media_root: Path | None = None, reports_dir: Path | None = None) -> dict:
    """The folders of files a backup holds, by their name in the backup."""
    return {
        "media": Path(media_root or settings.MEDIA_ROOT),
        "reports": Path(reports_dir or settings.REPORTS_DIR),
    }


def create_backup(
    folder: Path, *, db: Database | None = None, roots: dict[str, Path] | None = None
) -> dict[str, Any]:
    """Write a backup into `folder` (new or empty); returns its manifest."""
    db = db or default_database()
    roots = roots or file_roots()
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: choose a new folder for the backup")
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / DUMP_FILES[db.vendor]
    backup_database = _backup_sqlite if db.vendor == "sqlite" else _backup_postgresql
    tables = backup_database(db, dump)
    manifest = {
        "format": mf.FORMAT,
        "created_at": timezone.now().isoformat(),
        "vendor": db.vendor,
        "database_file": dump.name,
        "database_sha256": mf.file_checksum(dump),
        "tables": tables,
        "files": _copy_roots(roots, folder),
    }
    mf.write(folder, manifest)
    return mf.read(folder)


def _backup_sqlite(db: Database, dump: Path) -> dict[str, Any]:
    source, copy = db.connect(), sqlite3.connect(dump)
    try:
        source.backup(copy)  # a consistent copy, even while the application writes
        return mf.database_checksums(Database("sqlite", str(dump)), copy)
    finally:
        source.close()
        copy.close()


def _backup_postgresql(db: Database, dump: Path) -> dict[str, Any]:
    import psycopg

    conn = db.connect()
    try:
        tool = client_tool("pg_dump", server_major(conn))
        conn.rollback()
        # pg_dump reads the snapshot this transaction exports, and the checksums are computed
        # in the same transaction: both describe exactly the same data.
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        run_tool(
            [tool, "-Fc", "-w", f"--snapshot={snapshot}", "-f", str(dump), *db.client_args()], db
        )
        return mf.database_checksums(db, conn)
    finally:
        conn.close()


def _copy_roots(roots: dict[str, Path], target: Path) -> dict[str, Any]:
    """Copy each root into target/<its name>; {"media/replies/…": checksum, …}."""
    files = {}
    for name, root in roots.items():
        for path in mf.media_files(root):
            relative = f"{name}/{path.relative_to(root).as_posix()}"
            copy = target / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            files[relative] = _copy_file(path, copy)
    return files


def _checksums(roots: dict[str, Path]) -> dict[str, Any]:
    return {
        f"{name}/{relative}": checksum
        for name, root in roots.items()
        for relative, checksum in mf.media_checksums(root).items()
    }


def _copy_file(source: Path, copy: Path) -> dict[str, Any]:
    """Copy and checksum the bytes as they are written (the file may change meanwhile)."""
    digest, size = hashlib.sha256(), 0
    with source.open("rb") as src, copy.open("wb") as dst:
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
            dst.write(block)
            size += len(block)
    shutil.copystat(source, copy)
    return {"bytes": size, "sha256": digest.hexdigest()}


# --- restore and verification ----------------------------------------------------------


def verify_folder(folder: Path) -> list[str]:
    """The backup against its own manifest: signature, database file, every file."""
    manifest = mf.read(folder)
    problems = mf.check_signature(manifest)
    dump = folder / manifest["database_file"]
    if not dump.exists():
        problems.append(f"{dump.name}: missing")
    elif mf.file_checksum(dump) != manifest["database_sha256"]:
        problems.append(f"{dump.name}: the checksum does not match the manifest")
    in_folder = _checksums({name: folder / name for name in _root_names(manifest)})
    return problems + mf.compare("file", manifest["files"], in_folder)


def _root_names(manifest: dict[str, Any]) -> set[str]:
    return {"media", "reports"} | {name.split("/", 1)[0] for name in manifest["files"]}


def verify_target(folder: Path, *, db: Database, roots: dict[str, Path]) -> list[str]:
    """A database and file folders against the backup's manifest: rows and checksums per
    table, and every file."""
    manifest = mf.read(folder)
    if manifest["vendor"] != db.vendor:
        return [f"the backup is of {manifest['vendor']}, the database is {db.vendor}"]
    conn = db.connect()
    try:
        tables = mf.database_checksums(db, conn)
    finally:
        conn.close()
    problems = mf.compare("table", manifest["tables"], tables)
    return problems + mf.compare("file", manifest["files"], _checksums(roots))


def restore_backup(
    folder: Path, *, db: Database | None = None, roots: dict[str, Path] | None = None, force=False
) -> list[str]:
    """Restore into an empty database and empty folders (`force` replaces what is there).
    Refuses a backup that does not match its manifest; returns the differences found when
    comparing the result with the manifest (empty: identical)."""
    db = db or default_database()
    roots = roots or file_roots()
    problems = verify_folder(folder)
    if problems:
        raise BackupError(
            "the backup does not match its manifest; nothing restored:\n" + "\n".join(problems)
        )
    manifest = mf.read(folder)
    if manifest["vendor"] != db.vendor:
        raise BackupError(f"this is a {manifest['vendor']} backup; {db} is {db.vendor}")
    if not force:
        _require_empty(db, roots)
    dump = folder / manifest["database_file"]
    (_restore_sqlite if db.vendor == "sqlite" else _restore_postgresql)(dump, db, force)
    for name, root in roots.items():
        _restore_files(folder / name, root, force)
    return verify_target(folder, db=db, roots=roots)


def _require_empty(db: Database, roots: dict[str, Path]) -> None:
    if not is_empty(db):
        raise BackupError(f"{db} is not empty: restore into a new database, or use --force")
    for root in roots.values():
        if next(mf.media_files(root), None) is not None:
            raise BackupError(f"{root} holds files: restore into an empty folder, or use --force")


def _restore_sqlite(dump: Path, db: Database, force: bool) -> None:
    source, target = sqlite3.connect(dump), db.connect()
    try:
        source.backup(target)  # replaces the whole target database
    finally:
        source.close()
        target.close()


def _restore_postgresql(dump: Path, db: Database, force: bool) -> None:
    """pg_restore in one transaction: all of it or nothing (and faster: one commit)."""
    conn = db.connect()
    try:
        tool = client_tool("pg_restore", server_major(conn))
        if force:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
        conn.commit()
    finally:
        conn.close()
    run_tool(
        [
            tool,
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "-w",
            *db.client_args(),
            str(dump),
        ],
        db,
    )


def _restore_files(source: Path, root: Path, force: bool) -> None:
    if force and root.is_dir():
        for path in root.iterdir():
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    root.mkdir(parents=True, exist_ok=True)
    for path in mf.media_files(source):
        copy = root / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        _copy_file(path, copy)
