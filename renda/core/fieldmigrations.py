"""Data migrations that move personal numbers into (and out of) their encrypted form."""

from __future__ import annotations

from renda.core import crypto


def encrypt_existing(app_label: str, model_name: str, fields: list[str]):
    """A RunPython pair: forward encrypts every row's `fields` (and fills their blind indexes),
    backward writes the plaintext back so the column can shrink again."""

    def forward(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        indexes = [
            f.name
            for f in model._meta.concrete_fields
            if getattr(f, "source", None) in fields  # BlindIndexField
        ]
        manager = model._base_manager.using(schema_editor.connection.alias)
        # Reading passes legacy plaintext through; writing through the field encrypts it and
        # the index fields compute themselves from it.
        manager.bulk_update(list(manager.iterator()), [*fields, *indexes], batch_size=500)

    def backward(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        table, quote = model._meta.db_table, schema_editor.quote_name
        for obj in model._base_manager.using(schema_editor.connection.alias).iterator():
            for name in fields:
                column = model._meta.get_field(name).column
                value = getattr(obj, name)
                schema_editor.execute(
                    f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",
                    [value if value is None else crypto.keyring().decrypt(value), obj.pk],
                )

    return forward, backward
