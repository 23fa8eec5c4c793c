"""Is a headphone plugged into the kiosk's audio jack?

The kernel reports the jack as an input switch: ``EV_SW`` / ``SW_HEADPHONE_INSERT`` on
the sound card's "Headphone Jack" input device (HDA, USB audio and most ASoC codecs
do). :class:`EvdevJack` reads it through python-evdev on a thread of its own; the
codec's auto-mute, driven by the same switch, takes the sound off the loudspeaker.
:class:`FixedJack` stands in where no jack is wired (``none``) and in tests.

Sources are chosen by URI: ``evdev://auto`` (the first input device that has the
switch), ``evdev:///dev/input/event7``, ``fixed://plugged``, ``fixed://unplugged``.
"""

from __future__ import annotations

import logging
import select
import threading
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from drivers.errors import DeviceUriError

log = logging.getLogger(__name__)

# linux/input-event-codes.h: the event type and switch code (stable kernel ABI).
EV_SW = 0x05
SW_HEADPHONE_INSERT = 0x02
POLL_S = 0.25  # how long the reader waits for an event before checking for stop

Listener = Callable[[bool], None]


class JackSource(Protocol):
    """The headphone jack's state, and news when it changes (called on any thread)."""

    def plugged(self) -> bool: ...

    def subscribe(self, listener: Listener) -> None: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


class _Listeners:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._plugged = False
        self._listeners: list[Listener] = []

    def plugged(self) -> bool:
        with self._lock:
            return self._plugged

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def set(self, plugged: bool) -> None:
        with self._lock:
            changed = plugged != self._plugged
            self._plugged = plugged
            listeners = list(self._listeners)
        if changed:
            for listener in listeners:
                listener(plugged)


class FixedJack(_Listeners):
    """A jack whose state is set, not sensed: kiosks without jack detection
    (``fixed://unplugged`` keeps personal data off the air) and the tests' hand."""

    def __init__(self, plugged: bool = False) -> None:
        super().__init__()
        self.set(plugged)

    def start(self) -> None:
        """Nothing to watch."""

    def stop(self) -> None:
        """Nothing to stop."""


class EvdevJack(_Listeners):
    """``SW_HEADPHONE_INSERT`` of one evdev input device, read on its own thread.

    ``path`` None: the first device under /dev/input that has the switch. Without
    one the jack reads as unplugged (said once in the log): personal data stays off
    the loudspeaker, which is the safe side.
    """

    def __init__(self, path: str | None = None) -> None:
        super().__init__()
        self._path = path
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Watch on the jack's own thread: finding the device (and importing evdev,
        ~0.1-0.3 s) never holds up the caller, the UI's first frame included."""
        self._thread = threading.Thread(target=self._run, name="headphone-jack", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(POLL_S * 4 + 2)

    def handle(self, events: Iterable[Any]) -> None:
        """Take evdev events (``type``, ``code``, ``value``): the switch's news."""
        for event in events:
            if event.type == EV_SW and event.code == SW_HEADPHONE_INSERT:
                self.set(bool(event.value))

    def _open(self, evdev: Any) -> Any:
        paths = [self._path] if self._path else sorted(evdev.list_devices())
        for path in paths:
            try:
                device = evdev.InputDevice(path)
            except OSError as exc:
                if self._path:
                    log.warning("headphone jack: cannot open %s: %s", path, exc)
                continue
            if SW_HEADPHONE_INSERT in device.capabilities().get(EV_SW, []):
                log.info("headphone jack: %s (%s)", path, device.name)
                return device
            device.close()
        log.warning("headphone jack: no input device reports SW_HEADPHONE_INSERT; "
                    "read as unplugged")
        return None

    def _run(self) -> None:
        try:
            import evdev  # Linux only; imported here so other platforms can run the rest
        except ImportError:
            log.warning("headphone jack: python-evdev is not installed; read as unplugged")
            return
        device = self._open(evdev)
        if device is None:
            return
        self.set(SW_HEADPHONE_INSERT in _active_switches(device))
        try:
            while not self._stop.is_set():
                ready, _, _ = select.select([device.fd], [], [], POLL_S)
                if ready:
                    self.handle(device.read())
        except OSError as exc:  # the sound card went away: unplugged is the safe side
            log.warning("headphone jack: %s stopped: %s", device.path, exc)
            self.set(False)
        finally:
            device.close()


def _active_switches(device: Any) -> list[int]:
    """The switches that are on now (EVIOCGSW), where python-evdev can read them."""
    try:
        from evdev import _input  # type: ignore[attr-defined]

        return list(_input.ioctl_EVIOCG_bits(device.fd, EV_SW))
    except Exception:  # older python-evdev: the first event tells
        return []


def jack_from_uri(uri: str) -> JackSource:
    """The jack source for ``[ui] headphone_jack``; DeviceUriError names a bad one."""
    text = uri.strip()
    if text == "evdev://auto":
        return EvdevJack()
    if text.startswith("evdev:///dev/input/"):
        return EvdevJack(text[len("evdev://"):])
    if text in ("fixed://plugged", "fixed://unplugged"):
        return FixedJack(plugged=text.endswith("/plugged"))
    raise DeviceUriError(f"headphone_jack {uri!r}: use evdev://auto, evdev:///dev/input/eventN, "
                         "fixed://plugged or fixed://unplugged")
