"""Personal numbers are encrypted at rest, readable back, rotatable, and still findable."""

import pytest
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection

from renda.accounts.models import User
from renda.congress.models import Deputy
from renda.core import crypto
from renda.core.crypto import DecryptionError, Keyring
from renda.testing.factories import DeputyFactory

OLD = "old-field-key-" + "a" * 32
NEW = "new-field-key-" + "b" * 32
INDEX = "blind-index-key-" + "c" * 32


def stored(model, pk, column):
    """The raw column value, bypassing the field."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def keys(settings):
    settings.FIELD_KEYS = [OLD]
    settings.BLIND_INDEX_KEY = INDEX
    return settings


@pytest.mark.parametrize("cipher", ["aes", "sm4"])
def test_both_ciphers_round_trip_and_use_a_fresh_nonce(cipher):
    ring = Keyring(secrets=(OLD,), cipher=cipher, index_secret=INDEX)
    first, second = ring.encrypt("13912345678"), ring.encrypt("13912345678")
    assert first.startswith(f"enc1:{cipher}:{crypto.key_id(OLD)}:")
    assert first != second and "13912345678" not in first
    assert ring.decrypt(first) == ring.decrypt(second) == "13912345678"


def test_a_foreign_or_tampered_value_does_not_decrypt():
    ring = Keyring(secrets=(OLD,), cipher="aes", index_secret=INDEX)
    other = Keyring(secrets=(NEW,), cipher="aes", index_secret=INDEX)
    with pytest.raises(DecryptionError):
        other.decrypt(ring.encrypt("13912345678"))
    token = ring.encrypt("13912345678")
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    with pytest.raises(DecryptionError):
        ring.decrypt(tampered)


@pytest.mark.django_db
@pytest.mark.parametrize("cipher", ["aes", "sm4"])
def test_deputy_numbers_are_ciphertext_in_the_table(keys, cipher):
    keys.FIELD_CIPHER = cipher
    a = DeputyFactory(mobile="13912345678", id_number="41100219800101123X")
    b = DeputyFactory(mobile="13912345678")
    raw_a, raw_b = stored(Deputy, a.pk, "mobile"), stored(Deputy, b.pk, "mobile")
    assert raw_a.startswith(f"enc1:{cipher}:") and "13912345678" not in raw_a
    assert raw_a != raw_b  # a fresh nonce per row
    assert "1980" not in stored(Deputy, a.pk, "id_number")
    fresh = Deputy.objects.get(pk=a.pk)
    assert (fresh.mobile, fresh.id_number) == ("13912345678", "41100219800101123X")
    assert stored(Deputy, a.pk, "mobile_hash") == stored(Deputy, b.pk, "mobile_hash")
    assert stored(Deputy, a.pk, "mobile_hash") == crypto.blind_index("139 1234 5678")


@pytest.mark.django_db
def test_equality_filters_on_the_ciphertext_are_refused(keys):
    with pytest.raises(FieldError):
        list(Deputy.objects.filter(mobile="13912345678"))


@pytest.mark.django_db
def test_rotation_reencrypts_and_the_old_key_reads_until_then(keys):
    deputy = DeputyFactory(mobile="13912345678", id_number="41100219800101123X")
    user = User.objects.create(username="u", role="staff", full_name="某", mobile="13800001111")
    keys.FIELD_KEYS = [NEW, OLD]  # new key in front: old values still read
    assert Deputy.objects.get(pk=deputy.pk).mobile == "13912345678"
    assert stored(Deputy, deputy.pk, "mobile").split(":")[2] == crypto.key_id(OLD)

    call_command("rotate_field_keys", stdout=open("/dev/null", "w"))

    for model, pk in ((Deputy, deputy.pk), (User, user.pk)):
        assert stored(model, pk, "mobile").split(":")[2] == crypto.key_id(NEW)
    keys.FIELD_KEYS = [NEW]  # the old key can go now
    assert Deputy.objects.get(pk=deputy.pk).id_number == "41100219800101123X"
    assert User.objects.get(mobile_hash=crypto.blind_index("13800001111")) == user


@pytest.mark.django_db
def test_rotation_also_switches_the_cipher(keys):
    deputy = DeputyFactory(mobile="13912345678")
    keys.FIELD_CIPHER = "sm4"
    changed = crypto_rotate()
    assert changed["congress.Deputy"] >= 1
    assert stored(Deputy, deputy.pk, "mobile").startswith("enc1:sm4:")
    assert Deputy.objects.get(pk=deputy.pk).mobile == "13912345678"


def crypto_rotate():
    from renda.core.rotation import rotate_field_keys

    return rotate_field_keys()


@pytest.mark.django_db
def test_user_mobiles_stay_unique_through_the_index(keys):
    from django.db import IntegrityError, transaction

    User.objects.create(username="a", role="staff", full_name="甲", mobile="13800001111")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="b", role="staff", full_name="乙", mobile="13800001111")
    User.objects.create(username="c", role="staff", full_name="丙", mobile=None)
    User.objects.create(username="d", role="staff", full_name="丁", mobile="")


@pytest.mark.django_db
def test_the_data_migration_encrypts_rows_written_in_plaintext(keys):
    from django.apps import apps

    from renda.core.fieldmigrations import encrypt_existing

    deputy = DeputyFactory(mobile="", id_number="")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE congress_deputy SET mobile = %s, id_number = %s, mobile_hash = NULL "
            "WHERE id = %s",
            ["13912345678", "41100219800101123X", deputy.pk],
        )
    assert Deputy.objects.get(pk=deputy.pk).mobile == "13912345678"  # legacy reads as is

    forward, _ = encrypt_existing("congress", "deputy", ["mobile", "id_number"])
    forward(apps, connection.schema_editor())

    assert stored(Deputy, deputy.pk, "mobile").startswith("enc1:")
    assert stored(Deputy, deputy.pk, "id_number").startswith("enc1:")
    assert Deputy.objects.get(mobile_hash=crypto.blind_index("13912345678")).pk == deputy.pk


@pytest.mark.django_db
def test_a_duplicate_mobile_is_a_field_error_not_a_database_error(keys):
    from django.core.exceptions import ValidationError

    User.objects.create(username="a", role="staff", full_name="甲", mobile="13800001111")
    other = User(username="b", role="staff", full_name="乙", mobile="138 0000 1111")
    with pytest.raises(ValidationError) as error:
        other.validate_unique()
    assert "mobile" in error.value.message_dict


@pytest.mark.django_db
def test_the_roster_import_keeps_the_index_in_step(keys, cast):
    from renda.reports.imports.base import Row
    from renda.reports.imports.roster import DeputyRoster

    deputy = cast.proposer.deputy
    roster = DeputyRoster(deputy.term)
    row = Row(
        2,
        {
            "name": deputy.name,
            "delegation": deputy.delegation.name,
            "mobile": "13700009999",
            "id_number": "",
        },
    )
    plan, issues = roster.plan([row])
    assert issues == [] and len(plan.update) == 1
    roster.commit(plan)
    assert Deputy.objects.get(mobile_hash=crypto.blind_index("13700009999")).pk == deputy.pk
    assert stored(Deputy, deputy.pk, "mobile").startswith("enc1:")
