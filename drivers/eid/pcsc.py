"""The real eID reader: pyscard's low-level ``smartcard.scard`` API over pcscd.

One :class:`PcscEidReader` is owned by one thread (the device's owner thread); every
blocking call is bounded by a timeout.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from smartcard import scard

from common.eid.model import CardEvent, EidCardData
from drivers.eid.apdu import DEFAULT_CHUNK, EidSession
from drivers.eid.card import read_eid
from drivers.eid.errors import CardError, CardRemovedError
from drivers.eid.pinpad import FEATURE_VERIFY_PIN_DIRECT, parse_features, verify_pin_structure
from drivers.errors import DeviceTimeoutError, DeviceUnavailableError

log = logging.getLogger(__name__)

_REMOVED = {scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_RESET_CARD}
_NO_READER = {scard.SCARD_E_NO_READERS_AVAILABLE, scard.SCARD_E_UNKNOWN_READER,
              scard.SCARD_E_READER_UNAVAILABLE}


# SCardStatus's card state bit "card present" (pcsclite.h); pyscard exports only the
# SCardGetStatusChange flags.
_SCARD_PRESENT = 0x0004


def _code(hresult: int) -> int:
    return hresult & 0xFFFFFFFF


def _describe(hresult: int) -> str:
    return f"{scard.SCardGetErrorMessage(hresult)} (0x{_code(hresult):08X})"


def _check(hresult: int, what: str) -> None:
    if hresult == scard.SCARD_S_SUCCESS:
        return
    if hresult in _REMOVED:
        raise CardRemovedError(f"{what}: the card was removed ({_describe(hresult)})")
    if hresult in _NO_READER or hresult == scard.SCARD_E_NO_SERVICE:
        raise DeviceUnavailableError(f"{what}: {_describe(hresult)}")
    if hresult == scard.SCARD_E_TIMEOUT:
        raise DeviceTimeoutError(f"{what}: timed out")
    raise CardError(f"{what}: {_describe(hresult)}")


def _yield_to_card_io() -> None:
    """Run the signature checks at idle priority (this thread only, Linux).

    They overlap the card I/O, and every APDU wakes pcscd and the reader in turn; at
    normal priority a wakeup that lands on the core doing the checks waits for the
    scheduler's preemption granularity, so overlapping bought nothing (1.7× the raw
    APDU time for an ECDSA card on 2 cores, 1.35× at idle priority: bench/eid_read.py).
    Idle tasks still get a small share, so the checks finish on a busy machine too.
    """
    idle = getattr(os, "SCHED_IDLE", None)
    if idle is None:
        return
    try:
        os.sched_setscheduler(0, idle, os.sched_param(0))
    except OSError as exc:  # a sandbox may forbid it: checks just run at normal priority
        log.debug("eID verification stays at normal priority: %s", exc)


class PcscTransport:
    """One connected card: ``transmit(apdu) -> (data, sw)`` through SCardTransmit."""

    def __init__(self, card_handle: int, protocol: int) -> None:
        self._handle = card_handle
        self._protocol = protocol

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        hresult, response = scard.SCardTransmit(self._handle, self._protocol, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS:  # the message is built only for a failure
            _check(hresult, f"APDU {apdu[:5].hex(' ').upper()}")
        if len(response) < 2:
            what = f"APDU {apdu[:5].hex(' ').upper()}: response without status word"
            if not self._card_still_there():
                raise CardRemovedError(f"{what}: the card was removed")
            raise CardError(what)
        # One list → bytes conversion, then slices: half the cost of converting a slice.
        raw = bytes(response)
        return raw[:-2], (raw[-2] << 8) | raw[-1]

    def _card_still_there(self, settle_s: float = 1.0) -> bool:
        """After an answer without status word: was the card pulled out? The reader may
        notice a moment later, so look again for up to ``settle_s``."""
        deadline = time.monotonic() + settle_s
        while True:
            hresult, _reader, state, _protocol, _atr = scard.SCardStatus(self._handle)
            if hresult != scard.SCARD_S_SUCCESS or not state & _SCARD_PRESENT:
                return False
            if time.monotonic() >= deadline:
                return True
            time.sleep(0.05)


class PcscPinpadEntry:
    """The reader's own keypad verifies the PIN (PC/SC part 10 FEATURE_VERIFY_PIN_DIRECT)."""

    def __init__(self, card_handle: int, control_code: int) -> None:
        self._handle = card_handle
        self._control_code = control_code

    def verify(self, session: EidSession) -> int:
        session.apdu_count += 1
        hresult, response = scard.SCardControl(self._handle, self._control_code,
                                               list(verify_pin_structure()))
        _check(hresult, "PIN entry on the reader's pinpad")
        if len(response) < 2:
            raise CardError("pinpad answered without a status word")
        return (response[-2] << 8) | response[-1]


