"""Field-level encryption of personal numbers at rest (ID and phone numbers).

A stored value reads ``enc1:<cipher>:<key id>:<base64 of nonce + ciphertext + tag>``. The cipher
is AES-256-GCM (default) or SM4-GCM (国密, for deployments assessed under 密评), chosen by
``RENDA_FIELD_CIPHER``. Keys come from ``RENDA_FIELD_KEYS`` (comma-separated secrets, the first
encrypts, all decrypt), so a key can be rotated: add the new one in front, run
``manage.py rotate_field_keys``, then drop the old one. The key id is a fingerprint of the
secret, not its position, so reordering the list never breaks reading.

Equality lookups (login by mobile, uniqueness) cannot use the ciphertext: each value gets a
random nonce. They use a blind index instead, an HMAC-SHA256 of the normalised value under
``RENDA_BLIND_INDEX_KEY``, kept in a companion column (``mobile_hash``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

PREFIX = "enc1"
CIPHERS = ("aes", "sm4")
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(Exception):
    """A stored value that no configured key opens (wrong key list, or tampering)."""


@functools.lru_cache(maxsize=64)
def _derive(secret: str, purpose: str, length: int) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=purpose.encode())
    return hkdf.derive(secret.encode())


def key_id(secret: str) -> str:
    """A short public fingerprint of a secret, stored with each ciphertext."""
    return hashlib.sha256(("renda-key-id:" + secret).encode()).hexdigest()[:8]


def _seal(cipher: str, secret: str, plaintext: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    if cipher == "aes":
        return nonce + AESGCM(_derive(secret, "renda-field-aes", 32)).encrypt(
            nonce, plaintext, None
        )
    encryptor = Cipher(algorithms.SM4(_derive(secret, "renda-field-sm4", 16)), modes.GCM(nonce))
    enc = encryptor.encryptor()
    body = enc.update(plaintext) + enc.finalize()
    return nonce + body + enc.tag


def _open(cipher: str, secret: str, blob: bytes) -> bytes:
    nonce, rest = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
    if cipher == "aes":
        return AESGCM(_derive(secret, "renda-field-aes", 32)).decrypt(nonce, rest, None)
    body, tag = rest[:-TAG_BYTES], rest[-TAG_BYTES:]
    key = _derive(secret, "renda-field-sm4", 16)
    dec = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    return dec.update(body) + dec.finalize()


@dataclass(frozen=True)
class Keyring:
    """The configured secrets: `secrets[0]` encrypts, every one decrypts."""

    secrets: tuple[str, ...]
    cipher: str
    index_secret: str

    def __post_init__(self) -> None:
        if self.cipher not in CIPHERS:
            raise ValueError(f"unknown field cipher {self.cipher!r}; use one of {CIPHERS}")
        if not self.secrets:
            raise ValueError("no field encryption key")

    @functools.cached_property
    def _by_id(self) -> dict[str, str]:
        return {key_id(s): s for s in reversed(self.secrets)}

    @property
    def current_id(self) -> str:
        return key_id(self.secrets[0])

    def encrypt(self, plaintext: str) -> str:
        blob = _seal(self.cipher, self.secrets[0], plaintext.encode())
        token = base64.b64encode(blob).decode()
        return f"{PREFIX}:{self.cipher}:{self.current_id}:{token}"

    def decrypt(self, stored: str) -> str:
        """The plaintext of a stored value; values written before encryption pass through."""
        if not is_encrypted(stored):
            return stored
        _, cipher, kid, token = stored.split(":", 3)
        secret = self._by_id.get(kid)
        if secret is None or cipher not in CIPHERS:
            raise DecryptionError(f"no configured key {kid!r} for cipher {cipher!r}")
        try:
            return _open(cipher, secret, base64.b64decode(token)).decode()
        except (InvalidTag, ValueError) as exc:
            raise DecryptionError(f"value under key {kid!r} does not decrypt") from exc

    def is_current(self, stored: str) -> bool:
        """Whether a stored value is already under the current key and cipher."""
        return stored.startswith(f"{PREFIX}:{self.cipher}:{self.current_id}:")

    def blind_index(self, value: str) -> str:
        """HMAC-SHA256 of the normalised value: equal plaintexts, equal index."""
        key = _derive(self.index_secret, "renda-blind-index", 32)
        return hmac.new(key, normalise(value).encode(), hashlib.sha256).hexdigest()


def normalise(value: str) -> str:
    """Spaces and dashes people type in phone numbers do not make another number."""
    return "".join(value.split()).replace("-", "").upper()


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX + ":")


def development_secret() -> str:
    """The development default: derived from SECRET_KEY, never used in production."""
    return hashlib.sha256(("renda-field-key:" + settings.SECRET_KEY).encode()).hexdigest()


@functools.cache
def keyring() -> Keyring:
    secrets = tuple(settings.FIELD_KEYS) or (development_secret(),)
    index_secret = settings.BLIND_INDEX_KEY or development_secret()
    return Keyring(secrets=secrets, cipher=settings.FIELD_CIPHER, index_secret=index_secret)


def blind_index(value: str | None) -> str | None:
    """The blind index of a value, or None for an empty one (so NULLs stay unique-free)."""
    if not value or not normalise(value):
        return None
    return keyring().blind_index(value)


@receiver(setting_changed)
def _reset(*, setting: str, **kwargs) -> None:
    if setting in {"FIELD_KEYS", "FIELD_CIPHER", "BLIND_INDEX_KEY", "SECRET_KEY"}:
        keyring.cache_clear()
