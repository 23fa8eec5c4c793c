"""Running the app under uvicorn, and the OpenAPI document without a database."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import uvicorn

from kiosk.backend.app import create_app, prepare_database
from kiosk.backend.database import Database, field_keys_for
from kiosk.backend.heap import freeze_startup_heap
from kiosk.backend.serve_options import WORKER_OPTIONS, ServeOptions, settings_for
from kiosk.backend.settings import BackendSettings
from kiosk.backend.watchdog import database_answers, watch
from kiosk.systemd_notify import SystemdNotifier

log = logging.getLogger(__name__)


def worker_settings(environ: Mapping[str, str]) -> BackendSettings:
    """A worker's settings: the parent's command line options from ``environ`` (seal,
    eID trust, keys: serve_options.py), alert routing from ``KIOSK_BACKEND_ALERT_*``."""
    from kiosk.backend.fleet.alerting import routing_from_env

    options = ServeOptions.from_json(environ[WORKER_OPTIONS])
    # The parent prepared the database (and seeded it) before starting the workers.
    return settings_for(dataclasses.replace(options, seed_demo_data=False),
                        routing_from_env(environ))


def worker_app() -> Any:
    """The app of one uvicorn worker process (``serve(workers=N)``)."""
    import os

    settings = worker_settings(os.environ)
    keys = field_keys_for(settings.db_url, settings.key_file)
    return serving_app(settings, Database(settings.db_url, keys=keys))


def serving_app(settings: BackendSettings, database: Database) -> Any:
    """The app of a process that only serves it (``kiosk backend serve``, each of its
    workers): built, then the heap it leaves set aside from the cycle collector
    (heap.py) — not for an app embedded in the kiosk's UI or a test's process."""
    app = create_app(settings, database)
    freeze_startup_heap()
    return app


def serve(settings: BackendSettings, host: str, port: int, workers: int = 1,
          options: ServeOptions | None = None) -> None:
    """Prepare the database and serve until SIGINT/SIGTERM; under systemd, READY=1 once
    serving and watchdog pings while the loop runs and the database answers.

    ``workers`` > 1: that many uvicorn processes share the port (the heartbeat's
    validation and JSON are CPU work a single process cannot spread over cores); each
    builds its settings from ``options`` (the command line's; None: database and key
    file only); the systemd watchdog is then the supervisor's job, not each worker's."""
    database = Database(settings.db_url, keys=field_keys_for(settings.db_url, settings.key_file))
    try:
        prepare_database(database, settings)
        if workers > 1:
            import os

            database.close()
            options = options or ServeOptions(settings.db_url, key_file=settings.key_file)
            os.environ[WORKER_OPTIONS] = options.to_json()
            uvicorn.run("kiosk.backend.server:worker_app", factory=True, host=host, port=port,
                        workers=workers, access_log=False, log_config=None,
                        timeout_graceful_shutdown=5)
            return
        app = serving_app(settings, database)
        # No access log: request paths can carry a national number.
        config = uvicorn.Config(app, host=host, port=port, access_log=False,
                                log_config=None, timeout_graceful_shutdown=5)
        server = uvicorn.Server(config)
        notifier = SystemdNotifier.from_env()
        _say_stopping_on_exit(server, notifier)
        asyncio.run(_serve_watched(server, notifier, database))
        notifier.close()
    finally:
        database.close()


def _say_stopping_on_exit(server: uvicorn.Server, notifier: SystemdNotifier) -> None:
    """STOPPING=1 when SIGTERM/SIGINT arrives: uvicorn re-raises the signal once it has
    shut down, so nothing after ``serve()`` is sure to run."""
    handle_exit = server.handle_exit

    def stopping(sig: int, frame: Any) -> None:
        notifier.stopping()
        handle_exit(sig, frame)

    server.handle_exit = stopping  # type: ignore[method-assign]


async def _serve_watched(
    server: uvicorn.Server, notifier: SystemdNotifier, database: Database
) -> None:
    watchdog = asyncio.create_task(
        watch(notifier, lambda: server.started, lambda: database_answers(database)))
    try:
        await server.serve()
    finally:
        watchdog.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watchdog


@contextmanager
def serving_on_a_thread(config: uvicorn.Config, start_timeout_s: float = 20.0) -> Iterator[int]:
    """Run uvicorn with ``config`` on a thread (tests, the demo); yields the bound port.

    Stopped and joined on exit; :class:`RuntimeError` when it does not start in time or
    does not stop within 15 s (a test must not leave a server behind)."""
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + start_timeout_s
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        yield server.servers[0].sockets[0].getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(15)
        if thread.is_alive():
            raise RuntimeError("uvicorn thread did not stop within 15 s")


def openapi_document() -> dict[str, Any]:
    """The contract as the app describes it (the app is built on an unused in-memory db)."""
    database = Database("sqlite:///:memory:")
    try:
        return create_app(BackendSettings(db_url="sqlite:///:memory:"), database).openapi()
    finally:
        database.close()
