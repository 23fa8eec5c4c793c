"""Rollouts and per-kiosk update state over the backend database.

A rollout is a version and waves (a canary kiosk, a site, all). A kiosk is offered the
version once its wave is open; a wave opens when every kiosk of the previous one
reported ``healthy`` (or central IT advances it). A ``rolled_back`` or ``failed`` report
for the rollout's version halts the rollout on its own: no kiosk is offered the version
any more until central IT resumes it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from kiosk.backend.database import Database
from kiosk.backend.tables import Credential
from kiosk.backend.updates import schemas
from kiosk.backend.updates.tables import (
    KioskUpdateRow,
    RolloutRow,
    UpdateBundleChunkRow,
    UpdateBundleRow,
)

log = logging.getLogger(__name__)
ACTIVE, HALTED, COMPLETED, SUPERSEDED = "active", "halted", "completed", "superseded"
HALTING_STATES = frozenset({"rolled_back", "failed"})
CHUNK = 1 << 20


class UpdatesError(Exception):
    """A request central IT must fix (404/409 in the API); the message says what."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _in_wave(wave: dict[str, Any], kiosk_id: str, site: str) -> bool:
    if wave.get("all"):
        return True
    if wave.get("site") is not None:
        return wave["site"] == site
    return kiosk_id in (wave.get("kiosks") or [])


def wave_of(waves: list[dict[str, Any]], kiosk_id: str, site: str) -> int | None:
    """The first wave that includes the kiosk (None: none does)."""
    return next((i for i, w in enumerate(waves) if _in_wave(w, kiosk_id, site)), None)


