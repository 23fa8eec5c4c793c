"""The alert routing's queue survives a backend restart (fleet_alert_deliveries): changes
a backend could not send before it stopped — mail server down, then a crash or a stop —
are sent by the next backend (real aiosmtpd), once; a change owed to one channel only is
sent on that channel only; a live backend's rows are not taken from it."""

from __future__ import annotations

import queue
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from kiosk.backend.database import Database
from kiosk.backend.fleet.alert_store import AlertStore
from kiosk.backend.fleet.model import AlertChange
from kiosk.backend.fleet.notify import AlertDispatcher, SmtpChannel
from kiosk.backend.fleet.tables import AlertDeliveryRow
from tests.backend.fleet.helpers import FakeClock, T
from tests.backend.fleet.peers import http_receiver, self_signed, smtp_server
from tests.backend.fleet.test_alert_routing import _routing, _target
from tests.backend.harness import free_port


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    return self_signed(tmp_path_factory.mktemp("smtp-tls"))


def _rows(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AlertDeliveryRow))


def _change(kiosk_id: str, rule: str = "cash_jammed") -> AlertChange:
    return AlertChange("opened", kiosk_id, "laeken", rule, "critical", "note jammed",
                       datetime(2025, 3, 3, 9, 0, tzinfo=UTC))


def test_changes_unsent_when_a_backend_stops_are_sent_by_the_next_one(database, tls_files):
    cert, key = tls_files
    port = free_port()
    clock = FakeClock(datetime(2025, 3, 3, 9, 0, tzinfo=UTC))
    # The first backend: the mail server is down; it stops with the change unsent.
    first = AlertDispatcher.for_routing(_routing(_target(port, cert)),
                                       store=AlertStore(database, clock))
    first.submit([_change("laeken-01")])
    deadline = datetime.now(UTC) + timedelta(seconds=T)
    while first.failed_attempts == 0:  # stored, then tried and refused
        assert datetime.now(UTC) < deadline, "the first backend never tried to send"
        first._stop.wait(0.05)
    first.close()
    assert _rows(database) == 1
    # A second backend started while the first one's lease runs: not taken from it.
    with smtp_server(cert, key, port) as mailbox:
        early = AlertDispatcher.for_routing(_routing(_target(port, cert)),
                                            store=AlertStore(database, clock))
        early.start()
        assert mailbox.nothing_within(1.0)
        early.close()
        # Past the lease (the first backend is gone): sent once, the row removed.
        clock.advance(61)
        second = AlertDispatcher.for_routing(_routing(_target(port, cert)),
                                             store=AlertStore(database, clock))
        second.start()
        try:
            mail = mailbox.next()
            assert mail["Subject"] == "[kiosk fleet] CRITICAL laeken-01 (laeken): 1 opened"
            assert "laeken-01  cash_jammed: note jammed" in mail.get_payload()
            deadline = datetime.now(UTC) + timedelta(seconds=T)
            while _rows(database):
                assert datetime.now(UTC) < deadline, "the sent row was not removed"
                second._stop.wait(0.05)
            assert mailbox.nothing_within(1.0)  # once
        finally:
            second.close()


def test_a_change_owed_to_one_channel_is_sent_on_that_channel_only(database, tls_files):
    cert, key = tls_files
    port = free_port()
    clock = FakeClock(datetime(2025, 3, 3, 9, 0, tzinfo=UTC))
    dead = AlertStore(database, clock, owner="backend-dead")
    (rows,) = dead.save([_change("laeken-02", "disk_low")], ["smtp", "webhook"])
    dead.done([rows["webhook"]])  # the webhook had it before the crash; the mail not
    clock.advance(61)
    with smtp_server(cert, key, port) as mailbox, http_receiver() as hook:
        store = AlertStore(database, clock)
        dispatcher = AlertDispatcher.for_routing(_routing(_target(port, cert), hook.url),
                                                 store=store)
        assert [c.name for c in dispatcher.channels] == [SmtpChannel.name, "webhook"]
        dispatcher.start()
        try:
            assert "laeken-02  disk_low:" in mailbox.next().get_payload()
            with pytest.raises(queue.Empty):  # the webhook had it already
                hook.posts.get(timeout=1.0)
        finally:
            dispatcher.close()
    assert _rows(database) == 0
