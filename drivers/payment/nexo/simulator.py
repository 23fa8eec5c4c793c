"""A nexo "Sale to POI" card terminal over HTTP on 127.0.0.1, for tests and the demo.

Written from the public nexo 3.x / Worldline descriptions with plain JSON, on purpose
without the driver's message models: a twin sharing the driver's types would share its
mistakes. It understands both layouts (``SaleToPOIRequest`` and Worldline's ``Header`` +
``ServiceRequest``) and answers in the one it was asked in. Its own books
(:attr:`NexoTerminalSimulator.payments`) are the ground truth tests check against.

Faults (constructor or :meth:`inject`), applied to payments unless said otherwise:
decline (issuer refusal), busy (another transaction running), lost_response (booked,
then the connection closes without an answer), timeout (booked, answered only after
``hold_s``), reversal_refused, not_json, wrong_envelope, amount_mismatch,
missing_poi_id, http_500 (any request), status_down (TransactionStatus answers 503).
"""

from __future__ import annotations

import itertools
import json
import logging
import ssl
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from drivers.simulation import FaultSet

log = logging.getLogger(__name__)

NEXO_SIM_FAULTS = ("decline", "busy", "lost_response", "timeout", "reversal_refused",
                   "not_json", "wrong_envelope", "amount_mismatch", "missing_poi_id",
                   "http_500", "status_down")
WL_PROTOCOL = "5.1-WL1.0.0"
# Worldline ServiceContent / MessageFunction per nexo message category.
WL_CONTENT = {"Payment": "FinancialPaymentRequest", "Reversal": "ReversalRequest",
              "Reconciliation": "ReconciliationRequest",
              "TransactionStatus": "TransactionStatusRequest", "Abort": "AbortRequest"}
WL_CATEGORY = {content: category for category, content in WL_CONTENT.items()}


@dataclass
class SimPayment:
    """One payment as the simulated terminal's books hold it."""

    poi_transaction_id: str
    timestamp: str
    sale_id: str
    service_id: str
    sale_transaction_id: str
    amount_cents: int
    approved: bool
    refund: bool = False
    reversed: bool = False
    period: int = 1
    response: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class _Request:
    flavour: str
    header: dict[str, Any]
    body: dict[str, Any]

    @property
    def category(self) -> str:
        return str(self.header.get("MessageCategory", ""))


class _BadRequestError(Exception):
    pass


