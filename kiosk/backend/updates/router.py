"""The updates API: bundles (upload; download with HTTP Range so a cut download
resumes), rollouts, what a kiosk should run, its reports, per-kiosk state, unblocking."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at run time.
import re
import tarfile
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, status
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from kiosk.backend.app_context import AppContext
from kiosk.backend.auth import Principal
from kiosk.backend.schemas import Problem
from kiosk.backend.updates import schemas
from kiosk.backend.updates.service import UpdatesError, UpdatesService
from kiosk.updates.bundle import bundle_name, read_manifest
from kiosk.updates.errors import UpdateError

FORBIDDEN = {401: {"model": Problem}, 403: {"model": Problem}}
NOT_FOUND = {404: {"model": Problem}}
CONFLICT = {409: {"model": Problem}}
MAX_BUNDLE_BYTES = 2 << 30
VersionParam = Annotated[str, PathParam(pattern=r"^\d{1,6}(\.\d{1,6}){1,3}$", max_length=32)]
RolloutId = Annotated[int, PathParam(ge=1, le=2_147_483_647)]


_RANGE = re.compile(r"^bytes=(\d{0,19})-(\d{0,19})$")


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """One ``Range: bytes=…`` → (first, last) inclusive; None: send the whole file.

    Several ranges or a malformed header are ignored (RFC 9110 allows it); a range that
    starts past the end raises 416.
    """
    match = _RANGE.match((header or "").strip())
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.group(1), match.group(2)
    if first == "":  # bytes=-N: the last N bytes
        count = int(last)
        return (max(size - count, 0), size - 1) if count > 0 and size > 0 else None
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size:
        raise HTTPException(
            status.HTTP_416_RANGE_NOT_SATISFIABLE,
            "range starts past the end",
            headers={"Content-Range": f"bytes */{size}"},
        )
    return (start, end) if end >= start else None


def updates_router(ctx: AppContext) -> APIRouter:
    """Bundles live in the database (1 MiB chunks): nothing to configure, and any
    backend instance serves any byte range."""
    service = UpdatesService(ctx.db, ctx.settings.clock)
    router = APIRouter(responses=FORBIDDEN, tags=["updates"])
    Kiosk = Annotated[Principal, Depends(ctx.guards.kiosk)]  # noqa: N806 (a type alias)
    Device = Annotated[Principal, Depends(ctx.guards.device)]  # noqa: N806
    Admin = Annotated[Principal, Depends(ctx.guards.admin)]  # noqa: N806

    def fail(exc: UpdatesError) -> HTTPException:
        return HTTPException(exc.status, str(exc))

    @router.put(
        "/api/v1/admin/updates/bundles/{version}",
        response_model=schemas.Bundle,
        responses={413: {"model": Problem}, 422: {"model": Problem}},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        },
    )
    async def put_bundle(version: VersionParam, request: Request, who: Admin) -> schemas.Bundle:
        """Upload a signed release bundle (the raw ``.kbundle`` file as the body). Its
        manifest must name ``version``; kiosks verify the signature before use."""
        with tempfile.TemporaryDirectory(prefix="kiosk-bundle-upload-") as work:
            upload = Path(work) / "upload.kbundle"
            size = 0
            with upload.open("wb") as out:
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > MAX_BUNDLE_BYTES:
                        raise HTTPException(
                            status.HTTP_413_CONTENT_TOO_LARGE, "bundle larger than 2 GiB"
                        )
                    out.write(chunk)
            try:
                manifest = await run_in_threadpool(read_manifest, upload)
            except (UpdateError, tarfile.TarError) as exc:
                raise HTTPException(
                    status.HTTP_422_UNPROCESSABLE_CONTENT, f"not a release bundle: {exc}"
                ) from None
            if manifest.version != version:
                raise HTTPException(
                    status.HTTP_422_UNPROCESSABLE_CONTENT,
                    f"the bundle's manifest says {manifest.version}, not {version}",
                )
            filename = bundle_name(manifest.package, version)
            return await run_in_threadpool(service.add_bundle, version, filename, upload, who.id)

    @router.get(
        "/api/v1/updates/bundles/{version}",
        response_class=StreamingResponse,
        responses={
            **NOT_FOUND,
            200: {"content": {"application/octet-stream": {}}, "description": "the bundle"},
            206: {"description": "the requested byte range (Content-Range)"},
            416: {"model": Problem},
        },
    )
    def get_bundle(
        version: VersionParam,
        who: Device,
        range_header: Annotated[str | None, Header(alias="Range", max_length=200)] = None,
    ) -> StreamingResponse:
        """The bundle; honours ``Range: bytes=N-`` so a cut download resumes."""
        bundle = service.bundle(version)
        if bundle is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no bundle for {version}")
        wanted = parse_range(range_header, bundle.size)
        first, last = wanted if wanted is not None else (0, bundle.size - 1)
        headers = {
            "Accept-Ranges": "bytes",
            "Content-Length": str(max(last - first + 1, 0)),
            "ETag": f'"{bundle.sha256}"',
            "Content-Disposition": f'attachment; filename="{bundle.filename}"',
        }
        if wanted is not None:
            headers["Content-Range"] = f"bytes {first}-{last}/{bundle.size}"
        body = service.read_bundle(version, first, last) if bundle.size else iter(())
        return StreamingResponse(
            body,
            status_code=status.HTTP_206_PARTIAL_CONTENT if wanted else status.HTTP_200_OK,
            media_type="application/octet-stream",
            headers=headers,
        )

    @router.get("/api/v1/updates/target", response_model=schemas.Target)
    def get_target(request: Request, who: Kiosk) -> schemas.Target:
        """Which version this kiosk should run (``version: null``: stay as it is), and
        versions central IT unblocked for it."""
        base = str(request.base_url).rstrip("/")
        return service.target(who.id, who.site or "", base)

    @router.post("/api/v1/updates/state", status_code=status.HTTP_204_NO_CONTENT)
    def post_state(report: schemas.StateReport, who: Kiosk) -> None:
        """This kiosk's update state (downloading … healthy, rolled_back + reason)."""
        service.report(who.id, who.site or "", report)

    @router.post(
        "/api/v1/admin/updates/rollouts",
        response_model=schemas.Rollout,
        status_code=status.HTTP_201_CREATED,
        responses=CONFLICT,
    )
    def post_rollout(request: schemas.RolloutRequest, who: Admin) -> schemas.Rollout:
        """Start rolling a version out in waves (supersedes the rollout in progress)."""
        try:
            return service.create_rollout(request, who.id)
        except UpdatesError as exc:
            raise fail(exc) from None

    @router.get("/api/v1/admin/updates/rollouts", response_model=list[schemas.Rollout])
    def get_rollouts(who: Admin) -> list[schemas.Rollout]:
        return service.rollouts()

    @router.get(
        "/api/v1/admin/updates/rollouts/{rollout_id}",
        response_model=schemas.Rollout,
        responses=NOT_FOUND,
    )
    def get_rollout(rollout_id: RolloutId, who: Admin) -> schemas.Rollout:
        try:
            return service.rollout(rollout_id)
        except UpdatesError as exc:
            raise fail(exc) from None

    @router.post(
        "/api/v1/admin/updates/rollouts/{rollout_id}/advance",
        response_model=schemas.Rollout,
        responses={**NOT_FOUND, **CONFLICT},
    )
    def post_advance(rollout_id: RolloutId, who: Admin) -> schemas.Rollout:
        """Open the next wave now (e.g. a kiosk of this wave is offline)."""
        try:
            return service.advance(rollout_id)
        except UpdatesError as exc:
            raise fail(exc) from None

    @router.post(
        "/api/v1/admin/updates/rollouts/{rollout_id}/resume",
        response_model=schemas.Rollout,
        responses={**NOT_FOUND, **CONFLICT},
    )
    def post_resume(rollout_id: RolloutId, who: Admin) -> schemas.Rollout:
        """Resume a halted rollout (after the cause of its rollback is understood)."""
        try:
            return service.resume(rollout_id)
        except UpdatesError as exc:
            raise fail(exc) from None

    @router.get("/api/v1/admin/updates/kiosks", response_model=list[schemas.KioskUpdate])
    def get_kiosks(
        who: Admin,
        site: Annotated[str | None, Query(max_length=64)] = None,
    ) -> list[schemas.KioskUpdate]:
        """Every kiosk's update state (the fleet page renders this)."""
        return service.kiosk_states(site)

    @router.post(
        "/api/v1/admin/updates/versions/{version}/unblock", response_model=schemas.Unblocked
    )
    def post_unblock(version: VersionParam, who: Admin) -> schemas.Unblocked:
        """Kiosks that rolled ``version`` back may try it again."""
        return service.unblock(version)

    return router
