"""Personal data encrypted at rest: the per-device key and the AES-GCM envelope.

A stolen disk must reveal no citizen, so the store's personal columns hold
``b"v1" + nonce (12 bytes) + AES-GCM ciphertext`` instead of clear text. The key is 32
random bytes in a file (``[store] key_path``; by default ``store.key`` next to the
database) created on first open with mode 0600, owned by the user the kiosk runs as.
The associated data is the column's ``table.column`` name, so a value copied into
another column does not decrypt.

A missing or wrong key is a :class:`StoreKeyError` naming the key file: never a
silent fallback to clear text. The key itself is never logged nor put in a message.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
VERSION = b"v1"
KEY_FILE_NAME = "store.key"
# The table holding one encrypted known value, so a wrong key is caught at open
# (migration 0009), not at the first citizen row read.
KEY_CHECK_TABLE = "store_key_check"
KEY_CHECK_AAD = "store_key_check.canary"
KEY_CHECK_PLAINTEXT = b"brussels-kiosk-store-key"


class StoreKeyError(Exception):
    """The store's key is missing, unreadable, too open, or not the key the data was
    encrypted with; the message names the key file and what to do."""


def default_key_path(db_path: Path) -> Path:
    """Where the key lives when ``[store] key_path`` is not set: beside the database."""
    return db_path.parent / KEY_FILE_NAME


class StoreCipher:
    """AES-GCM with the device key; ``key_path`` is only for error messages."""

    def __init__(self, key: bytes, key_path: Path) -> None:
        if len(key) != KEY_BYTES:
            raise StoreKeyError(f"{key_path} is not a store key ({KEY_BYTES} bytes expected)")
        self._aead = AESGCM(key)
        self.key_path = key_path

    def __repr__(self) -> str:  # never the key
        return f"StoreCipher(key_path={str(self.key_path)!r})"

    def encrypt(self, plaintext: bytes, aad: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return VERSION + nonce + self._aead.encrypt(nonce, plaintext, aad.encode())

    def decrypt(self, blob: bytes, aad: str) -> bytes:
        if not isinstance(blob, bytes | bytearray | memoryview):
            raise StoreKeyError(
                f"{aad} holds an unencrypted value: the store was not migrated to "
                f"encryption at rest (migration 0009), or was written without the key"
            )
        blob = bytes(blob)
        if blob[: len(VERSION)] != VERSION or len(blob) < len(VERSION) + NONCE_BYTES + 16:
            raise StoreKeyError(f"{aad} holds a value that is not a v1 encrypted envelope")
        nonce = blob[len(VERSION) : len(VERSION) + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[len(VERSION) + NONCE_BYTES :], aad.encode())
        except InvalidTag:
            raise StoreKeyError(
                f"cannot decrypt {aad} with the store key {self.key_path}: it is not the key "
                f"this store was encrypted with (or the value was moved or altered)"
            ) from None


def load_key(path: Path) -> StoreCipher:
    """The cipher for the existing key file at ``path``."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise StoreKeyError(
            f"the store key {path} is missing: this store's personal data cannot be read "
            f"without it (restore it from the device's backup, or set [store] key_path)"
        ) from None
    except OSError as exc:
        raise StoreKeyError(f"cannot read the store key {path}: {exc.strerror}") from None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise StoreKeyError(
            f"the store key {path} is readable by others (mode {stat.S_IMODE(info.st_mode):o});"
            f" it must be 0600, owned by the kiosk user: chmod 600 {path}"
        )
    try:
        key = path.read_bytes()
    except OSError as exc:
        raise StoreKeyError(f"cannot read the store key {path}: {exc.strerror}") from None
    return StoreCipher(key, path)


def create_key(path: Path) -> StoreCipher:
    """Create a fresh key at ``path`` (mode 0600) unless another process just did: the
    key is written to a private temporary file and linked into place, so a concurrent
    opener reads either nothing or the whole key, and both end with the same key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(os.urandom(KEY_BYTES))
            out.flush()
            os.fsync(out.fileno())
        # Another process may have created it first: then theirs is used.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _fsync_dir(path.parent)
    return load_key(path)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def holds_encrypted_data(db_path: Path) -> bool:
    """Whether the database at ``db_path`` was already encrypted (it has the key-check
    row of migration 0009): then a missing key must not be replaced by a new one."""
    if not db_path.exists():
        return False
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return False
    try:
        row = connection.execute(f"SELECT 1 FROM {KEY_CHECK_TABLE} LIMIT 1").fetchone()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return row is not None


def open_cipher(db_path: Path, key_path: Path | None) -> StoreCipher:
    """The cipher for the store at ``db_path``: the key file if it exists; a new key
    only while the store holds nothing encrypted yet (first open)."""
    path = key_path if key_path is not None else default_key_path(db_path)
    if path.exists() or holds_encrypted_data(db_path):
        return load_key(path)
    return create_key(path)
