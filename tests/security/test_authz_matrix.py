"""The authorisation matrix: every route of the real backend app, every kind of caller.

Each route of ``create_app`` (walked from ``app.routes``, so a new endpoint without an
entry here fails :func:`test_every_route_has_a_matrix_entry`) has one access rule:

- ``public``: no credential needed (health, the OpenAPI contract and its viewers, the
  fleet login form and its static files); nothing personal is served there.
- ``device``: any kiosk or an admin (reference data, citizens, slots, queue, bundles).
- ``kiosk``: kiosks only — an admin is not a kiosk and cannot act in one's name (403).
- ``admin``: operators' (admin) credentials only — a kiosk's or a read-only viewer's
  gets 403.
- ``viewer``: central IT of either role (an operator or a read-only viewer): the fleet's
  reads; a kiosk credential gets 403.
- ``card``: a kiosk holding the citizen's card session (the citizen's PIN and card
  signature, kiosk/backend/card_sessions.py); the kiosk credential alone gets 403.
- ``card-or-admin``: a citizen's documents: a kiosk holding the citizen's card session
  (the kiosk credential alone gets 403), or an operator (admin) as before.
- ``page``: the fleet pages, an admin's signed session cookie; without one (or with the
  session of a revoked or expired admin) the answer is 303 to the login form; a viewer's
  session opens the pages (GET) and gets 403 from every form but logging out.
- ``enrol``: a one-time enrolment token (``ke1.…``), never a credential.

For every guarded route: no credential, a forged one, an expired one and a revoked one
are refused with 401; a credential of the wrong role with 403; the right one passes.

Per-kiosk resources (:func:`test_another_kiosks_resources_are_refused`): a kiosk reads
its own events only (another kiosk's event is "not found", so ids cannot be probed),
sends heartbeats for itself only, reads its own site's queue only, and fetches only
certificates requested at itself. The rule for citizens: a citizen may be served at any
antenna of the city, so any kiosk may look up a citizen and follow the citizen's cases
(city-wide, not site-bound) once the citizen identified with an eID, and read the free
slots of, and book at, any site of the city (:func:`test_any_kiosk_books_at_any_site`)
in the name of the citizen whose card session it holds; the booking records the kiosk
that made it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kiosk.backend import auth, enrolment
from kiosk.backend.database import Database
from kiosk.backend.settings import BackendSettings
from kiosk.backend.tables import BookingRow
from tests.backend.harness import threaded_backend
from tests.security.authz_world import (
    DAY,
    MATRIX,
    START,
    UNREFUSED,
    Client,
    World,
    heartbeat_body,
    issue_credential,
    national_number_of,
    open_world,
    ticket_event_body,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with open_world(tmp_path_factory) as opened:
        yield opened


def app_routes(routes: list[Any]) -> Iterator[tuple[str, str]]:
    """(method, path) of every route, included routers walked (FastAPI keeps those as
    lazily combined entries); HEAD is implied by GET."""
    for route in routes:
        nested = getattr(route, "effective_route_contexts", None)
        if nested is not None:
            yield from app_routes(list(nested()))
            continue
        for method in sorted(getattr(route, "methods", None) or ()):
            if method != "HEAD":
                yield method, route.path


def test_every_route_has_a_matrix_entry(world: World) -> None:
    from kiosk.backend.app import create_app

    database = Database("sqlite://")
    try:
        app = create_app(BackendSettings(db_url="sqlite://"), database)
        routes = set(app_routes(app.routes))
    finally:
        database.close()
    assert len(routes) >= 45
    missing = sorted(routes - MATRIX.keys())
    assert not missing, f"routes without an authorisation rule in the matrix: {missing}"
    stale = sorted(MATRIX.keys() - routes)
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"


def _call(
    w: World, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
) -> Any:
    return w.client.request(method, path, headers=headers or {}, follow_redirects=False, **kwargs)


# "card": a kiosk holding the citizen's card session (PIN + card signature); the kiosk
# credential alone, or central IT's, gets 403 (kiosk/backend/card_sessions.py).
RIGHT = {"kiosk": "kiosk", "device": "kiosk", "admin": "admin", "viewer": "viewer",
         "card": "kiosk", "card-or-admin": "kiosk"}
CARD_RULES = ("card", "card-or-admin")
# Each rule's wrong roles: refused with 403.
WRONG_ROLES = {
    "kiosk": ("admin", "viewer"),
    "device": ("viewer",),
    "admin": ("kiosk", "viewer"),
    "viewer": ("kiosk",),
    "card": ("admin", "viewer"),
    "card-or-admin": ("viewer",),
}
REFUSED_OF = {
    "kiosk": ("bxl-centre-expired", "bxl-centre-revoked"),
    "device": ("bxl-centre-expired", "bxl-centre-revoked", "admin-expired", "admin-revoked"),
    "admin": ("admin-expired", "admin-revoked"),
    "viewer": ("admin-expired", "admin-revoked", "viewer-revoked"),
    "card": ("bxl-centre-expired", "bxl-centre-revoked"),
    "card-or-admin": ("bxl-centre-expired", "bxl-centre-revoked", "admin-expired",
                      "admin-revoked"),
}


@pytest.mark.parametrize("key", [k for k, v in MATRIX.items() if v[0] in RIGHT], ids=str)
def test_bearer_routes_refuse_all_but_the_right_credential(world: World, key) -> None:
    method, _ = key
    rule, path_of, body_of = MATRIX[key]
    path, body = path_of(world), body_of(world)
    refused = [
        ("no credential", {}),
        ("forged", world.bearer("forged")),
        ("not bearer", {"Authorization": "Basic Zm9vOmJhcg=="}),
    ]
    refused += [(name, world.bearer(name)) for name in REFUSED_OF[rule]]
    for why, headers in refused:
        r = _call(world, method, path, headers, **body)
        assert r.status_code == 401, (why, method, path, r.status_code, r.text[:200])
    for wrong in WRONG_ROLES[rule]:
        r = _call(world, method, path, world.bearer(wrong), **body)
        assert r.status_code == 403, ("wrong role", wrong, method, path, r.status_code)
    if rule in CARD_RULES:  # the kiosk credential alone reads no citizen
        r = _call(world, method, path, world.bearer(RIGHT[rule]), **body)
        assert r.status_code == 403, ("no card session", method, path, r.status_code)
        r = _call(world, method, path, world.card(RIGHT[rule]), **body)
    else:
        r = _call(world, method, path, world.bearer(RIGHT[rule]), **body)
    assert r.status_code not in (401, 403), (UNREFUSED, method, path, r.status_code, r.text)
    if rule in ("device", "viewer", "card-or-admin"):  # an operator reads them too
        r = _call(world, method, path, world.bearer("admin"), **body)
        assert r.status_code not in (401, 403), (UNREFUSED, method, path, r.status_code)


@pytest.mark.parametrize("key", [k for k, v in MATRIX.items() if v[0] == "public"], ids=str)
def test_public_routes_need_no_credential(world: World, key) -> None:
    method, _ = key
    _, path_of, body_of = MATRIX[key]
    r = _call(world, method, path_of(world), **body_of(world))
    assert r.status_code not in (403, 500), (method, r.status_code)


# -- fleet pages --------------------------------------------------------------------------


def _login(w: World, credential: str) -> Any:
    return _call(w, "POST", "/fleet/login", data={"credential": credential})


def _csrf(html: str) -> str:
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def test_fleet_pages_refuse_all_but_a_live_admin_session(world: World) -> None:
    pages = [(k, v) for k, v in MATRIX.items() if v[0] == "page"]
    db = Database(world.db_url)
    try:
        # Admins whose credential will be revoked or expire while they are logged in.
        short = issue_credential(
            db,
            f"admin-short-{uuid.uuid4().hex[:4]}",
            "admin",
            None,
            now=world.clock.now,
            expires_at=world.clock.now + timedelta(hours=1),
        )
        doomed_id = f"admin-doomed-{uuid.uuid4().hex[:4]}"
        doomed = issue_credential(db, doomed_id, "admin", None, now=world.clock.now)
        for credential in (
            world.tokens["kiosk"],
            world.tokens["forged"],
            world.tokens["admin-expired"],
            world.tokens["admin-revoked"],
            "",
        ):
            assert _login(world, credential).status_code == 401
        cookies = {}
        for name, credential in (
            ("short", short),
            ("doomed", doomed),
            ("admin", world.tokens["admin"]),
        ):
            r = _login(world, credential)
            assert r.status_code == 303, r.text
            cookies[name] = r.cookies["kiosk_fleet_session"]
        with db.write() as session:
            auth.revoke(session, doomed_id)
        world.clock.now += timedelta(hours=2)  # past the short admin's expiry
        forged = "admin|99999999999|" + "0" * 64
        for (method, _), (_, path_of, _) in pages:
            path = path_of(world)
            for why, cookie in (
                ("none", None),
                ("forged", forged),
                ("expired admin", cookies["short"]),
                ("revoked admin", cookies["doomed"]),
            ):
                world.client.cookies.clear()
                if cookie:
                    world.client.cookies.set("kiosk_fleet_session", cookie, path="/fleet")
                r = _call(world, method, path, data={"csrf": "x"})
                assert r.status_code == 303 and r.headers["location"] == "/fleet/login", (
                    why,
                    method,
                    path,
                    r.status_code,
                )
        world.client.cookies.clear()
        world.client.cookies.set("kiosk_fleet_session", cookies["admin"], path="/fleet")
        page = _call(world, "GET", "/fleet")
        assert page.status_code == 200
        token = _csrf(page.text)
        for (method, _), (_, path_of, _) in pages:
            r = _call(world, method, path_of(world), data={"csrf": token, "values": "{}"})
            # Past the session check: a page or a form's answer (an action on a rollout or
            # version that does not exist answers 404/409/422 from the handler itself).
            assert r.status_code in (200, 303, 404, 409, 422), (method, r.status_code)
            if r.status_code == 303:  # a form's redirect, not the login's
                assert r.headers["location"] != "/fleet/login" or "kiosk_fleet_session" in (
                    r.headers.get("set-cookie", "")
                ), (method, path_of(world))
    finally:
        world.client.cookies.clear()
        world.clock.now = START
        db.close()


def test_a_viewer_sees_the_pages_and_changes_nothing(world: World) -> None:
    pages = [(k, v) for k, v in MATRIX.items() if v[0] == "page"]
    try:
        r = _login(world, world.tokens["viewer"])
        assert r.status_code == 303, r.text
        world.client.cookies.clear()
        world.client.cookies.set("kiosk_fleet_session", r.cookies["kiosk_fleet_session"],
                                 path="/fleet")
        page = _call(world, "GET", "/fleet")
        assert page.status_code == 200
        token = _csrf(page.text)
        kiosk = _call(world, "GET", "/fleet/kiosks/bxl-centre-01")
        assert kiosk.status_code in (200, 404) and "/config" not in kiosk.text
        assert "/actions\"" not in kiosk.text  # no action buttons either
        rollouts = _call(world, "GET", "/fleet/updates")
        assert rollouts.status_code == 200 and 'action="/fleet/updates/' not in rollouts.text
        for (method, _), (_, path_of, _) in pages:
            path = path_of(world)
            if path == "/fleet/logout":
                continue
            r = _call(world, method, path, data={"csrf": token, "values": "{}"})
            if method == "GET":
                assert r.status_code in (200, 404), (method, path, r.status_code)
            else:
                assert r.status_code == 403 and "read-only" in r.text, (path, r.status_code)
    finally:
        world.client.cookies.clear()


# -- enrolment ----------------------------------------------------------------------------


def test_enrolment_takes_a_live_token_of_its_site_only(world: World) -> None:
    db = Database(world.db_url)
    try:
        with db.write() as session:
            good = enrolment.create_token(
                session, site="haren", ttl=timedelta(hours=1), now=world.clock.now
            )
            old = enrolment.create_token(
                session,
                site="haren",
                ttl=timedelta(hours=1),
                now=world.clock.now - timedelta(hours=2),
            )
    finally:
        db.close()
    body = {"json": {"site": "haren", "kiosk_id": f"haren-{uuid.uuid4().hex[:6]}"}}
    token_id = good.split(".")[1]
    for why, token, expected in (
        ("none", None, 401),
        ("forged", f"ke1.{token_id}.{'y' * 43}", 401),
        ("kiosk credential", world.tokens["kiosk"], 401),
        ("admin credential", world.tokens["admin"], 401),
        ("expired", old, 410),
    ):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        r = _call(world, "POST", "/api/v1/enrol", headers, **body)
        assert r.status_code == expected, (why, r.status_code, r.text)
    r = _call(
        world, "POST", "/api/v1/enrol", {"Authorization": f"Bearer {good}"}, json={"site": "laeken"}
    )
    assert r.status_code == 403  # a token of another site
    r = _call(world, "POST", "/api/v1/enrol", {"Authorization": f"Bearer {good}"}, **body)
    assert r.status_code == 201 and r.json()["token"].startswith("kb1.")
    again = _call(world, "POST", "/api/v1/enrol", {"Authorization": f"Bearer {good}"}, **body)
    assert again.status_code == 409


@pytest.fixture(scope="module")
def enrol_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """A world of its own: enrolment attempts are rate-limited per address, and the
    other enrolment test spends most of the allowance on 127.0.0.1."""
    with open_world(tmp_path_factory) as opened:
        yield opened


def _enrol_token(world: World, site: str, kiosk_id: str | None = None) -> str:
    db = Database(world.db_url)
    try:
        with db.write() as session:
            named = {"kiosk_id": kiosk_id} if kiosk_id else {}
            return enrolment.create_token(
                session, site=site, ttl=timedelta(hours=1), now=world.clock.now, **named
            )
    finally:
        db.close()


def _enrol(world: World, token: str, site: str, kiosk_id: str | None = None) -> Any:
    body = {"site": site} | ({"kiosk_id": kiosk_id} if kiosk_id else {})
    return _call(world, "POST", "/api/v1/enrol", {"Authorization": f"Bearer {token}"},
                 json=body)


def test_enrolment_never_takes_over_a_kiosk_of_another_site(enrol_world: World) -> None:
    """The red-team attack: a site A token naming a kiosk of site B."""
    world = enrol_world
    token = _enrol_token(world, "bxl-centre")
    r = _enrol(world, token, "bxl-centre", "laeken-01")
    assert r.status_code == 403, r.text
    assert "laeken-01" in r.json()["detail"]
    # The real kiosk keeps its credential and its site; the token was not spent.
    assert _call(world, "GET", "/api/v1/catalog", world.bearer("laeken-01")).status_code == 200
    ledger = _call(world, "GET", f"/api/v1/ledger/{START.date()}", world.bearer("laeken-01"))
    assert ledger.status_code == 200
    # Naming the kiosk in a token of another site does not help either.
    with pytest.raises(enrolment.EnrolmentRefusedError, match="not a kiosk of site"):
        _enrol_token(world, "bxl-centre", kiosk_id="laeken-01")
    laeken_token = _enrol_token(world, "laeken")
    assert _enrol(world, laeken_token, "laeken", "bxl-centre-01").status_code == 403
    assert _call(world, "GET", "/api/v1/catalog", world.bearer("laeken-01")).status_code == 200
    assert _enrol(world, token, "bxl-centre").status_code == 201


def test_replacing_a_kiosks_credential_needs_a_token_naming_it(enrol_world: World) -> None:
    world = enrol_world
    kiosk_id = f"bxl-centre-{uuid.uuid4().hex[:6]}"
    first = _enrol(world, _enrol_token(world, "bxl-centre"), "bxl-centre", kiosk_id)
    assert first.status_code == 201
    credential = {"Authorization": f"Bearer {first.json()['token']}"}
    # A site token for an existing kiosk of the same site: refused, nothing replaced.
    site_token = _enrol_token(world, "bxl-centre")
    r = _enrol(world, site_token, "bxl-centre", kiosk_id)
    assert r.status_code == 403 and "naming" in r.json()["detail"], r.text
    assert _call(world, "GET", "/api/v1/catalog", credential).status_code == 200
    # A token naming another kiosk cannot replace this one.
    other = _enrol_token(world, "bxl-centre", kiosk_id="bxl-centre-02")
    assert _enrol(world, other, "bxl-centre", kiosk_id).status_code == 403
    # The token naming it does, once; the old credential is refused from then on.
    named = _enrol_token(world, "bxl-centre", kiosk_id=kiosk_id)
    r = _enrol(world, named, "bxl-centre")
    assert r.status_code == 201 and r.json()["kiosk_id"] == kiosk_id and r.json()["replaced"]
    assert _call(world, "GET", "/api/v1/catalog", credential).status_code == 401
    assert _enrol(world, named, "bxl-centre", kiosk_id).status_code == 409  # reused


# -- per-kiosk resources ------------------------------------------------------------------


def test_another_kiosks_resources_are_refused(world: World) -> None:
    own, same_site, other_site = "bxl-centre-01", "bxl-centre-02", "laeken-01"
    event = ticket_event_body(world)
    r = _call(world, "POST", "/api/v1/events:batch", world.bearer(own), **event)
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "accepted"
    event_path = f"/api/v1/events/{event['json']['events'][0]['event_id']}"
    assert _call(world, "GET", event_path, world.bearer(own)).status_code == 200
    for other in (same_site, other_site):  # "not found": ids of others cannot be probed
        assert _call(world, "GET", event_path, world.bearer(other)).status_code == 404
    beat = heartbeat_body(world)
    r = _call(world, "POST", "/api/v1/heartbeat", world.bearer(same_site), **beat)
    assert r.status_code == 403 and "itself" in r.json()["detail"]
    queue = "/api/v1/sites/bxl-centre/queue"  # queue tickets stay own-site
    assert _call(world, "GET", queue, world.bearer(other_site), **DAY).status_code == 403
    assert _call(world, "GET", queue, world.bearer(own), **DAY).status_code == 200
    # A seeded certificate was requested at the counter: no kiosk may fetch it.
    cases = _call(
        world,
        "POST",
        "/api/v1/cases:lookup",
        world.card(other_site),
        json={"national_number": national_number_of(world)},
    )
    assert cases.status_code == 200 and cases.json(), "citizens' cases are city-wide"
    ready = [c["id"] for c in cases.json() if c["status"] in ("ready", "delivered")]
    for case_id in ready:
        path = f"/api/v1/cases/{case_id}/document"
        assert _call(world, "GET", path, world.bearer(own)).status_code == 403
        assert _call(world, "GET", path, world.bearer("admin")).status_code not in (401, 403)


def test_any_kiosk_books_at_any_site(world: World) -> None:
    """A Laeken kiosk reads the City Hall's free slots and books one; the booking is the
    Laeken kiosk's. An unknown site is "not found"; without a live credential, refused."""
    laeken, centre = "laeken-01", "bxl-centre-01"
    day = (START + timedelta(days=1)).date().isoformat()
    slots_path = "/api/v1/sites/bxl-centre/slots"
    r = _call(world, "GET", slots_path, world.bearer(laeken), params={"day": day})
    assert r.status_code == 200, r.text
    free = [s for s in r.json() if s["free"]]
    assert free, "the demo data has free slots at the City Hall"
    for name in ("bxl-centre-expired", "bxl-centre-revoked", "forged"):
        r = _call(world, "GET", slots_path, world.bearer(name), params={"day": day})
        assert r.status_code == 401, (name, r.status_code)
    assert _call(world, "GET", slots_path, params={"day": day}).status_code == 401
    book = {"json": {"slot_id": free[0]["id"], "national_number": national_number_of(world)}}
    for name in ("bxl-centre-expired", "bxl-centre-revoked"):
        r = _call(
            world, "POST", "/api/v1/sites/bxl-centre/appointments", world.bearer(name), **book
        )
        assert r.status_code == 401, (name, r.status_code)
    # Only in the name of the citizen whose card session the kiosk holds.
    path = "/api/v1/sites/bxl-centre/appointments"
    assert _call(world, "POST", path, world.bearer(laeken), **book).status_code == 403
    r = _call(world, "POST", path, world.card(laeken), **book)
    assert r.status_code == 201, r.text
    assert r.json()["site"] == "bxl-centre" and r.json()["slot_id"] == free[0]["id"]
    db = Database(world.db_url)
    try:
        with db.read() as session:
            row = session.get(BookingRow, r.json()["id"])
            assert row is not None and row.device_id == laeken
    finally:
        db.close()
    # A slot of one site is not bookable through another site's path.
    r = _call(world, "POST", "/api/v1/sites/laeken/appointments", world.card(centre), **book)
    assert r.status_code == 404
    for method, path, kwargs in (
        ("GET", "/api/v1/sites/atlantis/slots", {"params": {"day": day}}),
        ("POST", "/api/v1/sites/atlantis/appointments", book),
    ):
        r = _call(world, method, path, world.card(laeken), **kwargs)
        assert r.status_code == 404 and r.json()["detail"] == "no such site: atlantis", r.text


