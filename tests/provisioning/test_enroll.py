"""`kiosk provision enroll` against a real backend: credential stored 0600, config
written and valid; a spent token is refused with a clear message and exit code 3."""

from __future__ import annotations

import socket
import stat
import tomllib
from datetime import UTC, datetime, timedelta

import pytest

from drivers.registry import default_registry
from kiosk.backend import enrolment
from kiosk.config.loader import load_config
from tests.backend.harness import threaded_backend
from tests.provisioning.helpers import kiosk


@pytest.fixture
def backend(tmp_path):
    with threaded_backend(f"sqlite:///{tmp_path / 'backend.db'}") as running:
        yield running


def new_token(backend, ttl=timedelta(hours=24), kiosk_id=None) -> str:
    with backend.database.write() as session:
        return enrolment.create_token(session, site="laeken", ttl=ttl, now=datetime.now(UTC),
                                      kiosk_id=kiosk_id)


def enroll(backend, token, root, *extra):
    return kiosk(
        "provision",
        "enroll",
        "--backend",
        backend.url,
        "--token",
        token,
        "--site",
        "laeken",
        "--root",
        str(root),
        "--no-detect",
        *extra,
    )


def test_enroll_stores_the_credential_and_writes_the_config(tmp_path, backend):
    root = tmp_path / "root"
    result = enroll(backend, new_token(backend), root, "--kiosk-id", "laeken-01")
    assert result.returncode == 0, result.stderr
    assert "enrolled as laeken-01 at site laeken" in result.stdout

    credential = root / "etc/kiosk/device-credential"
    assert stat.S_IMODE(credential.stat().st_mode) == 0o600
    token = credential.read_text().strip()
    assert token.startswith("kb1.laeken-01.")
    config_file = root / "etc/kiosk/kiosk.toml"
    data = tomllib.loads(config_file.read_text())
    assert data["kiosk"] == {"site": "laeken", "id": "laeken-01"}
    assert data["backend"]["url"] == backend.url
    load_config(config_file, default_registry(), {})  # the kiosk accepts it

    # The credential works: the selftest's backend check passes with it.
    import requests

    answer = requests.get(
        f"{backend.url}/api/v1/catalog", timeout=10, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200

    # Enrolled again (a token naming it): the old credential is revoked, the file replaced.
    named = new_token(backend, kiosk_id="laeken-01")
    again = enroll(backend, named, root, "--kiosk-id", "laeken-01")
    assert again.returncode == 0 and "previous credential revoked" in again.stdout
    assert credential.read_text().strip() != token
    assert (
        requests.get(
            f"{backend.url}/api/v1/catalog",
            timeout=10,
            headers={"Authorization": f"Bearer {token}"},
        ).status_code
        == 401
    )


def test_used_expired_and_forged_tokens_are_refused_clearly(tmp_path, backend):
    root = tmp_path / "root"
    token = new_token(backend)
    assert enroll(backend, token, root).returncode == 0
    used = enroll(backend, token, tmp_path / "other")
    assert used.returncode == 3
    assert (
        "enrolment refused by the backend (HTTP 409): enrolment token already used" in used.stderr
    )
    assert not (tmp_path / "other").exists()  # nothing written on refusal

    with backend.database.write() as session:
        expired = enrolment.create_token(
            session,
            site="laeken",
            ttl=timedelta(hours=1),
            now=datetime.now(UTC) - timedelta(days=1),
        )
    result = enroll(backend, expired, tmp_path / "other")
    assert result.returncode == 3 and "expired" in result.stderr
    result = enroll(backend, token[:-4] + "AAAA", tmp_path / "other")
    assert result.returncode == 3 and "unknown enrolment token" in result.stderr


def test_an_unreachable_backend_and_a_bad_site_are_named(tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = kiosk(
        "provision",
        "enroll",
        "--backend",
        f"http://127.0.0.1:{port}",
        "--token",
        "ke1.x.y",
        "--site",
        "laeken",
        "--root",
        str(tmp_path),
        "--no-detect",
    )
    assert result.returncode == 1 and "not reachable" in result.stderr
    result = kiosk(
        "provision",
        "enroll",
        "--backend",
        f"http://127.0.0.1:{port}",
        "--token",
        "ke1.x.y",
        "--site",
        "Not A Site",
        "--root",
        str(tmp_path),
        "--no-detect",
    )
    assert result.returncode == 2 and "kiosk.site" in result.stderr
