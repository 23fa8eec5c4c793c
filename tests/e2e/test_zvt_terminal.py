"""The real ZVT driver against the ZVT simulator over TCP on 127.0.0.1 and over a pty."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from drivers.errors import DeviceTimeoutError, DeviceUnavailableError
from drivers.payment.zvt.simulator import ZvtTerminalSimulator
from drivers.registry import default_registry

pytestmark = pytest.mark.e2e
QUICK = "timeout=1.5&ack_timeout=0.5"


@pytest.fixture(params=["tcp", "pty"])
def rig(request):
    sim = ZvtTerminalSimulator(card_wait=0.1)
    uri = sim.start_tcp() if request.param == "tcp" else sim.start_pty()
    terminal = default_registry().open("card_terminal", f"{uri}?{QUICK}")
    yield sim, terminal
    terminal.close()
    sim.stop()


def test_approved_payment_reports_prompts_receipt_and_masked_card(rig):
    sim, terminal = rig
    prompts: list[str] = []
    result = terminal.authorise(500, prompts.append)
    assert prompts == ["insert_card", "enter_pin", "processing"]
    assert (result.approved, result.outcome, result.amount_cents) == (True, "approved", 500)
    assert (result.auth_code, result.terminal_id, result.card_type) == (
        "A1B2C3", "52500001", "Bancontact")
    assert result.masked_pan == "************1234"
    assert "EUR 5.00" in result.receipt_lines
    assert sim.commands[:2] == ["registration", "authorisation"]


@pytest.mark.parametrize(("fault", "outcome", "prompts"), [
    ("decline", "declined", ["insert_card", "enter_pin", "processing"]),
    ("pin_retry", "approved", ["insert_card", "enter_pin", "wrong_pin", "enter_pin",
                               "processing"]),
    ("citizen_abort", "aborted", ["insert_card"]),
    ("card_removed", "aborted", ["insert_card", "enter_pin", "card_not_readable"]),
])
def test_terminal_outcomes(rig, fault, outcome, prompts):
    sim, terminal = rig
    sim.inject(fault)
    seen: list[str] = []
    result = terminal.authorise(1250, seen.append)
    assert (result.outcome, result.approved) == (outcome, outcome == "approved")
    assert seen == prompts
    assert result.reason or outcome == "approved"


def test_the_kiosk_can_abort_while_the_terminal_waits_for_the_card(rig):
    sim, terminal = rig

    def cancel(prompt: str) -> None:
        if prompt == "insert_card":
            terminal.abort()

    result = terminal.authorise(700, cancel)
    assert result.outcome == "aborted"
    assert "abort (ECR)" in sim.commands
    assert terminal.authorise(700).approved  # the link is clean for the next citizen


def test_a_silent_terminal_times_out_then_the_next_payment_works(rig):
    sim, terminal = rig
    sim.inject("timeout")
    with pytest.raises(DeviceTimeoutError, match=r"unanswered after 1\.5 s"):
        terminal.authorise(300)
    sim.clear()
    assert terminal.authorise(300).approved


def test_a_lost_reply_is_recovered_by_asking_the_terminal_then_reversed(rig):
    sim, terminal = rig
    sim.inject("reply_lost")
    with pytest.raises(DeviceTimeoutError):
        terminal.authorise(900)
    sim.clear()
    last = terminal.last_transaction()
    assert last is not None and last.approved and last.amount_cents == 900
    reversal = terminal.reverse(last.trace, last.receipt_no)
    assert reversal.outcome == "reversed"
    assert sim.payments[-1].reversed
    again = terminal.reverse(last.trace, last.receipt_no)
    assert not again.approved and again.reason == "already reversed"
    assert terminal.end_of_day().total_cents == 0


def test_end_of_day_totals_what_was_not_reversed(rig):
    _sim, terminal = rig
    first = terminal.authorise(500)
    terminal.authorise(250)
    terminal.reverse(first.trace)
    day = terminal.end_of_day()
    assert (day.ok, day.total_cents) == (True, 250)
    assert "TOTAL EUR 2.50" in day.receipt_lines
    assert terminal.status().online
    assert terminal.diagnosis().online


def test_an_offline_terminal_is_unavailable_and_status_says_so(rig):
    sim, terminal = rig
    sim.inject("offline")
    with pytest.raises(DeviceUnavailableError):
        terminal.authorise(100)
    assert terminal.status().online is False
    sim.clear()
    assert terminal.status().online


def test_no_last_transaction_on_a_fresh_terminal(rig):
    _, terminal = rig
    assert terminal.last_transaction() is None


def _kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "device", *args],
                          capture_output=True, text=True, timeout=60, check=False)


def test_cli_pay_and_end_of_day_over_tcp():
    with ZvtTerminalSimulator() as sim:
        uri = sim.start_tcp() + "?" + QUICK
        done = _kiosk("payment", "pay", "--uri", uri, "--amount", "5.00", "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == {
            "result": "approved", "amount_cents": 500, "auth_code": "A1B2C3",
            "pan_masked": "************1234", "trace": "000001", "terminal_id": "52500001",
            "reason": "", "receipt_no": "0001", "transaction_id": "0001"}
        sim.inject("decline")
        declined = _kiosk("payment", "pay", "--uri", uri, "--amount", "2.00", "--json")
        assert (declined.returncode, json.loads(declined.stdout)["result"]) == (1, "declined")
        sim.clear()
        sim.inject("timeout")
        late = _kiosk("payment", "pay", "--uri", uri, "--amount", "2.00", "--json")
        assert json.loads(late.stdout)["result"] == "failed"  # unknown: never a guess
        assert late.returncode == 2
        sim.clear()
        eod = _kiosk("payment", "end-of-day", "--uri", uri, "--json")
        assert eod.returncode == 0, eod.stderr
        assert json.loads(eod.stdout)["total_cents"] == 500


def test_cli_reverse_over_tcp():
    with ZvtTerminalSimulator() as sim:
        uri = sim.start_tcp() + "?" + QUICK
        done = json.loads(_kiosk("payment", "pay", "--uri", uri, "--amount", "3.00",
                                 "--json").stdout)
        reverse = _kiosk("payment", "reverse", "--uri", uri, "--transaction",
                         done["transaction_id"], "--json")
        assert reverse.returncode == 0, reverse.stderr
        assert json.loads(reverse.stdout)["result"] == "reversed"
        assert [p.reversed for p in sim.payments] == [True]


def test_cli_refuses_a_bad_amount():
    done = _kiosk("payment", "pay", "--uri", "zvt+tcp://127.0.0.1:9", "--amount", "5.001")
    assert done.returncode == 2 and "positive amount in euros" in done.stderr
