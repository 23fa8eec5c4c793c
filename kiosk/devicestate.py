"""Device state shared from the UI process (which owns the devices) to the sync process
(which reports it in the heartbeat): one ``sync_state`` row, key ``devices``.

Qt-free. The core calls :class:`DeviceStateRecorder` when a device's state changes
(the printer monitor's listener, the :class:`DevicePoller` for the card terminal, the
cash device and the A4 printer, a self-test); it writes only on a change. The sync side
reads it with :func:`read_device_state`. Nothing personal goes in: states, levels and short errors.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from drivers.cash.interface import CashDevice
from drivers.docprinter.interface import DocumentPrinter, DocumentPrinterStatus
from drivers.payment.interface import CardTerminal
from drivers.printer.interface import PrinterStatus
from kiosk.devices import DeviceOwner
from kiosk.payments.change import levels_to_json, value_of
from kiosk.store.database import Store
from kiosk.store.models import SyncState

log = logging.getLogger(__name__)
KEY = "devices"
# Notes counted into the cashbox, kept across restarts of the UI process (the device
# cannot say): its own row, so the heartbeat's devices document keeps its schema.
CASHBOX_KEY = "cashbox"
DEVICE_NAMES = ("eid_reader", "printer", "card_terminal", "cash", "document_printer")
MAX_ERROR = 200


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _short(error: str) -> str:
    return (error or "")[:MAX_ERROR]


class DeviceStateRecorder:
    """Keeps the ``devices`` document current; safe to call from any thread."""

    def __init__(self, store: Store, clock: Callable[[], datetime] = _utc_now) -> None:
        self._store = store
        self._clock = clock
        self._lock = threading.Lock()
        self._state: dict[str, Any] = read_device_state(store).get("devices", {})
        self._cashbox_notes: int | None = None

    def opened(self, devices: Mapping[str, object], problems: Mapping[str, str]) -> None:
        """At start-up: what opened, what failed (and why), what is not fitted."""
        for name in DEVICE_NAMES:
            if name in problems:
                failed = (
                    {"present": False, "error": _short(problems[name])}
                    if name == "eid_reader"
                    else {"online": False, "error": _short(problems[name])}
                )
                self._set(name, failed)
            elif name in devices:
                self._set(
                    name,
                    {"present": True, "error": ""}
                    if name == "eid_reader"
                    else {**self._state.get(name, {}), "online": True, "error": ""},
                )
            else:
                self._set(name, None)

    def printer(self, status: PrinterStatus) -> None:
        """A :class:`~kiosk.printing.monitor.PrinterMonitor` listener."""
        self._set(
            "printer",
            {
                "online": status.online,
                "paper": status.paper,
                "cover_open": status.cover_open,
                "error": _short(status.error),
            },
        )

    def document_printer(self, status: DocumentPrinterStatus) -> None:
        """The A4 printer's state as the heartbeat carries it (see :func:`a4_state`)."""
        self._set("document_printer", a4_state(status))

    def reader(self, present: bool, error: str = "") -> None:
        self._set("eid_reader", {"present": present, "error": _short(error)})

    def terminal(self, online: bool, error: str = "") -> None:
        self._set("card_terminal", {"online": online, "error": _short(error)})

    def cash(
        self,
        online: bool,
        error: str = "",
        levels: Mapping[int, int] | None = None,
        cashbox_fill_pct: float | None = None,
    ) -> None:
        """``levels``: denomination → count available for change (None: unchanged)."""
        current = dict(self._state.get("cash") or {})
        current.update(online=online, error=_short(error))
        if levels is not None:
            current.update(levels=levels_to_json(levels), change_cents=value_of(levels))
        if cashbox_fill_pct is not None:
            current["cashbox_fill_pct"] = round(float(cashbox_fill_pct), 1)
        self._set("cash", current)

    def saved_cashbox_notes(self) -> int:
        """The cashbox count the last process recorded (0 when none)."""
        with self._store.read() as session:
            row = session.get(SyncState, CASHBOX_KEY)
        notes = row.value.get("notes") if row is not None and isinstance(row.value, dict) else 0
        return notes if isinstance(notes, int) and notes >= 0 else 0

    def cashbox_notes(self, notes: int) -> None:
        """The driver's current cashbox count (written only when it changed)."""
        with self._lock:
            if self._cashbox_notes == notes:
                return
            self._cashbox_notes = notes
            now = self._clock()
            with self._store.write() as session:
                row = session.get(SyncState, CASHBOX_KEY)
                if row is None:
                    session.add(SyncState(key=CASHBOX_KEY, value={"notes": notes}, updated_at=now))
                else:
                    row.value, row.updated_at = {"notes": notes}, now

    def selftest(self, ok: bool, failures: list[str]) -> None:
        """The last self-test's outcome (``kiosk provision selftest`` may call this)."""
        self._set(
            "selftest",
            {
                "ok": ok,
                "failures": [_short(f) for f in failures][:20],
                "at": self._clock().isoformat(),
            },
        )

    def _set(self, name: str, value: dict[str, Any] | None) -> None:
        with self._lock:
            if self._state.get(name) == value and (value is not None or name not in self._state):
                return
            if value is None:
                self._state.pop(name, None)
            else:
                self._state[name] = value
            document = {"devices": copy.deepcopy(self._state)}
            now = self._clock()
            # Written under the lock so two threads' changes land in order.
            with self._store.write() as session:
                row = session.get(SyncState, KEY)
                if row is None:
                    session.add(SyncState(key=KEY, value=document, updated_at=now))
                else:
                    row.value, row.updated_at = document, now


