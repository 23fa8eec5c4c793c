"""Column-level encryption of the backend's personal data, with keys outside the database.

- :class:`Sealed` (and ``SealedDate``, ``SealedJSON``, ``SealedBytes``): AES-256-GCM
  per value, a fresh 96-bit nonce each time; stored as ``s1.<key id>.<base64(nonce +
  ciphertext)>``, so a key can be rotated (new values under the new key, old ones still
  read under theirs). The column name is the associated data: a value moved to another
  column does not decrypt.
- :class:`BlindIndex`: where a lookup needs equality (a national number), the column
  holds ``h1.<HMAC-SHA256(index key, value)>``; SQL compares the hashes. A value that is
  already such a hash passes unchanged, so a hash read back can be bound again.

The keys reach the column types through the engine's dialect (``bind_keys``), so each
:class:`~kiosk.backend.database.Database` carries its own — nothing global. A key file is
JSON ``{"current": id, "keys": {id: base64 32 bytes}, "index": base64 32 bytes}``,
created 0600 (``load_or_create_key_file``). Rotation: docs/backend-keys.md.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Dialect, LargeBinary, String, Text
from sqlalchemy.types import TypeDecorator

SEALED, HASHED = "s1", "h1"
_ATTRIBUTE = "kiosk_field_keys"


class FieldKeyError(ValueError):
    """A key file that cannot be used, or a value that does not decrypt; says which."""


@dataclass(frozen=True)
class FieldKeys:
    """The AES keys by id (``current`` seals new values) and the blind-index key."""

    current: str
    keys: dict[str, bytes]
    index: bytes

    def __post_init__(self) -> None:
        if self.current not in self.keys:
            raise FieldKeyError(f"field keys: current key {self.current!r} is not in keys")
        for key_id, key in self.keys.items():
            if len(key) != 32 or "." in key_id:
                raise FieldKeyError(f"field key {key_id!r}: 32 bytes and no '.' in its id")
        if len(self.index) < 32:
            raise FieldKeyError("field keys: the index key needs at least 32 bytes")

    @classmethod
    def generate(cls) -> FieldKeys:
        return cls("k1", {"k1": AESGCM.generate_key(256)}, secrets.token_bytes(32))

    def seal(self, plain: bytes, column: str) -> str:
        nonce = os.urandom(12)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, plain, column.encode())
        return f"{SEALED}.{self.current}.{base64.b64encode(nonce + sealed).decode()}"

    def open(self, text: str, column: str) -> bytes:
        try:
            tag, key_id, data = text.split(".", 2)
            raw = base64.b64decode(data, validate=True)
            key = self.keys[key_id]
        except (ValueError, KeyError):
            raise FieldKeyError(f"{column}: not a sealed value of these keys") from None
        if tag != SEALED:
            raise FieldKeyError(f"{column}: not a sealed value of these keys")
        try:
            return AESGCM(key).decrypt(raw[:12], raw[12:], column.encode())
        except InvalidTag:
            raise FieldKeyError(f"{column}: sealed value does not decrypt (key {key_id})") from None

    def blind_index(self, value: str) -> str:
        if value.startswith(HASHED + "."):
            return value
        digest = hmac.new(self.index, value.encode(), hashlib.sha256).hexdigest()
        return f"{HASHED}.{digest}"

    def to_json(self) -> str:
        return json.dumps({"current": self.current, "index": _b64(self.index),
                           "keys": {k: _b64(v) for k, v in self.keys.items()}}, indent=2)

    @classmethod
    def from_json(cls, text: str, where: str) -> FieldKeys:
        try:
            data = json.loads(text)
            return cls(data["current"], {k: base64.b64decode(v) for k, v in data["keys"].items()},
                       base64.b64decode(data["index"]))
        except FieldKeyError as exc:
            raise FieldKeyError(f"{where}: {exc}") from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise FieldKeyError(f"{where}: not a field key file ({type(exc).__name__}: "
                                f"{exc})") from None


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def load_or_create_key_file(path: Path) -> FieldKeys:
    """The keys in ``path``; a new file (0600, new keys) when there is none yet."""
    try:
        return FieldKeys.from_json(path.read_text(encoding="utf-8"), str(path))
    except FileNotFoundError:
        pass
    keys = FieldKeys.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(keys.to_json())
    return keys


def bind_keys(dialect: Dialect, keys: FieldKeys) -> None:
    """Let the personal column types of an engine with ``dialect`` use ``keys``."""
    setattr(dialect, _ATTRIBUTE, keys)


def _keys(dialect: Dialect) -> FieldKeys:
    keys = getattr(dialect, _ATTRIBUTE, None)
    if keys is None:
        raise FieldKeyError("personal columns need field keys: open the database through "
                            "kiosk.backend.database.Database")
    return keys


class Sealed(TypeDecorator[str]):
    """A text column stored encrypted (see the module docstring)."""

    impl = Text
    cache_ok = True

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return _keys(dialect).seal(self.encode(value), self.column)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return self.decode(_keys(dialect).open(value, self.column))

    def encode(self, value: Any) -> bytes:
        return str(value).encode()

    def decode(self, raw: bytes) -> Any:
        return raw.decode()


class SealedDate(Sealed):
    cache_ok = True

    def encode(self, value: Any) -> bytes:
        return value.isoformat().encode()

    def decode(self, raw: bytes) -> date:
        return date.fromisoformat(raw.decode())


class EncodedJSON(bytes):
    """A document already encoded as :class:`SealedJSON` encodes it (compact UTF-8
    JSON): bound as is, not encoded again (the event intake has these bytes anyway)."""


class SealedJSON(Sealed):
    cache_ok = True

    def encode(self, value: Any) -> bytes:
        if isinstance(value, EncodedJSON):
            return bytes(value)
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()

    def decode(self, raw: bytes) -> Any:
        return json.loads(raw)


class SealedBytes(TypeDecorator[bytes]):
    """A binary column (a certificate PDF) stored encrypted."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        return _keys(dialect).seal(bytes(value), self.column).encode()

    def process_result_value(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        return _keys(dialect).open(bytes(value).decode(), self.column)


class BlindIndex(TypeDecorator[str]):
    """A keyed hash of the value: equality lookups without the value in clear."""

    impl = String(67)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else _keys(dialect).blind_index(str(value))
