"""``kiosk provision selftest``: every configured device (opened by its URI), the
backend, the clock and the disk, one line each. The probes are the kiosk's own
(kiosk/selftest.py), the same the technician screen runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from drivers.registry import DeviceRegistry
from kiosk.config.schema import Config
from kiosk.selftest import (
    Check,
    Limits,
    OpenedDevices,
    SelfTestPage,
    check_backend,
    check_clock,
    check_disk,
    report_json,
    run_device_checks,
)

__all__ = ["Check", "Limits", "check_clock", "read_token", "report_json", "run_selftest"]


def read_token(path: Path) -> str | None:
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return token or None


def run_selftest(
    config: Config,
    registry: DeviceRegistry,
    get: Callable[..., Any],
    limits: Limits | None = None,
) -> list[Check]:
    from kiosk import __version__

    limits = limits or Limits()
    devices = config.devices
    uris = {kind: getattr(devices, kind) for kind in
            ("eid_reader", "printer", "card_terminal", "cash", "camera")}
    page = SelfTestPage(config.kiosk.id, config.kiosk.site_name, __version__,
                    config.kiosk.default_language)
    checks = run_device_checks(OpenedDevices(registry, uris), page, limits)
    token = read_token(Path(config.backend.credential_path))
    checks += check_backend(
        config.backend.url, token, get, config.backend.timeout_s, limits.max_clock_skew_s
    )
    checks.append(check_disk(Path(config.store.path).parent, limits.min_free_bytes))
    return checks
