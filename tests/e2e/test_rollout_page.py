"""The rollouts page in headless Debian chromium (Playwright): central IT picks a version
and starts it in waves (canary kiosk → site → all) over a simulated fleet; the canary
rolls back, the page shows the kiosk rolled back with its reason and the rollout
halted; central IT unblocks the version. Screenshots go to the test's tmp dir (and
$FLEET_SCREENSHOT_DIR)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import requests

from kiosk.backend.settings import BackendSettings
from kiosk.updates.bundle import keygen
from sync.updates import UpdatesClient
from tests.backend.fleet.helpers import FakeClock, healthy, post
from tests.backend.harness import threaded_backend
from tests.updates.testapp import make_bundle

pytestmark = pytest.mark.e2e
CHROMIUM = "/usr/bin/chromium"
FLEET = {
    "bxl-canary": "bxl-centre",
    "bxl-centre-02": "bxl-centre",
    "laeken-01": "laeken",
}
CANARY = "bxl-canary"
WHY = "health gate: no attract screen from 3.0.0 within 300 s"


def _screenshot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("FLEET_SCREENSHOT_DIR"):
        target = Path(os.environ["FLEET_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / name)
    return path


def _update(state: str, version: str | None, reason: str | None, current: str) -> dict:
    """A heartbeat's update section (kiosk/updates/state.py heartbeat_section)."""
    failure = {"version": version, "reason": reason, "at": 1.0} if state == "rolled_back" else None
    return {
        "update": {
            "current": current,
            "state": state,
            "version": version,
            "reason": reason,
            "previous": None,
            "last_failure": failure,
            "blocked": [version] if failure else [],
        }
    }


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
def test_central_it_starts_a_rollout_and_sees_it_halt_on_the_canarys_rollback(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    key = tmp_path / "release.key"
    keygen(key)
    bundle = make_bundle(tmp_path / "build", "3.0.0", key, mode="crash")
    clock = FakeClock()
    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    with threaded_backend(db_url, BackendSettings(db_url=db_url, clock=clock)) as backend:
        tokens = {k: backend.device(site=s, kiosk_id=k)[1] for k, s in FLEET.items()}
        for kiosk_id, token in tokens.items():
            beat = healthy(
                kiosk_id, software_version="1.0.0", **_update("idle", None, None, "1.0.0")
            )
            assert post(backend.url, token, beat).status_code == 200
        uploaded = requests.put(
            f"{backend.url}/api/v1/admin/updates/bundles/3.0.0",
            data=bundle.read_bytes(),
            headers={"Authorization": f"Bearer {backend.admin}"},
            timeout=30,
        )
        assert uploaded.status_code == 200, uploaded.text
        clients = {k: UpdatesClient(backend.url, t, timeout_s=10) for k, t in tokens.items()}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
                )
                try:
                    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
                    page.goto(f"{backend.url}/fleet/updates", timeout=30_000)
                    expect(page).to_have_url(f"{backend.url}/fleet/login")
                    page.fill("#credential", backend.admin)
                    page.click("button[type=submit]")
                    page.goto(f"{backend.url}/fleet/updates", timeout=30_000)
                    expect(page.locator("h1")).to_have_text("Software updates")

                    # Central IT picks the version and the waves.
                    page.select_option("#version", "3.0.0")
                    page.select_option("#canary", CANARY)
                    page.select_option("#site", "bxl-centre")
                    page.check("#all")
                    page.click("#start-rollout")
                    expect(page).to_have_url(f"{backend.url}/fleet/updates")
                    section = page.locator("section.rollout")
                    expect(section).to_have_attribute("data-status", "active")
                    expect(page.locator("tr[data-wave='0']")).to_contain_text(
                        f"kiosk {CANARY} (open)"
                    )
                    expect(page.locator("tr[data-wave='1']")).to_contain_text("bxl-centre-02")
                    expect(page.locator("tr[data-wave='2']")).to_contain_text("laeken-01")
                    targets = {k: c.target()["version"] for k, c in clients.items()}
                    assert targets == {CANARY: "3.0.0", "bxl-centre-02": None, "laeken-01": None}

                    # The canary downloads, switches, fails its health gate, rolls back.
                    canary = clients[CANARY]
                    canary.report("3.0.0", "downloading", None, "1.0.0")
                    page.reload()
                    expect(page.locator(f"tr[data-kiosk='{CANARY}']")).to_contain_text(
                        "downloading 3.0.0"
                    )
                    canary.report("3.0.0", "switched", "idle for 130 s", "3.0.0")
                    canary.report("3.0.0", "rolled_back", WHY, "1.0.0")
                    clock.advance(5)
                    beat = healthy(
                        CANARY,
                        software_version="1.0.0",
                        **_update("rolled_back", "3.0.0", WHY, "1.0.0"),
                    )
                    assert post(backend.url, tokens[CANARY], beat).status_code == 200

                    page.reload()
                    expect(section).to_have_attribute("data-status", "halted")
                    expect(page.locator(".halted")).to_contain_text(
                        f"kiosk {CANARY} rolled back 3.0.0: {WHY}"
                    )
                    row = page.locator(f"tr[data-kiosk='{CANARY}']")
                    expect(row.locator(".upd")).to_have_text("rolled back")
                    expect(row).to_contain_text(WHY)
                    expect(row.locator("td[data-label='Running']")).to_have_text("1.0.0")
                    expect(page.locator("tr[data-wave='0']")).to_contain_text("1 rolled back")
                    expect(page.locator("#advance")).to_have_count(0)  # halted: no advancing
                    expect(page.locator("#resume")).to_be_visible()
                    assert _screenshot(page, tmp_path, "rollout-halted.png").stat().st_size > 10_000
                    assert clients["bxl-centre-02"].target()["version"] is None

                    # The fleet list and the kiosk's page say it too.
                    page.goto(f"{backend.url}/fleet", timeout=30_000)
                    cell = page.locator(f"tr[data-kiosk='{CANARY}'] td[data-label='Update']")
                    expect(cell).to_contain_text("rolled back 3.0.0")
                    expect(cell).to_contain_text(WHY)
                    _screenshot(page, tmp_path, "fleet-rolled-back.png")
                    page.goto(f"{backend.url}/fleet/kiosks/{CANARY}", timeout=30_000)
                    expect(page.locator("dd.update")).to_contain_text("rolled back 3.0.0")

                    # Once the cause is understood: unblock the version for the canary.
                    page.goto(f"{backend.url}/fleet/updates", timeout=30_000)
                    page.click("button[data-unblock='3.0.0']")
                    expect(page).to_have_url(f"{backend.url}/fleet/updates")
                    assert canary.target()["unblock"] == ["3.0.0"]
                    page.click("#resume")
                    expect(page.locator("section.rollout")).to_have_attribute(
                        "data-status", "active"
                    )
                    _screenshot(page, tmp_path, "rollout-resumed.png")
                finally:
                    browser.close()
        finally:
            for c in clients.values():
                c.close()


