"""The closing banner on the library's screens, driven by [library.schedule] on an injected
wall clock, through the real QML (offscreen): hidden until the first announcement mark,
counting down in every language on the attract screen and in the patron's on theirs,
gone once the library is closed."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.backend.library.seed import demo_library
from kiosk.backend.library.sip2_server import LibrarySip2Service
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.config.schema import LibraryScheduleSection
from kiosk.library.access.closing import minutes_to_closing
from kiosk.library.access.schedule import Schedule
from kiosk.services import build_services
from tests.ui.test_library_journeys import SOPHIE, T, scan, state
from ui.library.app import start_library_ui
from ui.scripted import find_item, wait_until

BRUSSELS = ZoneInfo("Europe/Brussels")
HOURS = {"monday": ["09:00-12:00 staffed", "12:00-18:00 self-service"]}



@pytest.fixture(scope="module")
def acs():
    service = LibrarySip2Service(demo_library(), charset="utf-8")
    service.start()
    yield service
    service.stop()


def monday(hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime(2026, 12, 7, hours, minutes, tzinfo=BRUSSELS)


def test_minutes_to_closing_follows_the_schedule():
    schedule = Schedule(LibraryScheduleSection(monday=tuple(HOURS["monday"])))
    marks = (15, 5)
    assert minutes_to_closing(schedule, marks, monday("11:50")) is None  # staffed → self-service
    assert minutes_to_closing(schedule, marks, monday("17:44")) is None
    assert minutes_to_closing(schedule, marks, monday("17:45")) == 15
    assert minutes_to_closing(schedule, marks, monday("17:45") + timedelta(seconds=1)) == 15
    assert minutes_to_closing(schedule, marks, monday("17:59") + timedelta(seconds=30)) == 1
    assert minutes_to_closing(schedule, marks, monday("18:00")) is None  # closed
    assert minutes_to_closing(schedule, (), monday("17:50")) is None
    # no hours configured: self-service around the clock, never closing
    assert minutes_to_closing(Schedule(LibraryScheduleSection()), marks, monday("17:50")) is None


def banner_text(ui) -> str | None:
    item = find_item(ui.window, "libraryClosingBanner")
    if item is None or not item.property("visible"):
        return None
    return find_item(ui.window, "libraryClosingText").property("text")


def test_banner_on_the_attract_and_patron_screens(qapp, tmp_path, registry, acs):
    config = config_from_mapping(
        {
            "kiosk": {"mode": "library", "site_name": "Bibliothèque centrale"},
            "store": {"path": str(tmp_path / "kiosk.db")},
            "devices": {"eid_reader": "sim://eid", "printer": "sim://printer",
                        "card_terminal": "sim://payment", "camera": "sim://camera?repeat=0"},
            "library": {"sip2_address": f"127.0.0.1:{acs.port}", "connect_timeout_s": 1.0,
                        "read_timeout_s": 1.0, "replay_interval_s": 3600.0,
                        "schedule": HOURS},
        },
        registry,
    )
    core = build_journey_core(config)
    now = [monday("17:40")]
    ui = start_library_ui(qapp, core, 540, 960, False,
                          lambda: build_services(config, registry, core.catalog),
                          wall_clock=lambda: now[0])
    try:
        wait_until(lambda: ui.view_model.ready or ui.startup_error, T, "the library services")
        assert ui.startup_error is None
        assert banner_text(ui) is None  # 20 minutes left: not yet

        now[0] = monday("17:47")  # the window's one-second timer reads the clock
        wait_until(lambda: banner_text(ui) is not None, T, "the closing banner")
        text = banner_text(ui)
        assert "La bibliothèque ferme dans 13 minutes." in text
        assert "De bibliotheek sluit over 13 minuten." in text
        assert "The library closes in 13 minutes." in text

        scan(ui, SOPHIE)  # a patron's screens: their language only
        state(ui, "overview")
        ui.view_model.switchLanguage("nl")
        wait_until(lambda: banner_text(ui) == "◷ De bibliotheek sluit over 13 minuten.", T,
                   "the banner in Dutch")
        now[0] = monday("17:59")
        wait_until(lambda: banner_text(ui) == "◷ De bibliotheek sluit over één minuut.", T,
                   "the last minute")
        # The banner sits above the screen, which is not drawn under it.
        banner = find_item(ui.window, "libraryClosingBanner")
        screen = find_item(ui.window, "libraryScreen")
        assert screen.property("y") >= banner.property("height") > 0

        now[0] = monday("18:00")
        wait_until(lambda: banner_text(ui) is None, T, "no banner once closed")
    finally:
        ui.close()
