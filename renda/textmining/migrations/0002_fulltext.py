"""The database's own full-text index over SearchEntry: a generated tsvector column with a GIN
index on PostgreSQL; an FTS5 table kept in step by triggers on SQLite."""

from django.db import migrations

PG_FORWARD = [
    """
    ALTER TABLE textmining_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, content), 'B')
    ) STORED
    """,
    "CREATE INDEX textmining_searchentry_vector ON textmining_searchentry USING GIN (vector)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS textmining_searchentry_vector",
    "ALTER TABLE textmining_searchentry DROP COLUMN IF EXISTS vector",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE textmining_fts USING fts5(title, content, tokenize='unicode61')",
    """
    CREATE TRIGGER textmining_fts_insert AFTER INSERT ON textmining_searchentry BEGIN
        INSERT INTO textmining_fts(rowid, title, content)
        VALUES (new.proposal_id, new.title, new.content);
    END
    """,
    """
    CREATE TRIGGER textmining_fts_update AFTER UPDATE ON textmining_searchentry BEGIN
        DELETE FROM textmining_fts WHERE rowid = old.proposal_id;
        INSERT INTO textmining_fts(rowid, title, content)
        VALUES (new.proposal_id, new.title, new.content);
    END
    """,
    """
    CREATE TRIGGER textmining_fts_delete AFTER DELETE ON textmining_searchentry BEGIN
        DELETE FROM textmining_fts WHERE rowid = old.proposal_id;
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS textmining_fts_insert",
    "DROP TRIGGER IF EXISTS textmining_fts_update",
    "DROP TRIGGER IF EXISTS textmining_fts_delete",
    "DROP TABLE IF EXISTS textmining_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("textmining", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