class NexoTerminalSimulator:
    """Start with :meth:`start` (returns the device URI); always :meth:`stop`."""

    def __init__(self, faults: list[str] | None = None, *, poi_id: str = "T-0001",
                 sale_id: str = "KIOSK1", api_key: str = "", path: str = "/nexo",
                 tls: tuple[Path, Path] | None = None, card_delay: float = 0.0,
                 hold_s: float = 30.0) -> None:
        self.faults = FaultSet("nexo terminal", NEXO_SIM_FAULTS, faults or ())
        self.poi_id = poi_id
        self.sale_id = sale_id
        self.path = path
        self.payments: list[SimPayment] = []
        self.requests: list[tuple[str, str]] = []  # (flavour, category) as they came
        self.messages: list[dict[str, Any]] = []  # each request's JSON, as it came
        self.peers: list[int] = []  # the kiosk's TCP port per request (one per connection)
        self.closed_periods: list[dict[str, int]] = []
        self.received = threading.Event()  # set when a payment request arrives
        self._api_key = api_key
        self._tls = tls
        self._card_delay = card_delay
        self._hold_s = hold_s
        self._period = 1
        self._reversals: list[tuple[int, int]] = []  # (period, amount) of reversals done
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._in_progress: dict[str, threading.Event] = {}  # ServiceID → abort flag
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def inject(self, fault: str) -> None:
        self.faults.inject(fault)

    def clear(self, fault: str | None = None) -> None:
        self.faults.clear(fault)

    # --- lifecycle ---------------------------------------------------------------------

    def start(self, flavour: str = "generic") -> str:
        """Serve on 127.0.0.1; the ``nexo+http(s)://`` URI of this terminal."""
        simulator = self

        class Handler(_Handler):
            sim = simulator

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        if self._tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(self._tls[0]), str(self._tls[1]))
            server.socket = context.wrap_socket(server.socket, server_side=True)
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={
            "poll_interval": 0.05}, name="nexo-simulator", daemon=True)
        self._thread.start()
        return self.uri(flavour)

    def uri(self, flavour: str = "generic") -> str:
        assert self._server is not None, "start() first"
        scheme = "nexo+https" if self._tls else "nexo+http"
        port = self._server.server_address[1]
        extra = "&flavour=worldline" if flavour == "worldline" else ""
        return (f"{scheme}://127.0.0.1:{port}{self.path}?sale_id={self.sale_id}"
                f"&poi_id={self.poi_id}{extra}")

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def __enter__(self) -> NexoTerminalSimulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- one HTTP exchange ----------------------------------------------------------------

    def handle(self, handler: _Handler) -> None:
        # Read the body first, whatever the answer: left unread it would be taken for
        # the next request on this keep-alive connection.
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length)
        if handler.path.split("?")[0] != self.path:
            handler.reply(404, b"no such endpoint")
            return
        if self._api_key and handler.headers.get("Authorization") != f"Bearer {self._api_key}":
            handler.reply(401, b'{"error": "unauthorised"}')
            return
        if "http_500" in self.faults:
            handler.reply(500, b"internal error")
            return
        try:
            request = self._parse(raw)
        except _BadRequestError as exc:
            handler.reply(400, json.dumps({"error": str(exc)}).encode())
            return
        with self._lock:
            self.requests.append((request.flavour, request.category))
            self.peers.append(handler.client_address[1])
        category = request.category
        if category == "Abort":
            self._abort(request)
            handler.reply(200, b"")
            return
        if category == "TransactionStatus" and "status_down" in self.faults:
            handler.reply(503, b"status service unavailable")
            return
        answer = {"Payment": self._payment, "Reversal": self._reversal,
                  "TransactionStatus": self._status,
                  "Reconciliation": self._reconciliation}.get(category)
        if answer is None:
            body = {"Response": _failure("MessageFormat", f"category {category!r}")}
        else:
            body = answer(request)
        if category == "Payment":
            if "lost_response" in self.faults:
                handler.drop()
                return
            if "timeout" in self.faults:
                self._stop.wait(self._hold_s)
            if "not_json" in self.faults:
                handler.reply(200, b"<html>gateway says hello</html>")
                return
            if "wrong_envelope" in self.faults:
                handler.reply(200, json.dumps({"PaymentResponse": body}).encode())
                return
        handler.reply(200, json.dumps(self._envelope(request, body)).encode())

    def _parse(self, raw: bytes) -> _Request:
        try:
            message = json.loads(raw)
        except ValueError as exc:
            raise _BadRequestError(f"not JSON: {exc}") from None
        if not isinstance(message, dict):
            raise _BadRequestError("not a JSON object")
        with self._lock:
            self.messages.append(message)
        if "SaleToPOIRequest" in message:
            inner = message["SaleToPOIRequest"]
            header = inner.get("MessageHeader") or {}
            name = f"{header.get('MessageCategory', '')}Request"
            return _Request("generic", header, inner.get(name) or {})
        if "Header" in message and "ServiceRequest" in message:
            head, service = message["Header"], message["ServiceRequest"]
            if head.get("ProtocolVersion") != WL_PROTOCOL:
                raise _BadRequestError(f"ProtocolVersion must be {WL_PROTOCOL}")
            category = WL_CATEGORY.get(service.get("ServiceContent", ""), "")
            header = {"MessageCategory": category,
                      "ServiceID": head.get("ExchangeIdentification", ""),
                      "SaleID": (head.get("InitiatingParty") or {}).get("Identification", ""),
                      "POIID": (head.get("RecipientParty") or {}).get("Identification", "")}
            return _Request("worldline", header, service.get(f"{category}Request") or {})
        raise _BadRequestError("neither SaleToPOIRequest nor Header + ServiceRequest")

    def _envelope(self, request: _Request, body: dict[str, Any]) -> dict[str, Any]:
        category = request.category
        name = f"{category}Response"
        if request.flavour == "worldline":
            content = WL_CONTENT.get(category, "Request").replace("Request", "Response")
            return {"Header": {"MessageFunction": content, "ProtocolVersion": WL_PROTOCOL,
                               "ExchangeIdentification": request.header["ServiceID"],
                               "CreationDateTime": _now(),
                               "InitiatingParty": {"Identification": self.poi_id},
                               "RecipientParty": {"Identification": request.header["SaleID"]}},
                    "ServiceResponse": {"ServiceContent": content, name: body}}
        header = {**request.header, "MessageType": "Response", "POIID": self.poi_id}
        return {"SaleToPOIResponse": {"MessageHeader": header, name: body}}

    # --- the terminal's services -----------------------------------------------------------

    def _payment(self, request: _Request) -> dict[str, Any]:
        header, body = request.header, request.body
        service = str(header.get("ServiceID", ""))
        sale = (body.get("SaleData") or {}).get("SaleTransactionID") or {}
        amounts = (body.get("PaymentTransaction") or {}).get("AmountsReq") or {}
        try:
            amount = Decimal(str(amounts["RequestedAmount"]))
            cents = int(amount * 100)
            if amount <= 0 or cents != amount * 100 or amounts.get("Currency") != "EUR":
                raise ValueError
        except (KeyError, ValueError, ArithmeticError):
            return {"Response": _failure("MessageFormat", "AmountsReq")}
        with self._lock:
            busy = bool(self._in_progress) or "busy" in self.faults
            if busy:
                return {"Response": _failure("Busy", "another transaction is running")}
            aborted = self._in_progress[service] = threading.Event()
        self.received.set()
        try:
            if aborted.wait(self._card_delay):
                return {"Response": _failure("Aborted", "cancelled at the terminal")}
            refund = (body.get("PaymentData") or {}).get("PaymentType") == "Refund"
            approved = "decline" not in self.faults
            payment = SimPayment(f"{next(self._ids):08d}", _now(), str(header.get("SaleID")),
                                 service, str(sale.get("TransactionID", "")), cents, approved,
                                 refund=refund, period=self._period)
            payment.response = self._payment_response(payment)
            with self._lock:
                self.payments.append(payment)
        finally:
            with self._lock:
                self._in_progress.pop(service, None)
        response = json.loads(json.dumps(payment.response))  # faults alter a copy only
        if "amount_mismatch" in self.faults:
            response["PaymentResult"]["AmountsResp"]["AuthorizedAmount"] = float(
                amount + 1)
        if "missing_poi_id" in self.faults:
            response.pop("POIData", None)
        return response

    def _payment_response(self, p: SimPayment) -> dict[str, Any]:
        poi = {"POITransactionID": {"TransactionID": p.poi_transaction_id,
                                    "TimeStamp": p.timestamp}}
        sale = {"SaleTransactionID": {"TransactionID": p.sale_transaction_id,
                                      "TimeStamp": p.timestamp}}
        if not p.approved:
            return {"Response": _failure("Refusal", "declined by the issuer"),
                    "SaleData": sale, "POIData": poi}
        return {"Response": {"Result": "Success"}, "SaleData": sale, "POIData": poi,
                "PaymentResult": {
                    "PaymentInstrumentData": {"PaymentInstrumentType": "Card", "CardData": {
                        "PaymentBrand": "Bancontact", "MaskedPan": "6703 **** **** 1234"}},
                    "AmountsResp": {"AuthorizedAmount": p.amount_cents / 100,
                                    "Currency": "EUR"},
                    "PaymentAcquirerData": {"ApprovalCode": f"A{p.poi_transaction_id[-5:]}"}}}

    def _status(self, request: _Request) -> dict[str, Any]:
        reference = request.body.get("MessageReference")
        with self._lock:
            if reference:
                service = reference.get("ServiceID", "")
                if service in self._in_progress:
                    return {"Response": _failure("InProgress", "still in progress")}
                sale_id = reference.get("SaleID") or request.header.get("SaleID")
                found = [p for p in self.payments
                         if p.service_id == service and p.sale_id == sale_id]
            else:
                if self._in_progress:
                    return {"Response": _failure("InProgress", "still in progress")}
                found = [p for p in self.payments
                         if p.sale_id == request.header.get("SaleID")][-1:]
        if not found:
            return {"Response": _failure("NotFound", "no such transaction")}
        p = found[-1]
        original = {"MessageClass": "Service", "MessageCategory": "Payment",
                    "MessageType": "Response", "ServiceID": p.service_id,
                    "SaleID": p.sale_id, "POIID": self.poi_id, "ProtocolVersion": "3.1"}
        return {"Response": {"Result": "Success"},
                "RepeatedMessageResponse": {
                    "MessageHeader": original,
                    "RepeatedResponseMessageBody": {"PaymentResponse": p.response}}}

    def _reversal(self, request: _Request) -> dict[str, Any]:
        original = (request.body.get("OriginalPOITransaction") or {}).get(
            "POITransactionID") or {}
        wanted = original.get("TransactionID")
        with self._lock:
            found = [p for p in self.payments if p.poi_transaction_id == wanted]
            if not found:
                return {"Response": _failure("NotFound", "no such transaction")}
            p = found[0]
            if "reversal_refused" in self.faults:
                return {"Response": _failure("NotAllowed", "reversal refused")}
            if p.reversed:
                return {"Response": _failure("NotAllowed", "already reversed")}
            if not p.approved:
                return {"Response": _failure("NotAllowed", "not approved")}
            p.reversed = True
            self._reversals.append((self._period, p.amount_cents))
            new_id = f"{next(self._ids):08d}"
        return {"Response": {"Result": "Success"},
                "POIData": {"POITransactionID": {"TransactionID": new_id,
                                                 "TimeStamp": _now()}},
                "ReversedAmount": p.amount_cents / 100}

    def _reconciliation(self, request: _Request) -> dict[str, Any]:
        with self._lock:
            period = self._period
            debits = [p.amount_cents for p in self.payments
                      if p.period == period and p.approved and not p.refund]
            reversals = [amount for at, amount in self._reversals if at == period]
            self.closed_periods.append({"count": len(debits) - len(reversals),
                                        "total_cents": sum(debits) - sum(reversals)})
            self._period += 1
        totals = [{"TransactionType": "Debit", "TransactionCount": len(debits),
                   "TransactionAmount": sum(debits) / 100}]
        if reversals:
            totals.append({"TransactionType": "ReverseDebit",
                           "TransactionCount": len(reversals),
                           "TransactionAmount": sum(reversals) / 100})
        return {"Response": {"Result": "Success"}, "ReconciliationType": "SaleReconciliation",
                "POIReconciliationID": str(period),
                "TransactionTotals": [{"PaymentInstrumentType": "Card",
                                       "PaymentTotals": totals}]}

    def _abort(self, request: _Request) -> None:
        reference = request.body.get("MessageReference") or {}
        with self._lock:
            flag = self._in_progress.get(str(reference.get("ServiceID", "")))
        if flag is not None:
            flag.set()


class _Handler(BaseHTTPRequestHandler):
    sim: NexoTerminalSimulator
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: with Nagle on, the second waits for the
    # kiosk's delayed ACK (40 ms on Linux) on every keep-alive exchange.
    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        self.sim.handle(self)

    def reply(self, status: int, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if self.close_connection:  # the kiosk asked for it: say so, as servers do
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the kiosk gave up waiting (a timeout test): its answer is lost
            self.close_connection = True

    def drop(self) -> None:
        """Close the connection without a word: the answer is lost."""
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("nexo simulator: " + format, *args)


def _failure(condition: str, text: str) -> dict[str, str]:
    return {"Result": "Failure", "ErrorCondition": condition, "AdditionalResponse": text}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
