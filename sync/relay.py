"""The outbox relay: drains pending events in batches, records every outcome, backs off
with jitter while the backend is unreachable, and resumes where it left off after a
restart (the outbox is the only state; an event sent but not recorded is sent again
and answered ``duplicate``)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from sync.backoff import Backoff
from sync.client import (
    BackendClient,
    EncodedEvents,
    EventOutcome,
    PermanentError,
    TransientError,
)
from sync.outbox import Outbox, Recorded
from sync.reference import ReferenceCache, pull_reference
from sync.status import StatusRecorder

log = logging.getLogger(__name__)
# A refusal of the whole batch for its content: resend the events one by one, so only
# the offending one becomes a dead letter.
CONTENT_REFUSED = frozenset({400, 413, 422})


@dataclass
class DrainResult:
    delivered: int = 0
    rejected: int = 0
    batches: int = 0
    error: str | None = None  # why draining stopped early, if it did

    @property
    def complete(self) -> bool:
        return self.error is None


@dataclass
class RelaySettings:
    batch_size: int = 200
    interval_s: float = 2.0
    reference_interval_s: float = 300.0
    heartbeat_s: float = 15.0  # an idle relay still proves the backend answers
    backoff: Backoff = field(default_factory=lambda: Backoff(1.0, 60.0))


class Relay:
    def __init__(self, outbox: Outbox, client: BackendClient, status: StatusRecorder,
                 reference: ReferenceCache, clock: Callable[[], datetime],
                 settings: RelaySettings) -> None:
        self._outbox = outbox
        self._client = client
        self._status = status
        self._reference = reference
        self._clock = clock
        self._settings = settings

    def drain(self, max_batches: int | None = None,
              stop: threading.Event | None = None) -> DrainResult:
        """Send until the outbox has nothing pending, the first failure, or ``stop``.

        While a full batch is on the wire, the kiosk works on a helper thread: it reads
        the next batch from the outbox (the events in flight excluded) and records the
        outcomes of the batch before, so the kiosk's reading and writing overlap the
        backend's work instead of following it (bench/sync_drain.py). A batch read ahead
        and not sent stays pending, and a batch sent but not yet recorded is sent again
        and answered ``duplicate``: nothing is lost or doubled if draining stops."""
        result = DrainResult()
        size = self._settings.batch_size
        batch = self._outbox.encoded(size)
        helper: ThreadPoolExecutor | None = None
        recording: Future[Recorded] | None = None
        try:
            while batch and (max_batches is None or result.batches < max_batches):
                if stop is not None and stop.is_set():
                    break
                result.batches += 1
                upcoming: Future[EncodedEvents] | None = None
                if len(batch) == size and (max_batches is None or
                                           result.batches < max_batches):
                    if helper is None:
                        helper = ThreadPoolExecutor(1, thread_name_prefix="outbox-helper")
                    upcoming = helper.submit(self._outbox.encoded, size, batch)
                answer = self._post(batch, result)
                # The batch before's outcomes: recorded on the helper meanwhile.
                error = self._recorded(recording, result)
                recording = None
                if isinstance(answer, str) or error is not None:
                    result.error = answer if isinstance(answer, str) else error
                    break
                if answer is not None:
                    if upcoming is not None:
                        # A next batch follows: record this one while it is on the wire.
                        assert helper is not None
                        recording = helper.submit(self._outbox.record, batch.event_ids,
                                                  answer, self._clock())
                    else:
                        error = self._recorded_now(batch, answer, result)
                        if error is not None:
                            result.error = error
                            break
                # A short batch was the last one; anything queued since waits for the
                # next cycle, as before.
                batch = upcoming.result() if upcoming is not None else None
        finally:
            try:
                error = self._recorded(recording, result)
                if error is not None and result.error is None:
                    result.error = error
            finally:
                if helper is not None:
                    helper.shutdown(wait=True)
        return result

    def _send(self, batch: EncodedEvents, result: DrainResult) -> str | None:
        """Send ``batch`` and record its outcomes; why it failed, or None."""
        answer = self._post(batch, result)
        if answer is None or isinstance(answer, str):
            return answer
        return self._recorded_now(batch, answer, result)

    def _post(self, batch: EncodedEvents, result: DrainResult
              ) -> list[EventOutcome] | str | None:
        """The backend's outcomes for ``batch``; or why it failed (a str); or None when
        the batch was refused for its content and sent again event by event (recorded
        then, one by one)."""
        ids = batch.event_ids
        try:
            outcomes = self._client.post_encoded_events(batch)
        except TransientError as exc:
            self._outbox.record_failure(ids, exc.reason)
            self._status.failed(exc.reason)
            return exc.reason
        except PermanentError as exc:
            if exc.status in CONTENT_REFUSED:
                return self._send_one_by_one(batch, exc, result)
            # Credential, URL or method problems are the kiosk's setup, not the events':
            # nothing is dead-lettered, a technician must act.
            reason = ("credential refused" if exc.credential_refused
                      else f"backend refused the request ({exc})")
            self._outbox.record_failure(ids, reason)
            self._status.failed(reason)
            return reason
        self._status.succeeded()
        return outcomes

    def _recorded_now(self, batch: EncodedEvents, outcomes: list[EventOutcome],
                      result: DrainResult) -> str | None:
        recorded = self._outbox.record(batch.event_ids, outcomes, self._clock())
        return self._count(recorded, result)

    def _recorded(self, recording: Future[Recorded] | None,
                  result: DrainResult) -> str | None:
        """The outcome of a batch recorded on the helper (waited for), counted."""
        if recording is None:
            return None
        return self._count(recording.result(), result)

    @staticmethod
    def _count(recorded: Recorded, result: DrainResult) -> str | None:
        result.delivered += recorded.delivered
        result.rejected += recorded.rejected
        if recorded.rejected:
            log.warning("%d event(s) rejected by the backend: kept as dead letters",
                        recorded.rejected)
        return None if not recorded.unanswered else "backend left events unanswered"

    def _send_one_by_one(self, batch: EncodedEvents, batch_error: PermanentError,
                         result: DrainResult) -> str | None:
        if len(batch) == 1:
            event_id = batch.event_ids[0]
            outcome = EventOutcome(event_id, "rejected", f"refused: {batch_error}")
            self._status.succeeded()  # the backend answered, it is the event that is bad
            recorded = self._outbox.record([event_id], [outcome], self._clock())
            result.rejected += recorded.rejected
            return None
        for event in batch.each():
            error = self._send(event, result)
            if error is not None:
                return error
        return None

    def refresh_reference(self) -> bool:
        """Pull the catalog if it changed; counts as a heartbeat. False on failure."""
        try:
            changed = pull_reference(self._client, self._reference, self._clock)
        except TransientError as exc:
            self._status.failed(exc.reason)
            return False
        except PermanentError as exc:
            self._status.failed("credential refused" if exc.credential_refused else str(exc))
            return False
        self._status.succeeded()
        if changed:
            log.info("reference data updated")
        return True

    def run(self, stop: threading.Event, monotonic: Callable[[], float] = time.monotonic,
            on_cycle: Callable[[], None] | None = None) -> None:
        """Relay until ``stop`` is set: refresh reference data when due (or as a
        heartbeat when nothing else proved contact lately), drain, pause, repeat."""
        settings = self._settings
        next_reference = last_ok = float("-inf")
        while not stop.is_set():
            now = monotonic()
            ok = True
            if now >= next_reference or now - last_ok >= settings.heartbeat_s:
                ok = self.refresh_reference()
                if ok:
                    next_reference, last_ok = now + settings.reference_interval_s, now
            if ok:
                drained = self.drain(stop=stop)
                ok = drained.complete
                if ok and drained.batches:
                    last_ok = monotonic()
            if on_cycle is not None:
                on_cycle()
            if ok:
                settings.backoff.reset()
                delay = settings.interval_s
            else:
                delay = settings.backoff.next_delay()
                log.info("backend not reachable (%s); next try in %.1f s",
                         self._status.current.reason, delay)
            stop.wait(delay)
