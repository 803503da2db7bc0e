"""What a backup holds, to compare a restore with: rows and a SHA-256 per table (rows read in
key order, each encoded the same way on every run), and a SHA-256 per file. The manifest is
signed with a key derived from SECRET_KEY, so editing the data and the manifest together is
noticed too (restoring on a machine with another SECRET_KEY says so)."""

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings

from renda.reliability.databases import Database, Table, quote, tables

FORMAT = 1
_CHUNK = 2000


def database_checksums(db: Database, conn) -> dict[str, dict[str, Any]]:
    """{table: {"rows": n, "sha256": hex}} for every table, read on `conn` (whose
    transaction is the snapshot being described)."""
    return {t.name: _table_checksum(db, conn, t) for t in tables(db, conn)}


def _table_checksum(db: Database, conn, table: Table) -> dict[str, Any]:
    digest, count = hashlib.sha256(), 0
    lines = (_encode(row) for row in _rows(db, conn, table))
    if not table.order_by:  # no key to read in order: sort the encoded rows instead
        lines = iter(sorted(lines))
    for line in lines:
        digest.update(line)
        count += 1
    return {"rows": count, "sha256": digest.hexdigest()}


def _rows(db: Database, conn, table: Table) -> Iterator[tuple]:
    columns = ", ".join(quote(c) for c in table.columns)
    order = f" ORDER BY {', '.join(table.order_by)}" if table.order_by else ""
    # Identifiers come from the database's own catalogue and are quoted.
    sql = f"SELECT {columns} FROM {quote(table.name)}{order}"  # nosec B608
    if db.vendor == "sqlite":
        yield from conn.execute(sql)
        return
    with conn.cursor(name="renda_checksum") as cur:  # server side: rows come in chunks
        cur.itersize = _CHUNK
        cur.execute(sql)
        yield from cur


def _encode(row: tuple) -> bytes:
    return (
        json.dumps([_plain(v) for v in row], ensure_ascii=False, sort_keys=True, default=str) + "\n"
    ).encode()


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview | bytes | bytearray):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return value


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path) -> Iterator[Path]:
    """Regular files under root, in a stable order (symbolic links are not followed)."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def media_checksums(root: Path) -> dict[str, dict[str, Any]]:
    return {
        p.relative_to(root).as_posix(): {"bytes": p.stat().st_size, "sha256": file_checksum(p)}
        for p in media_files(root)
    }


# --- the manifest file ------------------------------------------------------------------


def sign(manifest: dict[str, Any]) -> dict[str, Any]:
    body = {k: v for k, v in manifest.items() if k != "signature"}
    return {**body, "signature": _signature(body)}


def _signature(body: dict[str, Any]) -> str:
    key = hashlib.sha256(b"renda.reliability.backup:" + settings.SECRET_KEY.encode()).digest()
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()


def write(folder: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(sign(manifest), ensure_ascii=False, indent=1, sort_keys=True)
    (folder / "manifest.json").write_text(text + "\n", encoding="utf-8")


def read(folder: Path) -> dict[str, Any]:
    path = folder / "manifest.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: not a renda backup")
    return json.loads(path.read_text(encoding="utf-8"))


# --- comparisons: each returns the differences, in words; empty means identical ----------


def check_signature(manifest: dict[str, Any]) -> list[str]:
    body = {k: v for k, v in manifest.items() if k != "signature"}
    if hmac.compare_digest(str(manifest.get("signature", "")), _signature(body)):
        return []
    return ["manifest.json: the signature does not match (edited, or made with another SECRET_KEY)"]


def compare(kind: str, expected: dict, found: dict) -> list[str]:
    """Differences between two {name: {field: value}} maps, e.g. tables or files."""
    problems = [f"{kind} {name}: missing" for name in sorted(expected.keys() - found.keys())]
    problems += [f"{kind} {name}: not in the backup" for name in sorted(found.keys() - expected)]
    for name in sorted(expected.keys() & found.keys()):
        problems += _field_differences(f"{kind} {name}", expected[name], found[name])
    return problems


def _field_differences(label: str, expected: dict, found: dict) -> Iterable[str]:
    for field in sorted(expected):
        if expected[field] != found.get(field):
            yield f"{label}: {field} {found.get(field)} instead of {expected[field]}"
