"""``kiosk provision selftest``: every configured device and the backend, one line each.

Each check is a small function from what it needs to a :class:`Check`; devices are
opened through the registry (so ``sim://…`` runs the same code). A check never raises:
any failure is its reason. Nothing personal is reported: a card read says "card read".
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from drivers.registry import DeviceKind, DeviceRegistry
from kiosk.config.schema import Config
from kiosk.formatting import money

TEST_CODE = "KIOSK-SELFTEST"


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


def _failure(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def with_device(
    registry: DeviceRegistry,
    kind: DeviceKind,
    uri: str | None,
    name: str,
    probe: Callable[[Any], tuple[bool, str]],
) -> Check:
    """Open the device at ``uri``, run ``probe`` on it, always close it."""
    if uri is None:
        return Check(name, True, "not configured", skipped=True)
    try:
        device = registry.open(kind, uri)
    except Exception as exc:  # unplugged, no driver, bad URI: the check's reason
        return Check(name, False, f"cannot open {uri}: {_failure(exc)}")
    try:
        ok, reason = probe(device)
        return Check(name, ok, reason)
    except Exception as exc:
        return Check(name, False, _failure(exc))
    finally:
        # Closing a broken device must not hide the real reason.
        with contextlib.suppress(Exception):
            device.close()


def probe_reader(reader: Any) -> tuple[bool, str]:
    if not reader.card_present():
        return True, "reader present, no card in it"
    reader.read_card()  # verified by the driver; the contents are not shown
    return True, "reader present, card read and verified"


def probe_printer(config: Config, printer: Any) -> tuple[bool, str]:
    from drivers.printer.status import status_reason
    from kiosk import __version__
    from kiosk.i18n import Translator
    from kiosk.receipts.layout import ReceiptHeader
    from kiosk.receipts.templates import TechnicianPage, technician_test_page

    status = printer.status()
    problem = status_reason(status)
    if problem or not status.can_print:
        return False, f"cannot print: {problem or status.error or 'not ready'}"
    state = "paper near end" if status.paper == "near_end" else "ok"
    page = technician_test_page(
        TechnicianPage(
            config.kiosk.id,
            config.kiosk.site_name,
            __version__,
            {"printer": state},
            datetime.now().astimezone(),
        ),
        ReceiptHeader(config.kiosk.site_name, config.kiosk.id),
        Translator(config.kiosk.default_language),
        printer.columns,
    )
    printer.print_receipt(page)
    return True, f"online, paper {status.paper}, test page printed"


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


def check_backend(
    config: Config, token: str | None, get: Callable[..., Any], max_skew_s: float = 10.0
) -> list[Check]:
    """Reachable (health), authenticated (catalog with our credential), clock skew."""
    base = config.backend.url.rstrip("/") + "/api/v1"
    timeout = config.backend.timeout_s
    try:
        health = get(base + "/health", timeout=timeout)
    except Exception as exc:
        reason = f"{config.backend.url} not reachable: {type(exc).__name__}"
        return [Check("backend", False, reason), Check("clock", False, "backend not reachable")]
    checks = [_authenticated(base, token, timeout, get, health.status_code)]
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


def read_token(path: Path) -> str | None:
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return token or None


def run_selftest(
    config: Config, registry: DeviceRegistry, get: Callable[..., Any], limits: Limits = Limits()
) -> list[Check]:
    devices = config.devices
    checks = [
        with_device(registry, "eid_reader", devices.eid_reader, "eid_reader", probe_reader),
        with_device(
            registry, "printer", devices.printer, "printer", lambda p: probe_printer(config, p)
        ),
        with_device(
            registry, "card_terminal", devices.card_terminal, "card_terminal", probe_terminal
        ),
        with_device(registry, "cash", devices.cash, "cash", probe_cash),
        with_device(
            registry,
            "camera",
            devices.camera,
            "camera",
            lambda c: probe_camera(limits.camera_timeout_s, c),
        ),
    ]
    token = read_token(Path(config.backend.credential_path))
    checks += check_backend(config, token, get, limits.max_clock_skew_s)
    checks.append(check_disk(Path(config.store.path).parent, limits.min_free_bytes))
    return checks


def report_json(checks: list[Check]) -> dict[str, Any]:
    return {"ok": all(c.ok for c in checks), "checks": [asdict(c) for c in checks]}
