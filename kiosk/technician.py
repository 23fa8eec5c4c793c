"""Technician mode's gate, Qt-free: the PIN (stored as an scrypt hash) and the lockout
after failed attempts (the technician screen's recent errors: kiosk/recent_errors.py).

The PIN lives in config only as ``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>``; ``kiosk
config hash-pin`` produces it. Failed attempts lock the gate for an exponentially
growing time; every failure is logged without the digits typed. Every attempt is
also recorded in the audit log (``technician.login``: ok, wrong_pin or locked), again
without the digits nor their count.

A technician's own Belgian eID opens technician mode too (see :func:`hash_card` for how
its card number is kept, and :class:`TechnicianCardRouter` for how a card is told apart
from a citizen's). Leaving for the desktop always takes the PIN.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from kiosk.identity import CardNews

log = logging.getLogger(__name__)

# scrypt cost: ~16 MiB and a few tens of ms per check (a PIN has few digits: the cost
# and the lockout together are what make guessing slow).
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 12
PREFIX = "scrypt"
# Who a technician is in the audit log: the kiosk has one shared PIN, no accounts.
TECHNICIAN_ACTOR = "technician:pin"
TECHNICIAN_CARD_ACTOR = "technician:card"
TECHNICIAN_LOGIN = "technician.login"  # kiosk.audit.log.TECHNICIAN_LOGIN, kept import-light


class AuditRecorder(Protocol):
    """What the gate needs of :class:`kiosk.audit.log.AuditLog` (not imported here: the
    gate is built before the first frame, the store after)."""

    def record(self, kind: str, actor: str, details: Mapping[str, Any] | None = None) -> Any: ...


class PinFormatError(ValueError):
    """A PIN or a stored PIN hash that is not of the expected shape."""


def check_pin_shape(pin: str) -> None:
    if not pin.isdigit() or not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        raise PinFormatError(f"a technician PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits")


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """The config value for ``pin``: ``scrypt$n$r$p$salt$hash`` (hex)."""
    check_pin_shape(pin)
    return _scrypt_entry(pin, salt)


def _scrypt_entry(secret: str, salt: bytes | None) -> str:
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    digest = hashlib.scrypt(
        secret.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return f"{PREFIX}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


@dataclass(frozen=True)
class PinHash:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes

    @classmethod
    def parse(
        cls, text: str, where: str = "technician_pin_hash", command: str = "hash-pin"
    ) -> PinHash:
        """Parse a stored hash; PinFormatError says which part is wrong, and where."""
        parts = text.split("$")
        if len(parts) != 6 or parts[0] != PREFIX:
            raise PinFormatError(
                f"{where} must look like scrypt$n$r$p$salt$hash "
                f"(make one with `kiosk config {command}`)"
            )
        try:
            n, r, p = (int(x) for x in parts[1:4])
            salt, digest = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
        except ValueError:
            raise PinFormatError(f"{where}: n, r, p must be numbers, salt and hash hex") from None
        if n < 2 or n & (n - 1) or r < 1 or p < 1 or not salt or len(digest) < 16:
            raise PinFormatError(f"{where}: scrypt parameters out of range")
        return cls(n, r, p, salt, digest)

    def matches(self, pin: str) -> bool:
        return hmac.compare_digest(self.digest_of(pin), self.digest)

    def digest_of(self, secret: str) -> bytes:
        """scrypt of ``secret`` with this entry's salt and parameters."""
        return hashlib.scrypt(
            secret.encode(),
            salt=self.salt,
            n=self.n,
            r=self.r,
            p=self.p,
            dklen=len(self.digest),
            maxmem=256 * 1024 * 1024,
        )


# A card number as printed on the card (``592-3456789-45``) or read from its chip.
CARD_SEPARATORS = str.maketrans("", "", " -./")
CARD_MIN_CHARS = 9
CARD_MAX_CHARS = 16


