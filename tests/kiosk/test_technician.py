"""Technician mode's gate: the hashed PIN, the exponential lockout, the logs."""

from __future__ import annotations

import logging
import subprocess
import sys
import tomllib
from typing import Any

import pytest

from kiosk.config.loader import config_from_mapping
from kiosk.recent_errors import RecentErrors
from kiosk.technician import PinFormatError, PinHash, TechnicianGate, hash_pin

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


def test_the_view_model_audits_through_the_services_and_ends_the_day_as_technician(
        store, caplog):
    from types import SimpleNamespace

    from PySide6.QtCore import QThreadPool

    from kiosk.audit.log import END_OF_DAY, TECHNICIAN_LOGIN, AuditLog
    from kiosk.l10n import format_money
    from kiosk.payments.service import PaymentService
    from kiosk.printing.spool import ReceiptSpool
    from tests.kiosk.payments.conftest import FAST, SITE
    from ui.operations import BackgroundRunner
    from ui.viewmodels.technician import TechnicianViewModel, _end_of_day_lines

    gate = TechnicianGate(STORED, Clock())
    tech = TechnicianViewModel(gate, BackgroundRunner(QThreadPool()), lambda: "fr",
                               RecentErrors(), lambda _code: None)
    with caplog.at_level(logging.WARNING, logger="ui.viewmodels.technician"):
        assert gate.check(PIN).ok  # before the store opened: nothing to record into yet
    assert "not recorded: the store is not open yet" in caplog.text
    audit = AuditLog(store)
    payments = PaymentService(store, ReceiptSpool(store, None), SITE, None, None, FAST)
    services: Any = SimpleNamespace(audit=audit, payments=payments)  # what these use
    tech.set_services(services)
    assert gate.check(PIN).ok
    assert [e.kind for e in audit.entries()] == [TECHNICIAN_LOGIN]
    lines = _end_of_day_lines(services, "nl")  # the screen's language: Dutch here
    assert audit.last(END_OF_DAY).actor == "technician:pin"
    nothing = format_money(0, "nl")
    assert [line["text"] for line in lines] == [
        f"Kaartbetalingen: 0, {nothing}", f"Contante betalingen: 0, {nothing}",
        f"Contant ontvangen {nothing}, teruggegeven {nothing}", "✔ OK"]


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


# -- technician cards: the technician's own eID, by a salted hash of its CARD number ------

TECH_CARD = "592345678981"  # demo citizen "jan": the technician of the tests
OTHER_CARD = "591234567829"  # demo citizen "sophie": a citizen


def card_news(number: str):
    from dataclasses import replace

    from common.eid.model import EidCardData, Verification
    from kiosk.backend.demo_citizens import citizen_card, demo_citizen
    from kiosk.identity import CardNews

    identity, address, photo = citizen_card(demo_citizen("jan"))
    card = EidCardData(
        replace(identity, card_number=number), address, photo, Verification(True, True, True)
    )
    return CardNews("identified", card=card)


def test_the_demo_cards_are_what_the_tests_assume():
    from kiosk.backend.demo_citizens import demo_citizen

    assert demo_citizen("jan").identity.card_number == TECH_CARD
    assert demo_citizen("sophie").identity.card_number == OTHER_CARD


def test_a_card_hash_is_salted_scrypt_of_the_normalised_card_number():
    from kiosk.technician import hash_card, normalise_card_number

    stored = hash_card("592-3456789-81", salt=bytes(range(16)))
    assert stored == hash_card(TECH_CARD, salt=bytes(range(16)))  # separators ignored
    assert TECH_CARD not in stored and hash_card(TECH_CARD) != hash_card(TECH_CARD)
    assert PinHash.parse(stored).matches(TECH_CARD)
    assert normalise_card_number(" b 0123456 78 ") == "B012345678"
    with pytest.raises(PinFormatError, match="check digits"):
        hash_card("592345678982")  # a typo in the last digit
    with pytest.raises(PinFormatError, match="9 to 16"):
        hash_card("1234")


def test_a_listed_card_opens_an_unlisted_one_does_not(store):
    from kiosk.audit.log import TECHNICIAN_LOGIN, AuditLog
    from kiosk.technician import hash_card

    audit = AuditLog(store)
    gate = TechnicianGate(
        STORED, Clock(), audit=audit, card_hashes=[hash_card("000000000097"), hash_card(TECH_CARD)]
    )
    assert gate.has_cards
    assert gate.check_card("592-3456789-81").ok
    refused = gate.check_card(OTHER_CARD)
    assert (refused.ok, refused.reason) == (False, "not_listed")
    assert gate.check_card("not a card").reason == "not_listed"
    # Only the listed card is a login; a citizen's card is no attempt at all.
    entries = [e for e in audit.entries() if e.kind == TECHNICIAN_LOGIN]
    assert [(e.actor, e.details) for e in entries] == [
        ("technician:card", {"method": "card", "result": "ok", "card_entry": 1})
    ]
    assert audit.verify().ok
    without = TechnicianGate(STORED, Clock())
    assert not without.has_cards and without.check_card(TECH_CARD).reason == "not_listed"


