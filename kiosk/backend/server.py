"""Running the app under uvicorn, and the OpenAPI document without a database."""

from __future__ import annotations

import logging
from typing import Any

import uvicorn

from kiosk.backend.app import create_app, prepare_database
from kiosk.backend.database import Database
from kiosk.backend.settings import BackendSettings

log = logging.getLogger(__name__)


def serve(settings: BackendSettings, host: str, port: int) -> None:
    """Prepare the database and serve until SIGINT/SIGTERM."""
    database = Database(settings.db_url)
    try:
        prepare_database(database, settings)
        app = create_app(settings, database)
        # No access log: request paths can carry a national number.
        config = uvicorn.Config(app, host=host, port=port, access_log=False,
                                log_config=None, timeout_graceful_shutdown=5)
        uvicorn.Server(config).run()
    finally:
        database.close()


def openapi_document() -> dict[str, Any]:
    """The contract as the app describes it (the app is built on an unused in-memory db)."""
    database = Database("sqlite:///:memory:")
    try:
        return create_app(BackendSettings(db_url="sqlite:///:memory:"), database).openapi()
    finally:
        database.close()
