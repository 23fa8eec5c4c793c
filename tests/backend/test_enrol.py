"""Enrolment: a one-time, expiring token for a site is exchanged for a kiosk credential;
used, expired, unknown or forged tokens are refused; re-enrolling revokes the old one."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
import requests

from kiosk.backend import enrolment

T = 10


def make_token(
    backend,
    site: str = "bxl-centre",
    ttl: timedelta = timedelta(hours=24),
    now: datetime | None = None,
    kiosk_id: str | None = None,
) -> str:
    with backend.database.write() as session:
        return enrolment.create_token(session, site=site, ttl=ttl, now=now or datetime.now(UTC),
                                      kiosk_id=kiosk_id)


def enrol(
    backend, token: str, site: str = "bxl-centre", kiosk_id: str | None = None
) -> requests.Response:
    body = {"site": site} | ({"kiosk_id": kiosk_id} if kiosk_id else {})
    return requests.post(
        f"{backend.url}/api/v1/enrol",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=T,
    )


def authenticated(backend, credential: str) -> int:
    return requests.get(
        f"{backend.url}/api/v1/catalog",
        timeout=T,
        headers={"Authorization": f"Bearer {credential}"},
    ).status_code


def test_a_token_is_exchanged_once_for_a_working_credential(backend):
    token = make_token(backend)
    answer = enrol(backend, token, kiosk_id="bxl-centre-07")
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["kiosk_id"] == "bxl-centre-07" and body["site"] == "bxl-centre"
    assert body["replaced"] is False
    assert authenticated(backend, body["token"]) == 200

    again = enrol(backend, token, kiosk_id="bxl-centre-08")
    assert again.status_code == 409
    assert "already used" in again.json()["detail"]


def test_expired_unknown_forged_and_other_site_tokens_are_refused(backend):
    expired = make_token(backend, ttl=timedelta(hours=1), now=datetime.now(UTC) - timedelta(days=2))
    answer = enrol(backend, expired)
    assert answer.status_code == 410 and "expired" in answer.json()["detail"]

    good = make_token(backend)
    token_id = good.split(".")[1]
    forged = f"ke1.{token_id}.{'A' * 43}"
    for bad in (forged, "ke1.0123456789abcdef.nope", "ke1..x", "kb1.admin.wrong"):
        answer = enrol(backend, bad)
        assert answer.status_code == 401, (bad, answer.status_code)
        assert "enrolment token" in answer.json()["detail"]

    answer = enrol(backend, good, site="laeken")
    assert answer.status_code == 403 and "bxl-centre" in answer.json()["detail"]
    # None of the refusals spent the good token.
    assert enrol(backend, good).status_code == 201


def test_re_enrolling_a_kiosk_revokes_its_old_credential(backend):
    first = enrol(backend, make_token(backend), kiosk_id="bxl-centre-09").json()
    assert authenticated(backend, first["token"]) == 200
    second = enrol(backend, make_token(backend, kiosk_id="bxl-centre-09"), kiosk_id="bxl-centre-09")
    assert second.status_code == 201 and second.json()["replaced"] is True
    assert authenticated(backend, first["token"]) == 401
    assert authenticated(backend, second.json()["token"]) == 200


def test_an_admin_credential_cannot_be_taken_over_by_enrolment(backend):
    admin_id = backend.admin.split(".")[1]
    answer = enrol(backend, make_token(backend), kiosk_id=admin_id)
    assert answer.status_code == 409
    assert authenticated(backend, backend.admin) == 200


def test_attempts_are_rate_limited_per_address(backend):
    codes = [enrol(backend, "ke1.0123456789abcdef.guess").status_code for _ in range(12)]
    assert codes[:10] == [401] * 10
    assert codes[10:] == [429, 429]
    limited = enrol(backend, make_token(backend))
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1


@pytest.mark.parametrize(
    "text, expected",
    [("24h", timedelta(hours=24)), ("30m", timedelta(minutes=30)), ("7d", timedelta(days=7))],
)
def test_durations(text, expected):
    assert enrolment.parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "24", "h", "0h", "31d", "-1h", "1w"])
def test_bad_durations_are_named(text):
    with pytest.raises(ValueError, match=f"expiry {text!r}"):
        enrolment.parse_duration(text)


def test_the_cli_prints_a_token_that_enrols(tmp_path):
    from tests.backend.harness import threaded_backend

    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    with threaded_backend(db_url) as backend:
        cli = [sys.executable, "-m", "kiosk", "backend", "token", "create", "--db", db_url]
        made = subprocess.run(
            [*cli, "--site", "laeken", "--expires", "24h"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert made.returncode == 0, made.stderr
        token = made.stdout.strip()
        assert token.startswith("ke1.")
        # Only a hash is stored: the secret is nowhere in the database.
        assert token.split(".")[2].encode() not in (tmp_path / "backend.db").read_bytes()
        first = enrol(backend, token, site="laeken")
        assert first.status_code == 201
        kiosk_id = first.json()["kiosk_id"]
        named = subprocess.run(
            [*cli, "--site", "laeken", "--kiosk", kiosk_id],
            capture_output=True, text=True, timeout=60,
        )
        assert named.returncode == 0, named.stderr
        again = enrol(backend, named.stdout.strip(), site="laeken")
        assert again.status_code == 201 and again.json()["kiosk_id"] == kiosk_id
        assert again.json()["replaced"] is True

        bad = subprocess.run(
            [*cli, "--site", "nowhere"], capture_output=True, text=True, timeout=60
        )
        assert bad.returncode == 2 and "no site 'nowhere'" in bad.stderr
        bad = subprocess.run(
            [*cli, "--site", "laeken", "--expires", "forever"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert bad.returncode == 2 and "forever" in bad.stderr
