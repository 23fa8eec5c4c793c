"""Selftest on simulators against a real backend: all pass, then each device (and the
backend credential) failing in turn, with the reason on its line and exit code 1."""

from __future__ import annotations

import json

import pytest
import requests

from drivers.registry import default_registry
from kiosk.config.loader import load_config
from provisioning.selftest import Limits, check_clock, run_selftest
from tests.backend.harness import threaded_backend
from tests.provisioning.helpers import kiosk, write_config

ALL_SIMULATED = {
    "eid_reader": "sim://eid",
    "printer": "sim://printer",
    "card_terminal": "sim://payment",
    "cash": "sim://cash",
    "camera": "sim://camera",
}


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    db = tmp_path_factory.mktemp("selftest-backend") / "backend.db"
    with threaded_backend(f"sqlite:///{db}") as running:
        yield running


def selftest(tmp_path, backend, devices, credential=True):
    _, token = backend.device() if credential else (None, "kb1.nobody.wrong")
    path = write_config(tmp_path / "kiosk.toml", tmp_path, backend.url, devices, token)
    config = load_config(path, default_registry(), {})
    with requests.Session() as http:
        return {
            c.name: c
            for c in run_selftest(config, default_registry(), http.get, Limits(camera_timeout_s=2))
        }


def test_the_cli_passes_on_simulators_and_records_the_outcome(tmp_path, backend):
    _, token = backend.device()
    path = write_config(tmp_path / "kiosk.toml", tmp_path, backend.url, ALL_SIMULATED, token)
    result = kiosk("provision", "selftest", "--config", str(path), "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    names = [c["name"] for c in report["checks"]]
    assert names == [
        "eid_reader",
        "printer",
        "card_terminal",
        "cash",
        "camera",
        "backend",
        "clock",
        "disk",
    ]
    assert all(c["ok"] for c in report["checks"])

    text = kiosk("provision", "selftest", "--config", str(path))
    assert text.returncode == 0
    assert "PASS  printer" in text.stdout and "test page printed" in text.stdout
    assert text.stdout.strip().endswith("all checks passed")


def test_the_cli_exits_non_zero_with_the_failing_line(tmp_path, backend):
    _, token = backend.device()
    devices = {**ALL_SIMULATED, "printer": "sim://printer?fault=paper_out"}
    path = write_config(tmp_path / "kiosk.toml", tmp_path, backend.url, devices, token)
    result = kiosk("provision", "selftest", "--config", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL  printer        cannot print: printer out of paper" in result.stdout
    assert "1 check(s) failed" in result.stdout


@pytest.mark.parametrize(
    "kind, uri, reason",
    [
        ("eid_reader", "sim://eid?fault=unplugged", "eID reader unplugged"),
        ("printer", "sim://printer?fault=cover_open", "printer cover open"),
        ("card_terminal", "sim://payment?fault=offline", "offline"),
        ("cash", "sim://cash?fault=offline", "cash device offline"),
        ("camera", "sim://camera?fault=unplugged", "camera unplugged"),
    ],
)
def test_each_device_failing_in_turn(tmp_path, backend, kind, uri, reason):
    checks = selftest(tmp_path, backend, {**ALL_SIMULATED, kind: uri})
    failed = [name for name, check in checks.items() if not check.ok]
    assert failed == [kind]
    assert reason in checks[kind].reason


def test_a_refused_credential_fails_the_backend_check(tmp_path, backend):
    checks = selftest(tmp_path, backend, {}, credential=False)
    assert not checks["backend"].ok and "credential is refused" in checks["backend"].reason
    assert checks["eid_reader"].skipped and checks["eid_reader"].ok


def test_clock_skew_is_judged_against_the_date_header():
    from datetime import UTC, datetime, timedelta

    now = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)
    assert check_clock("Sat, 01 Mar 2025 12:00:03 GMT", now).ok
    late = check_clock("Sat, 01 Mar 2025 12:00:00 GMT", now + timedelta(minutes=2))
    assert not late.ok and "+120 s" in late.reason
    assert not check_clock(None, now).ok
    assert not check_clock("yesterday", now).ok