def test_the_card_number_is_nowhere_in_the_logs_nor_the_audit_log(store, caplog):
    from kiosk.audit.log import AuditLog
    from kiosk.technician import hash_card

    audit = AuditLog(store)
    gate = TechnicianGate(STORED, Clock(), audit=audit, card_hashes=[hash_card(TECH_CARD)])
    with caplog.at_level(logging.DEBUG):
        assert gate.check_card(TECH_CARD).ok
        gate.check_card(OTHER_CARD)
    recorded = "".join(f"{e.actor}{e.details}" for e in audit.entries())
    for needle in (TECH_CARD, TECH_CARD[:10], "3456789", OTHER_CARD):
        assert needle not in caplog.text and needle not in recorded
    assert "technician card" in caplog.text


def test_a_card_opens_while_the_pin_is_locked_and_leaves_the_lockout_alone():
    from kiosk.technician import hash_card

    gate = TechnicianGate(
        STORED, Clock(), free_attempts=0, base_lock_s=30, card_hashes=[hash_card(TECH_CARD)]
    )
    assert gate.check("000000").locked_for_s == 30
    assert gate.check_card(TECH_CARD).ok
    assert gate.locked_for() == 30  # the exit to the desktop still waits for the lock
    assert gate.check(PIN).reason == "locked"


def test_pin_attempts_say_their_method_in_the_audit_log(store):
    from kiosk.audit.log import AuditLog

    audit = AuditLog(store)
    TechnicianGate(STORED, Clock(), audit=audit).check(PIN)
    assert list(audit.entries())[-1].details["method"] == "pin"


def test_the_router_keeps_technician_cards_from_the_citizen_journey():
    from kiosk.identity import CardNews
    from kiosk.technician import TechnicianCardNews, TechnicianCardRouter, hash_card

    gate = TechnicianGate(STORED, Clock(), card_hashes=[hash_card(TECH_CARD)])
    seen: list = []
    router = TechnicianCardRouter(gate, seen.append)
    citizen = card_news(OTHER_CARD)
    router(CardNews("reading"))
    router(citizen)
    router(CardNews("removed"))
    router(card_news(TECH_CARD))
    router(CardNews("removed"))
    kinds = [getattr(n, "kind", None) for n in seen]
    assert kinds == ["reading", "identified", "removed", "inserted", "removed", "removed"]
    assert seen[1] is citizen  # an unlisted card is a citizen's, untouched
    assert seen[3] == TechnicianCardNews("inserted") and seen[4] == TechnicianCardNews("removed")
    assert isinstance(seen[5], CardNews)  # the journey hears the removal too


def test_config_takes_card_hashes_and_refuses_a_clear_card_number(registry):
    from kiosk.technician import hash_card

    entry = hash_card(TECH_CARD)
    config = config_from_mapping({"ui": {"technician_card_hashes": [entry]}}, registry)
    assert config.ui.technician_card_hashes == (entry,)
    with pytest.raises(Exception, match="technician_card_hashes"):
        config_from_mapping({"ui": {"technician_card_hashes": [TECH_CARD]}}, registry)
    with pytest.raises(PinFormatError, match=r"technician_card_hashes\[0\]: n, r, p"):
        TechnicianGate("", Clock(), card_hashes=["scrypt$x$8$1$00$00"])


def test_the_cli_hashes_a_typed_card_number_without_printing_it():
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "config", "hash-card"],
        input="592-3456789-81\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    (value,) = tomllib.loads(result.stdout)["technician_card_hashes"]
    assert PinHash.parse(value).matches(TECH_CARD)
    assert TECH_CARD not in result.stdout + result.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "kiosk", "config", "hash-card"],
        input="592345678982\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1 and "check digits" in bad.stderr
    assert "592345678982" not in bad.stderr


def test_the_cli_hashes_the_card_in_the_reader_through_a_real_pcscd(tmp_path):
    """`hash-card --from-reader` reads the card like `kiosk device eid read` (a private
    pcscd + vpcd with the virtual eID of the demo technician); the number is never shown."""
    from drivers.eid.demo import virtual_eid_stack
    from kiosk.backend.demo_citizens import citizen_card, demo_citizen

    technician = demo_citizen("jan")
    identity, address, photo = citizen_card(technician)
    with virtual_eid_stack(
        identity, address, photo, language="nl", applet_18=True, directory=tmp_path / "pcscd"
    ) as stack:
        result = subprocess.run(
            [sys.executable, "-m", "kiosk", "config", "hash-card", "--from-reader"],
            env=stack.pcscd.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        stack.remove()
        empty = subprocess.run(
            [sys.executable, "-m", "kiosk", "config", "hash-card", "--from-reader"],
            env=stack.pcscd.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    (value,) = tomllib.loads(result.stdout)["technician_card_hashes"]
    assert PinHash.parse(value).matches(TECH_CARD)
    assert TECH_CARD not in result.stdout + result.stderr
    assert empty.returncode == 2 and "eID reader" in empty.stderr
