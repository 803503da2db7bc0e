"""Re-encrypting personal numbers under the current key (密钥轮换)."""

from __future__ import annotations

from django.apps import apps
from django.db import connection, transaction

from renda.core import crypto
from renda.core.fields import BlindIndexField, EncryptedCharField


def encrypted_models() -> list[tuple[type, list[str], list[str]]]:
    """Every model with encrypted fields: (model, encrypted field names, index field names)."""
    found = []
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]
        if fields:
            indexes = [
                f.name for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)
            ]
            found.append((model, [f.name for f in fields], indexes))
    return found


def _stale_pks(model, fields: list[str]) -> list:
    """Rows with a value under an older key or cipher, or still in plaintext."""
    ring, meta = crypto.keyring(), model._meta
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    table, pk = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {columns} FROM {table}")  # nosec B608: names from _meta
        return [
            row[0]
            for row in cursor.fetchall()
            if any(v and not ring.is_current(v) for v in row[1:])
        ]


def rotate_field_keys(*, dry_run: bool = False, reindex: bool = False) -> dict[str, int]:
    """Re-encrypt every stale value with the current key; with `reindex`, also recompute every
    blind index (after RENDA_BLIND_INDEX_KEY changed). Answers rows changed per model."""
    changed: dict[str, int] = {}
    for model, fields, indexes in encrypted_models():
        manager = model._base_manager
        pks = list(manager.values_list("pk", flat=True)) if reindex else _stale_pks(model, fields)
        changed[model._meta.label] = len(pks)
        if dry_run or not pks:
            continue
        with transaction.atomic():
            rows = list(manager.filter(pk__in=pks).select_for_update())
            # Reading decrypted with whichever key; writing encrypts with the current one.
            manager.bulk_update(rows, [*fields, *indexes], batch_size=500)
    return changed
