"""The backend stops being an oracle: a citizen's data only for a kiosk holding that
citizen's card session (challenge → card signature → short-lived token bound to the
kiosk and the card's certificate). Real app under uvicorn on 127.0.0.1."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterator

import pytest
import requests
from cryptography import x509

from drivers.eid.demo_pki import DemoPki
from kiosk.backend.card_sessions import CardSessionRefused, CardSessions
from kiosk.backend.database import Database
from kiosk.backend.demo_citizens import demo_citizen
from kiosk.backend.settings import BackendSettings
from sync.city_client import CardSessionRefusedError, CityClient
from tests.backend.card_proof import card_session_headers, card_trust, proof_body, test_card
from tests.backend.harness import Backend, threaded_backend

SESSION_TTL_S = 300.0


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="module")
def pki() -> DemoPki:
    return DemoPki("backend test")


@pytest.fixture(scope="module")
def sessions_db(tmp_path_factory) -> Iterator[Database]:
    """A backend database of its own for the tests driving CardSessions directly."""
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('sessions') / 'sessions.db'}")
    database.create_schema()
    yield database
    database.close()


@pytest.fixture(scope="module")
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="module")
def backend(tmp_path_factory, pki, clock) -> Iterator[tuple[Backend, str, str]]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('cards') / 'backend.db'}"
    settings = BackendSettings(db_url=db_url, clock=clock, **card_trust(pki),
                               card_session_ttl_s=SESSION_TTL_S)
    with threaded_backend(db_url, settings) as running:
        _, token_a = running.device(site="bxl-centre", kiosk_id="k-card-a")
        _, token_b = running.device(site="laeken", kiosk_id="k-card-b")
        yield running, token_a, token_b


def lookup(backend: Backend, route: str, headers: dict, national_number: str):
    return requests.post(f"{backend.url}/api/v1/{route}", headers=headers,
                         json={"national_number": national_number}, timeout=10)


def challenge(backend: Backend, token: str) -> dict:
    r = requests.post(f"{backend.url}/api/v1/card-sessions:challenge",
                      headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


def open_session(backend: Backend, token: str, body: dict) -> requests.Response:
    return requests.post(f"{backend.url}/api/v1/card-sessions", json=body, timeout=10,
                         headers={"Authorization": f"Bearer {token}"})


@pytest.mark.parametrize("route", ["citizens:lookup", "cases:lookup"])
def test_a_kiosk_credential_alone_reads_no_citizen(backend, route):
    running, token, _ = backend
    nn = demo_citizen("sophie").identity.national_number
    r = lookup(running, route, {"Authorization": f"Bearer {token}"}, nn)
    assert r.status_code == 403 and "card session" in r.json()["detail"]
    r = lookup(running, route, {"Authorization": f"Bearer {token}",
                                "X-Card-Session": "forged-token"}, nn)
    assert r.status_code == 403


def test_a_valid_card_proof_opens_lookups_of_that_citizen_only(backend, pki):
    running, token, _ = backend
    card = test_card(pki, "sophie")
    headers = card_session_headers(running.url, token, card)
    citizen = lookup(running, "citizens:lookup", headers, card.national_number)
    assert citizen.status_code == 200, citizen.text
    assert lookup(running, "cases:lookup", headers, card.national_number).status_code == 200
    other = demo_citizen("jan").identity.national_number
    r = lookup(running, "citizens:lookup", headers, other)
    assert r.status_code == 403 and "another citizen" in r.json()["detail"]


def test_a_replayed_proof_is_refused(backend, pki):
    running, token, _ = backend
    body = proof_body(test_card(pki), challenge(running, token))
    assert open_session(running, token, body).status_code == 201
    replay = open_session(running, token, body)
    assert replay.status_code == 403 and "challenge" in replay.json()["detail"]


def test_a_forged_signature_or_an_untrusted_card_is_refused(backend, pki):
    running, token, _ = backend
    card = test_card(pki)
    first = challenge(running, token)
    forged = proof_body(card, {**first, "challenge": base64.b64encode(b"other").decode()})
    r = open_session(running, token, forged)
    assert r.status_code == 403 and "does not verify" in r.json()["detail"]
    stranger = test_card(DemoPki("not trusted"))
    r = open_session(running, token, proof_body(stranger, challenge(running, token)))
    assert r.status_code == 403 and r.json()["detail"].startswith("untrusted")


def test_a_session_is_bound_to_its_kiosk(backend, pki):
    running, token_a, token_b = backend
    card = test_card(pki)
    headers = card_session_headers(running.url, token_a, card)
    stolen = {"Authorization": f"Bearer {token_b}", "X-Card-Session": headers["X-Card-Session"]}
    r = lookup(running, "cases:lookup", stolen, card.national_number)
    assert r.status_code == 403 and "another kiosk" in r.json()["detail"]
    # A challenge issued to kiosk A cannot be answered by kiosk B either.
    r = open_session(running, token_b, proof_body(card, challenge(running, token_a)))
    assert r.status_code == 403 and "another kiosk" in r.json()["detail"]


def test_sessions_expire(backend, pki, clock):
    running, token, _ = backend
    card = test_card(pki)
    headers = card_session_headers(running.url, token, card)
    assert lookup(running, "cases:lookup", headers, card.national_number).status_code == 200
    clock.now += dt.timedelta(seconds=SESSION_TTL_S + 1)
    r = lookup(running, "cases:lookup", headers, card.national_number)
    assert r.status_code == 403 and "expired" in r.json()["detail"]


def test_the_kiosk_client_opens_a_session_and_reads_the_cases(backend, pki):
    running, token, _ = backend
    card = test_card(pki)
    client = CityClient(running.url, token, 5.0)
    try:
        session = client.open_card_session(card.prove)
        assert isinstance(client.cases(card.national_number, session), list)
        client.close_card_session(session)  # the card left the reader
        headers = {"Authorization": f"Bearer {token}", "X-Card-Session": session}
        assert lookup(running, "cases:lookup", headers, card.national_number).status_code == 403
        stranger = test_card(DemoPki("stranger"))
        with pytest.raises(CardSessionRefusedError, match="untrusted"):
            client.open_card_session(stranger.prove)
    finally:
        client.close()


def test_revoked_card_is_refused_by_the_crl(pki, sessions_db):
    card = test_card(pki)
    serial = x509.load_der_x509_certificate(card.certs.auth_cert).serial_number
    crl = x509.load_der_x509_crl(pki.crl([serial]))
    sessions = CardSessions(sessions_db, [pki.root], lambda: dt.datetime.now(dt.UTC),
                            crls=lambda: [crl])
    issued = sessions.challenge("k1")
    auth, ca, signature = card.prove(issued.value)
    with pytest.raises(CardSessionRefused, match="revoked"):
        sessions.open("k1", issued.challenge_id, *(base64.b64encode(x).decode()
                                                   for x in (auth, ca, signature)))


def test_only_an_explicit_setting_lets_a_kiosk_without_card_session_through(tmp_path, pki):
    """The demo backend's switch: off, lookups without a session pass; a session that is
    given is still checked (another citizen → 403)."""
    db_url = f"sqlite:///{tmp_path / 'demo.db'}"
    settings = BackendSettings(db_url=db_url, **card_trust(pki), require_card_session=False)
    assert BackendSettings(db_url=db_url).require_card_session is True
    with threaded_backend(db_url, settings) as running:
        _, token = running.device()
        nn = demo_citizen("sophie").identity.national_number
        assert lookup(running, "cases:lookup", {"Authorization": f"Bearer {token}"},
                      nn).status_code == 200
        headers = card_session_headers(running.url, token, test_card(pki, "jan"))
        assert lookup(running, "cases:lookup", headers, nn).status_code == 403


def test_serve_takes_the_eid_roots_and_crl_from_files(tmp_path, pki):
    from kiosk.backend.serve_options import with_eid_trust

    files = pki.write(tmp_path)  # both roots, and a CRL per citizen CA in one file
    settings = with_eid_trust(BackendSettings(db_url="sqlite://"), str(files["roots"]),
                               str(files["crl"]))
    assert settings.eid_roots == tuple(pki.roots())
    assert [crl.issuer for crl in settings.eid_crls] == [
        pki.hierarchy("rsa").citizen_ca.subject, pki.citizen_ca.subject]
    bad = tmp_path / "bad.pem"
    bad.write_text("nope")
    with pytest.raises(ValueError, match=r"bad\.pem"):
        with_eid_trust(BackendSettings(db_url="sqlite://"), str(bad), None)


def test_the_cas_ocsp_responder_is_asked_first_and_its_crl_decides_without_it(pki, tmp_path,
                                                                            sessions_db):
    """With ``eid_ocsp_url`` the backend asks the CA's responder (openssl ocsp, a real
    peer): a card it says is revoked gets no session although the CRL does not list it;
    with the responder gone, the CRL decides."""
    from tests.common.ocsp_peer import OpensslOcspPeer

    good, revoked = test_card(pki, "sophie"), test_card(pki, "jan")

    def serial(card) -> int:
        return x509.load_der_x509_certificate(card.certs.auth_cert).serial_number

    files = pki.ocsp_responder_files(tmp_path / "ocsp", [serial(revoked)])
    pki.valid_in_index(files["index"], [serial(good)])
    crl = x509.load_der_x509_crl(pki.crl())  # lists nobody

    def attempt(card, url: str) -> str:
        sessions = CardSessions(sessions_db, [pki.root], lambda: dt.datetime.now(dt.UTC),
                                crls=lambda: [crl], ocsp_url=url)
        issued = sessions.challenge("k-ocsp")
        body = proof_body(card, {"challenge_id": issued.challenge_id,
                                 "challenge": base64.b64encode(issued.value).decode()})
        try:
            sessions.open("k-ocsp", body["challenge_id"], body["auth_cert"], body["ca_cert"],
                          body["signature"])
        except CardSessionRefused as exc:
            return exc.reason
        return "opened"

    with OpensslOcspPeer(files) as responder:
        assert attempt(good, responder.url) == "opened"
        assert attempt(revoked, responder.url) == (
            "revoked: authentication certificate is revoked (OCSP)")
        url = responder.url
    assert attempt(revoked, url) == "opened"  # no answer: the CRL, which lists nobody


def test_one_kiosk_flooding_challenges_uses_up_only_its_own(pki, sessions_db):
    """A kiosk keeps a handful of open challenges (its oldest are dropped past that): a
    flood from one credential never fills the room every other kiosk needs."""
    from sqlalchemy import func, select

    from kiosk.backend.card_sessions import MAX_PENDING_PER_KIOSK
    from kiosk.backend.tables import CardChallengeRow

    sessions = CardSessions(sessions_db, [pki.root], lambda: dt.datetime.now(dt.UTC),
                            crls=pki.crls)
    card = test_card(pki)
    flood = [sessions.challenge("k-flood") for _ in range(5 * MAX_PENDING_PER_KIOSK)]
    with sessions_db.read() as db:
        kept = db.scalar(select(func.count()).select_from(CardChallengeRow)
                         .where(CardChallengeRow.kiosk_id == "k-flood"))
    assert kept == MAX_PENDING_PER_KIOSK

    def attempt(kiosk: str, issued) -> str:
        auth, ca, signature = card.prove(issued.value)
        try:
            sessions.open(kiosk, issued.challenge_id, *(base64.b64encode(x).decode()
                                                        for x in (auth, ca, signature)))
        except CardSessionRefused as exc:
            return exc.reason
        return "opened"

    assert attempt("k-other", sessions.challenge("k-other")) == "opened"
    assert attempt("k-flood", flood[-1]) == "opened"
    assert attempt("k-flood", flood[-MAX_PENDING_PER_KIOSK]) == "opened"  # still kept
    assert attempt("k-flood", flood[-MAX_PENDING_PER_KIOSK - 1]) == (
        "unknown, used or expired challenge")  # dropped, as every older one


def test_without_a_revocation_source_no_card_opens_a_session(pki, sessions_db):
    """No CRL configured and no OCSP "good" (none configured, or the responder does not
    answer): revocation is unknown, and the card is refused rather than let through."""
    import socket

    card = test_card(pki)

    def attempt(**config) -> str:
        sessions = CardSessions(sessions_db, [pki.root], lambda: dt.datetime.now(dt.UTC),
                                **config)
        issued = sessions.challenge("k1")
        auth, ca, signature = card.prove(issued.value)
        try:
            sessions.open("k1", issued.challenge_id, *(base64.b64encode(x).decode()
                                                       for x in (auth, ca, signature)))
        except CardSessionRefused as exc:
            return exc.reason
        return "opened"

    with socket.socket() as unused:  # a port nothing listens on: the responder is down
        unused.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{unused.getsockname()[1]}/ocsp"
    refused = ("revocation_unknown: no CRL is configured (--eid-crl) and no OCSP responder "
               "answered (--eid-ocsp)")
    assert attempt() == refused
    assert attempt(ocsp_url=down) == refused
    assert attempt(crls=pki.crls) == "opened"


def test_two_backends_on_one_database_share_challenges_and_sessions(tmp_path, pki):
    """As the worker processes of `backend serve --workers N` (or two hosts behind a load
    balancer) do: a challenge from one is proven at the other, the session serves lookups
    at both, and ending it at one ends it everywhere. Each app keeps nothing of its own."""
    db_url = f"sqlite:///{tmp_path / 'shared.db'}"
    settings = BackendSettings(db_url=db_url, **card_trust(pki))
    card = test_card(pki, "sophie")
    with threaded_backend(db_url, settings) as one, threaded_backend(db_url, settings) as two:
        _, token = one.device(kiosk_id="k-shared")
        bearer = {"Authorization": f"Bearer {token}"}
        issued = challenge(one, token)
        opened = open_session(two, token, proof_body(card, issued))
        assert opened.status_code == 201, opened.text
        assert open_session(one, token, proof_body(card, issued)).status_code == 403  # used up
        headers = {**bearer, "X-Card-Session": opened.json()["session_token"]}
        for backend in (one, two):
            assert lookup(backend, "cases:lookup", headers,
                          card.national_number).status_code == 200
        ended = requests.delete(f"{two.url}/api/v1/card-sessions", headers=headers, timeout=10)
        assert ended.status_code == 204
        assert lookup(one, "cases:lookup", headers, card.national_number).status_code == 403
