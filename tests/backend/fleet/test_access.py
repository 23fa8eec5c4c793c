"""Who may do what: kiosks report for themselves only, admins alone read the fleet,
scrape /metrics, set remote config and see the pages (login form + signed cookie)."""

from __future__ import annotations

import requests

from tests.backend.fleet.helpers import T, healthy, login, post


def test_heartbeats_need_the_kiosks_own_credential(clocked_backend):
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-01")
    other_id, _ = backend.device(kiosk_id="bxl-centre-02")
    assert (
        requests.post(
            f"{backend.url}/api/v1/heartbeat", json=healthy(kiosk_id), timeout=T
        ).status_code
        == 401
    )
    assert post(backend.url, "kb1.bxl-centre-01.forged", healthy(kiosk_id)).status_code == 401
    r = post(backend.url, token, healthy(other_id))
    assert r.status_code == 403 and "itself" in r.json()["detail"]
    assert post(backend.url, backend.admin, healthy(kiosk_id)).status_code == 403
    assert post(backend.url, token, healthy(kiosk_id)).status_code == 200


def test_fleet_reads_metrics_and_config_are_for_admins(clocked_backend):
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-01")
    post(backend.url, token, healthy(kiosk_id))
    device = {"Authorization": f"Bearer {token}"}
    for path in (
        "/api/v1/admin/fleet",
        f"/api/v1/admin/fleet/kiosks/{kiosk_id}",
        "/api/v1/admin/fleet-alerts",
        "/api/v1/admin/fleet-config",
        "/metrics",
    ):
        assert requests.get(backend.url + path, timeout=T).status_code == 401, path
        assert requests.get(backend.url + path, headers=device, timeout=T).status_code == 403
    assert (
        requests.put(
            f"{backend.url}/api/v1/admin/fleet-config/kiosk/{kiosk_id}",
            json={"values": {"journey": {"inactivity_timeout_s": 90}}},
            headers=device,
            timeout=T,
        ).status_code
        == 403
    )


def test_pages_need_an_admin_login(clocked_backend):
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-01")
    post(backend.url, token, healthy(kiosk_id))
    for path in ("/fleet", "/fleet/alerts", f"/fleet/kiosks/{kiosk_id}"):
        r = requests.get(backend.url + path, timeout=T, allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"] == "/fleet/login", path
    # A kiosk credential, a forged one and a forged cookie do not open the pages.
    for credential in (token, "kb1.admin.forged", ""):
        r = requests.post(
            f"{backend.url}/fleet/login",
            data={"credential": credential},
            timeout=T,
            allow_redirects=False,
        )
        assert r.status_code == 401 and "not a valid admin credential" in r.text
    forged = requests.get(
        f"{backend.url}/fleet",
        cookies={"kiosk_fleet_session": "admin|99999999999|" + "0" * 64},
        timeout=T,
        allow_redirects=False,
    )
    assert forged.status_code == 303
    session = login(backend.url, backend.admin)
    try:
        cookie = session.cookies.get("kiosk_fleet_session")
        assert cookie and "HttpOnly" in _set_cookie_header(backend)
        page = session.get(f"{backend.url}/fleet", timeout=T)
        assert page.status_code == 200 and kiosk_id in page.text
        # Forms need the page's CSRF token.
        r = session.post(
            f"{backend.url}/fleet/kiosks/{kiosk_id}/config",
            data={"values": "{}", "csrf": "wrong"},
            timeout=T,
            allow_redirects=False,
        )
        assert r.status_code == 403
        r = session.post(
            f"{backend.url}/fleet/logout",
            data={"csrf": _csrf(page.text)},
            timeout=T,
            allow_redirects=False,
        )
        assert r.status_code == 303
        assert (
            session.get(f"{backend.url}/fleet", timeout=T, allow_redirects=False).status_code == 303
        )
    finally:
        session.close()


def _set_cookie_header(backend) -> str:
    r = requests.post(
        f"{backend.url}/fleet/login",
        data={"credential": backend.admin},
        timeout=T,
        allow_redirects=False,
    )
    return r.headers["set-cookie"]


def _csrf(html: str) -> str:
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def test_a_viewer_credential_from_the_cli_reads_the_fleet_and_changes_nothing(clocked_backend):
    import subprocess
    import sys

    backend = clocked_backend
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "backend", "admin", "add", "--db", backend.db_url,
         "--name", "helpdesk", "--role", "viewer"],
        capture_output=True, text=True, timeout=120, check=True,
    )
    viewer = {"Authorization": f"Bearer {done.stdout.strip()}"}
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-07")
    post(backend.url, token, healthy(kiosk_id))
    assert requests.get(f"{backend.url}/api/v1/admin/fleet", headers=viewer,
                        timeout=T).json()[0]["kiosk_id"] == kiosk_id
    r = requests.put(f"{backend.url}/api/v1/admin/fleet-thresholds",
                     json={"queue_stale_s": 600}, headers=viewer, timeout=T)
    assert r.status_code == 403 and "read-only viewer" in r.json()["detail"]
    r = requests.post(f"{backend.url}/api/v1/admin/devices", json={"site": "haren"},
                      headers=viewer, timeout=T)
    assert r.status_code == 403
