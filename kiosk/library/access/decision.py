"""Who may enter: the library system's patron status (SIP2 24) read as an entry decision.

SIP2 2.00 has no expiry date in the patron status: library systems answer an expired
(or unknown, or withdrawn) card with valid patron ``BL N``. The fines amount (BV) is
never read here: a refusal says "settle your account", not how much.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from kiosk.config.opening_hours import Mode

Result = Literal["granted", "refused"]

# Patron status (SIP2 field, 14 Y/blank flags): the positions that keep a patron out.
CHARGE_DENIED, CARD_LOST, EXCESSIVE_FINES, EXCESSIVE_FEES = 0, 4, 10, 11

# Reason code -> the words shown and spoken (no amounts, no names).
REASON_TEXTS: dict[str, dict[str, str]] = {
    "welcome": {"fr": "Bienvenue.", "nl": "Welkom.", "en": "Welcome."},
    "staffed_hours": {
        "fr": "La bibliothèque est ouverte, entrez librement.",
        "nl": "De bibliotheek is open, kom gerust binnen.",
        "en": "The library is open, come in.",
    },
    "offline_allow_list": {"fr": "Bienvenue.", "nl": "Welkom.", "en": "Welcome."},
    "closed": {
        "fr": "La bibliothèque est fermée.",
        "nl": "De bibliotheek is gesloten.",
        "en": "The library is closed.",
    },
    "card_not_valid": {
        "fr": "Cette carte n'est pas valable (inconnue ou expirée). Adressez-vous à l'accueil.",
        "nl": "Deze kaart is niet geldig (onbekend of vervallen). Vraag het aan de balie.",
        "en": "This card is not valid (unknown or expired). Please ask at the desk.",
    },
    "card_lost": {
        "fr": "Cette carte a été déclarée perdue. Adressez-vous à l'accueil.",
        "nl": "Deze kaart werd als verloren gemeld. Vraag het aan de balie.",
        "en": "This card was reported lost. Please ask at the desk.",
    },
    "account_blocked": {
        "fr": "Votre compte est bloqué. Réglez-le à l'accueil pendant les heures de service.",
        "nl": "Uw account is geblokkeerd. Regel het aan de balie tijdens de openingsuren.",
        "en": "Your account is blocked. Please settle it at the desk during staffed hours.",
    },
    "too_young": {
        "fr": "En libre-service, les mineurs entrent accompagnés d'un adulte.",
        "nl": "Tijdens zelfbediening komen minderjarigen binnen met een volwassene.",
        "en": "In self-service hours, minors enter with an adult.",
    },
    "eid_not_accepted": {
        "fr": "Cette carte d'identité n'a pas pu être lue ou vérifiée. Adressez-vous à l'accueil.",
        "nl": "Deze identiteitskaart kon niet gelezen of gecontroleerd worden. Vraag het aan "
              "de balie.",
        "en": "This identity card could not be read or checked. Please ask at the desk.",
    },
    "eid_expired": {
        "fr": "Cette carte d'identité n'est pas valable aujourd'hui (expirée ou pas encore "
              "valable). Adressez-vous à l'accueil.",
        "nl": "Deze identiteitskaart is vandaag niet geldig (vervallen of nog niet geldig). "
              "Vraag het aan de balie.",
        "en": "This identity card is not valid today (expired or not yet valid). Please ask "
              "at the desk.",
    },
    "offline_unknown": {
        "fr": "Le système de la bibliothèque ne répond pas et cette carte n'est pas connue ici.",
        "nl": "Het bibliotheeksysteem antwoordt niet en deze kaart is hier niet gekend.",
        "en": "The library system does not answer and this card is not known here.",
    },
}


@dataclass(frozen=True)
class PatronFacts:
    """What the decision needs from a patron status answer (no name, no amount)."""

    valid: bool
    status_flags: str  # SIP2 patron status, 14 characters


@dataclass(frozen=True)
class EntryDecision:
    result: Result
    reason: str  # a key of REASON_TEXTS

    @property
    def granted(self) -> bool:
        return self.result == "granted"

    def text(self, language: str) -> str:
        return REASON_TEXTS[self.reason].get(language, REASON_TEXTS[self.reason]["en"])


def _flag(flags: str, position: int) -> bool:
    return len(flags) > position and flags[position] == "Y"


def age_on(birth: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (birth.month, birth.day)
    return day.year - birth.year - before_birthday


def decide(
    mode: Mode,
    patron: PatronFacts,
    *,
    min_age: int = 0,
    birth_date: date | None = None,
    today: date | None = None,
) -> EntryDecision:
    """The entry decision for an online answer in ``mode``."""
    if mode == "closed":
        return EntryDecision("refused", "closed")
    if mode == "staffed":
        return EntryDecision("granted", "staffed_hours")
    if not patron.valid:
        return EntryDecision("refused", "card_not_valid")
    if _flag(patron.status_flags, CARD_LOST):
        return EntryDecision("refused", "card_lost")
    if any(_flag(patron.status_flags, p)
           for p in (CHARGE_DENIED, EXCESSIVE_FINES, EXCESSIVE_FEES)):
        return EntryDecision("refused", "account_blocked")
    known_age = birth_date is not None and today is not None
    if min_age and known_age and age_on(birth_date, today) < min_age:  # type: ignore[arg-type]
        return EntryDecision("refused", "too_young")
    return EntryDecision("granted", "welcome")
