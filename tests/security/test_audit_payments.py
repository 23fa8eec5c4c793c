"""Money in the audit log: every journal step, end of day and config changes, through the
real payment sagas on the in-process simulators."""

from __future__ import annotations

import json

import pytest

from drivers.payment.simulated import SimulatedCardTerminal
from drivers.registry import default_registry
from kiosk.audit.config import config_hash, record_config
from kiosk.audit.log import AuditLog
from kiosk.config.loader import config_from_mapping
from kiosk.devices import DeviceOwner
from kiosk.payments.service import PaymentService
from kiosk.printing.spool import ReceiptSpool
from tests.kiosk.payments.conftest import FAST, SITE, FeedingCash, failing_deliver


@pytest.fixture
def terminal():
    return SimulatedCardTerminal()


@pytest.fixture
def cash():
    return FeedingCash()


@pytest.fixture
def payments(store, terminal, cash):
    owners = [DeviceOwner("card_terminal", terminal), DeviceOwner("cash", cash)]
    yield PaymentService(store, ReceiptSpool(store, None), SITE, owners[0], owners[1], FAST)
    for owner in owners:
        owner.close()


@pytest.fixture
def deliver(store):
    from kiosk.domain.catalog import demo_catalog
    from kiosk.domain.certificates import CertificateService
    from kiosk.payments.delivery import certificate_delivery

    certificates = CertificateService(
        store, demo_catalog(), SITE, ReceiptSpool(store, None), "https://example.test/{reference}"
    )
    return certificate_delivery(
        certificates,
        demo_catalog(),
        service_id="cert-residence",
        national_number="85073100123",
        delivery="portal",
        language="fr",
    )


def kinds(audit: AuditLog, payment_id: str | None = None) -> list[str]:
    return [
        e.kind
        for e in audit.entries()
        if payment_id is None or e.details.get("payment_id") == payment_id
    ]


def test_a_card_payment_is_audited_step_by_step_without_the_card_number(payments, deliver):
    outcome = payments.card.pay(300, language="fr", deliver=deliver)
    assert outcome.ok
    audit = payments.audit
    assert kinds(audit, outcome.payment_id) == [
        "payment.intent",
        "payment.result",
        "payment.completed",
    ]
    entries = list(audit.entries())
    assert {e.actor for e in entries} == {"kiosk:k1"}
    result = entries[1].details
    assert (result["method"], result["amount_cents"]) == ("card", 300)
    assert result["detail"]["outcome"] == "approved"
    assert result["detail"]["masked_pan"] == "****1234"
    assert entries[2].details["request_id"] == outcome.request_id
    text = json.dumps([e.as_dict() for e in entries])
    assert "6703 XXXX" not in text and "85073100123" not in text
    # No digit of the card number but the last four in anything an entry records. The
    # random ids, hashes and times are left out: "6703" turns up in them by chance.
    recorded = [value for entry in entries for value in leaf_values(entry.details)
                if value[0] not in ("payment_id", "request_id")]
    assert not [value for value in recorded if "6703" in str(value[1])], recorded
    assert audit.verify().ok


def leaf_values(node: object, key: str = "") -> list[tuple[str, object]]:
    """(key, value) of every value in nested details, ``key`` the innermost one."""
    if isinstance(node, dict):
        return [pair for k, v in node.items() for pair in leaf_values(v, k)]
    if isinstance(node, list):
        return [pair for v in node for pair in leaf_values(v, key)]
    return [(key, node)]


def test_a_failed_delivery_is_audited_as_a_reversal_and_nothing_half_written(payments):
    outcome = payments.card.pay(300, language="fr", deliver=failing_deliver)
    assert outcome.status == "failed"
    # The completion transaction rolled back: its audit entry went with it.
    assert kinds(payments.audit, outcome.payment_id) == [
        "payment.intent",
        "payment.result",
        "payment.reversal_intent",
        "payment.reversal",
        "payment.closed",
    ]
    assert payments.audit.verify().ok


def test_cash_with_change_and_end_of_day_are_audited(payments, deliver, cash):
    cash.queue += [1000]
    outcome = payments.cash.pay(300, language="nl", deliver=deliver)
    assert outcome.ok
    steps = kinds(payments.audit, outcome.payment_id)
    assert steps[0] == "payment.intent" and steps[-1] == "payment.completed"
    assert "payment.credit" in steps and "payment.payout" in steps
    report = payments.end_of_day(actor="technician:t7")
    last = list(payments.audit.entries())[-1]
    assert (last.kind, last.actor) == ("end_of_day", "technician:t7")
    assert last.details["detail"]["cash_in_cents"] == report.cash_in_cents == 1000
    assert payments.audit.verify().ok


def test_a_short_payout_records_the_voucher_debt(payments, deliver, cash):
    cash.queue += [1000]
    cash.short_by = 200
    outcome = payments.cash.pay(300, language="fr", deliver=deliver)
    debts = [e for e in payments.audit.entries() if e.kind == "payment.debt"]
    assert outcome.payment_id and len(debts) == 1
    assert debts[0].details["amount_cents"] == 200


def test_the_end_of_day_cli_is_audited_as_the_cli(tmp_path, capsys):
    from kiosk.cli import main

    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[store]\npath = "{tmp_path / "k.db"}"\n[devices]\ncard_terminal = "sim://payment"\n'
    )
    assert main(["payments", "--config", str(config), "end-of-day", "--json"]) == 0
    capsys.readouterr()
    assert main(["audit", "--config", str(config), "export"]) == 0
    entries = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["kind"], e["actor"]) for e in entries] == [("end_of_day", "cli")]


def test_config_changes_are_recorded_once_with_the_changed_sections(store):
    audit = AuditLog(store)
    registry = default_registry()
    first = config_from_mapping({"kiosk": {"id": "k1"}}, registry)
    entry = record_config(audit, first, "kiosk:k1", "/etc/kiosk/kiosk.toml")
    assert entry is not None and entry.details["previous_hash"] is None
    assert entry.details["hash"] == config_hash(first)
    assert record_config(audit, first, "kiosk:k1", "/etc/kiosk/kiosk.toml") is None
    second = config_from_mapping(
        {
            "kiosk": {"id": "k1"},
            "journey": {"done_timeout_s": 20},
            "library": {"login_password": "s3cret-pass"},
        },
        registry,
    )
    changed = record_config(audit, second, "kiosk:k1", "/etc/kiosk/kiosk.toml")
    assert changed.details["previous_hash"] == entry.details["hash"]
    assert changed.details["changed_sections"] == ["journey", "library"]
    assert "s3cret-pass" not in json.dumps(changed.details)  # hashes only
    assert [e.kind for e in audit.entries()] == ["config.changed", "config.changed"]
