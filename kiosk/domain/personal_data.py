"""Which personal data each service needs, why, and on what legal basis (GDPR art. 6).

The source of truth for data minimisation and for the register of processing
(``kiosk privacy register`` → docs/register-of-processing.md). Every service of the
catalog has a declaration here (a test checks it); a service that needs nothing personal
declares an empty field list. The photo is never among the fields: it stays on the card.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

PUBLIC_TASK = "public task (GDPR art. 6(1)(e)): municipal civil registry services"
LEGAL_OBLIGATION = "legal obligation (GDPR art. 6(1)(c)): fees and accounting"
CONTRACT = "contract (GDPR art. 6(1)(b)): library membership rules"


@dataclass(frozen=True)
class Declaration:
    service_id: str
    fields: tuple[str, ...]  # personal data the kiosk stores for it (never the photo)
    purpose: str
    legal_basis: str
    recipients: str = "City of Brussels case platform (backend)"


_CERTIFICATE = ("national_number",)
_CERT_PURPOSE = (
    "identify the citizen the certificate is about and deliver it (post, e-mail box, counter)"
)

DECLARATIONS: tuple[Declaration, ...] = (
    Declaration("queue-ticket", (), "call the citizen to a counter by ticket number", PUBLIC_TASK),
    Declaration("cert-residence", _CERTIFICATE, _CERT_PURPOSE, PUBLIC_TASK),
    Declaration("cert-household", _CERTIFICATE, _CERT_PURPOSE, PUBLIC_TASK),
    Declaration("cert-birth", _CERTIFICATE, _CERT_PURPOSE, PUBLIC_TASK),
    Declaration("cert-nationality", _CERTIFICATE, _CERT_PURPOSE, PUBLIC_TASK),
    Declaration("cert-life", _CERTIFICATE, _CERT_PURPOSE, PUBLIC_TASK),
    Declaration(
        "appt-id-card",
        ("national_number",),
        "book an appointment for a new identity card in the citizen's name",
        PUBLIC_TASK,
    ),
    Declaration(
        "appt-passport",
        ("national_number",),
        "book an appointment for a passport in the citizen's name",
        PUBLIC_TASK,
    ),
    Declaration(
        "case-followup",
        ("national_number",),
        "show the citizen the state of their own cases (read, not stored)",
        PUBLIC_TASK,
    ),
    Declaration(
        "letter-payment",
        ("payment communication", "masked card number"),
        "pay the amount of a letter from the city and keep the payment's record",
        LEGAL_OBLIGATION,
    ),
    Declaration(
        "library.loans",
        ("library card number or eID token", "patron key (keyed hash)"),
        "borrow and return items; replay offline loans to the library system",
        CONTRACT,
        recipients="the library system (SIP2)",
    ),
    Declaration(
        "library.fines",
        ("patron key (keyed hash)", "masked card number"),
        "pay library fines and keep the payment's record",
        LEGAL_OBLIGATION,
        recipients="the library system (SIP2)",
    ),
)


def declaration(service_id: str) -> Declaration:
    """The declaration of ``service_id``; KeyError naming it when there is none."""
    for item in DECLARATIONS:
        if item.service_id == service_id:
            return item
    raise KeyError(
        f"no personal-data declaration for service {service_id!r} (kiosk/domain/personal_data.py)"
    )


# --- Enforcement: what a stored or sent payload may hold -----------------------------

# Payload keys that carry personal data, and the declared field each one is. A key
# whose field no declaration lists (names, address, the photo or its hash) can never be
# stored, whatever the service.
PERSONAL_KEYS: dict[str, str] = {
    "national_number": "national_number",
    "communication": "payment communication",
    "masked_pan": "masked card number",
    "patron_key": "patron key (keyed hash)",
    "patron_identifier": "library card number or eID token",
    "surname": "name",
    "first_names": "name",
    "name": "name",
    "birth_date": "date of birth",
    "birth_place": "place of birth",
    "nationality": "nationality",
    "sex": "sex",
    "card_number": "eID card number",
    "street": "address",
    "postal_code": "address",
    "municipality": "address",
    "address": "address",
    "photo": "photo",
    "photo_hash": "photo",
    "photo_sha256": "photo",
    "email": "e-mail address",
    "phone": "phone number",
}

# Keys that name no one: ids, references, amounts, times, the kiosk's own settings.
# A payload tied to a service holds only these and the service's declared fields.
NON_PERSONAL_KEYS = frozenset(
    {
        "request_id",
        "service_id",
        "reference",
        "delivery",
        "language",
        "site",
        "kiosk_id",
        "submitted_at",
        "issued_at",
        "completed_at",
        "day",
        "desk",
        "number",
        "payment",
        "payment_id",
        "method",
        "amount_cents",
        "owed_cents",
        "status",
        "trace",
        "iban",
        "transaction_id",
        "card_type",
        "purged_at",
    }
)


class UndeclaredPersonalDataError(ValueError):
    """A payload holds a field its service does not declare (a developer's mistake):
    the message names the keys and the service, never their values."""


def undeclared_keys(service_id: str | None, payload: Mapping[str, Any]) -> list[str]:
    """The (dotted) keys of ``payload`` that ``service_id`` may not store or send.

    With a service: anything but its declared personal fields and the non-personal
    keys. Without one (an event tied to no citizen request): any personal key."""
    fields = _declared(service_id)
    return [".".join(path) for path in _walk(payload, (), service_id is not None, fields)]


def minimise(
    service_id: str | None, payload: Mapping[str, Any], *, strict: bool, what: str = "payload"
) -> dict[str, Any]:
    """``payload`` without the keys ``service_id`` does not declare. ``strict`` (tests,
    development): raise :class:`UndeclaredPersonalDataError` instead; otherwise the keys are
    dropped and a warning names them (never their values)."""
    bad = undeclared_keys(service_id, payload)
    if not bad:
        return dict(payload)
    message = (
        f"{what} for service {service_id or '(none)'} holds undeclared field(s) "
        f"{', '.join(sorted(bad))}: only the fields declared in "
        f"kiosk/domain/personal_data.py may be stored or sent"
    )
    if strict:
        raise UndeclaredPersonalDataError(message)
    log.warning("dropped: %s", message)
    return _without(payload, {tuple(b.split(".")) for b in bad})


def _declared(service_id: str | None) -> frozenset[str]:
    if service_id is None:
        return frozenset()
    try:
        return frozenset(declaration(service_id).fields)
    except KeyError:  # a service without a declaration stores nothing personal
        return frozenset()


def _walk(
    value: Any, path: tuple[str, ...], closed: bool, fields: frozenset[str]
) -> list[tuple[str, ...]]:
    bad: list[tuple[str, ...]] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            here = (*path, str(key))
            field = PERSONAL_KEYS.get(str(key))
            if field is not None:
                if field not in fields:
                    bad.append(here)
                continue
            if closed and str(key) not in NON_PERSONAL_KEYS:
                bad.append(here)
                continue
            bad += _walk(item, here, closed, fields)
    elif isinstance(value, list | tuple):
        for item in value:
            bad += _walk(item, path, closed, fields)
    return bad


def _without(value: Any, drop: set[tuple[str, ...]], path: tuple[str, ...] = ()) -> Any:
    if isinstance(value, Mapping):
        return {
            key: _without(item, drop, (*path, str(key)))
            for key, item in value.items()
            if (*path, str(key)) not in drop
        }
    if isinstance(value, list | tuple):
        return [_without(item, drop, path) for item in value]
    return value
