"""Column types the store needs beyond SQLAlchemy's own."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator, UserDefinedType

from kiosk.store.crypto import (
    StoreCipher,
    StoreKeyError,
    default_key_path,
    load_key,
    open_cipher,
)


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes in, timezone-aware UTC datetimes out.

    SQLite keeps no offset, so naive values would come back ambiguous; the store
    refuses naive input and always returns UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware one (UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# The cipher travels with the engine: each Store sets it on its engines' dialects, so
# the column types below need no global key (two stores, two keys, one process).
CIPHER_ATTRIBUTE = "kiosk_store_cipher"


def attach_cipher(engine: Any, cipher: StoreCipher) -> None:
    """Make ``engine`` encrypt and decrypt the personal columns with ``cipher``."""
    setattr(engine.dialect, CIPHER_ATTRIBUTE, cipher)


def engine_cipher(dialect: Any, column: str) -> StoreCipher:
    cipher = getattr(dialect, CIPHER_ATTRIBUTE, None)
    if cipher is None:
        raise StoreKeyError(
            f"{column} is encrypted at rest but this engine has no store key: open the store "
            f"through kiosk.store.database.Store"
        )
    return cipher


def migration_cipher(connection: Any, *, create: bool) -> StoreCipher:
    """The cipher a migration encrypts or decrypts with: the running Store's, or (a
    migration run without one: ``python -m kiosk.updates.schema``) the key file beside
    the database; ``create`` makes one there while the store holds nothing encrypted."""
    cipher = getattr(connection.dialect, CIPHER_ATTRIBUTE, None)
    if cipher is not None:
        return cipher
    database = Path(connection.engine.url.database or "")
    if create:
        return open_cipher(database, None)
    return load_key(default_key_path(database))


class StoredAs(UserDefinedType[Any]):
    """Bytes passed through as they are, declared with the column's original SQL type
    (``JSON``, ``VARCHAR(64)``): SQLite keeps a BLOB in any column, so encrypting needs
    no table rebuild (which would drop the outbox's trigger), and the schema the
    migrations build still matches the models."""

    cache_ok = True

    def __init__(self, spec: str = "BLOB") -> None:
        self.spec = spec

    def get_col_spec(self, **_kw: Any) -> str:
        return self.spec


class _Encrypted(TypeDecorator[Any]):
    impl = StoredAs
    cache_ok = True

    def __init__(self, column: str, spec: str) -> None:
        super().__init__()
        self.impl = StoredAs(spec)
        self.column = column
        self.spec = spec

    def _encode(self, value: Any) -> bytes:
        raise NotImplementedError

    def _decode(self, data: bytes) -> Any:
        raise NotImplementedError

    def process_bind_param(self, value: Any, dialect: Any) -> bytes | None:
        if value is None:
            return None
        return engine_cipher(dialect, self.column).encrypt(self._encode(value), self.column)

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        if value is None:
            return None
        return self._decode(engine_cipher(dialect, self.column).decrypt(value, self.column))


class EncryptedJSON(_Encrypted):
    """A JSON document (a dict) encrypted with AES-GCM; ``column`` is ``table.column``,
    the associated data that ties the ciphertext to its column."""

    cache_ok = True

    def __init__(self, column: str, spec: str = "JSON") -> None:
        super().__init__(column, spec)

    def _encode(self, value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

    def _decode(self, data: bytes) -> Any:
        return json.loads(data)


class EncryptedJSONText(_Encrypted):
    """An :class:`EncryptedJSON` column read as its JSON text (UTF-8 bytes), decrypted
    but not parsed: for a reader that passes the document on as JSON (the outbox relay
    splices it into the request body) instead of parsing and re-encoding it."""

    cache_ok = True

    def __init__(self, column: str, spec: str = "JSON") -> None:
        super().__init__(column, spec)

    def _encode(self, value: Any) -> bytes:
        if not isinstance(value, bytes):
            raise TypeError(f"{self.column} as JSON text takes bytes, not {type(value).__name__}")
        return value

    def _decode(self, data: bytes) -> bytes:
        return data


class EncryptedText(_Encrypted):
    """A short text (a library card number) encrypted with AES-GCM."""

    cache_ok = True

    def __init__(self, column: str, spec: str = "VARCHAR(64)") -> None:
        super().__init__(column, spec)

    def _encode(self, value: Any) -> bytes:
        if not isinstance(value, str):
            raise TypeError(f"{self.column} takes text, not {type(value).__name__}")
        return value.encode()

    def _decode(self, data: bytes) -> str:
        return data.decode()
