"""Which personal data each service needs, why, and on what legal basis (GDPR art. 6).

The source of truth for data minimisation and for the register of processing
(``kiosk privacy register`` → docs/register-of-processing.md). Every service of the
catalog has a declaration here (a test checks it); a service that needs nothing personal
declares an empty field list. The photo is never among the fields: it stays on the card.
"""

from __future__ import annotations

from dataclasses import dataclass

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
