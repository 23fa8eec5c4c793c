"""Remote configuration's texts and timeouts (issue #9) through the real QML: central
IT's attract-screen wording in NL and a short inactivity timeout wait pending in the
store; on the attract screen the running UI takes them, shows the NL text (built-in
text for the languages left out), and the next session times out with the new value."""

from __future__ import annotations

import pytest

from drivers.registry import default_registry
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.i18n import Translator
from kiosk.services import build_services
from kiosk.store.database import Store
from sync.heartbeat import utc_now
from sync.heartbeat_config import (
    RemoteConfigError,
    RemoteConfigInbox,
    apply_values,
    pending_remote_config,
)
from tests.ui.harness import DEVICES
from ui.app import start_ui
from ui.scripted import find_item, tap, wait_until

T = 15
NL_OFFER = "Attesten en afspraken, ook op zaterdag"
NL_TITLE = "Goeiedag"


class FakeClock:
    """The journey's clock: the test moves time, nobody sleeps for a timeout."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _text(ui, name: str) -> str:
    item = find_item(ui.window, name)
    return str(item.property("text")) if item is not None else ""


def test_remote_texts_show_on_attract_and_the_next_session_times_out_sooner(qapp, tmp_path) -> None:
    registry = default_registry()
    config = config_from_mapping(
        {"store": {"path": str(tmp_path / "kiosk.db")}, "devices": DEVICES}, registry
    )
    clock = FakeClock()
    core = build_journey_core(config, clock=clock)
    ui = start_ui(
        qapp,
        core,
        540,
        960,
        False,
        lambda: build_services(config, registry, core.catalog, {}),
        city_platform=lambda: None,
    )
    store = Store(tmp_path / "kiosk.db")  # the sync process's own connection
    try:
        wait_until(lambda: ui.services is not None or ui.startup_error, T, "the services")
        assert ui.startup_error is None and ui.running is not None
        fr_offer = Translator("fr")("attract.offer")
        assert fr_offer in _text(ui, "attractOffer_fr")
        assert NL_OFFER not in _text(ui, "attractOffer_nl")

        inbox = RemoteConfigInbox(store, config, registry, utc_now)
        values = {
            "kiosk": {
                "texts": {"attract.offer": {"nl": NL_OFFER}, "attract.title": {"nl": NL_TITLE}}
            },
            "journey": {"inactivity_timeout_s": 20, "warning_s": 8},
        }
        assert inbox.offer("0123456789abcdef", values) is None
        assert pending_remote_config(store) is not None

        ui.running.remote_config.check()  # on attract: the idle moment
        wait_until(lambda: pending_remote_config(store) is None, T, "the override applied")
        wait_until(lambda: NL_OFFER in _text(ui, "attractOffer_nl"), T, "the NL text")
        assert NL_TITLE in _text(ui, "attractTitle")
        # FR and EN were left out: the built-in text stays.
        assert fr_offer in _text(ui, "attractOffer_fr")
        assert Translator("en")("attract.offer") in _text(ui, "attractOffer_en")
        assert Translator("fr")("attract.title") in _text(ui, "attractTitle")

        tap(ui.window, "startButton")
        wait_until(lambda: core.journey.state == "language", T, "the language screen")
        assert core.journey.seconds_left() == 20  # the new inactivity timeout, not 60
        vm = ui.view_model
        clock.now += 6  # 14 s left: the built-in warning (15 s) would show now
        vm.tick()
        assert vm.property("warningSeconds") == -1
        clock.now += 6.5  # 7.5 s left: inside central IT's 8 s
        wait_until(lambda: vm.property("warningSeconds") == 8, T, "the warning at 8 s")
        clock.now += 8
        wait_until(lambda: core.journey.state == "attract", T, "the inactivity timeout")
        wait_until(lambda: find_item(ui.window, "attractView") is not None, T, "attract again")
    finally:
        ui.close()
        store.close()


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"kiosk": {"texts": {"attract.offer": {"de": "Hallo"}}}}, "texts"),
        ({"kiosk": {"texts": {"attract.bogus": {"nl": "Hallo"}}}}, "texts"),
        ({"kiosk": {"texts": {"attract.title": {"nl": ""}}}}, "texts"),
        ({"journey": {"inactivity_timeout_s": 1}}, "journey.inactivity_timeout_s"),
        ({"journey": {"done_timeout_s": 0}}, "journey.done_timeout_s"),
        ({"journey": {"warning_s": 2}}, "journey.warning_s"),
    ],
)
def test_bad_texts_and_timeouts_are_refused_naming_the_key(values, named) -> None:
    registry = default_registry()
    base = config_from_mapping({}, registry)
    with pytest.raises(RemoteConfigError, match=named.replace(".", r"\.")):
        apply_values(base, values, registry)