def normalise_card_number(text: str) -> str:
    """The card number without separators, upper case. PinFormatError when it cannot be
    a card number; a 12-digit Belgian number must carry its mod-97 check digits (a typo
    typed into ``kiosk config hash-card`` would otherwise make a card that never opens)."""
    number = text.translate(CARD_SEPARATORS).upper()
    if not number.isalnum() or not number.isascii():
        raise PinFormatError("a card number is letters and digits (separators - . / allowed)")
    if not CARD_MIN_CHARS <= len(number) <= CARD_MAX_CHARS:
        raise PinFormatError(
            f"a card number is {CARD_MIN_CHARS} to {CARD_MAX_CHARS} letters and digits"
        )
    if len(number) == 12 and number.isdigit() and (int(number[:10]) % 97 or 97) != int(number[10:]):
        raise PinFormatError("the card number's check digits (last two) do not match")
    return number


def hash_card(card_number: str, salt: bytes | None = None) -> str:
    """The ``technician_card_hashes`` entry for a technician's eID card number.

    Why salted scrypt per entry rather than an HMAC with a per-install key: a card
    number has about 10^10 possible values (10 digits and a check), and the key of an
    HMAC would sit in the same config file as the hashes, so whoever reads the file can
    try every number in minutes on a GPU. scrypt (~16 MiB, tens of ms per try, a fresh
    salt per entry) makes that search years per entry, and it is the same format and
    code as the PIN hash. The cost is paid once per listed card at each card insertion,
    on the card watcher's thread: a handful of technician cards add well under a second
    to a citizen's identification and never touch the GUI thread. The national number is
    never used: it identifies the person everywhere, the card number only this card
    (a renewed card is enrolled again).
    """
    return _scrypt_entry(normalise_card_number(card_number), salt)


@dataclass(frozen=True)
class PinResult:
    ok: bool
    # Seconds the gate stays shut after this attempt (0 when open or not locked).
    locked_for_s: float = 0.0
    reason: str = ""  # "" | "wrong_pin" | "locked" | "not_configured" | "bad_format"


