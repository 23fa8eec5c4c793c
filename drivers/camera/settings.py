"""Camera settings read from device URIs; cheap to import (the registry validates config
before the first screen, so nothing here may pull in OpenCV or numpy).

``v4l2:///dev/video0?width=1280&height=720&fps=15&fourcc=MJPG&repeat=2&binarizer=fixed``
``sim://camera?play=QR:hello,empty,CODE128:LIB-1,image:/tmp/a.png&blur=1&rotate=5
&glare=0.3&noise=3&repeat=2&fps=5&seed=1&fault=no_frames``
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from drivers.camera.interface import SYMBOLOGIES
from drivers.errors import DeviceUriError
from drivers.uri import DeviceUri

DEFAULT_WIDTH = 1280
DEFAULT_HEIGHT = 720


def _number(uri: DeviceUri, name: str, default: float, low: float, high: float) -> float:
    text = uri.param(name)
    if text == "":
        return default
    try:
        value = float(text)
    except ValueError:
        raise DeviceUriError(f"{uri.text!r}: {name} must be a number, got {text!r}") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise DeviceUriError(
            f"{uri.text!r}: {name} must be between {low:g} and {high:g}, got {text!r}"
        )
    return value


def _binarizer(uri: DeviceUri) -> str:
    value = uri.param("binarizer", "local")
    if value not in ("local", "fixed"):
        raise DeviceUriError(f"{uri.text!r}: binarizer must be local or fixed, got {value!r}")
    return value


def _integer(uri: DeviceUri, name: str, default: int, low: int, high: int) -> int:
    text = uri.param(name)
    if text == "":
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise DeviceUriError(
            f"{uri.text!r}: {name} must be a whole number from {low} to {high}, got {text!r}"
        )
    return int(text)


@dataclass(frozen=True)
class V4l2Settings:
    """A real camera: its device node, the capture mode asked for, the repeat window."""

    path: str
    width: int = DEFAULT_WIDTH
    height: int = DEFAULT_HEIGHT
    fps: int = 0  # 0: the camera's default rate
    fourcc: str = ""  # e.g. MJPG: USB 2 webcams only reach 720p at 30 fps compressed
    repeat_window_s: float = 2.0
    binarizer: str = "local"  # see drivers/camera/decoder.py DecoderOptions

    @classmethod
    def from_uri(cls, uri: DeviceUri) -> V4l2Settings:
        """Parse and check ``uri``; raises DeviceUriError naming the bad part."""
        if uri.netloc or not uri.path.startswith("/dev/"):
            raise DeviceUriError(f"{uri.text!r}: expected a device node (v4l2:///dev/video0)")
        fourcc = uri.param("fourcc")
        if fourcc and (len(fourcc) != 4 or not fourcc.isascii() or not fourcc.isalnum()):
            raise DeviceUriError(
                f"{uri.text!r}: fourcc must be 4 letters or digits, got {fourcc!r}"
            )
        return cls(
            path=uri.path,
            width=_integer(uri, "width", DEFAULT_WIDTH, 160, 7680),
            height=_integer(uri, "height", DEFAULT_HEIGHT, 120, 4320),
            fps=_integer(uri, "fps", 0, 0, 240),
            fourcc=fourcc.upper(),
            repeat_window_s=_number(uri, "repeat", 2.0, 0.0, 600.0),
            binarizer=_binarizer(uri),
        )


@dataclass(frozen=True)
class PlayItem:
    """One thing held in front of the simulated camera."""

    kind: str  # "code", "image" or "empty"
    text: str = ""  # the code's text, or the image's path
    symbology: str = ""


def parse_play_item(item: str, where: str) -> PlayItem:
    """``QR:text`` · ``empty`` · ``image:/path.png``; raises ValueError saying what is wrong."""
    if item == "empty":
        return PlayItem("empty")
    name, sep, text = item.partition(":")
    if not sep:
        raise ValueError(f"{where}: play item {item!r} is not SYMBOLOGY:text, image:PATH or empty")
    if name == "image":
        if not text.startswith("/"):
            raise ValueError(f"{where}: image path {text!r} must be absolute")
        return PlayItem("image", text)
    if name.upper() not in SYMBOLOGIES:
        raise ValueError(
            f"{where}: unknown symbology {name!r} in play item; known: "
            f"{', '.join(sorted(SYMBOLOGIES))}"
        )
    if not text:
        raise ValueError(f"{where}: play item {item!r} has no text")
    return PlayItem("code", text, name.upper())


@dataclass(frozen=True)
class SimSettings:
    """The simulated camera: what it plays, how it distorts, its idle frame rate."""

    play: tuple[PlayItem, ...] = ()
    blur: float = 0.0
    rotate: float = 0.0
    glare: float = 0.0
    noise: float = 0.0
    repeat_window_s: float = 2.0
    idle_fps: float = 5.0
    seed: int = 0
    binarizer: str = "local"

    @classmethod
    def from_uri(cls, uri: DeviceUri) -> SimSettings:
        """Parse and check ``uri``; raises DeviceUriError naming the bad part.

        ``play`` items are separated by commas, so a played text cannot hold one.
        """
        play = []
        for item in filter(None, uri.param("play").split(",")):
            try:
                play.append(parse_play_item(item, repr(uri.text)))
            except ValueError as exc:
                raise DeviceUriError(str(exc)) from None
        return cls(
            play=tuple(play),
            blur=_number(uri, "blur", 0.0, 0.0, 10.0),
            rotate=_number(uri, "rotate", 0.0, -360.0, 360.0),
            glare=_number(uri, "glare", 0.0, 0.0, 1.0),
            noise=_number(uri, "noise", 0.0, 0.0, 64.0),
            repeat_window_s=_number(uri, "repeat", 2.0, 0.0, 600.0),
            idle_fps=_number(uri, "fps", 5.0, 0.5, 60.0),
            seed=_integer(uri, "seed", 0, 0, 2**31),
            binarizer=_binarizer(uri),
        )
