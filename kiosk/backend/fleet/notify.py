"""Alerts that reach people: opened and resolved alerts are queued by the heartbeat
(never waiting on a mail server), grouped per kiosk within a short window (per site when
several of a site's kiosks change at once), dropped while a quiet hour or maintenance
window applies, and sent by e-mail (smtplib) and to a webhook (JSON POST) from one
worker thread, each retried with exponential backoff until it goes through."""

from __future__ import annotations

import logging
import queue
import smtplib
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import Any, Protocol

import requests

from kiosk.backend.fleet.alert_store import AlertStore
from kiosk.backend.fleet.alerting import Routing, SmtpTarget
from kiosk.backend.fleet.model import AlertChange
from kiosk.l10n import format_technical

log = logging.getLogger(__name__)
# (kiosk id, site, when) → why nothing is sent, or None.
Silencer = Callable[[str, str, datetime], "str | None"]


@dataclass(frozen=True)
class Message:
    """One notification: the alert changes of one kiosk, or of one site's kiosks."""

    scope: str  # kiosk | site
    target: str
    site: str
    changes: tuple[AlertChange, ...]

    @property
    def subject(self) -> str:
        opened = sum(1 for c in self.changes if c.kind == "opened")
        resolved = len(self.changes) - opened
        counts = [f"{n} {w}" for n, w in ((opened, "opened"), (resolved, "resolved")) if n]
        worst = "critical" if any(
            c.severity == "critical" and c.kind == "opened" for c in self.changes
        ) else ""
        head = f"[kiosk fleet]{' CRITICAL' if worst else ''}"
        if self.scope == "site":
            kiosks = len({c.kiosk_id for c in self.changes})
            return f"{head} site {self.target}: {kiosks} kiosks, {', '.join(counts)}"
        return f"{head} {self.target} ({self.site}): {', '.join(counts)}"

    def text(self) -> str:
        lines = [self.subject, ""]
        for c in self.changes:
            lines.append(
                f"{format_technical(c.at, zone=True, seconds=True)}  {c.kind.upper():8} "
                f"{c.severity:8} "
                f"{c.kiosk_id}  {c.rule}: {c.detail}"
            )
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "target": self.target,
            "site": self.site,
            "subject": self.subject,
            "changes": [
                {
                    "kind": c.kind,
                    "kiosk_id": c.kiosk_id,
                    "site": c.site,
                    "rule": c.rule,
                    "severity": c.severity,
                    "detail": c.detail,
                    "at": c.at.isoformat(),
                }
                for c in self.changes
            ],
        }


class Channel(Protocol):
    name: str

    def send(self, message: Message) -> None:
        """Deliver or raise (the dispatcher retries)."""


class SmtpChannel:
    """Mail through an SMTP relay: STARTTLS or TLS, and AUTH when a user is given."""

    name = "smtp"

    def __init__(self, target: SmtpTarget) -> None:
        self.target = target

    def _context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.target.cafile)

    def send(self, message: Message) -> None:
        t = self.target
        mail = EmailMessage()
        mail["Subject"], mail["From"], mail["To"] = message.subject, t.sender, ", ".join(t.to)
        mail.set_content(message.text())
        if t.tls:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                t.host, t.port, timeout=t.timeout_s, context=self._context()
            )
        else:
            client = smtplib.SMTP(t.host, t.port, timeout=t.timeout_s)
        with client:
            client.ehlo()
            if t.starttls:
                client.starttls(context=self._context())
                client.ehlo()
            if t.username:
                client.login(t.username, t.password or "")
            client.send_message(mail)


class WebhookChannel:
    """A JSON POST; any 2xx answer is delivery."""

    name = "webhook"

    def __init__(self, url: str, timeout_s: float = 10.0) -> None:
        self.url, self.timeout_s = url, timeout_s

    def send(self, message: Message) -> None:
        r = requests.post(self.url, json=message.as_json(), timeout=self.timeout_s)
        if not 200 <= r.status_code < 300:
            raise RuntimeError(f"webhook answered {r.status_code}")


@dataclass
class _Delivery:
    channel: Channel
    message: Message
    attempts: int = 0
    due: float = 0.0
    rows: list[int] = field(default_factory=list)  # its rows in the AlertStore