def a4_state(status: DocumentPrinterStatus) -> dict[str, Any]:
    """The A4 printer in the heartbeat's words: paper and toner levels, jam, door, and
    the IPP reasons themselves (keywords, nothing personal)."""
    reasons = set(status.reasons)
    paper = ("out" if reasons & {"media-empty", "media-needed"}
             else "low" if "media-low" in reasons else "ok")
    toner = ("empty" if reasons & {"toner-empty", "marker-supply-empty"}
             else "low" if reasons & {"toner-low", "marker-supply-low"} else "ok")
    return {"online": status.state != "offline", "state": status.state, "paper": paper,
            "toner": toner, "jam": "media-jam" in reasons,
            "door_open": bool(reasons & {"door-open", "cover-open"}),
            "reasons": sorted(reasons)[:16], "error": _short(status.error)}


def read_device_state(store: Store) -> dict[str, Any]:
    """``{"devices": {name: state}, "updated_at": iso}`` ({} before anything recorded)."""
    with store.read() as session:
        row = session.get(SyncState, KEY)
        if row is None:
            return {}
        return {**row.value, "updated_at": row.updated_at.isoformat()}


class DevicePoller:
    """Asks the card terminal and the cash device for their status (and the cash
    levels) every ``interval_s`` through their owner threads, bounded by a timeout.
    The first poll comes one interval after :meth:`start`: start-up is not slowed."""

    def __init__(
        self,
        recorder: DeviceStateRecorder,
        terminal: DeviceOwner[CardTerminal] | None,
        cash: DeviceOwner[CashDevice] | None,
        interval_s: float = 30.0,
        timeout_s: float = 10.0,
        document_printer: DeviceOwner[DocumentPrinter] | None = None,
    ) -> None:
        self._recorder = recorder
        self._terminal = terminal
        self._cash = cash
        self._document_printer = document_printer
        self._interval_s = interval_s
        self._timeout_s = timeout_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll_once(self) -> None:
        if self._terminal is not None:
            try:
                status = self._terminal.call(lambda t: t.status(), self._timeout_s)
                self._recorder.terminal(status.online, status.error)
            except Exception as exc:  # any failure is the device's state, not a crash
                self._recorder.terminal(False, f"status query failed: {type(exc).__name__}")
        if self._cash is not None:
            try:
                status, levels, fill = self._cash.call(
                    lambda c: (c.status(), c.levels(), c.cashbox()), self._timeout_s
                )
                self._recorder.cash(
                    status.online, status.error, levels, cashbox_fill_pct=fill.percent
                )
                self._recorder.cashbox_notes(fill.notes)
            except Exception as exc:
                self._recorder.cash(False, f"status query failed: {type(exc).__name__}")
        if self._document_printer is not None:
            try:
                self._recorder.document_printer(
                    self._document_printer.call(lambda p: p.status(), self._timeout_s))
            except Exception as exc:
                self._recorder.document_printer(DocumentPrinterStatus(
                    state="offline", error=f"status query failed: {type(exc).__name__}"))

    def restore_cashbox(self) -> None:
        """Give the cash driver the cashbox count the last process left (at start-up,
        before the first poll); a device that cannot take it keeps counting from 0."""
        if self._cash is None:
            return
        notes = self._recorder.saved_cashbox_notes()
        if notes:
            try:
                self._cash.call(lambda c: c.restore_cashbox(notes), self._timeout_s)
            except Exception as exc:  # the fill reads low until the box is emptied
                log.warning("cashbox count not restored: %s", type(exc).__name__)

    def start(self) -> None:
        if self._thread is None and (self._terminal or self._cash or self._document_printer):
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="device-state", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self.poll_once()
            except Exception:  # the store is busy or gone: try again next time
                log.exception("device state poll failed")

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None
