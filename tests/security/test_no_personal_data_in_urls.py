"""No national number (nor any other personal field) in a URL: paths end up in access
logs, proxies and browser histories. Every route of the backend is walked; a lookup
through uvicorn with its access log on leaves no national number in that log."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
import uvicorn
from starlette.routing import BaseRoute

from kiosk.backend.app import create_app, prepare_database
from kiosk.backend.database import Database
from kiosk.backend.demo_citizens import DEMO_CITIZENS
from kiosk.backend.server import openapi_document, serving_on_a_thread
from kiosk.backend.settings import BackendSettings
from kiosk.domain.personal_data import PERSONAL_KEYS
from tests.backend.card_proof import (
    card_of,
    card_session_headers,
    shared_card_trust,
    shared_test_pki,
)
from tests.backend.harness import issue

# Path parameter names that are personal fields, whatever the spelling ("name" alone is
# a file's or a device's name in a path; a citizen's would be surname, full_name, ...).
PERSONAL_NAMES = (frozenset(PERSONAL_KEYS) - {"name"}) | {
    "nn",
    "niss",
    "rrn",
    "insz",
    "national_id",
    "citizen",
    "citizen_id",
    "patron",
    "card",
    "first_name",
    "last_name",
    "full_name",
    "citizen_name",
    "birthdate",
}
NATIONAL_NUMBER_SHAPE = re.compile(r"\^?\[0-9\]\{11\}\$?|\\d\{11\}")


def walk(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """(methods, full path) of every route, into included routers too (FastAPI keeps
    those behind a wrapper that holds the router and its include prefix)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context = getattr(route, "include_context", None)
            yield from walk(included.routes, prefix + getattr(context, "prefix", ""))
        elif isinstance(route, BaseRoute) and hasattr(route, "path"):
            methods = ",".join(sorted(getattr(route, "methods", None) or ()))
            yield methods, prefix + route.path


def path_parameters(path: str) -> list[str]:
    return re.findall(r"{([^}:]+)(?::[^}]*)?}", path)


def test_no_route_takes_a_personal_field_in_its_path(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'backend.db'}")
    try:
        app = create_app(BackendSettings(db_url=f"sqlite:///{tmp_path / 'backend.db'}"), database)
        routes = list(walk(app.routes))
    finally:
        database.close()
    assert len(routes) > 20, routes  # the whole API, not an empty app
    assert ("POST", "/api/v1/citizens:lookup") in routes
    offending = [
        f"{methods} {path}: {name}"
        for methods, path in routes
        for name in path_parameters(path)
        if name.lower() in PERSONAL_NAMES
    ]
    assert offending == [], "personal data in URL paths (use a POST body)"
    # By shape too: no path parameter validated as an 11-digit national number.
    for path, operations in openapi_document()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") not in ("path", "query"):
                    continue
                pattern = parameter.get("schema", {}).get("pattern", "")
                assert not NATIONAL_NUMBER_SHAPE.search(pattern), (
                    f"{method.upper()} {path}: {parameter['name']} looks like a national number"
                )
                assert parameter["name"].lower() not in PERSONAL_NAMES, (method, path)


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def logged_backend(tmp_path) -> Iterator[tuple[str, str]]:
    """The backend under uvicorn on 127.0.0.1 with its access log on."""
    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    settings = BackendSettings(db_url=db_url, **shared_card_trust())
    database = Database(db_url)
    prepare_database(database, settings)
    token = issue(db_url, "device", f"k-{uuid.uuid4().hex[:8]}", "bxl-centre")
    config = uvicorn.Config(
        create_app(settings, database),
        host="127.0.0.1",
        port=0,
        access_log=True,
        log_config=None,
        lifespan="off",
    )
    try:
        with serving_on_a_thread(config) as port:
            yield f"http://127.0.0.1:{port}", token
    finally:
        database.close()


def test_the_access_log_of_lookups_holds_no_national_number(tmp_path):
    nn = DEMO_CITIZENS[0].identity.national_number
    access = logging.getLogger("uvicorn.access")
    lines = Lines()
    access.addHandler(lines)
    previous = access.level
    access.setLevel(logging.INFO)
    try:
        with logged_backend(tmp_path) as (url, token):
            headers = card_session_headers(url, token, card_of(shared_test_pki(), nn))
            body = {"national_number": nn}
            citizen = requests.post(
                f"{url}/api/v1/citizens:lookup", json=body, headers=headers, timeout=10
            )
            cases = requests.post(
                f"{url}/api/v1/cases:lookup", json=body, headers=headers, timeout=10
            )
            # The old route is gone (a made-up number: a demo one would be logged here).
            old = requests.get(
                f"{url}/api/v1/citizens/00000000097/cases", headers=headers, timeout=10
            )
    finally:
        access.removeHandler(lines)
        access.setLevel(previous)
    assert citizen.status_code == 200, citizen.text
    assert cases.status_code == 200
    assert old.status_code in (404, 405)
    logged = [line for line in lines.lines if "lookup" in line]
    assert len(logged) == 2, lines.lines  # the log is on: the lookups are in it
    assert not [line for line in lines.lines if nn in line]
