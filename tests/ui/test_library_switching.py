"""Library mode during a software switch (issue #11), through the real library QML: while
the updater's "switching" marker stands, a scanned library card starts no patron
session (the attract screen says why in FR, NL and EN at once) and leaves no session
marker behind; once the switch is over, the same card gets in."""

from __future__ import annotations

import msgspec

from kiosk.composition import build_journey_core
from kiosk.config.schema import UpdatesSection
from kiosk.i18n import Translator
from kiosk.services import build_services
from kiosk.updates import activity
from tests.ui.test_library_journeys import (
    SOPHIE,
    T,
    acs_fixture,  # noqa: F401  (the embedded library system, a fixture)
    idle,
    library_config,
    scan,
    shown,
    state,
)
from ui.library.app import LibraryUi, start_library_ui
from ui.scripted import wait_until


def test_no_patron_session_starts_while_a_switch_is_under_way(qapp, tmp_path, registry, acs):
    updates_dir = tmp_path / "updates"
    updates_dir.mkdir()
    config = msgspec.structs.replace(
        library_config(tmp_path, registry, acs.port),
        updates=UpdatesSection(public_key="ab" * 32, state_dir=str(updates_dir)),
    )
    core = build_journey_core(config)
    ui = start_library_ui(
        qapp, core, 540, 960, False, lambda: build_services(config, registry, core.catalog)
    )
    try:
        assert isinstance(ui, LibraryUi) and ui.markers is not None
        wait_until(lambda: ui.view_model.ready or ui.startup_error, T, "the library services")
        assert ui.startup_error is None
        vm = ui.view_model
        activity.mark_switching(updates_dir, "2.0.0", hold_s=600)  # this process: alive
        wait_until(lambda: ui.markers.switching == "2.0.0", T, "the UI to see the switch")

        state(ui, "attract")
        scan(ui, SOPHIE)
        wanted = [Translator(code)("library.ui.switching") for code in ("fr", "nl", "en")]
        wait_until(lambda: vm.message == " · ".join(wanted), T, "the refusal")
        idle(ui)
        assert vm.state == "attract" and vm.patronName == ""
        message = shown(ui, "attractMessage")
        assert message.isVisible()
        assert ui.markers.flush()
        assert not (updates_dir / activity.SESSION).exists()  # the update need not wait

        activity.clear_switching(updates_dir)
        assert ui.markers.flush() and ui.markers.switching is None
        scan(ui, SOPHIE)
        state(ui, "overview")
        assert ui.markers.flush()
        assert (updates_dir / activity.SESSION).exists()  # now the update waits for it
        vm.end_session()  # the patron leaves (the slip screen's "done")
        state(ui, "attract")
        wait_until(lambda: not (updates_dir / activity.SESSION).exists(), T, "the session's end")
    finally:
        ui.close()
