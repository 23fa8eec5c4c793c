"""`kiosk provision enroll` follows the sync's transport rules: HTTPS verified against
`--ca-file` (written to [backend] ca_file for the sync), the client certificate when
the backend wants one, and no plain HTTP to another machine. Against the real backend
under uvicorn with TLS on 127.0.0.1 and a throwaway CA."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta

import pytest
import requests

from drivers.registry import default_registry
from kiosk.backend import enrolment
from kiosk.backend.database import Database
from kiosk.config.loader import load_config
from tests.provisioning.helpers import kiosk
from tests.security.tls import Authority, tls_backend


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    directory = tmp_path_factory.mktemp("pki")
    city, kiosks = Authority(directory, "city-ca"), Authority(directory, "kiosk-ca")
    return {
        "city": city,
        "server": city.issue("backend", server=True, hosts=("127.0.0.1",)),
        "kiosks": kiosks,
        "kiosk": kiosks.issue("laeken-01", server=False),
    }


def new_token(db) -> str:
    database = Database(f"sqlite:///{db}")
    try:
        with database.write() as session:
            return enrolment.create_token(
                session, site="laeken", ttl=timedelta(hours=1), now=datetime.now(UTC)
            )
    finally:
        database.close()


def enroll(url, token, root, *extra):
    return kiosk(
        "provision", "enroll", "--backend", url, "--token", token, "--site", "laeken",
        "--root", str(root), "--no-detect", *extra,
    )  # fmt: skip


def test_enrolment_over_https_verifies_the_configured_ca(tmp_path, pki):
    db = tmp_path / "backend.db"
    with tls_backend(db, pki["server"]) as backend:
        token = new_token(db)
        # The system's trust store does not know the city's CA: refused, nothing spent.
        untrusted = enroll(backend.url, token, tmp_path / "untrusted")
        assert untrusted.returncode == 1, untrusted.stderr
        assert "certificate verify failed" in untrusted.stderr
        assert "[backend] ca_file" in untrusted.stderr
        assert not (tmp_path / "untrusted" / "etc/kiosk/device-credential").exists()

        root = tmp_path / "root"
        ca = str(pki["city"].pem.cert)
        result = enroll(backend.url, token, root, "--ca-file", ca, "--kiosk-id", "laeken-01")
        assert result.returncode == 0, result.stderr
        config_file = root / "etc/kiosk/kiosk.toml"
        assert tomllib.loads(config_file.read_text())["backend"]["ca_file"] == ca
        config = load_config(config_file, default_registry(), {})
        assert config.backend.ca_file == ca  # the sync will verify against the same CA
        credential = (root / "etc/kiosk/device-credential").read_text().strip()
        answer = requests.get(
            f"{backend.url}/api/v1/catalog",
            headers={"Authorization": f"Bearer {credential}", "Connection": "close"},
            verify=ca,
            timeout=10,
        )
        assert answer.status_code == 200


def test_enrolment_presents_the_client_certificate_the_backend_requires(tmp_path, pki):
    db = tmp_path / "backend.db"
    ca = str(pki["city"].pem.cert)
    with tls_backend(db, pki["server"], client_ca=pki["kiosks"].pem.cert) as backend:
        token = new_token(db)
        without = enroll(backend.url, token, tmp_path / "without", "--ca-file", ca)
        # Under TLS 1.3 the server's refusal of a missing client certificate arrives after
        # the handshake: the client sees either the TLS alert or the connection reset.
        assert without.returncode == 1, without.stderr
        assert ("TLS with the backend failed" in without.stderr
                or "not reachable (ConnectionError)" in without.stderr), without.stderr
        assert not (tmp_path / "without" / "etc/kiosk/device-credential").exists()
        cert, key = str(pki["kiosk"].cert), str(pki["kiosk"].key)
        root = tmp_path / "root"
        result = enroll(
            backend.url, token, root, "--ca-file", ca, "--client-cert", cert, "--client-key", key
        )
        assert result.returncode == 0, result.stderr
        written = tomllib.loads((root / "etc/kiosk/kiosk.toml").read_text())["backend"]
        assert (written["client_cert"], written["client_key"]) == (cert, key)


def test_plain_http_to_another_machine_is_refused_before_sending_the_token(tmp_path):
    # 192.0.2.1 (TEST-NET-1) is never answered: the refusal comes before any connection.
    result = enroll("http://192.0.2.1:8700", "ke1.x.y", tmp_path)
    assert result.returncode == 2
    assert "must be reached over https://" in result.stderr
    assert "must not cross the network in clear" in result.stderr
    assert not any(tmp_path.iterdir())  # nothing written
