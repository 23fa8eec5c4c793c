"""The fleet page in headless Debian chromium (Playwright, no browser download): a
simulated fleet with one kiosk offline and one out of paper, read by central IT on a
laptop and on a phone. Screenshots go to the test's tmp dir (and $FLEET_SCREENSHOT_DIR: not KIOSK_…,
which tests/conftest.py strips as config overrides)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kiosk.backend.settings import BackendSettings
from tests.backend.fleet.helpers import BREAKS, FakeClock, healthy, post
from tests.backend.harness import threaded_backend

pytestmark = pytest.mark.e2e
CHROMIUM = "/usr/bin/chromium"
FLEET = {
    "bxl-centre-01": "bxl-centre",
    "bxl-centre-02": "bxl-centre",
    "laeken-01": "laeken",
    "haren-01": "haren",
    "neder-over-heembeek-01": "neder-over-heembeek",
}
OFFLINE, NO_PAPER = "laeken-01", "haren-01"


def _screenshot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("FLEET_SCREENSHOT_DIR"):
        target = Path(os.environ["FLEET_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / name)
    return path


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
def test_central_it_sees_the_fleet_offline_and_out_of_paper(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    clock = FakeClock()
    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    with threaded_backend(db_url, BackendSettings(db_url=db_url, clock=clock)) as backend:
        tokens = {k: backend.device(site=s, kiosk_id=k)[1] for k, s in FLEET.items()}
        for kiosk_id, token in tokens.items():
            assert post(backend.url, token, healthy(kiosk_id)).status_code == 200
        clock.advance(100)  # past 3 × 30 s: whoever is silent now is offline
        for kiosk_id, token in tokens.items():
            if kiosk_id != OFFLINE:
                change = BREAKS["paper_out"] if kiosk_id == NO_PAPER else {}
                assert post(backend.url, token, healthy(kiosk_id, **change)).status_code == 200

        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            try:
                laptop = browser.new_context(viewport={"width": 1366, "height": 900})
                page = laptop.new_page()
                page.goto(f"{backend.url}/fleet", timeout=30_000)
                expect(page).to_have_url(f"{backend.url}/fleet/login")
                page.fill("#credential", backend.admin)
                page.click("button[type=submit]")
                expect(page).to_have_url(f"{backend.url}/fleet")
                expect(page.locator("h1")).to_have_text("Kiosks")
                rows = page.locator("tr[data-kiosk]")
                expect(rows).to_have_count(len(FLEET))
                offline = page.locator(f"tr[data-kiosk='{OFFLINE}']")
                expect(offline.locator(".status")).to_have_text("offline")
                expect(offline).to_contain_text("laeken")
                expect(offline.locator("td[data-label='Alerts']")).to_contain_text("offline")
                no_paper = page.locator(f"tr[data-kiosk='{NO_PAPER}']")
                expect(no_paper.locator(".status")).to_have_text("degraded")
                expect(no_paper.locator("td[data-label='Paper']")).to_have_text("out")
                expect(no_paper.locator("td[data-label='Alerts']")).to_contain_text("paper out")
                fine = page.locator("tr[data-kiosk='bxl-centre-01']")
                expect(fine.locator(".status")).to_have_text("online")
                expect(fine.locator("td[data-label='Version']")).to_have_text("0.1.0")
                expect(fine.locator("td[data-label='Config']")).to_contain_text("0123456789ab")
                expect(page.locator(".summary")).to_contain_text("3 online")
                expect(page.locator(".summary")).to_contain_text("1 degraded")
                expect(page.locator(".summary")).to_contain_text("1 offline")
                # Colour as well as words.
                colour = offline.locator(".status").evaluate(
                    "el => getComputedStyle(el).backgroundColor"
                )
                assert colour not in ("", "rgba(0, 0, 0, 0)")
                assert _screenshot(page, tmp_path, "fleet-laptop.png").stat().st_size > 10_000

                page.click(f"a[href='/fleet/kiosks/{NO_PAPER}']")
                expect(page.locator("h1")).to_contain_text(NO_PAPER)
                expect(page.locator("table.alerts")).to_contain_text("the printer is out of paper")
                page.click("a[href='/fleet/alerts']")
                expect(page.locator("h2").first).to_have_text("Open (2)")
                expect(page.locator("main")).to_contain_text("no heartbeat since")
                _screenshot(page, tmp_path, "alerts-laptop.png")
                cookies = laptop.cookies()
                laptop.close()

                phone = browser.new_context(
                    viewport={"width": 375, "height": 740},
                    device_scale_factor=2,
                    is_mobile=True,
                    has_touch=True,
                )
                phone.add_cookies(cookies)
                page = phone.new_page()
                for path, name in (
                    ("/fleet", "fleet-phone.png"),
                    (f"/fleet/kiosks/{NO_PAPER}", "kiosk-phone.png"),
                    ("/fleet/alerts", "alerts-phone.png"),
                ):
                    page.goto(backend.url + path, timeout=30_000)
                    expect(page.locator("main")).to_be_visible()
                    assert _no_horizontal_scroll(page), path
                    _screenshot(page, tmp_path, name)
                page.goto(f"{backend.url}/fleet", timeout=30_000)
                expect(page.locator(f"tr[data-kiosk='{OFFLINE}'] .status")).to_have_text("offline")
                expect(page.locator(f"tr[data-kiosk='{OFFLINE}']")).to_be_visible()
                phone.close()
            finally:
                browser.close()