def test_a_rollout_form_without_a_wave_or_csrf_is_refused(tmp_path):
    key = tmp_path / "release.key"
    keygen(key)
    bundle = make_bundle(tmp_path / "build", "2.0.0", key)
    with threaded_backend(f"sqlite:///{tmp_path / 'backend.db'}") as backend:
        admin = {"Authorization": f"Bearer {backend.admin}"}
        requests.put(
            f"{backend.url}/api/v1/admin/updates/bundles/2.0.0",
            data=bundle.read_bytes(),
            headers=admin,
            timeout=30,
        ).raise_for_status()
        with requests.Session() as browser:
            login = browser.post(
                f"{backend.url}/fleet/login", data={"credential": backend.admin}, timeout=10
            )
            assert login.status_code == 200 and login.url.endswith("/fleet")
            page = browser.get(f"{backend.url}/fleet/updates", timeout=10)
            csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
            no_wave = browser.post(
                f"{backend.url}/fleet/updates/rollouts",
                data={"csrf": csrf, "version": "2.0.0"},
                timeout=10,
            )
            assert no_wave.status_code == 422 and "pick at least one wave" in no_wave.text
            forged = browser.post(
                f"{backend.url}/fleet/updates/rollouts",
                data={"csrf": "forged", "version": "2.0.0", "all": "1"},
                timeout=10,
            )
            assert forged.status_code == 403
            unknown = browser.post(
                f"{backend.url}/fleet/updates/rollouts",
                data={"csrf": csrf, "version": "9.9.9", "all": "1"},
                timeout=10,
            )
            assert unknown.status_code == 409 and "no bundle uploaded for version 9.9.9" in (
                unknown.text
            )
            started = browser.post(
                f"{backend.url}/fleet/updates/rollouts",
                data={"csrf": csrf, "version": "2.0.0", "all": "1"},
                timeout=10,
            )
            assert started.status_code == 200 and 'data-status="active"' in started.text
            rollouts = requests.get(
                f"{backend.url}/api/v1/admin/updates/rollouts", headers=admin, timeout=10
            ).json()
            assert [(r["version"], r["status"]) for r in rollouts] == [("2.0.0", "active")]
