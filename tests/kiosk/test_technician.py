"""Technician mode's gate: the hashed PIN, the exponential lockout, the logs."""

from __future__ import annotations

import logging
import subprocess
import sys
import tomllib

import pytest

from kiosk.config.loader import config_from_mapping
from kiosk.technician import PinFormatError, PinHash, RecentErrors, TechnicianGate, hash_pin

PIN = "482916"
STORED = hash_pin(PIN, salt=bytes(range(16)))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_hash_is_salted_scrypt_and_verifies_only_the_pin():
    assert STORED.startswith("scrypt$16384$8$1$000102")
    assert PIN not in STORED
    assert hash_pin(PIN) != hash_pin(PIN)  # a fresh salt each time
    parsed = PinHash.parse(STORED)
    assert parsed.matches(PIN)
    assert not parsed.matches("482917")


@pytest.mark.parametrize("pin", ["123", "12a4", "", "1234567890123"])
def test_a_pin_of_the_wrong_shape_is_refused(pin):
    with pytest.raises(PinFormatError, match="4 to 12 digits"):
        hash_pin(pin)


@pytest.mark.parametrize(
    "stored", ["sha256$abc", "scrypt$x$8$1$00$00", "scrypt$1000$8$1$00$" + "0" * 64]
)
def test_a_malformed_stored_hash_says_what_is_wrong(stored):
    with pytest.raises(PinFormatError, match="technician_pin_hash"):
        TechnicianGate(stored, Clock())


def test_failures_lock_the_gate_for_exponentially_longer():
    clock = Clock()
    gate = TechnicianGate(STORED, clock, free_attempts=3, base_lock_s=30, max_lock_s=100)
    for _ in range(2):
        assert gate.check("000000").locked_for_s == 0
    assert gate.check("000000").locked_for_s == 0  # third failure: still free
    fourth = gate.check("000000")
    assert (fourth.ok, fourth.reason, fourth.locked_for_s) == (False, "wrong_pin", 30)
    # Even the right PIN is refused while locked.
    refused = gate.check(PIN)
    assert (refused.ok, refused.reason) == (False, "locked")
    clock.now += 30
    assert gate.check("000000").locked_for_s == 60
    clock.now += 60
    assert gate.check("000000").locked_for_s == 100  # capped
    clock.now += 100
    assert gate.check(PIN).ok
    assert gate.locked_for() == 0
    # A success starts the count again.
    assert gate.check("000000").locked_for_s == 0


def test_failures_are_logged_without_the_digits(caplog):
    gate = TechnicianGate(STORED, Clock(), free_attempts=0, base_lock_s=5)
    with caplog.at_level(logging.INFO, logger="kiosk.technician"):
        gate.check("731955")
        gate.check(PIN)
    text = caplog.text
    assert "wrong technician PIN" in text and "locked for 5 s" in text
    assert "731955" not in text and PIN not in text


def test_without_a_configured_pin_nothing_opens():
    gate = TechnicianGate("", Clock())
    assert not gate.configured
    assert gate.check("1234").reason == "not_configured"


def test_config_accepts_a_hash_and_refuses_garbage(registry):
    config = config_from_mapping({"ui": {"technician_pin_hash": STORED}}, registry)
    assert config.ui.technician_pin_hash == STORED
    with pytest.raises(Exception, match="technician_pin_hash"):
        config_from_mapping({"ui": {"technician_pin_hash": "1234"}}, registry)


def test_the_cli_prints_a_config_line_from_stdin():
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "config", "hash-pin"],
        input="90210\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    value = tomllib.loads(result.stdout)["technician_pin_hash"]
    assert PinHash.parse(value).matches("90210")
    assert "90210" not in result.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "kiosk", "config", "hash-pin"],
        input="12\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1 and "4 to 12 digits" in bad.stderr


def test_recent_errors_keeps_the_last_warnings_newest_first():
    handler = RecentErrors(size=2)
    logger = logging.getLogger("test.recent")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.info("not kept")
        for n in range(3):
            logger.warning("problem %d\nsecond line", n)
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    assert [e.message for e in handler.latest()] == ["problem 2", "problem 1"]