def test_expired_credential_is_refused_from_its_expiry_on(world: World) -> None:
    db = Database(world.db_url)
    name = f"bxl-centre-t{uuid.uuid4().hex[:4]}"
    try:
        token = issue_credential(
            db,
            name,
            "device",
            "bxl-centre",
            now=world.clock.now,
            expires_at=world.clock.now + timedelta(minutes=5),
        )
    finally:
        db.close()
    headers = {"Authorization": f"Bearer {token}"}
    try:
        assert _call(world, "GET", "/api/v1/catalog", headers).status_code == 200
        world.clock.now += timedelta(minutes=5)
        assert _call(world, "GET", "/api/v1/catalog", headers).status_code == 401
    finally:
        world.clock.now = START


def test_fleet_login_is_rate_limited(tmp_path) -> None:
    db_url = f"sqlite:///{tmp_path / 'b.db'}"
    settings = BackendSettings(db_url=db_url, seed_demo_data=False)
    with threaded_backend(db_url, settings) as backend:
        admin, client = backend.admin, Client(backend.url)
        try:
            codes = [
                client.post("/fleet/login", data={"credential": f"kb1.admin.{i}"}).status_code
                for i in range(12)
            ]
            assert codes[:10] == [401] * 10 and codes[10:] == [429, 429], codes
            # Even the right credential waits: the limit is per address, not per guess.
            r = client.post("/fleet/login", data={"credential": admin})
            assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        finally:
            client.close()


