"""On PostgreSQL, triggers refuse UPDATE, DELETE and TRUNCATE on the audit table — even for its
owner — and pruning goes through one SECURITY DEFINER function that deletes only a prefix of the
chain older than 180 days. Nothing happens on SQLite (the model refuses changes there).

The application's database role should hold only SELECT and INSERT on the table (and EXECUTE
on renda_audit_prune): see the README's audit section.
"""

from django.db import migrations

TABLE = "audit_auditrecord"

CREATE = f"""
CREATE OR REPLACE FUNCTION renda_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- renda_audit_prune() sets renda.audit_prune for its own statement only.
    IF TG_OP = 'DELETE' AND current_setting('renda.audit_prune', true) = 'on'
       AND OLD.at < now() - interval '180 days' THEN
        RETURN OLD;
    END IF;
    -- Test databases set renda.audit_maintenance so that the test runner may empty them.
    IF TG_OP = 'TRUNCATE' AND current_setting('renda.audit_maintenance', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit records cannot be changed or deleted (%)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER renda_audit_no_update BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION renda_audit_guard();
CREATE TRIGGER renda_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION renda_audit_guard();

CREATE OR REPLACE FUNCTION renda_audit_prune(days integer) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    cutoff timestamptz := now() - make_interval(days => days);
    keep_from bigint;
    removed bigint;
BEGIN
    IF days < 180 THEN
        RAISE EXCEPTION 'audit records are kept at least 180 days'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- Only a prefix of the chain goes, and never its last row (the next row chains to it).
    SELECT min(id) INTO keep_from FROM {TABLE} WHERE at >= cutoff;
    IF keep_from IS NULL THEN
        SELECT max(id) INTO keep_from FROM {TABLE};
    END IF;
    PERFORM set_config('renda.audit_prune', 'on', true);
    DELETE FROM {TABLE} WHERE id < keep_from;
    GET DIAGNOSTICS removed = ROW_COUNT;
    PERFORM set_config('renda.audit_prune', 'off', true);
    RETURN removed;
END
$$;
"""

DROP = f"""
DROP FUNCTION IF EXISTS renda_audit_prune(integer);
DROP TRIGGER IF EXISTS renda_audit_no_truncate ON {TABLE};
DROP TRIGGER IF EXISTS renda_audit_no_update ON {TABLE};
DROP FUNCTION IF EXISTS renda_audit_guard();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
