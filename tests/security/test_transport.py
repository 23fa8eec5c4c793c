"""HTTPS to the backend: config rules, CA verification and client certificates, against
the real backend under uvicorn with a throwaway CA on 127.0.0.1."""

from __future__ import annotations

import pytest

from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config
from sync.client import BackendClient, BackendTls, TlsError
from tests.security.tls import Authority, tls_backend


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    directory = tmp_path_factory.mktemp("pki")
    city, rogue, kiosks = (
        Authority(directory, "city-ca"),
        Authority(directory, "rogue-ca"),
        Authority(directory, "kiosk-ca"),
    )
    return {
        "city": city,
        "rogue": rogue,
        "kiosks": kiosks,
        "server": city.issue("backend", server=True, hosts=("127.0.0.1", "localhost")),
        "elsewhere": city.issue("elsewhere", server=True, hosts=("backend.example",)),
        "kiosk": kiosks.issue("kiosk-01", server=False),
        "rogue_kiosk": rogue.issue("rogue-kiosk", server=False),
    }


@pytest.fixture(scope="module")
def backend(pki, tmp_path_factory):
    with tls_backend(tmp_path_factory.mktemp("db") / "backend.db", pki["server"]) as running:
        yield running


@pytest.fixture(scope="module")
def mtls_backend(pki, tmp_path_factory):
    with tls_backend(
        tmp_path_factory.mktemp("db") / "backend.db",
        pki["server"],
        client_ca=pki["kiosks"].pem.cert,
    ) as running:
        yield running


def catalog(url: str, token: str, tls: BackendTls) -> dict:
    client = BackendClient(url, token, 10, tls=tls)
    try:
        answer = client.get_catalog(None)
    finally:
        client.close()
    assert answer.changed
    return answer.document


def test_the_configured_ca_verifies_the_backend(backend, pki):
    assert "services" in catalog(backend.url, backend.token, BackendTls(str(pki["city"].pem.cert)))


def test_a_backend_signed_by_another_ca_is_refused_with_the_reason(backend, pki):
    with pytest.raises(TlsError, match=r"certificate verify failed.*ca_file"):
        catalog(backend.url, backend.token, BackendTls(str(pki["rogue"].pem.cert)))
    with pytest.raises(TlsError, match="certificate verify failed"):
        catalog(backend.url, backend.token, BackendTls())  # not in the system's store


def test_a_certificate_for_another_host_is_refused(pki, tmp_path):
    with (
        tls_backend(tmp_path / "b.db", pki["elsewhere"]) as running,
        pytest.raises(TlsError, match=r"certificate verify failed.*mismatch"),
    ):
        catalog(running.url, running.token, BackendTls(str(pki["city"].pem.cert)))


def test_the_client_certificate_is_presented_when_the_backend_requires_one(mtls_backend, pki):
    ca = str(pki["city"].pem.cert)
    kiosk = pki["kiosk"]
    assert "services" in catalog(
        mtls_backend.url, mtls_backend.token, BackendTls(ca, str(kiosk.cert), str(kiosk.key))
    )
    with pytest.raises(TlsError, match="client certificate"):
        catalog(mtls_backend.url, mtls_backend.token, BackendTls(ca))
    rogue = pki["rogue_kiosk"]  # issued by a CA the backend does not trust
    with pytest.raises(TlsError, match="client certificate"):
        catalog(
            mtls_backend.url, mtls_backend.token, BackendTls(ca, str(rogue.cert), str(rogue.key))
        )


def test_a_client_built_from_the_config_uses_its_tls_files(mtls_backend, pki, tmp_path, registry):
    kiosk = pki["kiosk"]
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[backend]\nurl = "{mtls_backend.url}"\n'
        f'ca_file = "{pki["city"].pem.cert}"\n'
        f'client_cert = "{kiosk.cert}"\nclient_key = "{kiosk.key}"\n'
    )
    config = load_config(path, registry, {})
    client = BackendClient.for_backend(config.backend, mtls_backend.token)
    try:
        assert client.get_catalog(None).changed
    finally:
        client.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8700",
        "http://[::1]:8700",
        "http://localhost:8700",
        "https://backend.brussels.example",
    ],
)
def test_plain_http_is_allowed_to_this_machine_only(url, tmp_path, registry):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[backend]\nurl = "{url}"\n')
    assert load_config(path, registry, {}).backend.url == url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://backend.brussels.example", "plain http:// is allowed only to 127.0.0.1"),
        ("http://127.0.0.1.evil.example:80", "use https:// for 127.0.0.1.evil.example"),
        ("http://10.0.0.7:8700", "use https:// for 10.0.0.7"),
        ("https://:8700", "no host"),
        ("https://host:99999", "not a valid URL"),
    ],
)
def test_plain_http_elsewhere_is_a_config_error_with_the_line(url, reason, tmp_path, registry):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\nid = "k1"\n\n[backend]\nurl = "{url}"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, registry, {})
    (problem,) = caught.value.problems
    assert (problem.key, problem.line) == ("backend.url", 5)
    assert reason in problem.reason


def test_tls_files_must_exist_and_come_in_pairs(tmp_path, registry):
    path = tmp_path / "kiosk.toml"
    path.write_text(
        '[backend]\nurl = "https://b.example"\nca_file = "/nonexistent/ca.pem"\n'
        f'client_cert = "{path}"\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path, registry, {})
    found = {(p.key, p.reason) for p in caught.value.problems}
    assert ("backend.ca_file", "file not found: /nonexistent/ca.pem") in found
    assert any(k == "backend.client_key" and "needs its key" in r for k, r in found)


def test_an_env_override_to_plain_http_is_refused_naming_the_variable(tmp_path, registry):
    with pytest.raises(ConfigError, match=r"env KIOSK_BACKEND_URL: backend\.url: plain http"):
        load_config(None, registry, {"KIOSK_BACKEND_URL": "http://backend.example"})


def test_the_client_itself_refuses_plain_http_elsewhere():
    with pytest.raises(ValueError, match="must be reached over https"):
        BackendClient("http://backend.example", "kb1.x.y", 5)
    BackendClient("http://127.0.0.1:1", "kb1.x.y", 5).close()
