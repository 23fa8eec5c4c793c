"""The library system's own words, mapped to the kiosk's catalog.

A SIP2 system answers refusals and fines with a screen message (field AF) in its own language
— English for the city's system — and no code. Shown as is, a Dutch screen read "Geweigerd:
This item is reserved for another reader" (issue 24, defect 4). The kiosk recognises the
messages it knows by their wording (numbers and titles aside) and shows its own translated
text; an unknown one gets a generic translated text, and the raw message goes to the log
only, for the library's staff to add."""

from __future__ import annotations

import functools
import logging
import re

log = logging.getLogger(__name__)

GENERIC_REFUSAL = "library.refused.other"
GENERIC_FINE = "library.fine.other"

# (pattern over the library system's message, catalog key); first match wins.
_REFUSALS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), key) for pattern, key in (
        (r"^unknown library card", "library.refused.unknown_card"),
        (r"^unknown item", "library.refused.unknown_item"),
        (r"on loan to another reader", "library.refused.on_loan_elsewhere"),
        (r"^loan limit of \d+ items reached", "library.refused.loan_limit"),
        (r"reserved for another reader|^reserved by another reader", "library.refused.reserved"),
        (r"was not on loan", "library.refused.not_on_loan"),
        (r"not on loan to you", "library.refused.not_yours"),
        (r"^renewed \d+ times already", "library.refused.renewal_limit"),
        (r"^amount .* does not match", "library.refused.amount_mismatch"),
        (r"blocked|barred", "library.refused.blocked"),
    ))

# A fine's description: "Late return: <title>" carries the title, shown as the library wrote it.
_LATE_RETURN = re.compile(r"^late return:\s*(?P<title>.+)$", re.IGNORECASE)


def refusal_key(message: str) -> str:
    """The catalog key for a library system's refusal message (generic when unknown)."""
    text = message.strip()
    for pattern, key in _REFUSALS:
        if pattern.search(text):
            return key
    if text:
        log.info("library system message not in the catalog, shown generically: %r", text)
    return GENERIC_REFUSAL


def refusal_text(message: str, tr) -> str:
    """What to show for a refusal's raw message: the kiosk's own catalog texts (the
    update gate's notice in every language, joined by " · ") as they are; the library
    system's words mapped through :func:`refusal_key`."""
    parts = [part.strip() for part in message.split(" · ")]
    if parts and all(part in _kiosk_texts() for part in parts):
        return message
    return tr(refusal_key(message))


@functools.cache
def _kiosk_texts() -> frozenset[str]:
    from kiosk.domain.catalog import LANGUAGES
    from kiosk.i18n import Translator

    # Not the texts that translate the library system's own words (the English ones are
    # the same words): those are always shown in the screen's language.
    return frozenset(text for code in LANGUAGES for key, text in Translator(code).all().items()
                     if not key.startswith(("library.refused.", "library.fine.")))


def fine_text(description: str, tr) -> str:
    """A fine's line in the screen's language: the kind translated, a title kept as written."""
    late = _LATE_RETURN.match(description.strip())
    if late:
        return tr("library.fine.late_return").format(title=late.group("title"))
    if description.strip():
        log.info("library fine description not in the catalog, shown generically: %r",
                 description)
    return tr(GENERIC_FINE)