def _rollout(row: RolloutRow) -> schemas.Rollout:
    return schemas.Rollout(
        id=row.id,
        version=row.version,
        waves=[schemas.Wave(**w) for w in row.waves],
        wave=row.wave,
        status=row.status,
        halted_reason=row.halted_reason,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _bundle(row: UpdateBundleRow) -> schemas.Bundle:
    return schemas.Bundle(
        version=row.version,
        filename=row.filename,
        size=row.size,
        sha256=row.sha256,
        uploaded_at=row.uploaded_at,
    )


def _kiosk(row: KioskUpdateRow) -> schemas.KioskUpdate:
    return schemas.KioskUpdate(
        kiosk_id=row.kiosk_id,
        site=row.site,
        version=row.version,
        state=row.state,
        reason=row.reason,
        current=row.current,
        rollout_id=row.rollout_id,
        updated_at=row.updated_at,
    )


class UpdatesService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock

    # --- bundles -------------------------------------------------------------------

    def add_bundle(self, version: str, filename: str, source: Path, who: str) -> schemas.Bundle:
        """Store the bundle file ``source`` (already checked to be ``version``) in 1 MiB
        chunks, replacing an earlier upload of the same version, in one transaction."""
        digest, size = hashlib.sha256(), 0
        with self.db.write() as session:
            session.execute(
                delete(UpdateBundleChunkRow).where(UpdateBundleChunkRow.version == version)
            )
            with source.open("rb") as handle:
                seq = 0
                while data := handle.read(CHUNK):
                    digest.update(data)
                    size += len(data)
                    session.execute(
                        insert(UpdateBundleChunkRow).values(version=version, seq=seq, data=data)
                    )
                    seq += 1
            row = session.get(UpdateBundleRow, version)
            if row is None:
                row = UpdateBundleRow(version=version)
                session.add(row)
            row.filename, row.size, row.sha256 = filename, size, digest.hexdigest()
            row.uploaded_at, row.uploaded_by = self.clock(), who
            session.flush()
            return _bundle(row)

    def read_bundle(self, version: str, start: int, end: int) -> Iterator[bytes]:
        """Bytes ``start``..``end`` (inclusive) of a bundle, one chunk per query so a
        slow download holds no transaction open."""
        first, last = start // CHUNK, end // CHUNK
        for seq in range(first, last + 1):
            with self.db.read() as session:
                data = session.scalar(
                    select(UpdateBundleChunkRow.data).where(
                        UpdateBundleChunkRow.version == version, UpdateBundleChunkRow.seq == seq
                    )
                )
            if data is None:  # replaced by a new upload meanwhile: end the body short
                return
            lo = start - seq * CHUNK if seq == first else 0
            hi = end - seq * CHUNK + 1 if seq == last else len(data)
            yield bytes(data[lo:hi])

    def bundles(self) -> list[schemas.Bundle]:
        """Every uploaded bundle, newest upload first (the rollout page's choice)."""
        with self.db.read() as session:
            rows = session.scalars(
                select(UpdateBundleRow).order_by(UpdateBundleRow.uploaded_at.desc())
            ).all()
            return [_bundle(r) for r in rows]

    def bundle(self, version: str) -> schemas.Bundle | None:
        with self.db.read() as session:
            row = session.get(UpdateBundleRow, version)
            return _bundle(row) if row is not None else None

    # --- rollouts ------------------------------------------------------------------

    def create_rollout(self, request: schemas.RolloutRequest, who: str) -> schemas.Rollout:
        now = self.clock()
        with self.db.write() as session:
            if session.get(UpdateBundleRow, request.version) is None:
                raise UpdatesError(409, f"no bundle uploaded for version {request.version}")
            for old in session.scalars(
                select(RolloutRow).where(RolloutRow.status.in_((ACTIVE, HALTED)))
            ):
                old.status, old.updated_at = SUPERSEDED, now
            row = RolloutRow(
                version=request.version,
                waves=[
                    w.model_dump(exclude_none=True, exclude_defaults=True) for w in request.waves
                ],
                wave=0,
                status=ACTIVE,
                halted_reason=None,
                created_at=now,
                updated_at=now,
                created_by=who,
            )
            session.add(row)
            session.flush()
            log.info("rollout %s of %s created by %s", row.id, row.version, who)
            return _rollout(row)

    def rollouts(self) -> list[schemas.Rollout]:
        with self.db.read() as session:
            rows = session.scalars(select(RolloutRow).order_by(RolloutRow.id.desc())).all()
            return [_rollout(r) for r in rows]

    def rollout(self, rollout_id: int) -> schemas.Rollout:
        with self.db.read() as session:
            return _rollout(self._get(session, rollout_id))

    def advance(self, rollout_id: int) -> schemas.Rollout:
        """Central IT opens the next wave by hand (kiosks of this one may be offline)."""
        with self.db.write() as session:
            row = self._get(session, rollout_id)
            if row.status != ACTIVE:
                raise UpdatesError(409, f"rollout {rollout_id} is {row.status}, not active")
            self._open_next(row)
            return _rollout(row)

    def resume(self, rollout_id: int) -> schemas.Rollout:
        with self.db.write() as session:
            row = self._get(session, rollout_id)
            if row.status != HALTED:
                raise UpdatesError(409, f"rollout {rollout_id} is {row.status}, not halted")
            row.status, row.halted_reason, row.updated_at = ACTIVE, None, self.clock()
            return _rollout(row)

    def _get(self, session: Session, rollout_id: int) -> RolloutRow:
        row = session.get(RolloutRow, rollout_id)
        if row is None:
            raise UpdatesError(404, f"no rollout {rollout_id}")
        return row

    def _open_next(self, row: RolloutRow) -> None:
        row.wave += 1
        row.updated_at = self.clock()
        if row.wave >= len(row.waves):
            row.status = COMPLETED
        log.info("rollout %s of %s: wave %s (%s)", row.id, row.version, row.wave, row.status)

    def _current(self, session: Session) -> RolloutRow | None:
        return session.scalars(
            select(RolloutRow)
            .where(RolloutRow.status.in_((ACTIVE, HALTED, COMPLETED)))
            .order_by(RolloutRow.id.desc())
            .limit(1)
        ).first()

    # --- kiosks --------------------------------------------------------------------

    def target(self, kiosk_id: str, site: str, base_url: str) -> schemas.Target:
        """What this kiosk should run now."""
        with self.db.read() as session:
            state = session.get(KioskUpdateRow, kiosk_id)
            unblock = [state.unblock] if state is not None and state.unblock else []
            row = self._current(session)
            if row is None:
                return schemas.Target(version=None, unblock=unblock)
            already = (
                state is not None
                and state.version == row.version
                and state.state in ("switched", "healthy")
            )
            wave = wave_of(row.waves, kiosk_id, site)
            offered = wave is not None and (
                row.status == COMPLETED or (row.status == ACTIVE and wave <= row.wave)
            )
            if not (offered or already):
                return schemas.Target(version=None, rollout_id=row.id, unblock=unblock)
            bundle = session.get(UpdateBundleRow, row.version)
            assert bundle is not None  # a rollout needs its bundle (create_rollout)
            return schemas.Target(
                version=row.version,
                size=bundle.size,
                sha256=bundle.sha256,
                url=f"{base_url}/api/v1/updates/bundles/{row.version}",
                rollout_id=row.id,
                unblock=unblock,
            )

    def report(self, kiosk_id: str, site: str, report: schemas.StateReport) -> None:
        """A kiosk's update state; may halt the rollout or open its next wave."""
        now = self.clock()
        with self.db.write() as session:
            row = self._current(session)
            state = session.get(KioskUpdateRow, kiosk_id)
            if state is None:
                state = KioskUpdateRow(kiosk_id=kiosk_id)
                session.add(state)
            state.site, state.version, state.state = site, report.version, report.state
            state.reason, state.current, state.updated_at = report.reason, report.current, now
            state.rollout_id = row.id if row is not None and row.version == report.version else None
            if state.unblock == report.version and report.state not in HALTING_STATES:
                state.unblock = None
            session.flush()
            if row is None or row.status != ACTIVE or row.version != report.version:
                return
            wave = wave_of(row.waves, kiosk_id, site)
            if wave is None or wave > row.wave:
                # Not offered this version (yet): its report is kept, but a kiosk outside
                # the opened waves — misconfigured, on a test build, or hostile — neither
                # halts the rollout nor counts towards opening the next wave.
                log.warning("kiosk %s reported %s %s outside the rollout's opened waves",
                            kiosk_id, report.state, report.version)
                return
            if report.state in HALTING_STATES:
                row.status, row.updated_at = HALTED, now
                row.halted_reason = (
                    f"kiosk {kiosk_id} {report.state.replace('_', ' ')} "
                    f"{report.version}: {report.reason or 'no reason given'}"
                )
                log.warning("rollout %s halted: %s", row.id, row.halted_reason)
            elif report.state == "healthy" and self._wave_healthy(session, row):
                self._open_next(row)

    def _wave_healthy(self, session: Session, row: RolloutRow) -> bool:
        members = [
            c
            for c in session.scalars(
                select(Credential).where(Credential.role == "device", Credential.revoked.is_(False))
            )
            if wave_of(row.waves, c.id, c.site or "") == row.wave
        ]
        if not members:
            return False
        states = {
            s.kiosk_id: s
            for s in session.scalars(
                select(KioskUpdateRow).where(KioskUpdateRow.kiosk_id.in_([m.id for m in members]))
            )
        }
        return all(
            states.get(m.id) is not None
            and states[m.id].version == row.version
            and states[m.id].state == "healthy"
            for m in members
        )

    def progress(self, rollout: schemas.Rollout) -> list[schemas.WaveProgress]:
        """Per wave of ``rollout``: its kiosks (each in the first wave that names it)
        and how far each got with the rollout's version."""
        waves = [w.model_dump(exclude_none=True, exclude_defaults=True) for w in rollout.waves]
        with self.db.read() as session:
            members = [
                (c.id, wave_of(waves, c.id, c.site or ""))
                for c in session.scalars(
                    select(Credential).where(
                        Credential.role == "device", Credential.revoked.is_(False)
                    )
                )
            ]
            states = {
                kiosk_id: state
                for kiosk_id, state in session.execute(
                    select(KioskUpdateRow.kiosk_id, KioskUpdateRow.state).where(
                        KioskUpdateRow.version == rollout.version
                    )
                )
            }
        progress = []
        for index, _wave in enumerate(waves):
            counts: dict[str, int] = {}
            kiosks = sorted(k for k, w in members if w == index)
            for kiosk_id in kiosks:
                name = states.get(kiosk_id, "not started")
                counts[name] = counts.get(name, 0) + 1
            progress.append(schemas.WaveProgress(index=index, kiosks=kiosks, counts=counts))
        return progress

    def kiosk_states(self, site: str | None = None) -> list[schemas.KioskUpdate]:
        """Per-kiosk update state (for the fleet page)."""
        with self.db.read() as session:
            query = select(KioskUpdateRow).order_by(KioskUpdateRow.kiosk_id)
            if site is not None:
                query = query.where(KioskUpdateRow.site == site)
            return [_kiosk(r) for r in session.scalars(query)]

    def unblock(self, version: str) -> schemas.Unblocked:
        """Let the kiosks that rolled ``version`` back try it again."""
        with self.db.write() as session:
            rows = session.scalars(
                select(KioskUpdateRow).where(
                    KioskUpdateRow.version == version, KioskUpdateRow.state.in_(HALTING_STATES)
                )
            ).all()
            for row in rows:
                row.unblock = version
            return schemas.Unblocked(version=version, kiosks=sorted(r.kiosk_id for r in rows))


def rollout_reporter(service: UpdatesService) -> Callable[[str, str, dict[str, Any]], None]:
    """A fleet heartbeat's changed update section, told to the rollouts as a report (a
    rollback seen only in heartbeats halts the rollout like one reported directly)."""

    def report(kiosk_id: str, site: str, section: dict[str, Any]) -> None:
        service.report(
            kiosk_id,
            site,
            schemas.StateReport(
                version=section["version"],
                state=section["state"],
                reason=section.get("reason"),
                current=section.get("current"),
            ),
        )

    return report