def test_enrolment_is_rate_limited(tmp_path) -> None:
    db_url = f"sqlite:///{tmp_path / 'b.db'}"
    settings = BackendSettings(db_url=db_url, seed_demo_data=False)
    with threaded_backend(db_url, settings) as backend:
        client = Client(backend.url)
        try:
            codes = [
                client.post(
                    "/api/v1/enrol",
                    json={"site": "x"},
                    headers={"Authorization": f"Bearer ke1.{i:x}.forged"},
                ).status_code
                for i in range(11)
            ]
            assert codes[:10] == [401] * 10 and codes[10] == 429, codes
        finally:
            client.close()


def test_cli_device_add_expires(tmp_path) -> None:
    import subprocess
    import sys

    db = f"sqlite:///{tmp_path / 'backend.db'}"
    run = [sys.executable, "-m", "kiosk", "backend", "device", "add", "--site", "laeken",
           "--db", db]
    bad = subprocess.run([*run, "--kiosk", "laeken-08", "--expires", "2001-01-01"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--expires" in bad.stderr and "future" in bad.stderr
    out = subprocess.run([*run, "--kiosk", "laeken-09", "--expires", "30d"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    database = Database(db)
    try:
        with database.read() as session:
            now = datetime.now(UTC)
            assert auth.verify(session, out.stdout.strip(), now) is not None
            assert auth.verify(session, out.stdout.strip(), now + timedelta(days=31)) is None
    finally:
        database.close()


def test_a_database_older_than_the_first_release_is_not_touched(tmp_path) -> None:
    """Only a database with release 0.1.0's whole schema is stamped and upgraded
    (tests/backend/test_migrations.py); anything older stops with the reason."""
    import sqlite3

    from kiosk.backend.database import SchemaError

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a credentials table from before expiry existed
        conn.execute("CREATE TABLE credentials (id VARCHAR(64) PRIMARY KEY, role VARCHAR(16))")
    conn.close()
    database = Database(f"sqlite:///{path}")
    try:
        with pytest.raises(SchemaError, match=r"not a database of release 0\.1\.0 or later"):
            database.create_schema()
    finally:
        database.close()
    with sqlite3.connect(path) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        assert [r[0] for r in tables] == ["credentials"]
    conn.close()
