"""Every receipt the kiosk prints, as parts for the one layout engine (layout.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from drivers.printer.document import ReceiptDocument
from kiosk.domain.cases import parse_case_qr, typed_code
from kiosk.i18n import Translator, format_money, has_text
from kiosk.l10n import format_date, format_datetime
from kiosk.receipts.layout import (
    Barcode,
    Code,
    Field,
    Heading,
    Headline,
    Note,
    Part,
    ReceiptHeader,
    lay_out,
)


@dataclass(frozen=True)
class RequestConfirmation:
    reference: str
    service_name: str
    submitted_local: datetime
    delivery: str  # "portal" | "post"
    follow_url: str
    queued_offline: bool = False
    # The case QR (kiosk.domain.cases.case_qr_payload): follow the case up at a kiosk
    # by scanning it, without the eID. "" prints none.
    case_qr: str = ""


def request_confirmation_receipt(data: RequestConfirmation, header: ReceiptHeader,
                                 tr: Translator, width: int = 42) -> ReceiptDocument:
    parts: list[Part] = [
        Headline(data.reference),
        Field(tr("receipt.service"), data.service_name),
        Field(tr("receipt.date"), format_datetime(data.submitted_local, tr.language)),
        Note(tr(f"confirmation.next.{data.delivery}")),
    ]
    if data.queued_offline:
        parts.append(Note(tr("confirmation.offline")))
    parts += [Note(tr("confirmation.follow")), Code(data.follow_url)]
    if data.case_qr:
        parts += [Note(tr("confirmation.scan_at_kiosk")), Code(data.case_qr)]
        # The same code in clear, for a citizen to type when the QR cannot be read.
        typed = parse_case_qr(data.case_qr)
        parts.append(Field(tr("confirmation.follow_code"), typed_code(typed.code)))
    return lay_out(tr("confirmation.heading"), header, parts, tr, width)


@dataclass(frozen=True)
class AppointmentConfirmation:
    service_name: str
    starts_local: datetime
    counter: str  # the city's internal counter code: never printed (issue 24, defect 5)
    site_name: str
    code: str  # printed as a QR code; the counter scans it on arrival


def appointment_receipt(data: AppointmentConfirmation, header: ReceiptHeader,
                        tr: Translator, width: int = 42) -> ReceiptDocument:
    parts: list[Part] = [
        Headline(format_datetime(data.starts_local, tr.language)),
        Field(tr("receipt.service"), data.service_name),
        Field(tr("appointment.site"), data.site_name),
        Note(tr("appointment.bring")),
        Code(data.code),
    ]
    return lay_out(tr("appointment.heading"), header, parts, tr, width)


@dataclass(frozen=True)
class CardPayment:
    masked_pan: str = field(repr=False)  # as masked by the terminal
    card_type: str
    terminal_id: str
    auth_code: str
    trace: str


@dataclass(frozen=True)
class CashPayment:
    inserted_cents: int
    change_cents: int
    owed_cents: int = 0


@dataclass(frozen=True)
class PaymentReceipt:
    reference: str
    service_name: str
    amount_cents: int
    paid_local: datetime
    method: CardPayment | CashPayment


def payment_receipt(data: PaymentReceipt, header: ReceiptHeader, tr: Translator,
                    width: int = 42) -> ReceiptDocument:
    language = tr.language
    parts: list[Part] = [
        Headline(format_money(data.amount_cents, language)),
        Field(tr("receipt.reference"), data.reference),
        Field(tr("receipt.service"), data.service_name),
        Field(tr("receipt.date"), format_datetime(data.paid_local, tr.language)),
    ]
    method = data.method
    if isinstance(method, CardPayment):
        parts += [
            Field(tr("payment.card"), f"{method.card_type} {method.masked_pan}"),
            Field(tr("payment.terminal"), method.terminal_id),
            Field(tr("payment.auth_code"), method.auth_code),
            Field(tr("payment.trace"), method.trace),
        ]
    else:
        parts += [
            Field(tr("payment.cash_inserted"), format_money(method.inserted_cents, language)),
            Field(tr("payment.change"), format_money(method.change_cents, language)),
        ]
        if method.owed_cents:
            parts += [
                Field(tr("payment.owed"), format_money(method.owed_cents, language)),
                Note(tr("payment.voucher")),
                Barcode(data.reference),
            ]
    return lay_out(tr("payment.heading"), header, parts, tr, width)


@dataclass(frozen=True)
class LibrarySlip:
    card_label: str  # already masked, e.g. "••••4821"
    borrowed: Sequence[tuple[str, date]] = ()
    returned: Sequence[str] = ()
    fines_paid_cents: int = 0
    when_local: datetime | None = None
    renewed: Sequence[tuple[str, date]] = ()
    offline: bool = False  # borrowed/returned while the library system was down


def library_slip(data: LibrarySlip, header: ReceiptHeader, tr: Translator,
                 width: int = 42) -> ReceiptDocument:
    parts: list[Part] = [Field(tr("library.patron"), data.card_label)]
    if data.when_local is not None:
        parts.append(Field(tr("receipt.date"), format_datetime(data.when_local, tr.language)))
    if data.borrowed:
        parts.append(Heading(tr("library.borrowed")))
        parts += [Field(title, f"{tr('library.due')} {format_date(due, tr.language)}")
                  for title, due in data.borrowed]
    if data.returned:
        parts.append(Heading(tr("library.returned")))
        parts += [Note(title) for title in data.returned]
    if data.renewed:
        parts.append(Heading(tr("library.renewed")))
        parts += [Field(title, f"{tr('library.due')} {format_date(due, tr.language)}")
                  for title, due in data.renewed]
    if data.fines_paid_cents:
        parts.append(Field(tr("library.fines_paid"),
                           format_money(data.fines_paid_cents, tr.language)))
    if data.offline:
        parts.append(Note(tr("library.offline_note")))
    return lay_out(tr("library.heading"), header, parts, tr, width)


SAMPLE_CHARACTERS = "àâçéèêëîïôùûü ÀÉÈÇ € äöü ñ"


@dataclass(frozen=True)
class TechnicianPage:
    kiosk_id: str
    site_name: str
    version: str
    devices: Mapping[str, str]  # kind → state in words
    printed_local: datetime


def _catalog_or(key: str, fallback: str, tr: Translator) -> str:
    return tr(key) if has_text(key) else fallback


def technician_test_page(data: TechnicianPage, header: ReceiptHeader, tr: Translator,
              width: int = 42) -> ReceiptDocument:
    parts: list[Part] = [
        Field(tr("test.kiosk"), data.kiosk_id),
        Field(tr("receipt.date"), format_datetime(data.printed_local, tr.language)),
        Field(tr("test.version"), data.version),
    ]
    # The devices by name in the page's language (the technician screen's words), not by
    # their config keys ("eid_reader"); a state the catalog has is translated too.
    parts += [Field(_catalog_or(f"device.{kind}", kind, tr),
                    _catalog_or(f"device.state.{state}", state, tr))
              for kind, state in sorted(data.devices.items())]
    parts += [Field(tr("test.characters"), ""), Note(SAMPLE_CHARACTERS),
              Code(f"kiosk:{data.kiosk_id}"), Barcode(data.kiosk_id)]
    return lay_out(tr("test.heading"), header, parts, tr, width)
