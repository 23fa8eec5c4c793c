"""From an eID to a library patron without sending the national number.

SIP2 has no "find patron by national number" message, and the national number must
not travel to (or be logged by) the library system in clear. The kiosk sends instead
a keyed hash of it as the patron identifier (AA): ``EID`` + 24 hex digits of
HMAC-SHA256(link key, national number). The library system keeps the same token for
each patron who linked their eID at the desk (it knows the key), resolves it like a
card barcode and answers with the patron's card barcode in AA. The key is a shared
secret in both configurations; rotating it means re-linking (re-hashing) patrons.
"""

from __future__ import annotations

import hashlib
import hmac

EID_PREFIX = "EID"


def eid_patron_token(national_number: str, link_key: str) -> str:
    """The patron identifier standing for an eID holder (never the number itself)."""
    digits = "".join(ch for ch in national_number if ch.isdigit())
    if len(digits) != 11:
        raise ValueError("a national number has 11 digits")
    if not link_key:
        raise ValueError("the eID link key is empty")
    mac = hmac.new(link_key.encode("utf-8"), digits.encode("ascii"), hashlib.sha256)
    return EID_PREFIX + mac.hexdigest()[:24].upper()


def is_eid_token(identifier: str) -> bool:
    return identifier.startswith(EID_PREFIX) and len(identifier) == len(EID_PREFIX) + 24


def card_key(identifier: str, link_key: str) -> str:
    """A keyed hash of a card barcode or eID token: how the kiosk remembers patrons
    (offline cache, report grouping) without storing the card number."""
    mac = hmac.new(link_key.encode("utf-8"), b"card:" + identifier.encode("utf-8"), hashlib.sha256)
    return mac.hexdigest()[:32]


def mask_card(identifier: str) -> str:
    """What a screen, slip or staff report shows of a card: its last four characters."""
    if is_eid_token(identifier):
        return "eID"
    return "••••" + identifier[-4:] if len(identifier) > 4 else "••••"