# -- audit wiring: technician logins, config changes at start, end of day ----------------


def test_every_pin_attempt_is_audited_without_the_digits(store):
    from kiosk.audit.log import TECHNICIAN_LOGIN, AuditLog

    audit = AuditLog(store)
    clock = Clock()
    gate = TechnicianGate(STORED, clock, free_attempts=1, base_lock_s=30, audit=audit)
    gate.check("731955")  # wrong, free
    gate.check("731956")  # wrong: locked for 30 s
    gate.check(PIN)  # locked, even with the right PIN
    clock.now += 31
    assert gate.check(PIN).ok
    entries = [e for e in audit.entries() if e.kind == TECHNICIAN_LOGIN]
    assert [e.details["result"] for e in entries] == ["wrong_pin", "wrong_pin", "locked", "ok"]
    assert {e.actor for e in entries} == {"technician:pin"}
    assert [e.details["locked_for_s"] for e in entries] == [0, 30, 30, 0]
    recorded = "".join(str(e.details) for e in entries)
    assert PIN not in recorded and "731955" not in recorded and "6 digits" not in recorded
    assert audit.verify().ok


def test_a_failing_audit_write_does_not_change_the_answer(caplog):
    class Broken:
        def record(self, *args, **kwargs):
            raise RuntimeError("database is locked")

    gate = TechnicianGate(STORED, Clock(), audit=Broken())
    with caplog.at_level(logging.ERROR, logger="kiosk.technician"):
        assert gate.check(PIN).ok
    assert "not recorded in the audit log" in caplog.text


def test_the_view_model_audits_through_the_services_and_ends_the_day_as_technician(store):
    from types import SimpleNamespace

    from kiosk.audit.log import END_OF_DAY, TECHNICIAN_LOGIN, AuditLog
    from kiosk.payments.service import PaymentService
    from kiosk.printing.spool import ReceiptSpool
    from tests.kiosk.payments.conftest import FAST, SITE
    from ui.viewmodels.technician import ServicesAudit, _end_of_day_lines

    holder: list = []
    gate = TechnicianGate(STORED, Clock())
    gate.use_audit(ServicesAudit(lambda: holder[0] if holder else None))
    assert gate.check(PIN).ok  # before the store opened: nothing to record into yet
    audit = AuditLog(store)
    payments = PaymentService(store, ReceiptSpool(store, None), SITE, None, None, FAST)
    holder.append(SimpleNamespace(audit=audit, payments=payments))
    assert gate.check(PIN).ok
    assert [e.kind for e in audit.entries()] == [TECHNICIAN_LOGIN]
    _end_of_day_lines(holder[0], "fr")
    assert audit.last(END_OF_DAY).actor == "technician:pin"


def test_the_config_is_audited_at_start_only_when_it_changed(tmp_path, registry):
    from kiosk.audit.log import CONFIG_CHANGED, AuditLog
    from kiosk.composition import build_journey_core
    from kiosk.config.loader import load_config
    from kiosk.services import build_services

    path = tmp_path / "kiosk.toml"

    def start(site_name: str) -> None:
        path.write_text(
            f'[kiosk]\nsite_name = "{site_name}"\n\n[store]\npath = "{tmp_path / "kiosk.db"}"\n'
        )
        config = load_config(path, registry, {})
        build_services(config, registry, build_journey_core(config).catalog).close()

    start("Laeken")
    start("Laeken")  # unchanged: nothing new
    start("Haren")
    from kiosk.store.database import Store

    store = Store(tmp_path / "kiosk.db")
    try:
        entries = [e for e in AuditLog(store).entries() if e.kind == CONFIG_CHANGED]
    finally:
        store.close()
    assert len(entries) == 2
    assert entries[1].details["changed_sections"] == ["kiosk"]
    assert entries[0].actor == "kiosk:demo-kiosk-01" and entries[0].details["source"] == "start"
