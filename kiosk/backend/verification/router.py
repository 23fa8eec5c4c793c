"""``/verify/<document-id>``, the upload form (``POST /verify``) and the JSON status
``GET /api/v1/documents/{document_id}/status``: public, no credential."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Header, HTTPException, Path, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select

from kiosk.backend import schemas
from kiosk.backend.app_context import AppContext
from kiosk.backend.documents import ZONE
from kiosk.backend.tables import DocumentRow
from kiosk.backend.verification.texts import LANGUAGES, TEXTS, language
from kiosk.seal.verify import check_seal, load_roots

log = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a certificate is ~50 kB; anything this big is not ours
DocumentId = Annotated[UUID, Path(description="the id in the document's QR code")]


@dataclass(frozen=True)
class FileResult:
    ok: bool
    text: str


def _verdict(row: DocumentRow, today: date) -> str:
    if row.revoked_at is not None:
        return "revoked"
    if row.valid_until is not None and row.valid_until < today:
        return "expired"
    return "genuine"


def _status(row: DocumentRow, ctx: AppContext, lang: str) -> schemas.DocumentStatus:
    service = next((s for s in ctx.settings.catalog.services if s.id == row.service_id), None)
    kind = getattr(service.name, lang) if service is not None else (row.service_id or "")
    return schemas.DocumentStatus(
        document_id=row.document_id or "", kind=kind, service_id=row.service_id or "",
        reference=row.reference or "", issued_on=row.issued_at.astimezone(ZONE).date(),
        valid_until=row.valid_until, sealed=bool(row.sealed),
        revoked=row.revoked_at is not None, verdict=_verdict(row, ctx.settings.today()),
        sha256=row.sha256)


def verification_router(ctx: AppContext) -> APIRouter:
    router = APIRouter()
    env = Environment(loader=PackageLoader("kiosk.backend.verification", "templates"),
                      autoescape=select_autoescape(["html"]))
    roots = load_roots(ctx.settings.seal_roots_pem) if ctx.settings.seal_roots_pem else []

    def find(lang: str, *, document_id: UUID | None = None,
             sha256: str | None = None) -> schemas.DocumentStatus | None:
        """The public status of a document, by id or by the digest of its file."""
        where = (DocumentRow.document_id == str(document_id) if document_id is not None
                 else DocumentRow.sha256 == sha256)
        with ctx.db.read() as session:
            row = session.scalar(select(DocumentRow).where(
                where, DocumentRow.document_id.is_not(None)))
            return None if row is None else _status(row, ctx, lang)

    def page(lang: str, code: int = 200, **values: object) -> HTMLResponse:
        html = env.get_template("verify.html").render(
            lang=lang, t=TEXTS[lang], languages=LANGUAGES, **values)
        return HTMLResponse(html, status_code=code, headers={"Cache-Control": "no-store"})

    @router.get("/api/v1/documents/{document_id}/status", tags=["documents"],
                response_model=schemas.DocumentStatus,
                responses={404: {"description": "no document with this id"}})
    def document_status(document_id: DocumentId,
                        lang: Annotated[str, Query(pattern="^(fr|nl|en)$")] = "en",
                        ) -> schemas.DocumentStatus:
        """What a sealed document is and whether it stands (public: what its QR code
        leads to, without any of the citizen's data); ``sha256`` lets a checker match a
        file to the document the city issued."""
        found = find(lang, document_id=document_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no document with this id")
        return found

    @router.get("/verify/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def verify_page(document_id: str, lang: str | None = None,
                    accept_language: Annotated[str | None, Header()] = None) -> HTMLResponse:
        chosen = language(lang, accept_language)
        try:
            found = find(chosen, document_id=UUID(document_id))
        except ValueError:
            found = None
        if found is None:
            return page(chosen, 404, unknown=True)
        return page(chosen, document=found, verdict=found.verdict)

    @router.get("/verify", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(lang: str | None = None,
                    accept_language: Annotated[str | None, Header()] = None) -> HTMLResponse:
        return page(language(lang, accept_language))

    @router.post("/verify", response_class=HTMLResponse, include_in_schema=False)
    async def upload(request: Request, lang: str | None = None,
                     accept_language: Annotated[str | None, Header()] = None) -> HTMLResponse:
        chosen = language(lang, accept_language)
        texts = TEXTS[chosen]
        async with request.form(max_files=1, max_fields=2,
                                 max_part_size=MAX_UPLOAD_BYTES) as form:
            upload = form.get("file")
            pdf = await upload.read(MAX_UPLOAD_BYTES + 1) if hasattr(upload, "read") else b""
        if not pdf or len(pdf) > MAX_UPLOAD_BYTES:
            return page(chosen, 400, file_result=FileResult(
                False, f"{texts['file_bad']}: no PDF file, or one larger than 10 MB"))
        # pyHanko's validator runs its own event loop: not on the server's.
        check = await run_in_threadpool(check_seal, pdf, roots)
        if not check.ok:
            return page(chosen, 200, file_result=FileResult(
                False, f"{texts['file_bad']}: {check.reason}"))
        found = await run_in_threadpool(find, chosen, sha256=hashlib.sha256(pdf).hexdigest())
        if found is None:
            return page(chosen, 200, file_result=FileResult(False, texts["file_not_issued"]))
        return page(chosen, document=found, verdict=found.verdict,
                    file_result=FileResult(found.verdict == "genuine", texts["file_ok"]))

    return router