# A change and its rows in the AlertStore per channel (None: not stored, every channel).
_Stored = tuple[AlertChange, "dict[str, int] | None"]


@dataclass
class _Group:
    first: float
    site: str
    changes: list[_Stored] = field(default_factory=list)


class AlertDispatcher:
    """Queues alert changes and delivers them on its own thread (started lazily by the
    first :meth:`submit`, or by :meth:`start`; :meth:`close` stops it)."""

    def __init__(
        self,
        routing: Routing,
        channels: list[Channel],
        silencer: Silencer | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        store: AlertStore | None = None,
    ) -> None:
        """``store``: the queue kept in the database (alert_store.py), so changes not
        yet sent survive a restart; None keeps it in memory only."""
        self.routing = routing
        self._store = store
        self._next_claim = float("-inf")
        self.channels = channels
        self._silencer = silencer
        self._monotonic = monotonic
        self._inbox: queue.Queue[list[AlertChange]] = queue.Queue(routing.max_queued)
        self._groups: dict[str, _Group] = {}
        self._deliveries: list[_Delivery] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.sent = 0  # messages delivered (all channels), for tests and metrics
        self.failed_attempts = 0
        self.given_up = 0
        self.silenced = 0

    @classmethod
    def for_routing(cls, routing: Routing, silencer: Silencer | None = None,
                    store: AlertStore | None = None) -> AlertDispatcher:
        channels: list[Channel] = []
        if routing.smtp is not None:
            channels.append(SmtpChannel(routing.smtp))
        if routing.webhook_url:
            channels.append(WebhookChannel(routing.webhook_url))
        return cls(routing, channels, silencer, store=store)

    # -- the producer side (heartbeats, the sweep) -------------------------------------

    def submit(self, changes: list[AlertChange]) -> None:
        """Queue ``changes``; never blocks (a full queue drops them, with a log line)."""
        if not self.channels or not changes:
            return
        self.start()
        try:
            self._inbox.put_nowait(list(changes))
        except queue.Full:
            log.error("alert queue full: %d alert change(s) not routed", len(changes))

    # -- the worker --------------------------------------------------------------------

    def start(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._stop.clear()
                self._thread = threading.Thread(
                    target=self._run, name="fleet-alert-dispatch", daemon=True
                )
                self._thread.start()

    def close(self, timeout_s: float = 10.0) -> None:
        """Stop the worker (what is still queued or unsent is logged and dropped)."""
        with self._start_lock:
            thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        thread.join(timeout_s)
        while self._store is not None:  # queued, not yet stored: stored for the next run
            try:
                self._store.save(self._inbox.get_nowait(), self._names())
            except queue.Empty:
                break
            except Exception:
                log.exception("alert changes not stored at shutdown")
                break
        left = len(self._deliveries) + sum(len(g.changes) for g in self._groups.values())
        if left:
            log.warning("alert dispatcher stopped with %d message(s)/change(s) unsent%s",
                        left, " (kept for the next start)" if self._store else "")

    def _names(self) -> list[str]:
        return [c.name for c in self.channels]

    def _stored(self, batch: list[AlertChange]) -> list[_Stored]:
        if self._store is None:
            return [(c, None) for c in batch]
        try:
            return list(zip(batch, self._store.save(batch, self._names()), strict=True))
        except Exception:  # the database is down: sent from memory, not kept
            log.exception("alert changes not stored; sending them from memory")
            return [(c, None) for c in batch]

    def _claim(self, now: float) -> None:
        """Renew this process's lease; take over changes a dead process left unsent."""
        if self._store is None or now < self._next_claim:
            return
        self._next_claim = now + self._store.lease.total_seconds() / 3
        self._store.renew()
        for change, rows in self._store.claim_orphans():
            log.info("alert %s %s %s taken over from a stopped backend",
                     change.kiosk_id, change.rule, change.kind)
            self._groups.setdefault(change.kiosk_id, _Group(now, change.site)).changes.append(
                (change, rows))

    def _done(self, rows: list[int]) -> None:
        if self._store is not None and rows:
            try:
                self._store.done(rows)
            except Exception:  # sent twice after a restart rather than lost
                log.exception("sent alert rows not removed from the store")

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                batch = self._inbox.get(timeout=self._next_wait())
            except queue.Empty:
                batch = None
            now = self._monotonic()
            try:
                if batch:
                    for change, rows in self._stored(batch):
                        group = self._groups.setdefault(change.kiosk_id,
                                                        _Group(now, change.site))
                        group.changes.append((change, rows))
                self._claim(now)
                self._flush_due(now)
                self._deliver_due(now)
            except Exception:  # the worker must outlive any one bad message
                log.exception("alert dispatch failed")

    def _next_wait(self) -> float:
        now = self._monotonic()
        dues = [g.first + self.routing.group_window_s for g in self._groups.values()]
        dues += [d.due for d in self._deliveries]
        if not dues:
            return 0.5
        return min(0.5, max(0.01, min(dues) - now))

    def _flush_due(self, now: float) -> None:
        window = self.routing.group_window_s
        due_sites = {g.site for g in self._groups.values() if now - g.first >= window}
        if not due_sites:
            return
        # A site's kiosks going silent together are seen a few ms apart, each opening
        # its own group: when one is due, its site's others go with it (one message),
        # however recent, rather than a lone mail and then the rest.
        due = [k for k, g in self._groups.items() if g.site in due_sites]
        by_site: dict[str, list[_Stored]] = {}
        for kiosk_id in due:
            for change, rows in self._groups.pop(kiosk_id).changes:
                why = self._silencer(change.kiosk_id, change.site, change.at) if (
                    self._silencer
                ) else None
                if why is not None:
                    self.silenced += 1
                    log.info("alert %s %s %s not sent: %s",
                             change.kiosk_id, change.rule, change.kind, why)
                    self._done(list((rows or {}).values()))
                    continue
                by_site.setdefault(change.site, []).append((change, rows))
        for site, stored in by_site.items():
            kiosks = sorted({c.kiosk_id for c, _ in stored})
            if len(kiosks) >= self.routing.site_storm_kiosks:
                self._queue("site", site, site, stored, now)
            else:
                for kiosk_id in kiosks:
                    own = [s for s in stored if s[0].kiosk_id == kiosk_id]
                    self._queue("kiosk", kiosk_id, site, own, now)

    def _queue(self, scope: str, target: str, site: str, stored: list[_Stored],
               now: float) -> None:
        for channel in self.channels:
            # A change taken over from a stopped backend may be owed to one channel only.
            mine = [(c, rows) for c, rows in stored if rows is None or channel.name in rows]
            if mine:
                message = Message(scope, target, site, tuple(c for c, _ in mine))
                rows = [r[channel.name] for _, r in mine if r is not None]
                self._deliveries.append(_Delivery(channel, message, due=now, rows=rows))

    def _deliver_due(self, now: float) -> None:
        for delivery in [d for d in self._deliveries if d.due <= now]:
            if self._stop.is_set():
                return
            try:
                delivery.channel.send(delivery.message)
            except Exception as exc:
                delivery.attempts += 1
                self.failed_attempts += 1
                if delivery.attempts >= self.routing.max_attempts:
                    self._deliveries.remove(delivery)
                    self._done(delivery.rows)
                    self.given_up += 1
                    log.error("alert %s via %s given up after %d attempts: %s",
                              delivery.message.subject, delivery.channel.name,
                              delivery.attempts, exc)
                    continue
                backoff = min(self.routing.retry_max_s,
                              self.routing.retry_first_s * 2 ** (delivery.attempts - 1))
                delivery.due = self._monotonic() + backoff
                log.warning("alert via %s not delivered (attempt %d, next in %.1f s): %s",
                            delivery.channel.name, delivery.attempts, backoff, exc)
                continue
            self._deliveries.remove(delivery)
            self._done(delivery.rows)
            self.sent += 1
            log.info("alert sent via %s: %s", delivery.channel.name, delivery.message.subject)

    def waiting(self) -> dict[str, int]:
        """Kiosk id → alert changes waiting for their group window (for tests/metrics)."""
        return {kiosk_id: len(g.changes) for kiosk_id, g in dict(self._groups).items()}

    def pending(self) -> int:
        """Messages waiting to be grouped or (re)sent (approximate, for tests/metrics)."""
        return self._inbox.qsize() + len(self._groups) + len(self._deliveries)
