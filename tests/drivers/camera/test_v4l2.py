"""The real camera's URI and its refusals (no camera on this machine)."""

from __future__ import annotations

import pytest

from drivers.camera.settings import V4l2Settings
from drivers.errors import DeviceUnavailableError, DeviceUriError
from drivers.uri import parse_device_uri


def test_resolution_rate_and_window_come_from_the_uri():
    settings = V4l2Settings.from_uri(
        parse_device_uri("v4l2:///dev/video2?width=1920&height=1080&fps=30&fourcc=mjpg&repeat=1.5")
    )
    assert settings == V4l2Settings("/dev/video2", 1920, 1080, 30, "MJPG", 1.5)


def test_defaults_are_720p_and_a_two_second_window():
    settings = V4l2Settings.from_uri(parse_device_uri("v4l2:///dev/v4l/by-id/usb-cam"))
    assert (settings.width, settings.height, settings.fps, settings.repeat_window_s) == (
        1280,
        720,
        0,
        2.0,
    )


@pytest.mark.parametrize(
    ("uri", "reason"),
    [
        ("v4l2://video0", "expected a device node"),
        ("v4l2:///tmp/video0", "expected a device node"),
        ("v4l2:///dev/video0?width=wide", "width must be a whole number"),
        ("v4l2:///dev/video0?height=99999", "height must be a whole number from 120 to 4320"),
        ("v4l2:///dev/video0?fps=-5", "fps must be a whole number"),
        ("v4l2:///dev/video0?fourcc=MJPEG", "fourcc must be 4 letters"),
        ("v4l2:///dev/video0?repeat=nan", "repeat must be between"),
    ],
)
def test_bad_camera_uris_are_refused_by_the_registry_with_the_reason(registry, uri, reason):
    with pytest.raises(DeviceUriError, match=reason):
        registry.validate("camera", uri)


def test_a_camera_that_is_not_there_fails_clearly_when_opened(registry):
    with pytest.raises(DeviceUnavailableError, match="/dev/video97: no such camera device"):
        registry.open("camera", "v4l2:///dev/video97?width=1280&height=720")


def test_a_device_node_that_is_not_a_camera_is_refused(registry):
    # /dev/null is a character device that every machine has, and no camera.
    with pytest.raises(DeviceUnavailableError, match="/dev/null: cannot open the camera"):
        registry.open("camera", "v4l2:///dev/null")


def test_a_path_that_is_not_a_device_is_refused(registry):
    with pytest.raises(DeviceUnavailableError, match="not a character device"):
        registry.open("camera", "v4l2:///dev/shm")


def test_the_fast_binarizer_is_chosen_in_the_uri(registry):
    assert (
        V4l2Settings.from_uri(parse_device_uri("v4l2:///dev/video0?binarizer=fixed")).binarizer
        == "fixed"
    )
    with pytest.raises(DeviceUriError, match="binarizer must be local or fixed"):
        registry.validate("camera", "v4l2:///dev/video0?binarizer=otsu")
