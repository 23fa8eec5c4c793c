"""The backend's systemd watchdog: ``READY=1`` once uvicorn serves, then ``WATCHDOG=1``
from a task on uvicorn's own event loop, sent only while the database answers.

A stuck event loop stops the task, a database that does not answer stops the pings:
either way systemd restarts ``kiosk-backend.service`` after ``WatchdogSec=``. Outside
systemd (no ``NOTIFY_SOCKET``) nothing is sent and the task only waits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy import text

from kiosk.backend.database import Database
from kiosk.systemd_notify import SystemdNotifier

log = logging.getLogger(__name__)
DEFAULT_INTERVAL_S = 10.0  # with no WatchdogSec: READY=1 still matters


def database_answers(database: Database) -> None:
    """One round trip to the database (raises when it does not answer)."""
    with database.engine.connect() as connection:
        connection.execute(text("SELECT 1")).scalar_one()


async def watch(
    notifier: SystemdNotifier,
    started: Callable[[], bool],
    check: Callable[[], None],
) -> None:
    """Until cancelled: READY=1 when ``started()``, then a ping per half watchdog period
    when ``check()`` (run on a worker thread, bounded by that period) succeeds."""
    interval = notifier.watchdog_interval_s or DEFAULT_INTERVAL_S
    while not started():
        await asyncio.sleep(0.05)
    notifier.ready("serving")
    failing = False
    while True:
        try:
            await asyncio.wait_for(asyncio.to_thread(check), timeout=interval)
        except Exception as exc:  # any failure, a timeout included, means: no ping
            if not failing:  # once per outage, not every period
                log.error("database does not answer (%s): watchdog pings withheld",
                          type(exc).__name__)
            failing = True
        else:
            if failing:
                log.info("database answers again: watchdog pings resume")
            failing = False
            notifier.ping()
        await asyncio.sleep(interval)
