"""Credentials: no unauthenticated write, kiosks confined to their site (but for
appointments, which are city-wide), admins apart."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import requests

T = 10
CONTRACT = Path(__file__).parents[2] / "kiosk" / "backend" / "openapi.json"


def test_every_write_endpoint_refuses_a_missing_or_forged_credential(backend):
    paths = json.loads(CONTRACT.read_text())["paths"]
    writes = [(m, p) for p, ops in paths.items() for m in ops if m in ("post", "put", "delete",
                                                                        "patch")]
    assert len(writes) >= 4
    concrete = {"{site}": "bxl-centre", "{case_id}": "0" * 8 + "-0000-0000-0000-" + "0" * 12}
    for method, path in writes:
        for key, value in concrete.items():
            path = path.replace(key, value)
        for headers in ({}, {"Authorization": "Bearer kb1.admin.wrong"},
                        {"Authorization": "Basic Zm9vOmJhcg=="}):
            r = requests.request(method, backend.url + path, json={}, headers=headers,
                                 timeout=T)
            assert r.status_code == 401, (method, path, headers, r.status_code)


def test_kiosks_read_only_their_site_and_admins_alone_enrol(backend):
    _, token = backend.device(site="laeken")
    auth = {"Authorization": f"Bearer {token}"}
    day = (date.today() + timedelta(days=1)).isoformat()
    assert requests.get(f"{backend.url}/api/v1/sites/laeken/queue", params={"day": day},
                        headers=auth, timeout=T).status_code == 200
    assert requests.get(f"{backend.url}/api/v1/sites/bxl-centre/queue", params={"day": day},
                        headers=auth, timeout=T).status_code == 403
    # Appointments are city-wide: a citizen at Laeken may book at the City Hall.
    assert requests.get(f"{backend.url}/api/v1/sites/bxl-centre/slots", params={"day": day},
                        headers=auth, timeout=T).status_code == 200
    assert requests.post(f"{backend.url}/api/v1/admin/devices", json={"site": "laeken"},
                         headers=auth, timeout=T).status_code == 403
    admin = {"Authorization": f"Bearer {backend.admin}"}
    r = requests.post(f"{backend.url}/api/v1/admin/devices",
                      json={"site": "haren", "kiosk_id": "haren-01"}, headers=admin, timeout=T)
    assert r.status_code == 201 and r.json()["token"].startswith("kb1.haren-01.")
    assert requests.post(f"{backend.url}/api/v1/admin/devices",
                         json={"site": "haren", "kiosk_id": "haren-01"}, headers=admin,
                         timeout=T).status_code == 409
    # An admin is not a kiosk: it cannot post events in a kiosk's name.
    assert requests.post(f"{backend.url}/api/v1/events:batch", json={"events": []},
                         headers=admin, timeout=T).status_code in (403, 422)


def test_cli_device_add_prints_a_credential_that_works(tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    out = subprocess.run([sys.executable, "-m", "kiosk", "backend", "device", "add", "--site",
                          "laeken", "--kiosk", "laeken-07", "--db", db],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    token = out.stdout.strip()
    assert token.startswith("kb1.laeken-07.")
    again = subprocess.run([sys.executable, "-m", "kiosk", "backend", "device", "add",
                            "--site", "nowhere", "--db", db],
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 2 and "no site 'nowhere'" in again.stderr
    from tests.backend.harness import threaded_backend

    with threaded_backend(db) as backend:
        r = requests.get(f"{backend.url}/api/v1/catalog",
                         headers={"Authorization": f"Bearer {token}"}, timeout=T)
        assert r.status_code == 200
