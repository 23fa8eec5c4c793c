"""The real nexo driver against the nexo terminal twin over real HTTP on 127.0.0.1.

The twin's books (``sim.payments``, ``sim.closed_periods``) are the ground truth; the
request JSON it received is checked field by field against the nexo / Worldline names.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from drivers.errors import DeviceError, DeviceUriError
from drivers.payment.nexo.simulator import NexoTerminalSimulator
from drivers.payment.nexo.terminal import NexoCardTerminal
from drivers.registry import default_registry
from tests.security.tls import Authority

pytestmark = pytest.mark.e2e

WL_PATH = "/api/v1/merchants/M-0042/terminals/T-0001/payments/sync"


@pytest.fixture(scope="module")
def sim():
    with NexoTerminalSimulator() as simulator:
        simulator.start()
        yield simulator


@pytest.fixture
def terminal(sim):
    sim.clear()
    device = default_registry().open("card_terminal", sim.uri() + "&timeout=1.5")
    assert isinstance(device, NexoCardTerminal)
    device._status_pause = 0.05  # InProgress re-asks: keep the test quick
    yield device
    device.close()
    sim.clear()


def _last_request(sim, category: str) -> dict:
    return [m for m in sim.messages
            if m.get("SaleToPOIRequest", {}).get("MessageHeader", {}).get(
                "MessageCategory") == category][-1]["SaleToPOIRequest"]


def test_an_approved_payment_carries_brand_masked_pan_and_the_journal_id(sim, terminal):
    result = terminal.authorise(1234, reference="pay-0001")
    assert (result.approved, result.outcome, result.amount_cents) == (True, "approved", 1234)
    assert (result.card_type, result.masked_pan) == ("Bancontact", "6703 **** **** 1234")
    booked = sim.payments[-1]
    assert (booked.poi_transaction_id, booked.amount_cents, booked.approved) == (
        result.trace, 1234, True)
    assert booked.sale_transaction_id == "pay-0001"
    assert result.receipt_no == booked.timestamp  # what a reversal must name


def test_the_payment_request_uses_the_nexo_names(sim, terminal):
    terminal.authorise(500, reference="pay-0002")
    request = _last_request(sim, "Payment")
    header = request["MessageHeader"]
    assert {k: header[k] for k in ("MessageClass", "MessageCategory", "MessageType", "SaleID",
                                   "POIID")} == {
        "MessageClass": "Service", "MessageCategory": "Payment", "MessageType": "Request",
        "SaleID": "KIOSK1", "POIID": "T-0001"}
    assert header["ProtocolVersion"].startswith("3.")
    assert 1 <= len(header["ServiceID"]) <= 10
    body = request["PaymentRequest"]
    assert body["SaleData"]["SaleTransactionID"]["TransactionID"] == "pay-0002"
    assert body["SaleData"]["SaleTransactionID"]["TimeStamp"].endswith("Z")
    amounts = body["PaymentTransaction"]["AmountsReq"]
    # A JSON number in euros, not a string and not cents.
    assert amounts == {"Currency": "EUR", "RequestedAmount": 5.0}
    assert isinstance(amounts["RequestedAmount"], float)


def test_service_ids_are_unique_per_sale_id(sim, terminal):
    for _ in range(3):
        terminal.authorise(100)
    ids = [m["SaleToPOIRequest"]["MessageHeader"]["ServiceID"] for m in sim.messages
           if "SaleToPOIRequest" in m]
    assert len(ids) == len(set(ids))


def test_every_message_goes_on_a_fresh_connection(sim, terminal):
    # A pooled connection the terminal dropped while idle would fail only after the
    # payment left: nobody could tell whether it arrived.
    before = len(sim.peers)
    terminal.authorise(100)
    terminal.status()
    terminal.authorise(100)
    ports = sim.peers[before:]
    assert len(ports) == 3 and len(set(ports)) == 3


def test_a_decline_says_why_in_words(sim, terminal):
    sim.inject("decline")
    result = terminal.authorise(700)
    assert (result.approved, result.outcome) == (False, "declined")
    assert result.reason == "refused by the card issuer (Refusal): declined by the issuer"
    assert sim.payments[-1].approved is False


@pytest.mark.parametrize("fault", ["lost_response", "timeout"])
def test_a_lost_answer_is_settled_by_transaction_status(sim, terminal, fault):
    before = len(sim.payments)
    sim.inject(fault)
    result = terminal.authorise(900, reference=f"pay-{fault}")
    assert result.approved and result.amount_cents == 900
    assert len(sim.payments) == before + 1  # asked once, booked once: never sent twice
    assert result.trace == sim.payments[-1].poi_transaction_id
    status = _last_request(sim, "TransactionStatus")
    payment = _last_request(sim, "Payment")
    assert status["TransactionStatusRequest"]["MessageReference"] == {
        "MessageCategory": "Payment", "SaleID": "KIOSK1",
        "ServiceID": payment["MessageHeader"]["ServiceID"]}


def test_when_the_status_fails_too_the_payment_is_left_for_reconciliation(sim, terminal):
    sim.inject("lost_response")
    sim.inject("status_down")
    with pytest.raises(DeviceError, match=r"status enquiry failed too: .*HTTP 503"):
        terminal.authorise(1100)
    booked = sim.payments[-1]
    sim.clear()
    # What the journal's reconciliation does next: the terminal's word on its last payment.
    last = terminal.last_transaction()
    assert last is not None and (last.trace, last.amount_cents) == (
        booked.poi_transaction_id, 1100)


def test_after_a_restart_the_status_names_the_very_payment(sim, terminal):
    first = terminal.authorise(1200, reference="pay-restart-1")
    terminal.authorise(1300, reference="pay-restart-2")  # the terminal's last one
    restarted = default_registry().open("card_terminal", sim.uri())
    try:
        found = restarted.last_transaction(reference="pay-restart-1")
        assert found is not None and (found.trace, found.amount_cents) == (first.trace, 1200)
        assert restarted.last_transaction(reference="pay-never-sent") is None
    finally:
        restarted.close()


def test_a_reversal_goes_through_once_then_is_refused(sim, terminal):
    paid = terminal.authorise(1500)
    reversed_ = terminal.reverse(paid.trace, paid.receipt_no)
    assert (reversed_.approved, reversed_.outcome, reversed_.amount_cents) == (
        True, "reversed", 1500)
    assert sim.payments[-1].reversed
    again = terminal.reverse(paid.trace, paid.receipt_no)
    assert (again.approved, again.outcome) == (False, "refused")
    assert "already reversed" in again.reason
    request = _last_request(sim, "Reversal")["ReversalRequest"]
    assert request["OriginalPOITransaction"]["POITransactionID"] == {
        "TransactionID": paid.trace, "TimeStamp": paid.receipt_no}


def test_a_refused_reversal_says_so(sim, terminal):
    paid = terminal.authorise(1600)
    sim.inject("reversal_refused")
    refused = terminal.reverse(paid.trace, paid.receipt_no)
    assert (refused.approved, refused.outcome) == (False, "refused")
    assert refused.reason == "not allowed (NotAllowed): reversal refused"
    assert not sim.payments[-1].reversed


def test_a_busy_terminal_books_nothing(sim, terminal):
    before = len(sim.payments)
    sim.inject("busy")
    result = terminal.authorise(300)
    assert not result.approved and "(Busy)" in result.reason
    assert len(sim.payments) == before


def test_abort_stops_the_payment_in_progress():
    with NexoTerminalSimulator(card_delay=20) as sim:
        terminal = default_registry().open("card_terminal", sim.start())
        try:
            results = []
            worker = threading.Thread(target=lambda: results.append(terminal.authorise(800)))
            worker.start()
            assert sim.received.wait(10)
            terminal.abort()
            worker.join(10)
            assert not worker.is_alive()
            assert (results[0].approved, results[0].outcome) == (False, "aborted")
            assert sim.payments == []  # the citizen's card was never charged
            abort = [m for m in sim.messages
                     if m["SaleToPOIRequest"]["MessageHeader"]["MessageCategory"] == "Abort"]
            assert abort[0]["SaleToPOIRequest"]["AbortRequest"]["MessageReference"][
                "MessageCategory"] == "Payment"
        finally:
            terminal.close()


def test_a_payment_still_running_after_the_timeout_is_aborted_then_settled():
    with NexoTerminalSimulator(card_delay=30) as sim:
        terminal = default_registry().open("card_terminal", sim.start() + "&timeout=0.5")
        terminal._status_pause = 0.05
        try:
            result = terminal.authorise(800)
        finally:
            terminal.close()
        assert not result.approved and result.reason == "the terminal has no such payment"
        assert sim.payments == []
        categories = [c for _, c in sim.requests]
        assert categories[0] == "Payment" and "Abort" in categories
        assert categories.count("TransactionStatus") >= 3


def test_end_of_day_reports_the_period_the_terminal_closed():
    with NexoTerminalSimulator() as sim:
        terminal = default_registry().open("card_terminal", sim.start())
        try:
            first, second, _ = (terminal.authorise(a) for a in (500, 700, 1200))
            terminal.reverse(second.trace, second.receipt_no)
            sim.inject("decline")
            terminal.authorise(999)
            sim.clear()
            eod = terminal.end_of_day()
            assert (eod.ok, eod.count, eod.total_cents) == (True, 2, 1700)
            assert sim.closed_periods == [{"count": 2, "total_cents": 1700}]
            assert first.approved
            empty = terminal.end_of_day()  # a new period was opened
            assert (empty.count, empty.total_cents) == (0, 0)
        finally:
            terminal.close()


@pytest.mark.parametrize(("fault", "field"), [
    ("not_json", "Payment response is not JSON"),
    ("wrong_envelope", "missing required field `SaleToPOIResponse`"),
    ("amount_mismatch", "AuthorizedAmount is 1500 cents, 1400 were asked"),
    ("missing_poi_id", "missing: PaymentResponse.POIData.POITransactionID.TransactionID"),
    ("http_500", "answered HTTP 500"),
])
def test_bad_answers_are_errors_naming_the_field_never_approvals(sim, terminal, fault, field):
    sim.inject(fault)
    with pytest.raises(DeviceError, match=field) as caught:
        terminal.authorise(1400)
    assert "6703" not in str(caught.value)  # no card data in the message


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    directory = tmp_path_factory.mktemp("nexo-pki")
    authority = Authority(directory, "Test terminal CA")
    return authority, authority.issue("terminal", server=True, hosts=("127.0.0.1",))


def test_tls_is_verified_against_the_configured_ca(pki):
    authority, server = pki
    with NexoTerminalSimulator(tls=(server.cert, server.key)) as sim:
        uri = sim.start()
        assert uri.startswith("nexo+https://127.0.0.1:")
        trusted = default_registry().open("card_terminal", f"{uri}&ca={authority.pem.cert}")
        try:
            assert trusted.authorise(250).approved
        finally:
            trusted.close()
        untrusted = default_registry().open("card_terminal", uri)  # the system's store
        try:
            with pytest.raises(DeviceError, match="TLS refused"):
                untrusted.authorise(250)
        finally:
            untrusted.close()
        assert len(sim.payments) == 1


def test_a_wrong_api_key_is_refused_and_never_shown(monkeypatch, caplog):
    with NexoTerminalSimulator(api_key="right-key-123") as sim:
        uri = sim.start()
        monkeypatch.setenv("KIOSK_NEXO_API_KEY", "wrong-key-456")
        terminal = default_registry().open("card_terminal", uri)
        try:
            with caplog.at_level(logging.DEBUG), pytest.raises(
                    DeviceError, match="HTTP 401: the API key was not accepted") as caught:
                terminal.authorise(100)
        finally:
            terminal.close()
        assert "wrong-key-456" not in str(caught.value)
        assert "wrong-key-456" not in caplog.text
        assert sim.payments == []
        monkeypatch.setenv("KIOSK_NEXO_API_KEY", "right-key-123")
        terminal = default_registry().open("card_terminal", uri)
        try:
            assert terminal.authorise(100).approved
        finally:
            terminal.close()


def test_the_api_key_file_must_be_private(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSK_NEXO_API_KEY", raising=False)
    key_file = tmp_path / "nexo.key"
    key_file.write_text("file-key-789\n")
    key_file.chmod(0o644)
    with NexoTerminalSimulator(api_key="file-key-789") as sim:
        uri = sim.start()
        with pytest.raises(DeviceError, match="readable by others") as caught:
            default_registry(nexo_api_key_file=key_file).open("card_terminal", uri)
        assert "file-key-789" not in str(caught.value)
        key_file.chmod(0o600)
        terminal = default_registry(nexo_api_key_file=key_file).open("card_terminal", uri)
        try:
            assert terminal.authorise(100).approved
        finally:
            terminal.close()


@pytest.mark.parametrize(("uri", "reason"), [
    ("nexo+https://t.example/nexo?sale_id=K&poi_id=P&api_key=s3cret", "never goes in the URI"),
    ("nexo+https://user:s3cret@t.example/nexo?sale_id=K&poi_id=P", "never goes in the URI"),
    ("nexo+http://192.0.2.7/nexo?sale_id=K&poi_id=P", "only to 127.0.0.1"),
    ("nexo+https://t.example/nexo?poi_id=P", "sale_id= is required"),
    ("nexo+https://t.example/nexo?sale_id=K&poi_id=P&flavour=adyen", "unknown flavour"),
    ("nexo+https://t.example/nexo?sale_id=K&poi_id=P&flavour=worldline", "/payments/sync"),
    ("nexo+https://t.example/nexo?sale_id=K&poi_id=P&timeout=soon", "timeout must be"),
    ("nexo+https://t.example/nexo?sale_id=K&poi_id=P&ca=/nonexistent/ca.pem",
     "ca file not found"),
])
def test_bad_uris_are_refused_with_the_reason(uri, reason):
    with pytest.raises(DeviceUriError, match=reason) as caught:
        default_registry().validate("card_terminal", uri)
    assert "s3cret" not in str(caught.value)


# --- the Worldline Terminal API flavour -------------------------------------------------


def test_worldline_flavour_speaks_5_1_wl_with_a_bearer_key(monkeypatch):
    monkeypatch.setenv("KIOSK_NEXO_API_KEY", "wl-key")
    with NexoTerminalSimulator(api_key="wl-key", path=WL_PATH) as sim:
        uri = sim.start("worldline")
        terminal = default_registry().open("card_terminal", uri)
        try:
            paid = terminal.authorise(2000, reference="pay-wl-1")
            assert paid.approved and paid.masked_pan == "6703 **** **** 1234"
            assert terminal.reverse(paid.trace, paid.receipt_no).outcome == "reversed"
            eod = terminal.end_of_day()
            assert (eod.count, eod.total_cents) == (0, 0)
        finally:
            terminal.close()
        assert [r for r in sim.requests] == [("worldline", "Payment"),
                                            ("worldline", "Reversal"),
                                            ("worldline", "Reconciliation")]
        payment = sim.messages[0]
        assert payment["Header"]["ProtocolVersion"] == "5.1-WL1.0.0"
        assert payment["Header"]["MessageFunction"] == "FinancialPaymentRequest"
        assert payment["Header"]["InitiatingParty"] == {"Identification": "KIOSK1"}
        assert payment["Header"]["RecipientParty"] == {"Identification": "T-0001"}
        assert payment["ServiceRequest"]["ServiceContent"] == "FinancialPaymentRequest"
        assert sim.messages[1]["ServiceRequest"]["ServiceContent"] == "ReversalRequest"
        assert sim.messages[2]["ServiceRequest"]["ServiceContent"] == "ReconciliationRequest"


def test_worldline_flavour_needs_an_api_key(monkeypatch):
    monkeypatch.delenv("KIOSK_NEXO_API_KEY", raising=False)
    uri = (f"nexo+https://127.0.0.1:1{WL_PATH}?sale_id=K&poi_id=T-0001&flavour=worldline")
    with pytest.raises(DeviceError, match="needs an API key"):
        default_registry().open("card_terminal", uri)


# --- the CLI ----------------------------------------------------------------------------


def _kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "device", "payment", *args],
                          capture_output=True, text=True, timeout=60, check=False)


def test_cli_pay_reverse_and_end_of_day():
    with NexoTerminalSimulator() as sim:
        uri = sim.start()
        pay = _kiosk("pay", "--uri", uri, "--amount", "12.34", "--json")
        assert pay.returncode == 0, pay.stderr
        paid = json.loads(pay.stdout)
        assert (paid["result"], paid["amount_cents"], paid["pan_masked"]) == (
            "approved", 1234, "6703 **** **** 1234")
        assert paid["transaction_id"] == sim.payments[0].poi_transaction_id

        reverse = _kiosk("reverse", "--uri", uri, "--transaction", paid["transaction_id"],
                         "--json")
        assert reverse.returncode == 0, reverse.stderr
        assert json.loads(reverse.stdout)["result"] == "reversed"
        again = _kiosk("reverse", "--uri", uri, "--transaction", paid["transaction_id"],
                       "--json")
        assert again.returncode == 1
        refused = json.loads(again.stdout)
        assert refused["result"] == "refused" and "already reversed" in refused["reason"]

        assert _kiosk("pay", "--uri", uri, "--amount", "5.00", "--json").returncode == 0
        eod = _kiosk("end-of-day", "--uri", uri, "--json")
        assert eod.returncode == 0, eod.stderr
        totals = json.loads(eod.stdout)
        assert (totals["count"], totals["total_cents"]) == (1, 500)

        sim.inject("decline")
        declined = _kiosk("pay", "--uri", uri, "--amount", "1.00", "--json")
        assert declined.returncode == 1
        assert json.loads(declined.stdout)["result"] == "declined"


def test_amounts_are_exact_decimals():
    from drivers.payment.nexo.messages import cents, euros

    assert euros(1234) == Decimal("12.34") and cents(Decimal("0.29")) == 29
    with pytest.raises(ValueError, match="fractions of a cent"):
        cents(Decimal("1.005"))


def test_unused_path_is_not_served(tmp_path: Path):
    with NexoTerminalSimulator(path="/elsewhere") as sim:
        sim.start()
        uri = sim.uri().replace("/elsewhere", "/nexo")
        terminal = default_registry().open("card_terminal", uri)
        try:
            with pytest.raises(DeviceError, match="HTTP 404"):
                terminal.authorise(100)
        finally:
            terminal.close()


def test_the_kiosk_takes_the_key_file_from_its_config(tmp_path, monkeypatch):
    from kiosk.config.loader import load_config
    from kiosk.services import device_registry

    monkeypatch.delenv("KIOSK_NEXO_API_KEY", raising=False)
    key_file = tmp_path / "nexo.key"
    key_file.write_text("config-key-321")
    key_file.chmod(0o600)
    with NexoTerminalSimulator(api_key="config-key-321") as sim:
        uri = sim.start()
        toml = tmp_path / "kiosk.toml"
        toml.write_text(f'[payments]\nnexo_api_key_file = "{key_file}"\n\n'
                        f'[devices]\ncard_terminal = "{uri}"\n')
        config = load_config(toml, default_registry(), {})
        terminal = device_registry(config).open("card_terminal", config.devices.card_terminal)
        try:
            assert terminal.authorise(100).approved
        finally:
            terminal.close()


def test_a_refund_is_booked_but_not_counted_as_a_fee_taken():
    with NexoTerminalSimulator() as sim:
        terminal = default_registry().open("card_terminal", sim.start())
        try:
            assert terminal.authorise(400).approved
            refund = terminal.refund(150)
            assert refund.approved and refund.amount_cents == 150
            assert sim.payments[-1].refund
            eod = terminal.end_of_day()
            assert (eod.count, eod.total_cents) == (1, 400)
        finally:
            terminal.close()


@pytest.mark.parametrize(("change", "field"), [
    (lambda m: m["Header"].update(ProtocolVersion="5.0"), "Header.ProtocolVersion"),
    (lambda m: m["Header"].update(MessageFunction="DisplayResponse"), "MessageFunction"),
    (lambda m: m["Header"].pop("ExchangeIdentification"), "ExchangeIdentification"),
    (lambda m: m.pop("ServiceResponse"), "ServiceResponse"),
])
def test_a_worldline_answer_that_breaks_the_layout_names_the_field(change, field):
    from drivers.payment.nexo.flavour import NexoFormatError, WorldlineFlavour

    answer = {"Header": {"MessageFunction": "FinancialPaymentResponse",
                         "ProtocolVersion": "5.1-WL1.0.0", "ExchangeIdentification": "12",
                         "InitiatingParty": {"Identification": "T-0001"},
                         "RecipientParty": {"Identification": "KIOSK1"}},
              "ServiceResponse": {"ServiceContent": "FinancialPaymentResponse",
                                  "PaymentResponse": {"Response": {"Result": "Success"}}}}
    decoded = WorldlineFlavour().decode(json.dumps(answer).encode())
    assert (decoded.MessageHeader.MessageCategory, decoded.MessageHeader.ServiceID) == (
        "Payment", "12")
    change(answer)
    with pytest.raises(NexoFormatError, match=field):
        WorldlineFlavour().decode(json.dumps(answer).encode())