def pinpad_control_code(card_handle: int) -> int | None:
    """The control code of the reader's secure PIN entry, when it offers one (feature
    list via SCardControl)."""
    hresult, response = scard.SCardControl(card_handle, scard.SCARD_CTL_CODE(3400), [])
    if hresult != scard.SCARD_S_SUCCESS:
        return None  # a reader without part 10 support (vpcd, most plain readers)
    return parse_features(bytes(response)).get(FEATURE_VERIFY_PIN_DIRECT)


def pinpad_entry(card_handle: int) -> PcscPinpadEntry | None:
    """The reader's secure PIN entry when it offers one."""
    code = pinpad_control_code(card_handle)
    return PcscPinpadEntry(card_handle, code) if code is not None else None


class PcscEidReader:
    """A PC/SC reader chosen by ``fnmatch`` pattern (``pcsc://?reader=ACS*``).

    Implements :class:`drivers.eid.interface.EidReader`. The PC/SC context is opened
    lazily, so a kiosk starts even when pcscd is not up yet.
    """

    def __init__(self, reader_pattern: str = "*", chunk_size: int = DEFAULT_CHUNK) -> None:
        self.reader_pattern = reader_pattern or "*"
        self.chunk_size = chunk_size
        self._context: int | None = None
        self._states: dict[str, int] = {}
        # The reader the last card was found in: connecting to it straight away saves two
        # pcscd round trips (list readers, reader status) on every read.
        self._last_reader: str | None = None
        # Per reader: its secure-PIN-entry control code (None: no pinpad). A reader's
        # features do not change while it is plugged in; asking once saves a pcscd round
        # trip on every PIN step. Forgotten when the reader is.
        self._pinpad_codes: dict[str, int | None] = {}
        # Signature checks run here while the photo is read (see drivers.eid.card).
        self._verifier: ThreadPoolExecutor | None = None
        self.last_apdu_count = 0

    # --- context and readers ---------------------------------------------------------

    def _ctx(self) -> int:
        if self._context is None:
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            _check(hresult, "connecting to pcscd")
            self._context = context
        return self._context

    def list_readers(self) -> list[str]:
        """Every reader pcscd knows (empty when there is none)."""
        hresult, readers = scard.SCardListReaders(self._ctx(), [])
        if hresult in (scard.SCARD_E_NO_READERS_AVAILABLE,):
            return []
        _check(hresult, "listing readers")
        return list(readers)

    def matching_readers(self) -> list[str]:
        return [r for r in self.list_readers() if fnmatch.fnmatchcase(r, self.reader_pattern)]

    def _status(self, readers: list[str], timeout: float) -> list[tuple[str, int, list[int]]]:
        states = [(r, self._states.get(r, scard.SCARD_STATE_UNAWARE)) for r in readers]
        hresult, result = scard.SCardGetStatusChange(self._ctx(), int(timeout * 1000), states)
        if hresult == scard.SCARD_E_TIMEOUT:
            return []
        _check(hresult, "watching readers")
        return list(result)

    def _reader_with_card(self) -> str:
        readers = self.matching_readers()
        if not readers:
            raise DeviceUnavailableError(f"no PC/SC reader matches {self.reader_pattern!r}")
        states = [(r, scard.SCARD_STATE_UNAWARE) for r in readers]
        hresult, result = scard.SCardGetStatusChange(self._ctx(), 0, states)
        _check(hresult, "reading reader state")
        for reader, state, _atr in result:
            if state & scard.SCARD_STATE_PRESENT:
                return reader
        raise CardError("no card in the reader")

    # --- EidReader -------------------------------------------------------------------

    def card_present(self) -> bool:
        try:
            self._reader_with_card()
        except CardError:
            return False
        return True

    def wait_for_event(self, timeout: float) -> CardEvent | None:
        """Block up to ``timeout`` s for an insertion or removal in a matching reader."""
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            readers = self.matching_readers()
            if not readers:
                raise DeviceUnavailableError(f"no PC/SC reader matches {self.reader_pattern!r}")
            first_look = any(r not in self._states for r in readers)
            remaining = 0.0 if first_look else max(deadline - time.monotonic(), 0.0)
            for reader, state, _atr in self._status(readers, remaining):
                previous = self._states.get(reader)
                self._states[reader] = state & ~scard.SCARD_STATE_CHANGED
                if previous is None:
                    continue  # first look at this reader: remember, no event
                was_present = bool(previous & scard.SCARD_STATE_PRESENT)
                is_present = bool(state & scard.SCARD_STATE_PRESENT)
                if is_present != was_present:
                    return CardEvent("inserted" if is_present else "removed", reader)
            if time.monotonic() >= deadline and not first_look:
                return None

    def _connect(self, reader: str) -> tuple[int, int, int]:
        return scard.SCardConnect(
            self._ctx(), reader, scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )

    def _connect_to_card(self) -> tuple[int, int]:
        """(card handle, protocol): the last reader first, else look for the card."""
        if self._last_reader is not None:
            hresult, handle, protocol = self._connect(self._last_reader)
            if hresult == scard.SCARD_S_SUCCESS:
                return handle, protocol
            self._pinpad_codes.pop(self._last_reader, None)
            self._last_reader = None  # gone, emptied or renamed: look again
        reader = self._reader_with_card()
        hresult, handle, protocol = self._connect(reader)
        _check(hresult, "connecting to the card")
        self._last_reader = reader
        return handle, protocol

    def read_card(self) -> EidCardData:
        """Connect (T=0 or T=1), read and verify every file, disconnect."""
        with self._connected(scard.SCARD_LEAVE_CARD) as (session, _handle):
            return read_eid(session, self.verifier())

    @contextmanager
    def _connected(self, disposition: int) -> Iterator[tuple[EidSession, int]]:
        """A session on the card, disconnected with ``disposition`` on the way out, or
        as soon as the session is released (:meth:`EidSession.release`)."""
        handle, protocol = self._connect_to_card()
        released = False

        def release() -> None:
            nonlocal released
            released = True
            scard.SCardDisconnect(handle, disposition)

        session = EidSession(PcscTransport(handle, protocol), self.chunk_size, release)
        try:
            yield session, handle
        finally:
            self.last_apdu_count = session.apdu_count
            if not released:
                scard.SCardDisconnect(handle, disposition)

    def verifier(self) -> ThreadPoolExecutor:
        """The thread the signature and certificate checks run on, overlapping card I/O."""
        if self._verifier is None:
            self._verifier = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="eid-verify", initializer=_yield_to_card_io
            )
        return self._verifier

    @contextmanager
    def session(self) -> Iterator[tuple[EidSession, PcscPinpadEntry | None]]:
        """A connected card for a PIN/signature exchange, and the reader's pinpad if it
        has one. The card is reset on the way out: its PIN verification ends with the
        session."""
        with self._connected(scard.SCARD_RESET_CARD) as (session, handle):
            yield session, self._pinpad(handle)

    def _pinpad(self, handle: int) -> PcscPinpadEntry | None:
        reader = self._last_reader
        if reader is None:
            return pinpad_entry(handle)
        if reader not in self._pinpad_codes:
            self._pinpad_codes[reader] = pinpad_control_code(handle)
        code = self._pinpad_codes[reader]
        return PcscPinpadEntry(handle, code) if code is not None else None

    def close(self) -> None:
        self._pinpad_codes.clear()
        if self._verifier is not None:
            self._verifier.shutdown(wait=True)
            self._verifier = None
        if self._context is not None:
            scard.SCardReleaseContext(self._context)
            self._context = None
