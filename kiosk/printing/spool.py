"""Durable receipt jobs: stored before they are sent, owed when they fail, reprintable.

A receipt is written to the store in the same transaction as the request it belongs
to. Printing happens after the commit; if it fails (no paper, printer offline) the
journey still completes, the receipt stays "failed" — owed to the citizen — and a
technician or the citizen (by the request's reference) can print it again.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from drivers.errors import DeviceError
from drivers.printer.document import ReceiptDocument, document_from_dict, document_to_dict
from drivers.printer.interface import ReceiptPrinter
from kiosk.devices import DeviceOwner
from kiosk.store.database import Store
from kiosk.store.models import PrintedReceipt, RequestRow

log = logging.getLogger(__name__)

DEFAULT_COLUMNS = 42


@dataclass(frozen=True)
class PrintOutcome:
    receipt_id: str
    printed: bool
    error: str = ""


@dataclass(frozen=True)
class OwedReceipt:
    receipt_id: str
    kind: str
    language: str
    reference: str | None
    created_at: datetime
    attempts: int
    error: str


class ReceiptSpool:
    def __init__(
        self,
        store: Store,
        printer: DeviceOwner[ReceiptPrinter] | None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        print_timeout_s: float = 20.0,
    ) -> None:
        self._store = store
        self._printer = printer
        self._now = now
        self._print_timeout_s = print_timeout_s

    @property
    def columns(self) -> int:
        """Line width of the printer, for laying receipts out."""
        if self._printer is None:
            return DEFAULT_COLUMNS
        return int(getattr(self._printer.device, "columns", DEFAULT_COLUMNS))

    def stage(self, session: Session, *, kind: str, language: str,
              document: ReceiptDocument, request_id: str | None) -> str:
        """Store ``document`` in the caller's transaction; returns the receipt id."""
        receipt_id = str(uuid.uuid4())
        session.add(PrintedReceipt(
            id=receipt_id, request_id=request_id, kind=kind, language=language,
            document=document_to_dict(document), status="pending", attempts=0,
            created_at=self._now(),
        ))
        return receipt_id

    def submit(self, *, kind: str, language: str, document: ReceiptDocument,
               request_id: str | None = None) -> PrintOutcome:
        """Store and print a receipt that belongs to no larger transaction."""
        with self._store.write() as session:
            receipt_id = self.stage(session, kind=kind, language=language,
                                    document=document, request_id=request_id)
        return self.print(receipt_id)

    def print(self, receipt_id: str) -> PrintOutcome:
        """Print a stored receipt (first time or again) and record the outcome."""
        with self._store.read() as session:
            row = session.get(PrintedReceipt, receipt_id)
            if row is None:
                raise KeyError(f"no stored receipt {receipt_id!r}")
            document = document_from_dict(row.document)
        error = self._send(document)
        with self._store.write() as session:
            row = session.get(PrintedReceipt, receipt_id)
            assert row is not None
            row.attempts += 1
            row.status = "failed" if error else "printed"
            row.error = error or None
            if not error:
                row.printed_at = self._now()
        return PrintOutcome(receipt_id, printed=not error, error=error)

    def owed(self) -> list[OwedReceipt]:
        """Receipts that never came out, oldest first."""
        with self._store.read() as session:
            rows = session.execute(
                select(PrintedReceipt, RequestRow.reference)
                .outerjoin(RequestRow, PrintedReceipt.request_id == RequestRow.id)
                .where(PrintedReceipt.status != "printed")
                .order_by(PrintedReceipt.created_at)
            ).all()
        return [OwedReceipt(r.id, r.kind, r.language, reference, r.created_at, r.attempts,
                            r.error or "") for r, reference in rows]

    def reprint_by_reference(self, reference: str) -> list[PrintOutcome]:
        """Print again every receipt of the request with ``reference``."""
        with self._store.read() as session:
            ids = session.scalars(
                select(PrintedReceipt.id)
                .join(RequestRow, PrintedReceipt.request_id == RequestRow.id)
                .where(RequestRow.reference == reference)
                .order_by(PrintedReceipt.created_at)
            ).all()
        if not ids:
            raise KeyError(f"no receipt for reference {reference!r}")
        return [self.print(receipt_id) for receipt_id in ids]

    def _send(self, document: ReceiptDocument) -> str:
        if self._printer is None:
            return "no printer configured"
        try:
            self._printer.call(lambda p: p.print_receipt(document), self._print_timeout_s)
        except DeviceError as exc:
            log.warning("receipt not printed: %s", exc)
            return str(exc)
        except TimeoutError:
            log.warning("receipt not printed: the printer took over %ss",
                        self._print_timeout_s)
            return "printer did not answer"
        return ""
