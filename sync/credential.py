"""The kiosk's device credential (``kb1.<id>.<secret>``), read from its file.

Kept apart from :mod:`sync.wiring` so that asking "is this kiosk enrolled?" loads
neither the store nor the HTTP stack."""

from __future__ import annotations

from pathlib import Path


class CredentialError(Exception):
    pass


def read_credential(path: Path) -> str:
    """The credential in ``path``; CredentialError says why there is none."""
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise CredentialError(f"cannot read the device credential {path}: "
                              f"{exc.strerror}") from None
    if not token.startswith("kb1.") or token.count(".") < 2:
        raise CredentialError(f"{path} does not hold a device credential (kb1.<id>.<secret>)")
    return token
