"""The queue ticket receipt."""

from __future__ import annotations

from drivers.printer.document import ReceiptDocument
from kiosk.domain.queue import QueueTicket
from kiosk.i18n import Translator
from kiosk.receipts.layout import Field, Headline, Note, ReceiptHeader, lay_out


def queue_ticket_receipt(ticket: QueueTicket, tr: Translator, width: int = 42) -> ReceiptDocument:
    return lay_out(
        tr("ticket.heading"),
        ReceiptHeader(ticket.site_name, ticket.kiosk_id),
        [
            Headline(ticket.number),
            Field(tr("ticket.desk"), ticket.desk_name),
            Field(tr("ticket.issued"), ticket.issued_local.strftime("%d/%m/%Y %H:%M")),
            Note(tr("ticket.wait")),
        ],
        tr,
        width,
    )
