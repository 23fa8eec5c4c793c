"""The kiosk's self-test: every device, then (from the command line) the backend, the
clock and the disk, one :class:`Check` each.

One set of probes serves both callers: the technician screen, which reaches devices
through their owner threads (:class:`OwnedDevices`, the devices are in use), and
``kiosk provision selftest``, which opens each configured device by its URI
(:class:`OpenedDevices`). A probe is a function of the device; a check never raises
(any failure is its reason), and nothing personal is reported: a card read says
"card read". The printer goes last, so its test page lists every other device's state.

A check's result is an :class:`Outcome`: a catalog key with its parameters, and apart from
it the technical detail (an exception, a device's own error text) that no catalog
translates. The technician screen and the test page say it in their language; the command
line (and the failures recorded for central IT) in English, the words scripts and
technicians' logs already read.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from drivers.registry import DeviceRegistry
from kiosk.i18n import Translator
from kiosk.l10n import format_money, format_number

TEST_CODE = "KIOSK-SELFTEST"
# The order the report lists devices in (the printer runs last, see run_device_checks).
DEVICE_KINDS = ("eid_reader", "printer", "card_terminal", "cash", "camera")
LOCAL_ZONE = ZoneInfo("Europe/Brussels")  # the test page's time, as on every receipt

# Parameters formatted as money (euro cents); other numbers through format_number.
MONEY_PARAMS = frozenset({"amount"})
SIGNED_PARAMS = frozenset({"skew"})  # "+3 s", "-120 s"


def _param(name: str, value: Any, language: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if name in MONEY_PARAMS:
        return format_money(int(value), language)
    if name in SIGNED_PARAMS:
        rounded = round(value)
        return ("-" if rounded < 0 else "+") + format_number(abs(rounded), language)
    return format_number(round(value) if isinstance(value, float) else value, language)


@dataclass(frozen=True)
class Outcome:
    """What a check found, as the catalog says it: ``key`` (a ``selftest.*`` text, or
    empty when there is nothing but the detail) with ``params`` (counts and cents are
    formatted in the reader's language, the rest shown as given), and ``detail``, the
    technical words (an exception, a device's own error) shown apart, untranslated."""

    key: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    detail: str = ""

    def text(self, tr: Translator) -> str:
        """The translated part alone ("" when there is only a detail)."""
        if not self.key:
            return ""
        values = {name: _param(name, value, tr.language) for name, value in self.params.items()}
        return tr(self.key).format(**values)

    def line(self, tr: Translator) -> str:
        """Text and detail as one line, as the language writes a label and its value:
        "cannot print: cover open", "impossible d'imprimer : cover open"."""
        text = self.text(tr)
        return tr.labelled(text, self.detail) if text and self.detail else text or self.detail


def english(outcome: Outcome) -> str:
    """The command line's words (technicians' logs and scripts read them)."""
    return outcome.line(Translator("en"))


Probe = Callable[[Any], tuple[bool, Outcome]]


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    outcome: Outcome
    skipped: bool = False

    @property
    def reason(self) -> str:
        """The outcome in English, as ``kiosk provision selftest`` prints it."""
        return english(self.outcome)

    def line(self) -> str:
        verdict = "skip" if self.skipped else ("PASS" if self.ok else "FAIL")
        return f"{verdict:<4}  {self.name:<14} {self.reason}"


@dataclass(frozen=True)
class Limits:
    camera_timeout_s: float = 5.0
    max_clock_skew_s: float = 10.0
    min_free_bytes: int = 200 * 1024 * 1024
    call_timeout_s: float = 20.0  # one device call through its owner thread


@dataclass(frozen=True)
class SelfTestPage:
    """What the printer's test page says about this kiosk."""

    kiosk_id: str
    site_name: str
    version: str
    language: str


class DeviceAccess(Protocol):
    """How the self-test reaches a device of ``kind``: ``None`` when none is configured."""

    def probe(self, kind: str, probe: Probe) -> Check | None: ...


def failure_reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def failed(exc: BaseException) -> Outcome:
    """An exception is technical detail only: its words are the library's, not ours."""
    return Outcome(detail=failure_reason(exc))


class OpenedDevices:
    """Devices opened by URI for the test and closed after it (the command line)."""

    def __init__(self, registry: DeviceRegistry, uris: Mapping[str, str | None]) -> None:
        self._registry = registry
        self._uris = uris

    def probe(self, kind: str, probe: Probe) -> Check | None:
        uri = self._uris.get(kind)
        if uri is None:
            return None
        try:
            device = self._registry.open(kind, uri)  # type: ignore[arg-type]
        except Exception as exc:  # unplugged, no driver, bad URI: the check's reason
            return Check(kind, False,
                         Outcome("selftest.cannot_open", {"uri": uri}, failure_reason(exc)))
        try:
            ok, outcome = probe(device)
            return Check(kind, ok, outcome)
        except Exception as exc:
            return Check(kind, False, failed(exc))
        finally:
            # Closing a broken device must not hide the real reason.
            with contextlib.suppress(Exception):
                device.close()


class OwnedDevices:
    """Devices in use by the running kiosk, each called on its owner thread."""

    def __init__(self, owners: Mapping[str, Any], timeout_s: float) -> None:
        self._owners = owners  # kind -> kiosk.devices.DeviceOwner
        self._timeout_s = timeout_s

    def probe(self, kind: str, probe: Probe) -> Check | None:
        owner = self._owners.get(kind)
        if owner is None:
            return None
        try:
            ok, outcome = owner.call(probe, self._timeout_s)
            return Check(kind, ok, outcome)
        except Exception as exc:
            return Check(kind, False, failed(exc))


# --- the probes, one per device kind -------------------------------------------------


def probe_reader(reader: Any) -> tuple[bool, Outcome]:
    if not reader.card_present():
        return True, Outcome("selftest.reader.empty")
    reader.read_card()  # verified by the driver; the contents are not shown
    return True, Outcome("selftest.reader.read")


def probe_terminal(terminal: Any) -> tuple[bool, Outcome]:
    status = terminal.status()
    if not status.online:
        if status.error:
            return False, Outcome("selftest.offline", detail=str(status.error))
        return False, Outcome("selftest.terminal.silent")
    return True, Outcome("selftest.terminal.online")


def probe_cash(cash: Any) -> tuple[bool, Outcome]:
    status = cash.status()
    if not status.online:
        if status.error:
            return False, Outcome("selftest.offline", detail=str(status.error))
        return False, Outcome("selftest.cash.silent")
    levels = cash.levels()
    total = sum(value * count for value, count in levels.items())
    return True, Outcome("selftest.cash.online", {"n": len(levels), "amount": total})


def probe_camera(timeout_s: float, camera: Any) -> tuple[bool, Outcome]:
    show = getattr(camera, "show", None)
    if callable(show):  # a simulator: hold the test code up ourselves
        show(TEST_CODE)
    code = camera.read_code(timeout_s)
    if code is None:
        return False, Outcome("selftest.camera.no_code",
                              {"seconds": round(timeout_s), "code": TEST_CODE})
    if code.text != TEST_CODE:
        return False, Outcome("selftest.camera.wrong_code", {"symbology": code.symbology})
    return True, Outcome("selftest.camera.ok", {"symbology": code.symbology})


def page_states(states: Mapping[str, Outcome], tr: Translator) -> dict[str, str]:
    """Each device's state as the test page prints it, in ``tr``'s language."""
    return {kind: outcome.line(tr) for kind, outcome in states.items()}


def probe_printer(
    page: SelfTestPage, states: Mapping[str, Outcome], printer: Any
) -> tuple[bool, Outcome]:
    """Status first; then the test page with every device's state printed on it, in
    the page's language (a device's own error words as it said them)."""
    from drivers.printer.status import status_reason
    from kiosk.receipts.layout import ReceiptHeader
    from kiosk.receipts.templates import TechnicianPage, technician_test_page

    status = printer.status()
    problem = status_reason(status)
    if problem or not status.can_print:
        if problem or status.error:
            return False, Outcome("selftest.printer.cannot", detail=str(problem or status.error))
        return False, Outcome("selftest.printer.not_ready")
    low = status.paper == "near_end"
    tr = Translator(page.language)
    state = Outcome("selftest.paper_low" if low else "device.state.ok")
    document = technician_test_page(
        TechnicianPage(
            page.kiosk_id,
            page.site_name,
            page.version,
            page_states({**states, "printer": state}, tr),
            datetime.now(LOCAL_ZONE),
        ),
        ReceiptHeader(page.site_name, page.kiosk_id),
        tr,
        int(getattr(printer, "columns", 42)),
    )
    printer.print_receipt(document)
    if low:
        return True, Outcome("selftest.printer.printed_low")
    if status.paper == "ok":
        return True, Outcome("selftest.printer.printed")
    return True, Outcome("selftest.printer.printed_other", detail=f"paper {status.paper}")


def run_device_checks(devices: DeviceAccess, page: SelfTestPage, limits: Limits) -> list[Check]:
    """Every device kind, in :data:`DEVICE_KINDS` order; the ones not configured are
    skipped (and say so)."""
    probes: dict[str, Probe] = {
        "eid_reader": probe_reader,
        "card_terminal": probe_terminal,
        "cash": probe_cash,
        "camera": lambda camera: probe_camera(limits.camera_timeout_s, camera),
    }
    checks = {kind: devices.probe(kind, probe) for kind, probe in probes.items()}
    states = {kind: check.outcome for kind, check in checks.items() if check is not None}
    checks["printer"] = devices.probe(
        "printer", lambda printer: probe_printer(page, states, printer)
    )
    return [
        check if check is not None
        else Check(kind, True, Outcome("selftest.not_configured"), skipped=True)
        for kind in DEVICE_KINDS
        for check in (checks[kind],)
    ]


# --- beyond the devices (the command line) ---------------------------------------------


def check_backend(
    base_url: str,
    token: str | None,
    get: Callable[..., Any],
    timeout_s: float,
    max_skew_s: float = 10.0,
) -> list[Check]:
    """Reachable (health), authenticated (catalog with our credential), clock skew."""
    base = base_url.rstrip("/") + "/api/v1"
    try:
        health = get(base + "/health", timeout=timeout_s)
    except Exception as exc:
        unreachable = Outcome("selftest.backend.unreachable", {"url": base_url},
                              type(exc).__name__)
        return [Check("backend", False, unreachable),
                Check("clock", False, Outcome("selftest.clock.no_backend"))]
    checks = [_authenticated(base, token, timeout_s, get, health.status_code)]
    checks.append(check_clock(health.headers.get("Date"), datetime.now(UTC), max_skew_s))
    return checks


def _authenticated(
    base: str, token: str | None, timeout: float, get: Callable[..., Any], health_status: int
) -> Check:
    if health_status != 200:
        return Check("backend", False,
                     Outcome("selftest.backend.health_http", {"status": str(health_status)}))
    if token is None:
        return Check("backend", False, Outcome("selftest.backend.no_credential"))
    try:
        answer = get(
            base + "/catalog", timeout=timeout, headers={"Authorization": f"Bearer {token}"}
        )
    except Exception as exc:
        return Check("backend", False,
                     Outcome("selftest.backend.request_failed", detail=type(exc).__name__))
    if answer.status_code in (401, 403):
        return Check("backend", False, Outcome("selftest.backend.refused"))
    if answer.status_code != 200:
        return Check("backend", False,
                     Outcome("selftest.backend.catalog_http", {"status": str(answer.status_code)}))
    return Check("backend", True, Outcome("selftest.backend.ok"))


def check_clock(date_header: str | None, now: datetime, limit_s: float = 10.0) -> Check:
    if not date_header:
        return Check("clock", False, Outcome("selftest.clock.no_date"))
    from email.utils import parsedate_to_datetime  # not before the kiosk's first frame

    try:
        theirs = parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return Check("clock", False,
                     Outcome("selftest.clock.unreadable", detail=repr(date_header[:40])))
    skew = (now - theirs).total_seconds()
    # The header has one-second resolution: a second of skew is noise.
    if abs(skew) > max(limit_s, 1.0):
        return Check("clock", False, Outcome("selftest.clock.off_limit",
                                             {"skew": skew, "limit": round(limit_s)}))
    return Check("clock", True, Outcome("selftest.clock.off", {"skew": skew}))


def check_disk(path: Path, min_free_bytes: int) -> Check:
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    usage = shutil.disk_usage(existing)
    free_mb = usage.free // (1024 * 1024)
    if usage.free < min_free_bytes:
        need_mb = min_free_bytes // (1024 * 1024)
        return Check("disk", False, Outcome("selftest.disk.low",
                                            {"free": free_mb, "path": str(existing),
                                             "need": need_mb}))
    return Check("disk", True,
                 Outcome("selftest.disk.ok", {"free": free_mb, "path": str(existing)}))


def report_json(checks: list[Check]) -> dict[str, Any]:
    """The command line's ``--json``: each check's English reason, and its catalog key
    for a tool that wants to tell outcomes apart without reading the words."""
    return {"ok": all(c.ok for c in checks), "checks": [
        {"name": c.name, "ok": c.ok, "reason": c.reason, "skipped": c.skipped,
         "key": c.outcome.key} for c in checks]}
