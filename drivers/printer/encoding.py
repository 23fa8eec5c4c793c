"""Text to printer bytes: one code page (CP858), with a fallback for what it lacks.

CP858 is CP850 with the euro sign: it carries every letter of French, Dutch and
English. Characters outside it are spelled out (œ → oe, ’ → ') or reduced to their
base letter, and only then replaced by "?": a receipt never fails on a character.
"""

from __future__ import annotations

import unicodedata

CODE_PAGE = "cp858"
CODE_PAGE_NUMBER = 19  # ESC t 19 selects CP858 on Epson-compatible printers
SELECT_CODE_PAGE = b"\x1bt" + bytes([CODE_PAGE_NUMBER])

FALLBACKS: dict[str, str] = {
    "œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "‚": ",", "“": '"', "”": '"', "„": '"',
    "…": "...", "–": "-", "—": "-", "\u00a0": " ", "\u202f": " ", "‹": "<", "›": ">",
    "✕": "x", "✓": "v", "•": "*", "→": "->", "←": "<-",
}


def encode_text(text: str) -> bytes:
    """Encode ``text`` for the printer; never raises."""
    try:
        return text.encode(CODE_PAGE)
    except UnicodeEncodeError:
        return b"".join(_encode_char(char) for char in text)


def _encode_char(char: str) -> bytes:
    try:
        return char.encode(CODE_PAGE)
    except UnicodeEncodeError:
        pass
    if char in FALLBACKS:
        return FALLBACKS[char].encode(CODE_PAGE, errors="replace")
    base = "".join(c for c in unicodedata.normalize("NFKD", char)
                   if not unicodedata.combining(c))
    return base.encode(CODE_PAGE, errors="replace") if base else b"?"
