"""Citizen enumeration (issue #23 item 8): lookups are rate-limited per credential and
each leaves an audit line naming who, when and from which kiosk — never the national
number."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import requests

from kiosk.backend.demo_citizens import demo_citizen
from kiosk.backend.lookup_guard import AUDIT_LOGGER
from kiosk.backend.settings import BackendSettings
from tests.backend.card_proof import (
    card_of,
    card_session_headers,
    shared_card_trust,
    shared_test_pki,
)
from tests.backend.harness import Backend, threaded_backend

T = 10
LIMIT = 5
ROUTES = [("/api/v1/citizens:lookup", "nn"), ("/api/v1/cases:lookup", "nn"),
          ("/api/v1/cases:by-reference", "ref")]


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('lookups') / 'backend.db'}"
    settings = BackendSettings(db_url=db_url, lookups_per_minute=LIMIT,
                               **shared_card_trust())
    with threaded_backend(db_url, settings) as running:
        yield running


def body(kind: str, national_number: str) -> dict:
    if kind == "nn":
        return {"national_number": national_number}
    return {"reference": "BXL-20260101-0001", "code": "ABCDEFGH"}


@pytest.mark.parametrize("path, kind", ROUTES, ids=[p.split("/")[-1] for p, _ in ROUTES])
def test_lookups_are_limited_per_credential_and_audited(backend, caplog, path, kind):
    national_number = demo_citizen("sophie").identity.national_number
    kiosk_id, token = backend.device(site="bxl-centre")
    _, other = backend.device(site="laeken")
    caplog.set_level(logging.INFO, logger=AUDIT_LOGGER)
    # A citizen's lookups need that citizen's card session (PIN + card signature): the
    # limit counts what a kiosk with one may still ask.
    card = card_of(shared_test_pki(), national_number)
    headers = {
        credential: (card_session_headers(backend.url, credential, card) if kind == "nn"
                     else {"Authorization": f"Bearer {credential}"})
        for credential in (token, other)
    }

    def call(credential: str) -> requests.Response:
        return requests.post(f"{backend.url}{path}", json=body(kind, national_number),
                             headers=headers[credential], timeout=T)

    codes = [call(token).status_code for _ in range(LIMIT + 2)]
    assert 429 not in codes[:LIMIT] and codes[LIMIT:] == [429, 429], codes
    refused = call(token)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "too many lookups" in refused.json()["detail"]
    assert call(other).status_code != 429  # the limit is per credential

    lines = [r.getMessage() for r in caplog.records if r.name == AUDIT_LOGGER]
    mine = [line for line in lines if kiosk_id in line]
    assert len(mine) == LIMIT + 3  # every lookup, refused ones too
    assert all(path.split("/")[-1] in line and "site bxl-centre" in line for line in mine)
    assert sum("refused, rate limit" in line for line in mine) == 3
    assert len({line.split("of subject ")[1].split()[0] for line in mine}) == 1
    assert not any(national_number in line for line in lines)
    assert all(" at 20" in line for line in mine)  # when
