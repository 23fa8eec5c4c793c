"""The kiosk's self-test: every device, then (from the command line) the backend, the
clock and the disk, one :class:`Check` each.

One set of probes serves both callers: the technician screen, which reaches devices
through their owner threads (:class:`OwnedDevices`, the devices are in use), and
``kiosk provision selftest``, which opens each configured device by its URI
(:class:`OpenedDevices`). A probe is a function of the device; a check never raises
(any failure is its reason), and nothing personal is reported: a card read says
"card read". The printer goes last, so its test page lists every other device's state.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from drivers.registry import DeviceRegistry
from kiosk.formatting import money

TEST_CODE = "KIOSK-SELFTEST"
# The order the report lists devices in (the printer runs last, see run_device_checks).
DEVICE_KINDS = ("eid_reader", "printer", "card_terminal", "cash", "camera")
LOCAL_ZONE = ZoneInfo("Europe/Brussels")  # the test page's time, as on every receipt

Probe = Callable[[Any], tuple[bool, str]]


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    reason: str
    skipped: bool = False

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
            return Check(kind, False, f"cannot open {uri}: {failure_reason(exc)}")
        try:
            ok, reason = probe(device)
            return Check(kind, ok, reason)
        except Exception as exc:
            return Check(kind, False, failure_reason(exc))
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
            ok, reason = owner.call(probe, self._timeout_s)
            return Check(kind, ok, reason)
        except Exception as exc:
            return Check(kind, False, failure_reason(exc))


# --- the probes, one per device kind -------------------------------------------------


def probe_reader(reader: Any) -> tuple[bool, str]:
    if not reader.card_present():
        return True, "reader present, no card in it"
    reader.read_card()  # verified by the driver; the contents are not shown
    return True, "reader present, card read and verified"


def probe_terminal(terminal: Any) -> tuple[bool, str]:
    status = terminal.status()
    if not status.online:
        return False, f"offline: {status.error or 'no answer to the status enquiry'}"
    return True, "online (status enquiry answered)"


def probe_cash(cash: Any) -> tuple[bool, str]:
    status = cash.status()
    if not status.online:
        return False, f"offline: {status.error or 'no answer'}"
    levels = cash.levels()
    total = sum(value * count for value, count in levels.items())
    # Money for technicians and central IT reads the same everywhere (kiosk.formatting).
    return True, f"online, {len(levels)} denominations, change available {money(total)}"


def probe_camera(timeout_s: float, camera: Any) -> tuple[bool, str]:
    show = getattr(camera, "show", None)
    if callable(show):  # a simulator: hold the test code up ourselves
        show(TEST_CODE)
    code = camera.read_code(timeout_s)
    if code is None:
        return False, f"no code decoded in {timeout_s:.0f} s (hold the {TEST_CODE} card up)"
    if code.text != TEST_CODE:
        return False, f"decoded a {code.symbology} code that is not the test code"
    return True, f"frame decoded: {code.symbology} test code"


def probe_printer(page: SelfTestPage, states: Mapping[str, str], printer: Any) -> tuple[bool, str]:
    """Status first; then the test page with every device's state printed on it."""
    from drivers.printer.status import status_reason
    from kiosk.i18n import Translator
    from kiosk.receipts.layout import ReceiptHeader
    from kiosk.receipts.templates import TechnicianPage, technician_test_page

    status = printer.status()
    problem = status_reason(status)
    if problem or not status.can_print:
        return False, f"cannot print: {problem or status.error or 'not ready'}"
    state = "paper near end" if status.paper == "near_end" else "ok"
    document = technician_test_page(
        TechnicianPage(
            page.kiosk_id,
            page.site_name,
            page.version,
            {**states, "printer": state},
            datetime.now(LOCAL_ZONE),
        ),
        ReceiptHeader(page.site_name, page.kiosk_id),
        Translator(page.language),
        int(getattr(printer, "columns", 42)),
    )
    printer.print_receipt(document)
    return True, f"online, paper {status.paper}, test page printed"


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
    states = {kind: check.reason for kind, check in checks.items() if check is not None}
    checks["printer"] = devices.probe(
        "printer", lambda printer: probe_printer(page, states, printer)
    )
    return [
        check if check is not None else Check(kind, True, "not configured", skipped=True)
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
        reason = f"{base_url} not reachable: {type(exc).__name__}"
        return [Check("backend", False, reason), Check("clock", False, "backend not reachable")]
    checks = [_authenticated(base, token, timeout_s, get, health.status_code)]
    checks.append(check_clock(health.headers.get("Date"), datetime.now(UTC), max_skew_s))
    return checks


def _authenticated(
    base: str, token: str | None, timeout: float, get: Callable[..., Any], health_status: int
) -> Check:
    if health_status != 200:
        return Check("backend", False, f"health answered HTTP {health_status}")
    if token is None:
        return Check("backend", False, "reachable, but this kiosk has no credential (enroll)")
    try:
        answer = get(
            base + "/catalog", timeout=timeout, headers={"Authorization": f"Bearer {token}"}
        )
    except Exception as exc:
        return Check("backend", False, f"catalog request failed: {type(exc).__name__}")
    if answer.status_code in (401, 403):
        return Check("backend", False, "reachable, but the credential is refused (re-enroll)")
    if answer.status_code != 200:
        return Check("backend", False, f"catalog answered HTTP {answer.status_code}")
    return Check("backend", True, "reachable and authenticated")


def check_clock(date_header: str | None, now: datetime, limit_s: float = 10.0) -> Check:
    if not date_header:
        return Check("clock", False, "the backend sent no Date header")
    from email.utils import parsedate_to_datetime  # not before the kiosk's first frame

    try:
        theirs = parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return Check("clock", False, f"unreadable Date header {date_header[:40]!r}")
    skew = (now - theirs).total_seconds()
    # The header has one-second resolution: a second of skew is noise.
    if abs(skew) > max(limit_s, 1.0):
        return Check("clock", False, f"{skew:+.0f} s off the backend (limit {limit_s:.0f} s)")
    return Check("clock", True, f"{skew:+.0f} s off the backend")


def check_disk(path: Path, min_free_bytes: int) -> Check:
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    usage = shutil.disk_usage(existing)
    free_mb = usage.free // (1024 * 1024)
    if usage.free < min_free_bytes:
        return Check(
            "disk",
            False,
            f"{free_mb} MB free under {existing} (need {min_free_bytes // (1024 * 1024)} MB)",
        )
    return Check("disk", True, f"{free_mb} MB free under {existing}")


def report_json(checks: list[Check]) -> dict[str, Any]:
    return {"ok": all(c.ok for c in checks), "checks": [asdict(c) for c in checks]}
