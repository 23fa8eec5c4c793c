"""Remote configuration, backend side: per-site and per-kiosk values merged (the
kiosk's win), sent in the heartbeat answer until the kiosk reports the version as
applied, pending or refused; what may never be set remotely is refused at once."""

from __future__ import annotations

import requests

from tests.backend.fleet.helpers import T, admin_get, healthy, login, post


def _put(backend, scope: str, target: str, values) -> requests.Response:
    return requests.put(
        f"{backend.url}/api/v1/admin/fleet-config/{scope}/{target}",
        json={"values": values},
        timeout=T,
        headers={"Authorization": f"Bearer {backend.admin}"},
    )


def test_site_and_kiosk_values_merge_into_the_heartbeat_answer(clocked_backend):
    backend = clocked_backend
    kiosk_id, token = backend.device(site="laeken", kiosk_id="laeken-01")
    assert post(backend.url, token, healthy(kiosk_id)).json()["remote_config"] is None
    assert (
        _put(
            backend,
            "site",
            "laeken",
            {"journey": {"inactivity_timeout_s": 90}, "kiosk": {"site_name": "Laeken"}},
        ).status_code
        == 200
    )
    assert (
        _put(backend, "kiosk", kiosk_id, {"journey": {"inactivity_timeout_s": 45}}).status_code
        == 200
    )
    remote = post(backend.url, token, healthy(kiosk_id)).json()["remote_config"]
    assert remote["values"] == {
        "journey": {"inactivity_timeout_s": 45},
        "kiosk": {"site_name": "Laeken"},
    }
    version = remote["version"]
    # Reported as pending, then applied: no longer sent.
    for state in (
        {"pending": version},
        {"applied": version},
        {"refused": version, "refused_reason": "x"},
    ):
        answer = post(backend.url, token, healthy(kiosk_id, remote_config=state)).json()
        assert answer["remote_config"] is None, state
    [kiosk] = admin_get(backend.url, backend.admin, "/api/v1/admin/fleet")
    assert kiosk["remote_config"]["refused"] == version
    entries = admin_get(backend.url, backend.admin, "/api/v1/admin/fleet-config")
    assert [(e["scope"], e["target"]) for e in entries] == [("kiosk", kiosk_id), ("site", "laeken")]
    # Dropping both: a kiosk that applied values is told to go back to its file.
    for scope, target in (("kiosk", kiosk_id), ("site", "laeken")):
        assert (
            requests.delete(
                f"{backend.url}/api/v1/admin/fleet-config/{scope}/{target}",
                headers={"Authorization": f"Bearer {backend.admin}"},
                timeout=T,
            ).status_code
            == 204
        )
    answer = post(backend.url, token, healthy(kiosk_id, remote_config={"applied": version}))
    assert answer.json()["remote_config"]["values"] == {}


def test_what_may_never_be_set_remotely_is_refused(clocked_backend):
    backend = clocked_backend
    for scope, target, values, where in (
        ("kiosk", "k1", {"kiosk": {"id": "other"}}, "kiosk.id"),
        ("kiosk", "k1", {"backend": {"url": "http://evil"}}, "backend"),
        ("kiosk", "k1", {"devices": {"printer": "sim://printer"}}, "devices"),
        ("site", "nowhere", {"journey": {"inactivity_timeout_s": 30}}, None),
        ("kiosk", "k1", {}, "values"),
    ):
        r = _put(backend, scope, target, values)
        assert r.status_code == (404 if where is None else 422), (values, r.text)
        if where:
            assert where in r.text


def test_the_kiosk_page_form_sets_the_kiosks_values(clocked_backend):
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-05")
    post(backend.url, token, healthy(kiosk_id))
    session = login(backend.url, backend.admin)
    try:
        page = session.get(f"{backend.url}/fleet/kiosks/{kiosk_id}", timeout=T).text
        csrf = page.split('name="csrf" value="')[1].split('"')[0]
        bad = session.post(
            f"{backend.url}/fleet/kiosks/{kiosk_id}/config",
            data={"values": '{"store": {"path": "/tmp/x"}}', "csrf": csrf},
            timeout=T,
        )
        assert bad.status_code == 422 and "Not saved" in bad.text
        good = session.post(
            f"{backend.url}/fleet/kiosks/{kiosk_id}/config",
            data={"values": '{"ui": {"fullscreen": false}}', "csrf": csrf},
            timeout=T,
        )
        assert good.status_code == 200  # after the redirect
    finally:
        session.close()
    remote = post(backend.url, token, healthy(kiosk_id)).json()["remote_config"]
    assert remote["values"] == {"ui": {"fullscreen": False}}
