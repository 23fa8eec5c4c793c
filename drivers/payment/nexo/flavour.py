"""The two JSON layouts a nexo terminal may speak (chosen by ``flavour=`` in the URI).

- ``generic``: nexo Retailer 3.x JSON, as Adyen, Swedbank Pay, Westpay document it:
  ``{"SaleToPOIRequest": {"MessageHeader": {...}, "PaymentRequest": {...}}}``.
- ``worldline``: Worldline's Terminal API (protocol ``5.1-WL1.0.0``): a ``Header`` in
  the ISO 20022 nexo v5 naming and a ``ServiceRequest`` naming its ``ServiceContent``
  ("FinancialPaymentRequest", "ReversalRequest", "ReconciliationRequest"). Which facts
  come from which public page is written down in docs/nexo.md.

Both decode to the same :class:`~drivers.payment.nexo.messages.ResponseMessage`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

import msgspec

from drivers.payment.nexo.messages import (
    MessageHeader,
    PaymentResponse,
    ReconciliationResponse,
    ResponseMessage,
    ReversalResponse,
    TransactionStatusResponse,
)

WORLDLINE_PROTOCOL = "5.1-WL1.0.0"
# ServiceContent per message category. Payment, Reversal and Reconciliation are the
# values Worldline's migration guide names; the other two follow the same pattern.
WORLDLINE_CONTENT = {
    "Payment": "FinancialPaymentRequest",
    "Reversal": "ReversalRequest",
    "Reconciliation": "ReconciliationRequest",
    "TransactionStatus": "TransactionStatusRequest",
    "Abort": "AbortRequest",
}

_encoder = msgspec.json.Encoder(decimal_format="number")


class NexoFormatError(ValueError):
    """A response that is not the JSON this flavour expects; says which field is wrong."""


class Flavour(Protocol):
    name: str

    def encode(self, header: MessageHeader, body_name: str, body: msgspec.Struct) -> bytes: ...

    def decode(self, raw: bytes) -> ResponseMessage: ...


def _decode(raw: bytes, kind: type[Any]) -> Any:
    try:
        return msgspec.json.decode(raw, type=kind)
    except msgspec.ValidationError as exc:  # (a DecodeError too: caught first)
        raise NexoFormatError(f"response field wrong: {exc}") from None
    except msgspec.DecodeError as exc:
        # Not the body itself: whatever it holds stays out of logs and errors.
        raise NexoFormatError(f"response is not JSON ({exc}; {len(raw)} bytes)") from None


class _GenericEnvelope(msgspec.Struct):
    SaleToPOIResponse: ResponseMessage


class GenericFlavour:
    """nexo 3.x JSON (``SaleToPOIRequest`` / ``SaleToPOIResponse``)."""

    name = "generic"

    def encode(self, header: MessageHeader, body_name: str, body: msgspec.Struct) -> bytes:
        return _encoder.encode({"SaleToPOIRequest": {"MessageHeader": header, body_name: body}})

    def decode(self, raw: bytes) -> ResponseMessage:
        return _decode(raw, _GenericEnvelope).SaleToPOIResponse


class _Party(msgspec.Struct):
    Identification: str


class _WlHeader(msgspec.Struct):
    MessageFunction: str
    ProtocolVersion: str
    ExchangeIdentification: str
    InitiatingParty: _Party
    RecipientParty: _Party
    CreationDateTime: str = ""


class _WlServiceResponse(msgspec.Struct):
    ServiceContent: str = ""
    PaymentResponse: PaymentResponse | None = None
    ReversalResponse: ReversalResponse | None = None
    TransactionStatusResponse: TransactionStatusResponse | None = None
    ReconciliationResponse: ReconciliationResponse | None = None


class _WlEnvelope(msgspec.Struct):
    Header: _WlHeader
    ServiceResponse: _WlServiceResponse


class WorldlineFlavour:
    """Worldline Terminal API 5.1-WL1.0.0 (sync endpoint, bearer API key)."""

    name = "worldline"

    def encode(self, header: MessageHeader, body_name: str, body: msgspec.Struct) -> bytes:
        wl_header = {
            "MessageFunction": WORLDLINE_CONTENT[header.MessageCategory],
            "ProtocolVersion": WORLDLINE_PROTOCOL,
            "ExchangeIdentification": header.ServiceID,
            "CreationDateTime": datetime.now(UTC).isoformat(timespec="seconds"),
            "InitiatingParty": {"Identification": header.SaleID},
            "RecipientParty": {"Identification": header.POIID},
        }
        service = {"ServiceContent": WORLDLINE_CONTENT[header.MessageCategory], body_name: body}
        return _encoder.encode({"Header": wl_header, "ServiceRequest": service})

    def decode(self, raw: bytes) -> ResponseMessage:
        envelope = _decode(raw, _WlEnvelope)
        head = envelope.Header
        if head.ProtocolVersion != WORLDLINE_PROTOCOL:
            raise NexoFormatError(
                f"response field wrong: Header.ProtocolVersion is {head.ProtocolVersion!r}, "
                f"expected {WORLDLINE_PROTOCOL!r}")
        category = next((c for c, f in WORLDLINE_CONTENT.items()
                         if f.replace("Request", "Response") == head.MessageFunction), "")
        if not category:
            raise NexoFormatError(
                f"response field wrong: Header.MessageFunction {head.MessageFunction!r} "
                "is not a response this kiosk asks for")
        header = MessageHeader(ProtocolVersion=head.ProtocolVersion, MessageClass="Service",
                               MessageCategory=category, MessageType="Response",
                               ServiceID=head.ExchangeIdentification,
                               SaleID=head.RecipientParty.Identification,
                               POIID=head.InitiatingParty.Identification)
        message = envelope.ServiceResponse
        return ResponseMessage(
            MessageHeader=header, PaymentResponse=message.PaymentResponse,
            ReversalResponse=message.ReversalResponse,
            TransactionStatusResponse=message.TransactionStatusResponse,
            ReconciliationResponse=message.ReconciliationResponse)


FLAVOURS: dict[str, Flavour] = {"generic": GenericFlavour(), "worldline": WorldlineFlavour()}
