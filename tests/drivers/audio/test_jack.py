"""The headphone jack: the kernel's SW_HEADPHONE_INSERT switch read through python-evdev.

There is no /dev/uinput on the CI machines (containers without the module): the switch
events are real python-evdev InputEvents fed to the source's handler; where uinput is
usable (root on a real kernel) a virtual input device with the switch is read end to end.
"""

from __future__ import annotations

import os
import threading

import pytest

from drivers.audio.jack import (
    EV_SW,
    SW_HEADPHONE_INSERT,
    EvdevJack,
    FixedJack,
    jack_from_uri,
)
from drivers.errors import DeviceUriError

evdev = pytest.importorskip("evdev")


def test_the_codes_are_the_kernels():
    assert (EV_SW, SW_HEADPHONE_INSERT) == (evdev.ecodes.EV_SW,
                                            evdev.ecodes.SW_HEADPHONE_INSERT)


def test_switch_events_plug_and_unplug_and_tell_once_per_change():
    jack = EvdevJack("/dev/input/event-none")
    news: list[bool] = []
    jack.subscribe(news.append)
    key = evdev.InputEvent(0, 0, evdev.ecodes.EV_KEY, evdev.ecodes.KEY_ENTER, 1)
    lineout = evdev.InputEvent(0, 0, EV_SW, evdev.ecodes.SW_LINEOUT_INSERT, 1)
    jack.handle([key, lineout])
    assert not jack.plugged() and news == []  # neither is the headphone switch
    plug = evdev.InputEvent(0, 1, EV_SW, SW_HEADPHONE_INSERT, 1)
    jack.handle([plug, plug])
    assert jack.plugged() and news == [True]
    jack.handle([evdev.InputEvent(0, 2, EV_SW, SW_HEADPHONE_INSERT, 0)])
    assert not jack.plugged() and news == [True, False]


def test_a_missing_device_reads_as_unplugged():
    jack = EvdevJack("/dev/input/event-that-does-not-exist")
    jack.start()  # logs why, starts no thread
    try:
        assert not jack.plugged()
    finally:
        jack.stop()


@pytest.mark.parametrize("uri, kind, plugged", [
    ("evdev://auto", EvdevJack, False),
    ("evdev:///dev/input/event3", EvdevJack, False),
    ("fixed://plugged", FixedJack, True),
    ("fixed://unplugged", FixedJack, False),
])
def test_sources_by_uri(uri, kind, plugged):
    jack = jack_from_uri(uri)
    assert isinstance(jack, kind) and jack.plugged() is plugged


@pytest.mark.parametrize("uri", ["alsa://hw:0", "evdev:///etc/passwd", "fixed://maybe", ""])
def test_a_bad_uri_says_what_to_use(uri):
    with pytest.raises(DeviceUriError, match=r"headphone_jack .*evdev://auto"):
        jack_from_uri(uri)


def test_the_config_refuses_a_bad_jack_uri(registry):
    from kiosk.config.loader import ConfigError, config_from_mapping

    with pytest.raises(ConfigError, match="headphone_jack"):
        config_from_mapping({"ui": {"headphone_jack": "alsa://hw:0"}}, registry)
    config = config_from_mapping({"ui": {"headphone_jack": "fixed://unplugged"}}, registry)
    assert config.ui.headphone_jack == "fixed://unplugged"


@pytest.mark.skipif(not os.access("/dev/uinput", os.W_OK),
                    reason="no writable /dev/uinput here (container without the uinput module)")
def test_a_virtual_jack_device_end_to_end():
    ui = evdev.UInput({EV_SW: [SW_HEADPHONE_INSERT]}, name="kiosk-test headphone jack")
    jack = EvdevJack(ui.device.path)
    plugged = threading.Event()
    jack.subscribe(lambda on: on and plugged.set())
    jack.start()
    try:
        ui.write(EV_SW, SW_HEADPHONE_INSERT, 1)
        ui.syn()
        assert plugged.wait(5), "the switch event did not arrive"
        assert jack.plugged()
    finally:
        jack.stop()
        ui.close()
