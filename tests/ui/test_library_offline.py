"""The library system switched off: borrowing and returns go on through the screens
under the offline limits, the banner says so, items are named by the titles seen while
it answered (or "title unknown" with the barcode); after a restart with the library
system back, the replay matches. And an idle session is wiped."""

from __future__ import annotations

from kiosk.backend.library.seed import item_barcode
from tests.ui.test_library_journeys import (
    SOPHIE,
    T,
    acs_fixture,  # noqa: F401  (the embedded library system: fixture "acs")
    identify,
    idle,
    running_library,
    scan,
    shown,
    state,
)
from ui.scripted import find_item, tap, wait_until


def _result(vm, item: str) -> dict:
    return next(r for r in vm.results if r["item"] == item)


def test_offline_borrow_and_return_then_replay_after_restart(qapp, tmp_path, registry, acs):
    library = acs.system
    # Her hold ready (item 9) is named online by the overview, as is her loan (item 10).
    borrowed = (item_barcode(1), item_barcode(2), item_barcode(9))
    with running_library(qapp, tmp_path, registry, acs.port) as ui:
        vm = ui.view_model
        identify(ui)  # seen online: may borrow offline later
        tap(ui.window, "finishButton")
        idle(ui)  # the slip printed: "finish" is usable only then
        tap(ui.window, "slipDone")
        state(ui, "attract")

        acs.stop()
        identify(ui)
        assert not vm.online
        banner = shown(ui, "libraryOfflineBanner")
        assert "max. 3" in banner.childItems()[0].property("text")
        assert not find_item(ui.window, "payButton").property("enabledForUse")
        assert not find_item(ui.window, "renewButton").property("enabledForUse")
        tap(ui.window, "borrowButton")
        state(ui, "borrow")
        for item in borrowed:
            scan(ui, item)
            shown(ui, f"result_{item}_ok")
        scan(ui, item_barcode(4))  # over the offline limit
        shown(ui, f"result_{item_barcode(4)}_refused")
        assert "Limite d'emprunts hors ligne" in vm.results[0]["detail"]
        assert "enregistré sur cette borne" in vm.results[1]["detail"]
        # Titles seen online name offline loans; an item never seen is said to be one.
        assert _result(vm, item_barcode(9))["title"] == "Astérix le Gaulois"
        assert _result(vm, item_barcode(1))["title"] == "Titre inconnu — exemplaire BXL0000001"
        assert _result(vm, item_barcode(4))["title"] == "Titre inconnu — exemplaire BXL0000004"
        # ... and on the screen itself, the result line's heading
        for item, title in ((item_barcode(9), "Astérix le Gaulois"),
                            (item_barcode(1), "Titre inconnu — exemplaire BXL0000001")):
            line = shown(ui, f"result_{item}_ok")
            heading = line.childItems()[0].childItems()[0].property("text")
            assert line.isVisible() and heading == f"✓ {title}"
        tap(ui.window, "backToAccount")
        tap(ui.window, "returnButton")
        state(ui, "return")
        scan(ui, item_barcode(10))
        shown(ui, f"result_{item_barcode(10)}_ok")
        assert _result(vm, item_barcode(10))["title"] == "Suske en Wiske: De Duistere Diamant"
        tap(ui.window, "finishButton")
        state(ui, "slip")
        wait_until(lambda: "Prenez" in vm.slipText, T, "the slip")
        slip = next(p for p in ui.services.devices["printer"].device.printed if "provisoires" in p)
        # (the printer's code page has no em dash: it prints "-")
        assert "Titre inconnu - exemplaire BXL0000001" in slip and SOPHIE not in slip
        assert "Astérix le Gaulois" in slip and "Suske en Wiske" in slip
        idle(ui)  # the slip printed: "finish" is usable only then
        tap(ui.window, "slipDone")
        assert library.loans(SOPHIE)[0].barcode == item_barcode(10)  # nothing sent yet

    acs.start()
    with running_library(qapp, tmp_path, registry, acs.port) as ui:
        wait_until(lambda: ui.view_model.online and not ui.view_model.busy, T, "the replay")
        wait_until(lambda: len(library.loans(SOPHIE)) == 3, T, "the replayed loans")
    assert sorted(i.barcode for i in library.loans(SOPHIE)) == list(borrowed)


def test_an_idle_session_is_wiped(qapp, tmp_path, registry, acs):
    now = [1000.0]
    with running_library(
        qapp, tmp_path, registry, acs.port, clock=lambda: now[0], inactivity_timeout_s=20
    ) as ui:
        vm = ui.view_model
        identify(ui)
        assert vm.patronName
        now[0] += 12  # the warning comes first
        wait_until(lambda: vm.warningSeconds >= 0, T, "the inactivity warning")
        assert shown(ui, "libraryInactivityWarning").isVisible()
        now[0] += 10
        state(ui, "attract")
        assert vm.patronName == "" and vm.loans == [] and vm.cardLabel == ""
        assert vm.warningSeconds == -1
        assert not any(
            "Bibliothèque : votre reçu" in p for p in ui.services.devices["printer"].device.printed
        )