class TechnicianGate:
    """Checks PINs; after ``free_attempts`` failures each further failure locks the
    gate for ``base_lock_s`` doubling per failure, up to ``max_lock_s``. A success
    resets the count. Thread-safe: the check runs on a worker (scrypt is slow).

    With ``audit`` every attempt is recorded as ``technician.login`` (the check runs
    on a worker, so the store write never blocks the GUI thread).

    ``card_hashes`` are the technicians' eID cards (:func:`hash_card`). A listed card
    opens even while the PIN is locked out and leaves the PIN's failure count alone:
    the lockout slows the guessing of a short PIN, a genuine eID card is not guessed,
    and the exit to the desktop still needs the PIN (still locked)."""

    def __init__(
        self,
        pin_hash: str,
        clock: Callable[[], float],
        free_attempts: int = 3,
        base_lock_s: float = 30.0,
        max_lock_s: float = 3600.0,
        audit: AuditRecorder | None = None,
        card_hashes: Sequence[str] = (),
    ) -> None:
        self._audit = audit
        self._hash = PinHash.parse(pin_hash) if pin_hash else None
        self._cards = tuple(
            PinHash.parse(entry, f"technician_card_hashes[{i}]", "hash-card")
            for i, entry in enumerate(card_hashes)
        )
        self._clock = clock
        self._free = free_attempts
        self._base = base_lock_s
        self._max = max_lock_s
        self._lock = threading.Lock()
        self._failures = 0
        self._locked_until = 0.0

    @property
    def configured(self) -> bool:
        return self._hash is not None

    @property
    def has_cards(self) -> bool:
        return bool(self._cards)

    @property
    def audited(self) -> bool:
        return self._audit is not None

    def use_audit(self, audit: AuditRecorder) -> None:
        """Record attempts in ``audit`` from now on (for a gate built before the store)."""
        self._audit = audit

    def locked_for(self) -> float:
        """Seconds before the next attempt is accepted (0: now)."""
        with self._lock:
            return max(0.0, self._locked_until - self._clock())

    def check(self, pin: str) -> PinResult:
        if self._hash is None:
            log.warning("technician PIN entered but no technician_pin_hash is configured")
            return self._audited(PinResult(False, reason="not_configured"), 0)
        wait = self.locked_for()
        if wait > 0:
            log.warning("technician PIN attempt refused: locked for %.0f s more", wait)
            with self._lock:
                failures = self._failures
            return self._audited(PinResult(False, wait, "locked"), failures)
        shaped = pin.isdigit() and PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS
        if shaped and self._hash.matches(pin):
            with self._lock:
                self._failures = 0
                self._locked_until = 0.0
            log.info("technician mode opened with the PIN")
            return self._audited(PinResult(True), 0)
        with self._lock:
            self._failures += 1
            failures = self._failures
            over = failures - self._free
            lock_s = min(self._max, self._base * 2 ** (over - 1)) if over > 0 else 0.0
            self._locked_until = self._clock() + lock_s
        # Never the digits, not even their count.
        log.warning(
            "wrong technician PIN (failure %d in a row); locked for %.0f s", failures, lock_s
        )
        return self._audited(PinResult(False, lock_s, "wrong_pin"), failures)

    def check_card(self, card_number: str) -> PinResult:
        """Is this eID one of the technicians' cards? Blocks for one scrypt per listed
        card: call it on the card watcher's thread, never the GUI thread.

        Only a listed card is audited (``method: card``, with which entry of the list
        matched, never the number): an unlisted card is a citizen's, not an attempt."""
        if not self._cards:
            return PinResult(False, reason="not_listed")
        try:
            number = normalise_card_number(card_number)
        except PinFormatError:
            return PinResult(False, reason="not_listed")
        computed: dict[tuple[int, int, int, bytes, int], bytes] = {}
        for index, entry in enumerate(self._cards):
            key = (entry.n, entry.r, entry.p, entry.salt, len(entry.digest))
            if key not in computed:  # entries sharing a salt share the work
                computed[key] = entry.digest_of(number)
            if hmac.compare_digest(computed[key], entry.digest):
                log.info("technician mode opened with a technician card (entry %d)", index)
                self._record(
                    TECHNICIAN_CARD_ACTOR, {"method": "card", "result": "ok", "card_entry": index}
                )
                return PinResult(True)
        return PinResult(False, reason="not_listed")

    def _audited(self, result: PinResult, failures: int) -> PinResult:
        """Record the attempt (never the digits). A failing audit write is logged for
        the technician screen and does not change the answer."""
        self._record(
            TECHNICIAN_ACTOR,
            {
                "method": "pin",
                "result": "ok" if result.ok else result.reason,
                "failures_in_a_row": failures,
                "locked_for_s": round(result.locked_for_s),
            },
        )
        return result

    def _record(self, actor: str, details: Mapping[str, Any]) -> None:
        if self._audit is not None:
            try:
                self._audit.record(TECHNICIAN_LOGIN, actor, details)
            except Exception:  # the store is busy or broken: the gate still answers
                log.exception("technician login not recorded in the audit log")


@dataclass(frozen=True)
class TechnicianCardNews:
    """A technician's card went in (``inserted``) or came out (``removed``); it carries
    no card data at all."""

    kind: Literal["inserted", "removed"]


class TechnicianCardRouter:
    """Sits between the :class:`kiosk.identity.CardWatcher` and its listener, on the
    watcher's thread: a genuine card listed in ``technician_card_hashes`` becomes a
    :class:`TechnicianCardNews` and never reaches the citizen journey (the technician's
    identity is not a citizen's identification); any other card's news passes on
    unchanged, so an unlisted card is simply a citizen starting the normal journey.
    The removal of a technician card is reported as such and passed on too (at the
    attract screen the journey has nothing to wipe)."""

    def __init__(self, gate: TechnicianGate, on_news: Callable[[Any], None]) -> None:
        self._gate = gate
        self._on_news = on_news
        self._technician_card_in = False

    def __call__(self, news: CardNews) -> None:
        if news.kind == "identified" and news.card is not None and self._gate.has_cards:
            try:
                opened = self._gate.check_card(news.card.identity.card_number).ok
            except Exception:  # a broken check must not lose the citizen's card
                log.exception("technician card check failed")
                opened = False
            if opened:
                self._technician_card_in = True
                self._on_news(TechnicianCardNews("inserted"))
                return
        if news.kind == "removed" and self._technician_card_in:
            self._technician_card_in = False
            self._on_news(TechnicianCardNews("removed"))
        self._on_news(news)
