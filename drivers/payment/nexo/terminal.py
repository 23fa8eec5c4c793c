"""``NexoCardTerminal``: the :class:`~drivers.payment.interface.CardTerminal` over nexo
Retailer "Sale to POI" (synchronous HTTP, one JSON request, one JSON response).

A payment whose answer is lost (connection closed, timeout) is settled by asking
TransactionStatus with its MessageReference (SaleID + ServiceID); only if that fails
too does the error reach the kiosk's journal, which reconciles it later exactly as for
ZVT. A response that breaks the rules (not JSON, wrong envelope, another amount, no
POI transaction id, HTTP 401/5xx) is a :class:`DeviceError` naming the field: never an
approval by guess.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import msgspec

from drivers.errors import DeviceError
from drivers.payment.interface import CardPaymentResult, EndOfDayResult, TerminalStatus
from drivers.payment.nexo import messages as m
from drivers.payment.nexo.client import NexoAnswerLostError, NexoHttpClient
from drivers.payment.nexo.flavour import Flavour, NexoFormatError

log = logging.getLogger(__name__)

STATUS_TRIES = 5  # TransactionStatus rounds after a lost answer (InProgress waits between)
STATUS_PAUSE = 1.0
ABORTED = {"Aborted", "Cancel"}


class NexoCardTerminal:
    """One nexo terminal (POIID) seen by this kiosk (SaleID) through one endpoint."""

    def __init__(self, client: NexoHttpClient, flavour: Flavour, sale_id: str, poi_id: str,
                 currency: str = "EUR", status_pause: float = STATUS_PAUSE) -> None:
        self._client = client
        self._flavour = flavour
        self.sale_id = sale_id
        self.poi_id = poi_id
        self.name = f"nexo {poi_id}"
        self._currency = currency
        self._status_pause = status_pause
        self._lock = threading.Lock()
        self._current_service = ""  # the payment in progress, for abort()
        self._last_payment_service = ""  # the last payment sent, for last_transaction()
        self._timestamps: dict[str, str] = {}  # POI transaction id → its timestamp
        self._last_id = 0

    # --- CardTerminal --------------------------------------------------------------

    def status(self) -> TerminalStatus:
        """A TransactionStatus round trip: any well-formed answer means online."""
        try:
            self._exchange("TransactionStatus", m.TransactionStatusRequest(), self._new_id(),
                           read_timeout=10.0)
        except DeviceError as exc:
            return TerminalStatus(online=False, error=str(exc))
        return TerminalStatus(online=True)

    def authorise(self, amount_cents: int, on_progress: Callable[[str], None] | None = None,
                  reference: str = "") -> CardPaymentResult:
        """Payment of ``amount_cents``; ``reference`` (the journal's payment id) is sent
        as SaleTransactionID. Raises DeviceError when the outcome cannot be known."""
        if amount_cents <= 0:
            raise ValueError(f"amount must be positive, got {amount_cents}")
        return self._pay(amount_cents, on_progress, reference, refund=False)

    def refund(self, amount_cents: int) -> CardPaymentResult:
        """A refund is a payment of type Refund to the card the citizen presents."""
        return self._pay(amount_cents, None, "", refund=True)

    def reverse(self, trace: str, receipt_no: str = "") -> CardPaymentResult:
        """Reversal of the POI transaction ``trace``; ``receipt_no`` holds its POI
        timestamp (journaled with the result), which nexo needs to name it."""
        stamp = receipt_no or self._timestamps.get(trace, "")
        if not trace:
            raise DeviceError(f"{self.name}: a reversal needs the POI transaction id")
        body = m.ReversalRequest(OriginalPOITransaction=m.OriginalPOITransaction(
            POITransactionID=m.TransactionIdentification(TransactionID=trace,
                                                         TimeStamp=stamp or _now())),
            ReversalReason="MerchantCancel")
        answer = self._exchange("Reversal", body, self._new_id()).ReversalResponse
        if answer is None:
            raise DeviceError(f"{self.name}: response field missing: ReversalResponse")
        ok = answer.Response.Result == "Success"
        amount = _cents_or_zero(answer.ReversedAmount)
        reason = "reversed" if ok else m.condition_in_words(answer.Response)
        log.info("%s: reversal of %s %s", self.name, trace, "done" if ok else "refused")
        return CardPaymentResult(approved=ok, amount_cents=amount, reason=reason, trace=trace,
                                 terminal_id=self.poi_id,
                                 outcome="reversed" if ok else "refused", receipt_no=stamp)

    def last_transaction(self, reference: str = "") -> CardPaymentResult | None:
        """What the terminal says about the payment sent with ``reference`` (its
        ServiceID follows from it, so this works after a restart too), else about this
        session's last payment, else about the terminal's own last one. None: the
        terminal has no such payment."""
        service = service_id_for(reference) if reference else self._last_payment_service
        message = None
        if service:
            message = m.MessageReference(MessageCategory="Payment", SaleID=self.sale_id,
                                         ServiceID=service)
        return self._status_of(message, 0)

    def end_of_day(self) -> EndOfDayResult:
        """Reconciliation: the totals of the period the terminal closes."""
        answer = self._exchange("Reconciliation",
                                m.ReconciliationRequest(ReconciliationType="SaleReconciliation"),
                                self._new_id()).ReconciliationResponse
        if answer is None:
            raise DeviceError(f"{self.name}: response field missing: ReconciliationResponse")
        if answer.Response.Result != "Success":
            return EndOfDayResult(ok=False, reason=m.condition_in_words(answer.Response))
        count = total = 0
        for totals in answer.TransactionTotals:
            for line in totals.PaymentTotals:
                sign = {"Debit": 1, "ReverseDebit": -1}.get(line.TransactionType)
                if sign is None:
                    continue  # refunds and other types are not part of the fees taken
                count += sign * line.TransactionCount
                total += sign * self._cents(line.TransactionAmount, "TransactionAmount")
        lines = (f"period {answer.POIReconciliationID}", f"payments {count}",
                 f"total {total / 100:.2f} {self._currency}")
        return EndOfDayResult(ok=True, total_cents=total, count=count, receipt_lines=lines)

    def abort(self) -> None:
        """AbortRequest for the payment in progress; any thread may call it."""
        with self._lock:
            service = self._current_service
        if service:
            self._send_abort(service)

    def close(self) -> None:
        self._client.close()

    def _send_abort(self, service: str) -> None:
        body = m.AbortRequest(MessageReference=m.MessageReference(
            MessageCategory="Payment", SaleID=self.sale_id, ServiceID=service),
            AbortReason="CustomerCancel")
        header = self._header("Abort", self._new_id())
        try:
            self._client.post(self._flavour.encode(header, "AbortRequest", body), "abort",
                              read_timeout=10.0)
        except DeviceError as exc:  # the payment's own answer still says how it ended
            log.warning("%s: abort not delivered: %s", self.name, exc)

    # --- the exchange --------------------------------------------------------------------

    def _pay(self, amount_cents: int, on_progress: Callable[[str], None] | None,
             reference: str, refund: bool) -> CardPaymentResult:
        service = service_id_for(reference) if reference else self._new_id()
        body = m.PaymentRequest(
            SaleData=m.SaleData(SaleTransactionID=m.TransactionIdentification(
                TransactionID=reference or uuid.uuid4().hex, TimeStamp=_now())),
            PaymentTransaction=m.PaymentTransaction(AmountsReq=m.AmountsReq(
                Currency=self._currency, RequestedAmount=m.euros(amount_cents))),
            PaymentData=m.PaymentData(PaymentType="Refund") if refund else None)
        with self._lock:
            self._current_service = service
            self._last_payment_service = service
        if on_progress is not None:
            on_progress("insert_card")  # the terminal now shows its own prompts
        try:
            answer = self._exchange("Payment", body, service).PaymentResponse
        except NexoAnswerLostError as exc:
            log.warning("%s: payment answer lost (%s); asking its status", self.name, exc)
            reference_ = m.MessageReference(MessageCategory="Payment", SaleID=self.sale_id,
                                            ServiceID=service)
            result = self._status_of(reference_, amount_cents, lost=exc)
            if result is None:  # the terminal never booked it
                return CardPaymentResult(approved=False, amount_cents=amount_cents,
                                         reason="the terminal has no such payment",
                                         terminal_id=self.poi_id, outcome="declined")
            return result
        finally:
            with self._lock:
                self._current_service = ""
        if answer is None:
            raise DeviceError(f"{self.name}: response field missing: PaymentResponse")
        return self._payment_result(answer, amount_cents)

    def _status_of(self, reference: m.MessageReference | None, amount_cents: int,
                   lost: DeviceError | None = None) -> CardPaymentResult | None:
        """TransactionStatus until the terminal knows (InProgress: wait and ask again)."""
        for attempt in range(STATUS_TRIES):
            try:
                answer = self._exchange(
                    "TransactionStatus", m.TransactionStatusRequest(MessageReference=reference),
                    self._new_id(), read_timeout=10.0).TransactionStatusResponse
            except DeviceError as exc:
                if lost is None:
                    raise
                raise DeviceError(f"{lost}; status enquiry failed too: {exc}") from exc
            if answer is None:
                raise DeviceError(
                    f"{self.name}: response field missing: TransactionStatusResponse")
            condition = answer.Response.ErrorCondition
            if answer.Response.Result == "Success":
                repeated = answer.RepeatedMessageResponse
                payment = repeated.RepeatedResponseMessageBody.PaymentResponse \
                    if repeated else None
                if payment is None:
                    raise DeviceError(f"{self.name}: response field missing: "
                                      "TransactionStatusResponse.RepeatedMessageResponse"
                                      ".RepeatedResponseMessageBody.PaymentResponse")
                return self._payment_result(payment, amount_cents)
            if condition == "NotFound":
                return None
            if condition != "InProgress" or attempt == STATUS_TRIES - 1:
                raise DeviceError(f"{self.name}: status enquiry: "
                                  f"{m.condition_in_words(answer.Response)}")
            if lost is not None and reference is not None and attempt == STATUS_TRIES - 2:
                # Still running long after our own timeout: stop it, as ZVT's abort after
                # T4 does, and take the terminal's word on how it ended.
                self._send_abort(reference.ServiceID)
            time.sleep(self._status_pause)
        return None  # unreachable: the loop returns or raises

    def _payment_result(self, answer: m.PaymentResponse, requested: int) -> CardPaymentResult:
        response = answer.Response
        poi = answer.POIData.POITransactionID if answer.POIData else None
        trace, stamp = (poi.TransactionID, poi.TimeStamp) if poi else ("", "")
        if response.Result != "Success":
            outcome = "aborted" if response.ErrorCondition in ABORTED else "declined"
            log.info("%s: payment %s (%s)", self.name, outcome, response.ErrorCondition)
            return CardPaymentResult(approved=False, amount_cents=requested,
                                     reason=m.condition_in_words(response), trace=trace,
                                     terminal_id=self.poi_id, outcome=outcome,
                                     receipt_no=stamp)
        if not trace:
            raise DeviceError(f"{self.name}: response field missing: "
                              "PaymentResponse.POIData.POITransactionID.TransactionID")
        result = answer.PaymentResult
        amounts = result.AmountsResp if result else None
        if amounts is None:
            raise DeviceError(f"{self.name}: response field missing: "
                              "PaymentResponse.PaymentResult.AmountsResp.AuthorizedAmount")
        authorised = self._cents(amounts.AuthorizedAmount, "AuthorizedAmount")
        if requested and authorised != requested:
            raise DeviceError(
                f"{self.name}: response field wrong: PaymentResponse.PaymentResult.AmountsResp"
                f".AuthorizedAmount is {authorised} cents, {requested} were asked")
        card = result.PaymentInstrumentData.CardData if result and \
            result.PaymentInstrumentData else None
        acquirer = result.PaymentAcquirerData if result else None
        self._timestamps[trace] = stamp
        log.info("%s: approved %s cents, POI transaction %s", self.name, authorised, trace)
        return CardPaymentResult(
            approved=True, amount_cents=authorised, trace=trace,
            auth_code=acquirer.ApprovalCode if acquirer else "", terminal_id=self.poi_id,
            masked_pan=card.MaskedPan if card else "",
            card_type=card.PaymentBrand if card else "", outcome="approved",
            receipt_no=stamp)

    def _exchange(self, category: str, body: msgspec.Struct, service: str,
                  read_timeout: float | None = None) -> m.ResponseMessage:
        header = self._header(category, service)
        raw = self._client.post(self._flavour.encode(header, m.REQUEST_BODIES[category], body),
                                category.lower(), read_timeout)
        try:
            answer = self._flavour.decode(raw)
        except NexoFormatError as exc:
            raise DeviceError(f"{self.name}: {category} {exc}") from None
        got = answer.MessageHeader
        for field, want, have in (("MessageCategory", category, got.MessageCategory),
                                  ("ServiceID", service, got.ServiceID),
                                  ("POIID", self.poi_id, got.POIID)):
            if have != want:
                raise DeviceError(f"{self.name}: response field wrong: MessageHeader.{field} "
                                  f"is {have!r}, expected {want!r}")
        if getattr(answer, m.RESPONSE_BODIES[category]) is None:
            raise DeviceError(f"{self.name}: response field missing: "
                              f"{m.RESPONSE_BODIES[category]}")
        return answer

    def _header(self, category: str, service: str) -> m.MessageHeader:
        return m.MessageHeader(ProtocolVersion=m.PROTOCOL_VERSION, MessageClass="Service",
                               MessageCategory=category, MessageType="Request",
                               ServiceID=service, SaleID=self.sale_id, POIID=self.poi_id)

    def _new_id(self) -> str:
        """ServiceID: ≤ 10 characters, unique per SaleID, also across restarts and other
        processes of this kiosk: the clock in milliseconds (a 115-day cycle, far longer
        than a terminal remembers a transaction), never the same twice here."""
        with self._lock:
            now = int(time.time() * 1000) % 10**10
            self._last_id = max(now, self._last_id + 1)
            return str(self._last_id % 10**10)

    def _cents(self, amount: object, field: str) -> int:
        try:
            return m.cents(amount)  # type: ignore[arg-type]
        except ValueError as exc:
            raise DeviceError(f"{self.name}: response field wrong: {field}: {exc}") from None


def service_id_for(reference: str) -> str:
    """The ServiceID of the payment with journal id ``reference``: 10 hex digits of its
    SHA-256, so reconciliation can name the payment in TransactionStatus after a crash
    without the driver remembering anything (40 bits: no clash among a kiosk's payments
    in practice; the clock-based ids of other messages are all digits)."""
    return hashlib.sha256(reference.encode()).hexdigest()[:10]


def _cents_or_zero(amount: object) -> int:
    try:
        return m.cents(amount) if amount is not None else 0  # type: ignore[arg-type]
    except ValueError:
        return 0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
