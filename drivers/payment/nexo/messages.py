"""nexo Retailer "Sale to POI" messages as typed models (the nexo 3.x JSON names).

Only the fields this kiosk sends or reads are modelled; decoding ignores the rest
(terminals add vendor fields freely). Decoding errors from msgspec name the JSON path
(``$.SaleToPOIResponse.PaymentResponse.POIData``), which the driver passes on.
Amounts are decimals in the currency's unit (12.34 EUR), never floats.
"""

from __future__ import annotations

from decimal import Decimal

import msgspec

PROTOCOL_VERSION = "3.1"


class Base(msgspec.Struct, omit_defaults=True, forbid_unknown_fields=False):
    """Every nexo structure: absent optional fields are left out of the JSON, so what
    must always be sent has no default (a default equal to the value would vanish)."""


class MessageHeader(Base):
    ProtocolVersion: str
    MessageClass: str
    MessageCategory: str
    MessageType: str
    ServiceID: str
    SaleID: str
    POIID: str


class Response(Base):
    Result: str
    ErrorCondition: str = ""
    AdditionalResponse: str = ""


class TransactionIdentification(Base):
    TransactionID: str
    TimeStamp: str


class SaleData(Base):
    SaleTransactionID: TransactionIdentification


class AmountsReq(Base):
    Currency: str
    RequestedAmount: Decimal


class PaymentTransaction(Base):
    AmountsReq: AmountsReq


class PaymentData(Base):
    PaymentType: str  # "Normal"; "Refund" credits the card


class PaymentRequest(Base):
    SaleData: SaleData
    PaymentTransaction: PaymentTransaction
    PaymentData: PaymentData | None = None


class MessageReference(Base):
    MessageCategory: str
    SaleID: str = ""
    ServiceID: str = ""


class TransactionStatusRequest(Base):
    MessageReference: MessageReference | None = None  # absent: the last transaction


class OriginalPOITransaction(Base):
    POITransactionID: TransactionIdentification


class ReversalRequest(Base):
    OriginalPOITransaction: OriginalPOITransaction
    ReversalReason: str  # "MerchantCancel": the kiosk could not deliver


class AbortRequest(Base):
    MessageReference: MessageReference
    AbortReason: str  # "CustomerCancel": the citizen pressed cancel


class ReconciliationRequest(Base):
    ReconciliationType: str  # "SaleReconciliation": close the period, open a new one


# --- responses ---------------------------------------------------------------------


class POIData(Base):
    POITransactionID: TransactionIdentification


class CardData(Base):
    PaymentBrand: str = ""
    MaskedPan: str = ""


class PaymentInstrumentData(Base):
    PaymentInstrumentType: str = "Card"
    CardData: CardData | None = None


class AmountsResp(Base):
    AuthorizedAmount: Decimal
    Currency: str = ""


class PaymentAcquirerData(Base):
    ApprovalCode: str = ""


class PaymentResult(Base):
    AmountsResp: AmountsResp | None = None
    PaymentInstrumentData: PaymentInstrumentData | None = None
    PaymentAcquirerData: PaymentAcquirerData | None = None


class PaymentResponse(Base):
    Response: Response
    SaleData: SaleData | None = None
    POIData: POIData | None = None
    PaymentResult: PaymentResult | None = None


class ReversalResponse(Base):
    Response: Response
    POIData: POIData | None = None
    ReversedAmount: Decimal | None = None


class RepeatedResponseMessageBody(Base):
    PaymentResponse: PaymentResponse | None = None


class RepeatedMessageResponse(Base):
    MessageHeader: MessageHeader
    RepeatedResponseMessageBody: RepeatedResponseMessageBody


class TransactionStatusResponse(Base):
    Response: Response
    MessageReference: MessageReference | None = None
    RepeatedMessageResponse: RepeatedMessageResponse | None = None


class PaymentTotals(Base):
    TransactionType: str
    TransactionCount: int
    TransactionAmount: Decimal


class TransactionTotals(Base):
    PaymentInstrumentType: str = "Card"
    PaymentTotals: list[PaymentTotals] = msgspec.field(default_factory=list)


class ReconciliationResponse(Base):
    Response: Response
    ReconciliationType: str = ""
    POIReconciliationID: str = ""
    TransactionTotals: list[TransactionTotals] = msgspec.field(default_factory=list)


class ResponseMessage(Base):
    """``SaleToPOIResponse``: the header and the one body that answers the request."""

    MessageHeader: MessageHeader
    PaymentResponse: PaymentResponse | None = None
    ReversalResponse: ReversalResponse | None = None
    TransactionStatusResponse: TransactionStatusResponse | None = None
    ReconciliationResponse: ReconciliationResponse | None = None


REQUEST_BODIES: dict[str, str] = {
    "Payment": "PaymentRequest",
    "Reversal": "ReversalRequest",
    "TransactionStatus": "TransactionStatusRequest",
    "Abort": "AbortRequest",
    "Reconciliation": "ReconciliationRequest",
}
RESPONSE_BODIES: dict[str, str] = {
    category: name.replace("Request", "Response") for category, name in REQUEST_BODIES.items()
}

# ErrorCondition values (nexo Sale to POI, as Adyen and others document them), in words.
ERROR_CONDITIONS: dict[str, str] = {
    "Aborted": "aborted by the customer or the terminal",
    "Busy": "the terminal is busy with another transaction",
    "Cancel": "cancelled by the customer",
    "DeviceOut": "the terminal is out of order",
    "InProgress": "the transaction is still in progress",
    "InsertedCard": "a card is still inserted",
    "InvalidCard": "the card is not valid",
    "LoggedOut": "the terminal is logged out",
    "MessageFormat": "the terminal did not understand the request",
    "NotAllowed": "not allowed",
    "NotFound": "the transaction was not found",
    "PaymentRestriction": "the card cannot pay this",
    "Refusal": "refused by the card issuer",
    "UnavailableDevice": "the terminal is unavailable",
    "UnavailableService": "the service is unavailable",
    "UnreachableHost": "the terminal cannot reach its host",
    "WrongPIN": "wrong PIN",
}


def condition_in_words(response: Response) -> str:
    """``Refusal`` → "refused by the card issuer (Refusal)"; unknown codes as given."""
    code = response.ErrorCondition
    words = ERROR_CONDITIONS.get(code, "")
    text = f"{words} ({code})" if words else (code or response.Result)
    return f"{text}: {response.AdditionalResponse}" if response.AdditionalResponse else text


def cents(amount: Decimal) -> int:
    """12.34 → 1234; an amount with fractions of a cent is not an amount we asked for."""
    value = amount * 100
    if value != value.to_integral_value():
        raise ValueError(f"{amount} has fractions of a cent")
    return int(value)


def euros(amount_cents: int) -> Decimal:
    return (Decimal(amount_cents) / 100).quantize(Decimal("0.01"))
