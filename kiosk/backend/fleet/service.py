"""The fleet's state: heartbeats in, alerts opened and resolved, silent kiosks swept to
offline, remote configuration merged per kiosk. Clock and database are passed in."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from kiosk.backend.database import Database
from kiosk.backend.fleet import beats_pg, schemas
from kiosk.backend.fleet.alerting import Silences, silenced_by, silences_of
from kiosk.backend.fleet.beats import (
    Beat,
    GroupCommit,
    alert_rows,
    open_rules_of,
    read_kiosks,
    touch_alerts,
    write_history,
    write_kiosks,
)
from kiosk.backend.fleet.model import (
    SILENCES_KEY,
    THRESHOLDS_KEY,
    AlertChange,
    AlertSink,
    FleetSettings,
    UpdateReporter,
    config_version,
    merge_values,
    update_news,
)
from kiosk.backend.fleet.rules import OFFLINE, RULES, Thresholds, evaluate, status_of
from kiosk.backend.fleet.tables import (
    AlertRow,
    FleetKioskRow,
    FleetSettingRow,
    HeartbeatRow,
    RemoteConfigRow,
)
from kiosk.backend.fleet.views import alert_of, entry_of, kiosk_state, to_send
from kiosk.backend.settings import utc_now
from kiosk.l10n import format_technical

log = logging.getLogger(__name__)


def _same_rules(open_rules: list[str], active: dict[str, str]) -> bool:
    """A kiosk's open alerts are exactly ``active``'s rules (no rule twice)."""
    return len(open_rules) == len(active) and set(open_rules) == set(active)


class FleetService:
    """The fleet over one database: heartbeats (grouped commits, beats.py), alerts,
    sweeps, thresholds and silences, remote configuration, and the reads of the pages."""

    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        settings: FleetSettings | None = None,
        update_reporter: UpdateReporter | None = None,
        alert_sink: AlertSink | None = None,
        wall_clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.db = db
        self.clock = clock
        # Clock skew is measured against real time, not the (test-movable) ``clock``.
        self.wall_clock = wall_clock
        self._alert_sink = alert_sink
        # The rollouts hear a kiosk's update state from its heartbeat too: a rollback the
        # agent could not report through the updates API still halts the rollout.
        self._update_reporter = update_reporter
        self.settings = settings or FleetSettings()
        self._sweep_lock = threading.Lock()
        self._last_sweep = float("-inf")
        self._known_lock = threading.Lock()  # guards ``_history``
        self._remote_lock = threading.Lock()
        self._remote: dict[tuple[str, str], dict[str, Any]] = {}
        self._remote_loaded_at = float("-inf")
        # (site, kiosk, or "" for its site's kiosks without a layer of their own) → what
        # the table loaded with ``_remote`` wants for them: merged and hashed once per
        # load, not once per heartbeat.
        self._desired_of: dict[tuple[str, str], schemas.RemoteConfig] = {}
        self._thresholds_lock = threading.Lock()
        self._thresholds: tuple[Thresholds, float] | None = None
        # kiosk id -> (when its history was last written, status, true rules then).
        self._history: dict[str, tuple[datetime, str, tuple[str, ...]]] = {}
        self._silences: tuple[Silences, float] | None = None
        self._beats: GroupCommit[Beat] = GroupCommit(self._commit_beats)

    def set_alert_sink(self, sink: AlertSink | None) -> None:
        """Who is told of alerts opened and resolved (the routing's dispatcher)."""
        self._alert_sink = sink

    # -- heartbeats ----------------------------------------------------------------------

    def heartbeat(
        self, kiosk_id: str, site: str, beat: schemas.Heartbeat
    ) -> schemas.HeartbeatAnswer:
        """Record ``beat`` and evaluate every rule on it; returns once committed.

        Kept cheap (bench/fleet.py): heartbeats arriving together are committed in one
        transaction (beats.py), a kiosk's alerts are only rewritten when its true rules
        differ from its open alerts, and the remote configuration comes from a
        short-lived cache (see FleetSettings)."""
        item, desired = self._prepare(kiosk_id, site, beat)
        self._beats.submit(item)
        self._tell(item.changes)
        self._report_update(item, update_news(item.previous_state, item.body))
        self.maybe_sweep()
        return self._answer(item, beat, desired)

    async def heartbeat_async(
        self, kiosk_id: str, site: str, beat: schemas.Heartbeat
    ) -> schemas.HeartbeatAnswer:
        """:meth:`heartbeat` for the event loop: the rules run on it, the commit joins
        a group committed by a worker thread, and the rare database reads (caches
        expired, an update to report, a sweep due) go to worker threads."""
        loop = asyncio.get_running_loop()
        if self._caches_stale():
            await loop.run_in_executor(None, self._refresh_caches, site, kiosk_id)
        item, desired = self._prepare(kiosk_id, site, beat)
        await self._beats.submit_async(item)
        self._tell(item.changes)  # the routing only queues them
        news = update_news(item.previous_state, item.body)
        if news is not None or self._sweep_due():
            await loop.run_in_executor(None, self._after_commit, item, news)
        return self._answer(item, beat, desired)

    def _caches_stale(self) -> bool:
        ttl, now = self.settings.remote_config_cache_s, time.monotonic()
        return (self._thresholds is None or now - self._thresholds[1] >= ttl
                or now - self._remote_loaded_at >= ttl)

    def _refresh_caches(self, site: str, kiosk_id: str) -> None:
        self.thresholds()
        self._desired(site, kiosk_id)

    def _sweep_due(self) -> bool:
        return time.monotonic() - self._last_sweep >= self.settings.sweep_every_s

    def _after_commit(self, item: Beat, news: dict[str, Any] | None) -> None:
        self._report_update(item, news)
        self.maybe_sweep()

    def _prepare(
        self, kiosk_id: str, site: str, beat: schemas.Heartbeat
    ) -> tuple[Beat, schemas.RemoteConfig]:
        now = self.clock()
        body = beat.model_dump(mode="json")
        thresholds = self.thresholds()
        active = evaluate(body, thresholds, self.wall_clock())
        status = status_of(False, list(active), body)
        item = Beat(
            kiosk_id=kiosk_id, site=site, now=now, body=body, active=active, status=status,
            silent_after=now + timedelta(seconds=beat.interval_s * thresholds.silent_intervals),
            interval_s=beat.interval_s, software_version=beat.software_version,
            config_version=beat.config_version,
            history=self._history_due(kiosk_id, now, status, active),
        )
        return item, self._desired(site, kiosk_id)

    def _report_update(self, item: Beat, news: dict[str, Any] | None) -> None:
        if news is not None and self._update_reporter is not None:
            try:
                self._update_reporter(item.kiosk_id, item.site, news)
            except Exception:  # the heartbeat is recorded; the rollout hears it next change
                log.exception("kiosk %s: its update state did not reach the rollouts",
                              item.kiosk_id)

    def _answer(self, item: Beat, beat: schemas.Heartbeat,
                desired: schemas.RemoteConfig) -> schemas.HeartbeatAnswer:
        return schemas.HeartbeatAnswer(
            received_at=item.now,
            status=item.status,
            open_alerts=sorted(item.active, key=list(RULES).index),
            resolved_alerts=sorted(c.rule for c in item.changes if c.kind == "resolved"),
            remote_config=to_send(desired, beat.remote_config),
        )

    def _commit_beats(self, beats: list[Beat]) -> None:
        """One transaction for a group of heartbeats (GroupCommit's leader calls it).

        The group's open alerts are read in one SELECT and compared with each
        heartbeat's true rules: only a kiosk whose rules changed (or that was offline)
        has its alerts rewritten (its rows loaded as ORM rows for it); the others only
        move "last seen". Exact whichever backend process wrote the kiosk last (a fleet
        behind several workers)."""
        thresholds = self.thresholds()
        with_update = {b.kiosk_id for b in beats if (b.body.get("update") or {}).get("version")}
        ids = {b.kiosk_id for b in beats}
        with self.db.write() as session:
            if self.db.is_sqlite:
                seen, states = read_kiosks(session, ids, with_update)
                offline = {k: s.offline for k, s in seen.items()}
                stored = open_rules_of(session, set(seen))
            else:  # plain SQL through the driver: the group's cost (beats_pg.py)
                read = beats_pg.read(session, ids, with_update)
                offline, states, stored = read.offline, read.states, read.open_rules
            known = set(offline)
            # A kiosk any of whose heartbeats here differs from its stored alerts (or that
            # was offline): its alerts are rewritten, from ORM rows.
            changing = {b.kiosk_id for b in beats if offline.get(b.kiosk_id, False)
                        or not _same_rules([r for _, r in stored.get(b.kiosk_id, [])], b.active)}
            alerts = alert_rows(session, [a for k in changing for a, _ in stored.get(k, [])])
            touched: set[str] = set()
            evaluated: set[str] = set()
            for b in beats:  # in arrival order: a kiosk twice in a group counts twice
                k = b.kiosk_id
                b.new = k not in known
                rows = alerts.setdefault(k, [])
                unchanged = k not in changing or (
                    not offline.get(k, False)
                    and _same_rules([r.rule for r in rows], b.active))
                offline[k] = False
                if k in with_update:
                    b.previous_state, states[k] = states.get(k), b.body
                if not unchanged:  # keeps ``rows`` current for a later heartbeat
                    b.changes = self._apply_rules(session, b, rows, thresholds)
                    evaluated.add(k)
                elif b.active:  # the same alerts stay open: only "last seen" moves
                    touched.add(k)
            last = max(b.now for b in beats)
            if self.db.is_sqlite:
                write_kiosks(session, beats)
                touch_alerts(session, touched - evaluated, last)
                write_history(session, beats)
            else:
                beats_pg.write(session, beats, touched - evaluated, last)

    def _history_due(
        self, kiosk_id: str, now: datetime, status: str, active: dict[str, str]
    ) -> bool:
        rules = tuple(sorted(active))
        with self._known_lock:
            last = self._history.get(kiosk_id)
            due = (
                last is None
                or last[1:] != (status, rules)
                or (now - last[0]).total_seconds() >= self.settings.history_sample_s
            )
            if due:
                self._history[kiosk_id] = (now, status, rules)
        return due

    def _tell(self, changes: list[AlertChange]) -> None:
        if changes and self._alert_sink is not None:
            try:
                self._alert_sink(changes)
            except Exception:  # routing is best effort; the alerts are recorded
                log.exception("alert changes did not reach the routing")

    def _apply_rules(
        self, session: Session, beat: Beat, open_alerts: list[AlertRow], thresholds: Thresholds
    ) -> list[AlertChange]:
        """Open, keep and resolve ``beat``'s kiosk's alerts; ``open_alerts`` (the kiosk's
        open rows) is kept current for a later heartbeat of the same group."""
        kiosk_id, site, active, now = beat.kiosk_id, beat.site, beat.active, beat.now
        changes: list[AlertChange] = []
        seen: set[str] = set()
        for alert in list(open_alerts):
            if alert.rule in active and alert.rule not in seen:
                alert.last_seen_at, alert.detail = now, active[alert.rule]
                seen.add(alert.rule)
            else:  # no longer true (a heartbeat also ends "offline"), or a duplicate
                alert.resolved_at = now
                open_alerts.remove(alert)
                log.info("alert resolved: %s %s", kiosk_id, alert.rule)
                if alert.rule not in seen:
                    changes.append(
                        AlertChange("resolved", kiosk_id, site, alert.rule, alert.severity,
                                    alert.detail, now)
                    )
        for rule, detail in active.items():
            if rule not in seen:
                severity = thresholds.severity(rule)
                row = AlertRow(kiosk_id=kiosk_id, site=site, rule=rule, severity=severity,
                               detail=detail, opened_at=now, last_seen_at=now,
                               resolved_at=None)
                session.add(row)
                open_alerts.append(row)
                log.info("alert opened: %s %s", kiosk_id, rule)
                changes.append(AlertChange("opened", kiosk_id, site, rule, severity, detail, now))
        return changes

    # -- silent kiosks -------------------------------------------------------------------

    def maybe_sweep(self) -> None:
        """Sweep unless one ran in the last ``sweep_every_s`` (real time)."""
        with self._sweep_lock:
            if time.monotonic() - self._last_sweep < self.settings.sweep_every_s:
                return
            self._last_sweep = time.monotonic()
        self.sweep()

    def sweep(self) -> int:
        """Mark kiosks silent for their three intervals offline (opening the alert) and
        prune old history; returns how many kiosks went offline."""
        now = self.clock()
        severity = self.thresholds().severity(OFFLINE)
        changes: list[AlertChange] = []
        with self.db.write() as session:
            silent = session.scalars(
                select(FleetKioskRow).where(
                    FleetKioskRow.offline.is_(False), FleetKioskRow.silent_after < now
                )
            ).all()
            for row in silent:
                row.offline = True
                since = format_technical(row.last_heartbeat_at, zone=True, seconds=True)
                detail = f"no heartbeat since {since}"  # Brussels time, as staff read it
                session.add(
                    AlertRow(
                        kiosk_id=row.kiosk_id,
                        site=row.site,
                        rule=OFFLINE,
                        severity=severity,
                        detail=detail,
                        opened_at=now,
                        last_seen_at=now,
                        resolved_at=None,
                    )
                )
                changes.append(
                    AlertChange("opened", row.kiosk_id, row.site, OFFLINE, severity, detail, now)
                )
                # The state change goes in the history too (the timeline shows the gap),
                # and the kiosk's next heartbeat is written whatever it says.
                session.execute(
                    insert(HeartbeatRow).values(
                        kiosk_id=row.kiosk_id, received_at=now, status="offline", body={}
                    )
                )
                with self._known_lock:
                    self._history.pop(row.kiosk_id, None)
                log.warning(
                    "kiosk %s offline: no heartbeat since %s",
                    row.kiosk_id,
                    row.last_heartbeat_at.isoformat(),
                )
            session.execute(
                delete(HeartbeatRow).where(
                    HeartbeatRow.received_at < now - self.settings.history_retention
                )
            )
        self._tell(changes)
        return len(silent)

    # -- thresholds ----------------------------------------------------------------------

    def thresholds(self) -> Thresholds:
        """The settings' thresholds with central IT's values over them (re-read at most
        every ``remote_config_cache_s``, at once after :meth:`set_thresholds`)."""
        with self._thresholds_lock:
            cached = self._thresholds
            if cached and time.monotonic() - cached[1] < self.settings.remote_config_cache_s:
                return cached[0]
            with self.db.read() as session:
                row = session.get(FleetSettingRow, THRESHOLDS_KEY)
                values = dict(row.value) if row is not None else {}
            found = self.settings.thresholds.with_values(values)
            self._thresholds = (found, time.monotonic())
            return found

    # -- quiet hours and maintenance windows ----------------------------------------------

    def silences(self) -> Silences:
        """Quiet hours and maintenance windows (cached like the thresholds)."""
        with self._thresholds_lock:
            cached = self._silences
            if cached and time.monotonic() - cached[1] < self.settings.remote_config_cache_s:
                return cached[0]
            with self.db.read() as session:
                row = session.get(FleetSettingRow, SILENCES_KEY)
                found = silences_of(row.value if row is not None else None)
            self._silences = (found, time.monotonic())
            return found

    def set_silences(self, silences: Silences, by: str) -> Silences:
        with self.db.write() as session:
            row = session.get(FleetSettingRow, SILENCES_KEY)
            if row is None:
                row = FleetSettingRow(key=SILENCES_KEY, value={})
                session.add(row)
            row.value = silences.model_dump(mode="json")
            row.updated_at, row.updated_by = self.clock(), by
        with self._thresholds_lock:
            self._silences = None
        log.info("alert quiet hours / maintenance windows changed by %s", by)
        return self.silences()

    def silenced(self, kiosk_id: str, site: str, at: datetime) -> str | None:
        """Why no alert about ``kiosk_id`` is sent at ``at`` (None: it is sent)."""
        return silenced_by(self.silences(), kiosk_id, site, at)

    def thresholds_state(self) -> schemas.ThresholdsState:
        with self.db.read() as session:
            row = session.get(FleetSettingRow, THRESHOLDS_KEY)
            at, by = (row.updated_at, row.updated_by) if row is not None else (None, None)
        return schemas.ThresholdsState(
            values=self.thresholds().as_dict(), updated_at=at, updated_by=by
        )

    def set_thresholds(self, values: dict[str, Any], by: str) -> schemas.ThresholdsState:
        """Merge ``values`` (validated: schemas.ThresholdValues) into the stored ones."""
        unknown = set(values.get("severities") or {}) - set(RULES)
        if unknown:
            raise ValueError(f"severities: no rule named {', '.join(sorted(unknown))}")
        now = self.clock()
        with self.db.write() as session:
            row = session.get(FleetSettingRow, THRESHOLDS_KEY)
            if row is None:
                row = FleetSettingRow(key=THRESHOLDS_KEY, value={})
                session.add(row)
            merged = {**row.value, **{k: v for k, v in values.items() if v is not None}}
            row.value, row.updated_at, row.updated_by = merged, now, by
        with self._thresholds_lock:
            self._thresholds = None
        log.info("alert thresholds changed by %s: %s", by, sorted(values))
        return self.thresholds_state()

    # -- reads ---------------------------------------------------------------------------

    def states(self, site: str | None = None) -> list[schemas.KioskState]:
        """Every kiosk (or a site's), after a sweep so silent ones show offline."""
        self.sweep()
        with self.db.read() as session:
            query = select(FleetKioskRow).order_by(FleetKioskRow.site, FleetKioskRow.kiosk_id)
            if site is not None:
                query = query.where(FleetKioskRow.site == site)
            rows = session.scalars(query).all()
            open_rules = self._open_rules(session)
            return [kiosk_state(r, open_rules.get(r.kiosk_id, [])) for r in rows]

    def _open_rules(self, session: Session, kiosk_id: str | None = None) -> dict[str, list[str]]:
        query = select(AlertRow.kiosk_id, AlertRow.rule).where(AlertRow.resolved_at.is_(None))
        if kiosk_id is not None:
            query = query.where(AlertRow.kiosk_id == kiosk_id)
        found: dict[str, list[str]] = {}
        for kid, rule in session.execute(query):
            found.setdefault(kid, []).append(rule)
        order = list(RULES)
        return {
            k: sorted(set(v), key=lambda r: order.index(r) if r in order else 99)
            for k, v in found.items()
        }

    def known(self, kiosk_id: str) -> bool:
        """Whether ``kiosk_id`` ever sent a heartbeat."""
        with self.db.read() as session:
            return session.get(FleetKioskRow, kiosk_id) is not None

    def detail(self, kiosk_id: str, history: int = 50) -> schemas.KioskDetail | None:
        self.sweep()
        with self.db.read() as session:
            row = session.get(FleetKioskRow, kiosk_id)
            if row is None:
                return None
            state = kiosk_state(row, self._open_rules(session, kiosk_id).get(kiosk_id, []))
            beats = session.scalars(
                select(HeartbeatRow)
                .where(HeartbeatRow.kiosk_id == kiosk_id)
                .order_by(HeartbeatRow.received_at.desc(), HeartbeatRow.id.desc())
                .limit(history)
            ).all()
            alerts = session.scalars(
                select(AlertRow)
                .where(AlertRow.kiosk_id == kiosk_id)
                .order_by(AlertRow.opened_at.desc(), AlertRow.id.desc())
                .limit(100)
            ).all()
            desired = self._desired(row.site, kiosk_id)
            return schemas.KioskDetail(
                kiosk=state,
                history=[
                    schemas.HeartbeatSummary(
                        received_at=b.received_at, status=b.status, body=b.body
                    )
                    for b in beats
                ],
                alerts=[alert_of(a) for a in alerts],
                dead_letters=list((row.state.get("outbox") or {}).get("recent_dead_letters") or []),
                remote_config=desired,
            )

    def alerts(self, open_only: bool = False, limit: int = 200) -> list[schemas.Alert]:
        self.sweep()
        with self.db.read() as session:
            query = select(AlertRow).order_by(AlertRow.opened_at.desc(), AlertRow.id.desc())
            if open_only:
                query = query.where(AlertRow.resolved_at.is_(None))
            return [alert_of(a) for a in session.scalars(query.limit(limit))]

    # -- remote configuration ------------------------------------------------------------

    def set_remote(
        self, scope: str, target: str, values: dict[str, dict[str, Any]], by: str
    ) -> schemas.RemoteConfigEntry:
        now = self.clock()
        with self.db.write() as session:
            row = session.get(RemoteConfigRow, (scope, target))
            if row is None:
                row = RemoteConfigRow(scope=scope, target=target)
                session.add(row)
            row.values, row.updated_at, row.updated_by = values, now, by
        self._forget_remote()
        log.info(
            "remote config for %s %s set by %s: version %s",
            scope,
            target,
            by,
            config_version(values),
        )
        return entry_of(row)

    def delete_remote(self, scope: str, target: str) -> bool:
        with self.db.write() as session:
            row = session.get(RemoteConfigRow, (scope, target))
            if row is None:
                return False
            session.delete(row)
        self._forget_remote()
        return True

    def remote_entries(self) -> list[schemas.RemoteConfigEntry]:
        with self.db.read() as session:
            rows = session.scalars(
                select(RemoteConfigRow).order_by(RemoteConfigRow.scope, RemoteConfigRow.target)
            ).all()
            return [entry_of(r) for r in rows]

    def _forget_remote(self) -> None:
        with self._remote_lock:
            self._remote_loaded_at = float("-inf")

    def _remote_table(self) -> tuple[dict[tuple[str, str], dict[str, Any]],
                                     dict[tuple[str, str], schemas.RemoteConfig]]:
        """(scope, target) → values: the whole (small) table, re-read at most every
        ``remote_config_cache_s`` instead of once per heartbeat; and the desired
        configurations computed from this load of it."""
        with self._remote_lock:
            if time.monotonic() - self._remote_loaded_at < self.settings.remote_config_cache_s:
                return self._remote, self._desired_of
            with self.db.read() as session:
                table = {
                    (r.scope, r.target): r.values for r in session.scalars(select(RemoteConfigRow))
                }
            if table != self._remote:
                # Only a changed table recomputes the kiosks' configurations: at 10,000
                # kiosks, 10,000 new answers every few seconds kept the cycle collector
                # walking them (bench/fleet.py's p99), for answers equal to the old.
                self._remote, self._desired_of = table, {}
            self._remote_loaded_at = time.monotonic()
            return self._remote, self._desired_of

    def _desired(self, site: str, kiosk_id: str) -> schemas.RemoteConfig:
        table, known = self._remote_table()
        # Kiosks without a layer of their own share their site's answer: one object per
        # site, not one per kiosk (10,000 of them, all equal, at a regional fleet).
        own = ("kiosk", kiosk_id) in table
        key = (site, kiosk_id if own else "")
        found = known.get(key)
        if found is None:
            layers = [table[k] for k in (("site", site), ("kiosk", kiosk_id)) if k in table]
            values = merge_values(*layers)
            found = known[key] = schemas.RemoteConfig(
                version=config_version(values), values=values)
        return found  # shared: its readers (answers, pages) only read it
