"""After payment: issue the sealed certificate, print it on the A4 printer, wait for the
job to complete — journaled so that a printed document is never charged or printed twice
and an unprinted one is owed (reprinted by a technician, or delivered by portal).

The journal row is committed before the backend is asked and before the printer gets
the job; a kiosk that stops mid-print finds the row ``pending`` with its job id at
start-up and asks the printer how that job ended (:meth:`DocumentDelivery.reconcile`).
The PDF itself is never stored here: the backend serves an issued document byte for
byte, so an owed one is fetched again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, Protocol

from sqlalchemy import select

from drivers.docprinter.interface import DocumentPrinter
from kiosk.devices import DeviceOwner
from kiosk.store.database import Store
from kiosk.store.models import DocumentPrint

log = logging.getLogger(__name__)
Outcome = Literal["printed", "owed"]


@dataclass(frozen=True)
class IssuedDocument:
    """A sealed certificate as the backend issued it."""

    pdf: bytes
    document_id: str
    pages: int


class DocumentUnavailableError(Exception):
    """The backend cannot issue the document now; the message is safe to show."""


class DocumentSource(Protocol):
    """Where sealed certificates come from (the backend, through the kiosk's HTTP client)."""

    def issue(self, request_id: str, card_session: str | None = None) -> IssuedDocument:
        """The sealed document of request ``request_id``, fetched under the citizen's
        card session (``card_session``: its token; the backend refuses a kiosk without
        it); raises :class:`DocumentUnavailableError` when it cannot be issued at once."""
        ...


@dataclass(frozen=True)
class DocumentRequest:
    request_id: str
    reference: str
    service_id: str
    language: str


@dataclass(frozen=True)
class Delivery:
    """What happened to the citizen's document; ``reason`` says why it is owed."""

    request_id: str
    outcome: Outcome
    pages: int | None = None
    reason: str = ""
    document_id: str | None = None


@dataclass(frozen=True)
class OwedDocument:
    request_id: str
    reference: str
    service_id: str
    reason: str
    attempts: int
    created_at: datetime


def _utc_now() -> datetime:
    return datetime.now(UTC)


class DocumentDelivery:
    """Prints sealed certificates through the A4 printer's owner thread."""

    def __init__(self, store: Store, source: DocumentSource,
                 printer: DeviceOwner[DocumentPrinter] | None, *,
                 clock: Callable[[], datetime] = _utc_now, print_timeout_s: float = 120.0,
                 call_timeout_s: float = 20.0) -> None:
        self._store = store
        self._source = source
        self._printer = printer
        self._clock = clock
        self._print_timeout_s = print_timeout_s
        self._call_timeout_s = call_timeout_s

    def preflight(self) -> tuple[bool, str]:
        """Can a document be printed now? Asked before the citizen pays."""
        if self._printer is None:
            return False, "this kiosk has no A4 printer"
        try:
            status = self._printer.call(lambda p: p.status(), self._call_timeout_s)
        except Exception as exc:  # any failure means: do not promise a print
            return False, f"the A4 printer does not answer ({type(exc).__name__})"
        if status.can_print:
            return True, ""
        why = ", ".join(status.blocking) or status.error or status.state
        return False, f"the A4 printer cannot print: {why}"

    def readiness(self) -> str:
        """Why a document cannot be printed now, as a code the screens translate: ""
        (it can), "offline", a blocking printer-state reason ("media-empty",
        "media-jam", "door-open", "toner-empty") or "other". Asked before the citizen
        pays, so that "print it here" is offered only when it can be kept."""
        if self._printer is None:
            return "offline"
        try:
            status = self._printer.call(lambda p: p.status(), self._call_timeout_s)
        except Exception:  # any failure means: do not promise a print
            return "offline"
        if status.can_print:
            return ""
        if status.state == "offline":
            return "offline"
        known = ("media-empty", "media-jam", "door-open", "toner-empty")
        return next((r for r in status.blocking if r in known), "other")

    def deliver(self, request: DocumentRequest, card_session: str | None = None) -> Delivery:
        """Issue and print the document of a paid request (at most once). ``card_session``:
        the token of the citizen's card session (the backend serves a kiosk a citizen's
        document only under it)."""
        with self._store.write() as session:
            row = session.get(DocumentPrint, request.request_id)
            if row is None:
                session.add(DocumentPrint(
                    request_id=request.request_id, reference=request.reference,
                    service_id=request.service_id, language=request.language,
                    status="pending", attempts=0, created_at=self._clock()))
            elif row.status == "printed":
                return Delivery(row.request_id, "printed", row.pages, "", row.document_id)
            elif row.status == "owed":
                return Delivery(row.request_id, "owed", None, row.reason or "",
                                row.document_id)
        return self._print(request.request_id, card_session)

    def reprint(self, request_id: str, card_session: str | None = None) -> Delivery:
        """Print an owed document again. The backend serves it to the kiosk only under
        the citizen's card session (``card_session``), so a reprint needs the citizen's
        eID and PIN; without it the document stays owed with the backend's reason (the
        counter or the portal delivers it)."""
        with self._store.read() as session:
            row = session.get(DocumentPrint, request_id)
            if row is None:
                raise KeyError(f"no document journaled for request {request_id}")
            if row.status != "owed":
                raise ValueError(f"the document of request {request_id} is {row.status}, "
                                 "not owed: nothing to reprint")
        return self._print(request_id, card_session)

    def owed(self) -> list[OwedDocument]:
        with self._store.read() as session:
            rows = session.scalars(select(DocumentPrint).where(DocumentPrint.status == "owed")
                                   .order_by(DocumentPrint.created_at)).all()
            return [OwedDocument(r.request_id, r.reference, r.service_id, r.reason or "",
                                 r.attempts, r.created_at) for r in rows]

    def reconcile(self) -> list[Delivery]:
        """At start-up: settle the documents a stopped kiosk left ``pending``."""
        with self._store.read() as session:
            pending = [(r.request_id, r.job_id) for r in session.scalars(
                select(DocumentPrint).where(DocumentPrint.status == "pending")).all()]
        settled = []
        for request_id, job_id in pending:
            if job_id is None or self._printer is None:
                settled.append(self._settle(request_id, "owed", reason="the kiosk stopped "
                                            "before the document was printed"))
                continue
            try:
                result = self._printer.call(lambda p, j=job_id: p.wait(j, 0),
                                            self._call_timeout_s)
            except Exception as exc:
                settled.append(self._settle(request_id, "owed", reason="the printer could "
                                            f"not say how the job ended ({type(exc).__name__})"))
                continue
            if result.completed:
                settled.append(self._settle(request_id, "printed"))
            else:
                settled.append(self._settle(request_id, "owed",
                                            reason=f"the print job ended {result.state}"))
        return settled

    # -- the steps -----------------------------------------------------------------

    def _print(self, request_id: str, card_session: str | None) -> Delivery:
        with self._store.write() as session:
            row = session.get(DocumentPrint, request_id)
            assert row is not None
            row.attempts += 1
            row.status, row.reason, row.job_id = "pending", None, None
        ready, why = self.preflight()
        if not ready:
            return self._settle(request_id, "owed", reason=why)
        try:
            issued = self._source.issue(request_id, card_session)
        except DocumentUnavailableError as exc:
            return self._settle(request_id, "owed", reason=str(exc))
        except Exception as exc:  # the backend's trouble is not the citizen's: owed
            return self._settle(request_id, "owed", reason="the document could not be "
                                f"fetched ({type(exc).__name__})")
        name = f"certificate-{request_id[:8]}.pdf"
        try:
            job_id = self._printer.call(lambda p: p.submit(issued.pdf, name),  # type: ignore[union-attr]
                                        self._call_timeout_s)
        except Exception as exc:
            return self._settle(request_id, "owed", document_id=issued.document_id,
                                reason=f"the A4 printer refused the job ({exc})"[:300])
        with self._store.write() as session:
            row = session.get(DocumentPrint, request_id)
            assert row is not None
            row.job_id, row.document_id = job_id, issued.document_id
        try:
            result = self._printer.call(  # type: ignore[union-attr]
                lambda p: p.wait(job_id, self._print_timeout_s), self._print_timeout_s + 10)
        except Exception as exc:
            return self._settle(request_id, "owed", document_id=issued.document_id,
                                reason=f"the A4 printer stopped during the job ({exc})"[:300])
        if not result.completed:
            return self._settle(request_id, "owed", document_id=issued.document_id,
                                reason=f"the print job did not complete: {result.state}")
        return self._settle(request_id, "printed", pages=issued.pages,
                            document_id=issued.document_id)

    def _settle(self, request_id: str, outcome: Outcome, *, reason: str = "",
                pages: int | None = None, document_id: str | None = None) -> Delivery:
        with self._store.write() as session:
            row = session.get(DocumentPrint, request_id)
            assert row is not None
            row.status, row.reason = outcome, reason or None
            if pages is not None:
                row.pages = pages
            if document_id is not None:
                row.document_id = document_id
            if outcome == "printed":
                row.printed_at = self._clock()
            result = Delivery(request_id, outcome, row.pages, reason, row.document_id)
        if outcome == "owed":
            log.warning("document of request %s owed: %s", request_id, reason)
        return result
