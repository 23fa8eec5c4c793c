"""Endpoints a kiosk calls: events, reference data, citizens, cases, slots, queue, ledger."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Response, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.backend import booking, cases, documents, reference, schemas
from kiosk.backend.app_context import AppContext
from kiosk.backend.auth import Principal
from kiosk.backend.bounds import Day
from kiosk.backend.card_sessions import CardSession
from kiosk.backend.deps import require_site
from kiosk.backend.payloads import PERSONAL_FIELDS
from kiosk.backend.routes_card_sessions import require_citizen
from kiosk.backend.schemas import ServiceId, SiteId
from kiosk.backend.tables import (
    CaseRow,
    CertificateRequestRow,
    DocumentRow,
    EventRow,
    PaymentRow,
    QueueTicketRow,
)
from kiosk.domain.cases import code_matches
from kiosk.domain.catalog import issued_at_once
from kiosk.seal.signer import SealError
from kiosk.seal.verify import page_count

CaseId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]
NOT_FOUND = {404: {"model": schemas.Problem}}
PDF = {200: {"content": {"application/pdf": {"schema": {"type": "string",
                                                        "format": "binary"}}},
             "description": "The certificate as issued (PDF)"},
       404: {"model": schemas.Problem},
       503: {"model": schemas.Problem}}
FORBIDDEN = {401: {"model": schemas.Problem}, 403: {"model": schemas.Problem}}
RATE_LIMITED = {429: {"model": schemas.Problem,
                      "description": "Too many lookups with this credential (Retry-After)"}}


class CitizenLookup(schemas.CaseLookup):
    """Whose record: in the body, never in the URL (paths end up in access logs)."""


def kiosk_router(ctx: AppContext) -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=FORBIDDEN)
    # Type aliases, hence the capitals.
    Device = Annotated[Principal, Depends(ctx.guards.device)]  # noqa: N806
    Kiosk = Annotated[Principal, Depends(ctx.guards.kiosk)]  # noqa: N806
    # A kiosk with a live card session (PIN + card signature): personal data only then.
    Card = Annotated[CardSession | None, Depends(ctx.card_session)]  # noqa: N806
    # A citizen's documents and bookings in a citizen's name: an admin, or a kiosk with
    # that citizen's card session.
    Reader = Annotated[CardSession | None, Depends(ctx.citizen_reader)]  # noqa: N806

    @router.post("/events:batch", response_model=schemas.EventBatchResult, tags=["events"])
    def post_events(batch: schemas.EventBatch, who: Kiosk) -> schemas.EventBatchResult:
        """Deliver events; the answer is per event: accepted, duplicate or rejected."""
        received_at, results = ctx.intake.submit(who, batch.events)
        return schemas.EventBatchResult(received_at=received_at, results=results)

    @router.get("/events/{event_id}", response_model=schemas.StoredEvent, tags=["events"],
                responses=NOT_FOUND)
    def get_event(event_id: UUID, who: Kiosk) -> schemas.StoredEvent:
        """One of this kiosk's own events (another kiosk's is "not found"). A citizen's
        personal data in it (the national number) is withheld: the credential alone
        reads no citizen."""
        with ctx.db.read() as session:
            row = session.get(EventRow, str(event_id))
            if row is None or row.device_id != who.id:
                raise HTTPException(status.HTTP_404_NOT_FOUND, "no such event")
            return schemas.StoredEvent(event_id=row.event_id, type=row.type,
                                       kiosk_time=row.kiosk_time, seq=row.seq,
                                       payload={k: v for k, v in row.payload.items()
                                                if k not in PERSONAL_FIELDS},
                                       received_at=row.received_at)

    @router.get("/catalog", response_model=schemas.Catalog, tags=["reference"],
                responses={304: {"description": "Not modified (If-None-Match matched)"}})
    def get_catalog(who: Device, response: Response,
                    if_none_match: Annotated[str | None, Header(max_length=512)] = None,
                    ) -> schemas.Catalog | Response:
        """Services, fees, texts, desks and sites, with a strong ETag."""
        with ctx.db.read() as session:
            document, etag = reference.catalog_document(session, ctx.settings.catalog)
        if reference.etag_matches(if_none_match, etag):
            return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        response.headers["ETag"] = etag
        response.headers["Cache-Control"] = "no-cache"
        return document

    @router.post("/citizens:lookup", response_model=schemas.Citizen,
                 tags=["citizens"], responses=NOT_FOUND | RATE_LIMITED)
    def lookup_citizen(lookup: CitizenLookup, who: Kiosk, card: Card) -> schemas.Citizen:
        """The citizen the kiosk identified by eID, with the household. The national
        number is in the body: a URL carrying it would end up in access logs. Only with
        a card session of this citizen (403 otherwise); audited, rate-limited per
        credential (429)."""
        ctx.lookups.admit(who, "citizens:lookup", lookup.national_number)
        require_citizen(card, lookup.national_number)
        with ctx.db.read() as session:
            found = cases.citizen(session, lookup.national_number)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such citizen")
        return found

    @router.post("/cases:lookup", response_model=list[schemas.Case], tags=["cases"],
                 responses=RATE_LIMITED)
    def lookup_cases(lookup: schemas.CaseLookup, who: Kiosk, card: Card) -> list[schemas.Case]:
        """The citizen's cases with their history (case follow-up). The national
        number is in the body: a URL carrying it would end up in access logs. Only with
        a card session of this citizen (403 otherwise); audited, rate-limited per
        credential (429)."""
        ctx.lookups.admit(who, "cases:lookup", lookup.national_number)
        require_citizen(card, lookup.national_number)
        with ctx.db.read() as session:
            return cases.cases_of(session, lookup.national_number)

    @router.post("/cases:by-reference", response_model=list[schemas.Case], tags=["cases"],
                 responses=NOT_FOUND | RATE_LIMITED)
    def cases_by_reference(found_by: schemas.CaseByReference,
                           who: Device) -> list[schemas.Case]:
        """The case a confirmation's QR code points to (follow-up without the eID):
        its reference and the verification code printed beside it. An unknown
        reference and a wrong code get the same answer. Audited; rate-limited per
        credential (429), which also bounds guessing codes."""
        ctx.lookups.admit(who, "cases:by-reference", found_by.reference)
        with ctx.db.read() as session:
            rows = session.execute(
                select(CaseRow).join(CertificateRequestRow,
                                     CertificateRequestRow.case_id == CaseRow.id)
                .where(CertificateRequestRow.reference == found_by.reference)).scalars().all()
            matched = [row for row in rows if row.request_id is not None
                       and code_matches(found_by.code, row.request_id)]
            if not matched:
                raise HTTPException(status.HTTP_404_NOT_FOUND, "no case with this code")
            return [found for row in matched
                    if (found := cases.case(session, row.id)) is not None]

    @router.get("/cases/{case_id}/document", tags=["cases"], response_class=Response,
                responses=PDF)
    def get_document(case_id: CaseId, who: Device, card: Reader) -> Response:
        """The certificate issued for a ready (or delivered) certificate request, as PDF.

        For admins, and for the kiosk the citizen made the request at holding that
        citizen's card session (``X-Card-Session``; 403 otherwise); 404 with the reason
        while the case is not ready."""
        with ctx.db.read() as session:
            case = session.get(CaseRow, case_id)
            if case is None:
                raise HTTPException(status.HTTP_404_NOT_FOUND, "no such case")
            if not documents.may_read(who, session.get(CertificateRequestRow, case_id)):
                raise HTTPException(status.HTTP_403_FORBIDDEN,
                                    "this case was not requested at this kiosk")
            _require_case_citizen(session, case_id, card)
            if case.status not in documents.ISSUED:
                raise HTTPException(status.HTTP_404_NOT_FOUND,
                                    f"the certificate is not ready: the case is {case.status}")
            stored = session.get(DocumentRow, case_id)
            document = None if stored is None else (stored.pdf, stored.sha256)
        if document is None:  # ready before documents were issued (demo data, old databases)
            try:
                with ctx.db.write() as session:
                    case = session.get(CaseRow, case_id, with_for_update=True)
                    if case is None:
                        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such case")
                    issued = documents.issue(session, case, ctx.settings.catalog,
                                             sealer=ctx.settings.sealer,
                                             verify_base_url=ctx.settings.public_url)
                    document = (issued.pdf, issued.sha256)
            except documents.NotIssuableError as exc:
                raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
            except (documents.FontMissingError, SealError) as exc:
                raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc)) from None
        pdf, digest = document
        return Response(pdf, media_type="application/pdf", headers={
            "Content-Disposition": f'inline; filename="certificate-{case_id}.pdf"',
            "ETag": f'"{digest[:32]}"',
            "Cache-Control": "private, no-store"})

    @router.post("/certificate-requests/{request_id}/document", tags=["cases"],
                 response_class=Response, responses=PDF)
    def issue_now(request_id: UUID, who: Device, card: Reader) -> Response:
        """Issue, while the citizen waits, the sealed certificate of a request this kiosk
        made (its ``certificate_request.submitted`` event delivered first), for the
        services the register answers at once. A kiosk needs the citizen's card session
        (``X-Card-Session``; 403 without it or for another citizen). Idempotent: the
        same request gets the same document. 404 unknown request, 409 not issuable at
        once (portal/post), 503 seal or font missing. Headers: ``X-Document-Id``,
        ``X-Document-Pages``."""
        with ctx.db.write() as session:
            case = session.scalar(select(CaseRow).where(CaseRow.request_id == str(request_id))
                                  .with_for_update())
            request = None if case is None else session.get(CertificateRequestRow, case.id)
            if case is None or not documents.may_read(who, request):
                raise HTTPException(status.HTTP_404_NOT_FOUND,
                                    "no certificate request with this id from this kiosk")
            _require_case_citizen(session, case.id, card)
            if not issued_at_once(ctx.settings.catalog, case.service_id):
                raise HTTPException(status.HTTP_409_CONFLICT,
                                    "this certificate is not issued at once: portal or post")
            now = ctx.settings.clock()
            for step, note in (("in_progress", "checked against the register at once"),
                               ("ready", "issued at once at the kiosk")):
                if step in cases.NEXT[case.status]:
                    cases.transition(session, case.id,
                                     schemas.CaseTransition(status=step, note=note), now)
            if case.status not in documents.ISSUED:
                raise HTTPException(status.HTTP_409_CONFLICT,
                                    f"the certificate cannot be issued: the case is "
                                    f"{case.status}")
            try:
                issued = documents.issue(session, case, ctx.settings.catalog,
                                         sealer=ctx.settings.sealer,
                                         verify_base_url=ctx.settings.public_url)
            except documents.NotIssuableError as exc:
                raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
            except (documents.FontMissingError, SealError) as exc:
                raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc)) from None
            pdf, digest, document_id = issued.pdf, issued.sha256, issued.document_id or ""
        return Response(pdf, media_type="application/pdf", headers={
            "X-Document-Id": document_id, "X-Document-Pages": str(page_count(pdf)),
            "ETag": f'"{digest[:32]}"', "Cache-Control": "private, no-store"})

    @router.get("/sites/{site}/slots", response_model=list[schemas.Slot], tags=["appointments"],
                responses=NOT_FOUND)
    def get_slots(site: Annotated[SiteId, Path()], day: Day, who: Device,
                  service_id: Annotated[ServiceId | None, Query()] = None,
                  ) -> list[schemas.Slot]:
        """The site's appointment slots on ``day``, free or not. Any site of the city:
        a citizen may book at another antenna than the kiosk's own; 404 for an unknown
        site."""
        with ctx.db.read() as session:
            try:
                booking.require_known_site(session, site)
            except booking.NoSuchSiteError:
                raise HTTPException(status.HTTP_404_NOT_FOUND, f"no such site: {site}") from None
            return booking.slots_for_day(session, site, day, service_id)

    @router.post("/sites/{site}/appointments", response_model=schemas.Booking,
                 status_code=status.HTTP_201_CREATED, tags=["appointments"],
                 responses={404: {"model": schemas.Problem}, 409: {"model": schemas.Problem}})
    def post_appointment(site: Annotated[SiteId, Path()], request: schemas.BookingRequest,
                         who: Device, card: Reader) -> schemas.Booking:
        """Book a slot at any site of the city in a citizen's name (the booking records
        the kiosk that booked); 404 for an unknown site or slot, 409 when it is taken
        (never two bookings for one slot). A kiosk books only for the citizen whose card
        session it holds (``X-Card-Session``; 403 without one or for another citizen):
        its credential alone would let it book, and so probe, in anyone's name. An admin
        books for anyone."""
        require_citizen(card, request.national_number)
        try:
            return booking.book(ctx.db, site, request, who.id, ctx.settings.clock())
        except booking.NoSuchSiteError:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no such site: {site}") from None
        except booking.NoSuchSlotError:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such slot at this site") from None
        except booking.SlotTakenError as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None

    @router.get("/sites/{site}/queue", response_model=list[schemas.QueueTicket], tags=["queue"])
    def get_queue(site: Annotated[SiteId, Path()], day: Day,
                  who: Device) -> list[schemas.QueueTicket]:
        """Queue tickets issued at the site on ``day``."""
        require_site(who, site)
        with ctx.db.read() as session:
            rows = session.execute(select(QueueTicketRow).where(
                QueueTicketRow.site == site, QueueTicketRow.day == day)
                .order_by(QueueTicketRow.issued_at)).scalars().all()
            return [schemas.QueueTicket(kiosk_id=r.kiosk_id, desk=r.desk, number=r.number,
                                        issued_at=r.issued_at) for r in rows]

    @router.get("/ledger/{day}", response_model=schemas.Ledger, tags=["payments"])
    def get_ledger(day: Day, who: Kiosk) -> schemas.Ledger:
        """This kiosk's payments ledger for ``day``."""
        return ledger(ctx, who.id, day)

    return router


def _require_case_citizen(session: Session, case_id: str, card: CardSession | None) -> None:
    """The case is the card session's citizen's, else 403 (``None``: an admin, or no
    session where none is required). Compared in the database: the case keeps only the
    national number's keyed hash."""
    if card is None:
        return
    mine = session.scalar(select(CaseRow.id).where(CaseRow.id == case_id,
                                                   CaseRow.national_number
                                                   == card.national_number))
    if mine is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            "the card session is for another citizen")


def ledger(ctx: AppContext, kiosk_id: str, day: date) -> schemas.Ledger:
    """One kiosk's completed payments on one day, with the total."""
    with ctx.db.read() as session:
        rows = session.execute(select(PaymentRow).where(
            PaymentRow.kiosk_id == kiosk_id, PaymentRow.day == day)
            .order_by(PaymentRow.completed_at)).scalars().all()
        entries = [schemas.LedgerEntry(payment_id=r.payment_id, method=r.method,
                                       amount_cents=r.amount_cents, request_id=r.request_id,
                                       completed_at=r.completed_at) for r in rows]
    return schemas.Ledger(kiosk_id=kiosk_id, day=day, count=len(entries),
                          total_cents=sum(e.amount_cents for e in entries), entries=entries)
