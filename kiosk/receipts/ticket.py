"""The queue ticket receipt."""

from __future__ import annotations

from drivers.printer.document import ReceiptDocument
from kiosk.domain.queue import QueueTicket
from kiosk.i18n import Translator
from kiosk.l10n import format_datetime
from kiosk.receipts.layout import Field, Headline, Note, Part, ReceiptHeader, lay_out


def queue_ticket_receipt(ticket: QueueTicket, tr: Translator, width: int = 42) -> ReceiptDocument:
    parts: list[Part] = [
        Headline(ticket.number),
        Field(tr("ticket.desk"), ticket.desk_name),
        Field(tr("ticket.issued"), format_datetime(ticket.issued_local, tr.language)),
    ]
    if ticket.wait_minutes is not None:
        parts.append(Field(tr("ticket.estimate"), f"~{ticket.wait_minutes} min"))
    elif ticket.estimate_checked:
        parts.append(Note(tr("ticket.no_estimate")))
    parts.append(Note(tr("ticket.wait")))
    return lay_out(tr("ticket.heading"), ReceiptHeader(ticket.site_name, ticket.kiosk_id),
                   parts, tr, width)
