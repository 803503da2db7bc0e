"""The backup drill: load data with an uploaded reply letter, back up, restore into a fresh
empty database (a new SQLite file, or a PostgreSQL database created for the test on the same
server) and folder, and find every table's rows and checksum and every file identical; a
tampered backup or restore is detected. Runs on whichever database the suite runs on."""

import contextlib
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from renda.proposals import services
from renda.proposals.models import Kind, Proposal, Reply
from renda.reliability import manifest as mf
from renda.reliability.backup import (
    create_backup,
    default_database,
    restore_backup,
    verify_folder,
    verify_target,
)
from renda.reliability.databases import BackupError, Database
from renda.testing.factories import CategoryFactory
from renda.testing.workflow import reply_through_path

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump sees committed data only


@pytest.fixture
def uploads(settings, tmp_path):
    """The configured folders of files; an uploaded report template lies in the reports one."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.REPORTS_DIR = tmp_path / "reports"
    (settings.REPORTS_DIR / "templates").mkdir(parents=True)
    (settings.REPORTS_DIR / "templates" / "handling_report-1.docx").write_bytes(b"PK docx")
    return {"media": settings.MEDIA_ROOT, "reports": settings.REPORTS_DIR}


@pytest.fixture
def replied(cast, uploads):
    item = services.create_draft(
        actor=cast.proposer, kind=Kind.SUGGESTION, title="关于增设路灯的建议", body="夜间照明不足。"
    )
    services.submit(item, actor=cast.proposer)
    services.accept_suggestion(item, actor=cast.staff, category=CategoryFactory())
    services.assign_suggestion(item, actor=cast.staff, lead_unit=cast.lead_unit, co_units=[])
    services.sign_for(item, actor=cast.lead_officer)
    letter = SimpleUploadedFile("答复函.pdf", b"%PDF-1.4 signed reply letter\n%%EOF")
    reply_through_path(item, officer=cast.lead_officer, reviewer=cast.staff, document=letter)
    services.create_draft(actor=cast.proposer, kind=Kind.MOTION, title="关于加强河道治理的议案")
    return item


@pytest.fixture
def empty_database(tmp_path):
    """A new empty database of the suite's vendor, dropped afterwards."""
    source = default_database()
    if source.vendor == "sqlite":
        yield Database("sqlite", str(tmp_path / "restored.sqlite3"))
        return
    import psycopg

    name = f"renda_drill_{uuid.uuid4().hex[:10]}"
    admin = Database(
        "postgresql", "postgres", source.host, source.port, source.user, source.password
    )
    with psycopg.connect(**admin.psycopg_params(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database("postgresql", name, source.host, source.port, source.user, source.password)
    finally:
        with psycopg.connect(**admin.psycopg_params(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_an_empty_database_identically(
    replied, tmp_path, empty_database, uploads
):
    backup = tmp_path / "backup"
    manifest = create_backup(backup)
    document = Reply.objects.get(proposal=replied).document.name
    assert manifest["files"].keys() == {
        f"media/{document}",
        "reports/templates/handling_report-1.docx",
    }
    assert manifest["tables"]["proposals_proposal"]["rows"] == Proposal.objects.count() == 2
    assert manifest["tables"]["proposals_reply"]["rows"] == 1
    assert verify_folder(backup) == []

    restored = {"media": tmp_path / "restored-uploads", "reports": tmp_path / "restored-reports"}
    problems = restore_backup(backup, db=empty_database, roots=restored)

    assert problems == []
    letter = (restored["media"] / document).read_bytes()
    assert letter.startswith(b"%PDF-1.4 signed reply letter")
    assert (restored["reports"] / "templates" / "handling_report-1.docx").exists()
    assert _count(empty_database, "proposals_proposal") == 2
    # the same comparison, made independently of the restore
    assert verify_target(backup, db=empty_database, roots=restored) == []
    # the source still matches too: the backup describes the data as it was
    assert verify_target(backup, db=default_database(), roots=uploads) == []

    # a row changed and a file added after the restore are named
    conn = empty_database.connect()
    with contextlib.closing(conn):
        conn.execute("UPDATE proposals_proposal SET title = 'changed' WHERE kind = 'motion'")
        conn.commit()
    (restored["media"] / "extra.txt").write_text("not from the backup")
    problems = verify_target(backup, db=empty_database, roots=restored)
    assert len(problems) == 2
    assert problems[0].startswith("table proposals_proposal: sha256 ")
    assert problems[1] == "file media/extra.txt: not in the backup"


def test_a_tampered_backup_is_detected_and_not_restored(replied, tmp_path, empty_database):
    backup = tmp_path / "backup"
    manifest = create_backup(backup)
    letter = backup / next(name for name in manifest["files"] if name.startswith("media/"))
    letter.write_bytes(letter.read_bytes().replace(b"signed", b"forged"))
    dump = backup / manifest["database_file"]
    with dump.open("r+b") as f:
        f.seek(dump.stat().st_size // 2)
        byte = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([byte[0] ^ 0xFF]))

    problems = verify_folder(backup)

    name = letter.relative_to(backup).as_posix()
    assert any(p.startswith(f"file {name}: sha256 ") for p in problems), problems
    assert f"{dump.name}: the checksum does not match the manifest" in problems
    with pytest.raises(BackupError, match="does not match its manifest"):
        restore_backup(backup, db=empty_database, roots={"media": tmp_path / "restored"})
    assert _is_new(empty_database)


def test_editing_the_manifest_breaks_its_signature(replied, tmp_path):
    backup = tmp_path / "backup"
    manifest = create_backup(backup)
    manifest["tables"]["proposals_proposal"]["rows"] = 3
    (backup / "manifest.json").write_text(mf.json.dumps(manifest), encoding="utf-8")
    assert verify_folder(backup)[0].startswith("manifest.json: the signature does not match")


def test_the_commands_back_up_verify_and_refuse_a_non_empty_target(replied, tmp_path, uploads):
    backup = tmp_path / "cmd-backup"
    call_command("backup", "--to", str(backup))
    call_command("verify_backup", str(backup), "--target")  # the live data still matches
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(backup))  # into the configured, non-empty database
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", "--to", str(backup))
    (backup / "reports" / "templates" / "handling_report-1.docx").write_bytes(b"changed")
    with pytest.raises(CommandError, match="does not match"):
        call_command("verify_backup", str(backup))


def _count(db: Database, table: str) -> int:
    conn = db.connect()
    with contextlib.closing(conn):
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _is_new(db: Database) -> bool:
    from renda.reliability.databases import is_empty

    return is_empty(db)
