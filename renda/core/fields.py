"""Model fields for personal numbers encrypted at rest (see `renda.core.crypto`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core import crypto


class EncryptedCharField(models.CharField):
    """A short text (an ID or phone number) stored encrypted; reads back as plaintext.

    `max_length` limits the plaintext; the column holds the longer ciphertext. Only `isnull`
    lookups work on the column — `filter(mobile=…)` raises rather than silently matching
    nothing: compare through a `BlindIndexField` instead.
    """

    def get_internal_type(self) -> str:
        return "TextField"

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.keyring().decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        # Always encrypt, even text that looks like ciphertext: a typed "enc1:…" must not be
        # stored as if it were one.
        return crypto.keyring().encrypt(value)


class _ComputedIndex:
    """The index is always computed from the plaintext attribute: every path that writes the
    model (save, create, bulk_create, bulk_update) reads it through here, so it cannot go
    stale; the value loaded from the database is ignored."""

    def __init__(self, field: BlindIndexField) -> None:
        self.field = field

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return crypto.blind_index(getattr(instance, self.field.source))

    def __set__(self, instance, value) -> None:
        # Kept only so Django does not count the field as deferred (and skip it on save).
        instance.__dict__[self.field.attname] = value


class BlindIndexField(models.CharField):
    """HMAC of another field's plaintext (`source`), for equality lookups and uniqueness:
    `filter(mobile_hash=crypto.blind_index(login))`. NULL when the source is empty."""

    descriptor_class = _ComputedIndex

    def __init__(self, *args, source: str, **kwargs) -> None:
        self.source = source
        kwargs.update(max_length=64, null=True, blank=True, editable=False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("max_length", "null", "blank", "editable"):
            kwargs.pop(key, None)
        kwargs["source"] = self.source
        return name, path, args, kwargs


class BlindIndexMixin(models.Model):
    """Saving with `update_fields` naming an encrypted field also saves its blind index; a
    unique index is validated as the field the form shows (a duplicate mobile in a form is a
    field error, not a database error)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        fields = kwargs.get("update_fields")
        if fields is not None:
            extra = {
                f.attname
                for f in self._meta.concrete_fields
                if isinstance(f, BlindIndexField) and f.source in fields
            }
            kwargs["update_fields"] = {*fields, *extra}
        super().save(*args, **kwargs)

    def validate_unique(self, exclude=None) -> None:
        indexes = [f for f in self._meta.concrete_fields if isinstance(f, BlindIndexField)]
        super().validate_unique({*(exclude or ()), *(f.attname for f in indexes)})
        errors = {}
        for f in indexes:
            if not f.unique:
                continue
            if exclude and f.source in exclude:
                continue
            value = getattr(self, f.attname)
            taken = type(self)._default_manager.filter(**{f.attname: value}).exclude(pk=self.pk)
            if value and taken.exists():
                errors[f.source] = ValidationError(
                    _("This number is already registered to another account."), code="unique"
                )
        if errors:
            raise ValidationError(errors)
