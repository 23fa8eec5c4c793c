"""The simulated camera through the registry: what is shown goes through capture,
greyscale, decode and the repeat window; faults; no frame kept after a read."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import types

import numpy as np
import pytest

from drivers.camera.capture import ScanningCamera
from drivers.camera.interface import ScannedCode
from drivers.camera.simsource import SimulatedFrameSource
from drivers.camera.synth import compose, render_code
from drivers.errors import DeviceTimeoutError, DeviceUnavailableError, DeviceUriError
from drivers.simulation import FaultSet
from kiosk.devices import DeviceOwner


@pytest.fixture
def open_camera(registry):
    opened = []

    def open_(uri: str = "sim://camera"):
        camera = registry.open("camera", uri)
        opened.append(camera)
        return camera

    yield open_
    for camera in opened:
        camera.close()


def read_all(camera, formats=frozenset(), timeout=0.5) -> list[ScannedCode]:
    codes = []
    while (code := camera.read_code(timeout, formats)) is not None:
        codes.append(code)
    return codes


def test_a_played_sequence_comes_out_in_order_through_the_decoder(open_camera):
    camera = open_camera(
        "sim://camera?play=QR:BXL-1,empty,CODE128:LIB-0001,"
        "EAN13:9782070612758,CODABAR:A123B,DATAMATRIX:DM-9"
        "&blur=0.8&rotate=4&glare=0.2&noise=2&seed=7"
    )
    assert read_all(camera) == [
        ScannedCode("BXL-1", "QR"),
        ScannedCode("LIB-0001", "CODE128"),
        ScannedCode("9782070612758", "EAN13"),
        ScannedCode("A123B", "CODABAR"),
        ScannedCode("DM-9", "DATAMATRIX"),
    ]


def test_the_screens_formats_filter_what_the_camera_reports(open_camera):
    camera = open_camera("sim://camera?play=QR:letter,CODE128:LIB-7")
    assert read_all(camera, frozenset({"CODE128", "EAN13"})) == [ScannedCode("LIB-7", "CODE128")]


def test_the_same_code_held_up_again_within_the_window_is_reported_once(open_camera):
    camera = open_camera("sim://camera?repeat=60")
    for _ in range(3):
        camera.show("LIB-0001", "CODE128")
    camera.show("LIB-0002", "CODE128")
    camera.show("LIB-0001", "CODE128")
    assert read_all(camera) == [
        ScannedCode("LIB-0001", "CODE128"),
        ScannedCode("LIB-0002", "CODE128"),
    ]
    camera.reset_repeats()  # a new patron: the same book may be scanned again
    camera.show("LIB-0001", "CODE128")
    assert camera.read_code(2) == ScannedCode("LIB-0001", "CODE128")


def test_with_a_zero_window_every_sighting_is_reported(open_camera):
    camera = open_camera("sim://camera?repeat=0")
    camera.show("A", "QR")
    camera.show("A", "QR")
    assert read_all(camera) == [ScannedCode("A", "QR")] * 2


class SteppingClock:
    """Time that moves only when read: the repeat window without sleeping."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_the_window_slides_with_each_sighting_and_reopens_after_absence():
    clock = SteppingClock(0.01)
    source = SimulatedFrameSource(FaultSet("camera", ["unplugged"]), idle_fps=50)
    camera = ScanningCamera(source, repeat_window_s=1.0, clock=clock)
    code = render_code("LIB-9", "CODE128")
    from drivers.camera.settings import PlayItem
    from drivers.camera.simsource import Shot
    from drivers.camera.synth import Distortion

    def show():
        source.put(Shot(PlayItem("image", "<array>"), Distortion(), compose(code, seed=1)))

    show()
    assert camera.read_code(0.05) == ScannedCode("LIB-9", "CODE128")
    clock.now += 0.8
    show()  # still in the window: ignored, and the window restarts from here
    assert camera.read_code(0.05) is None
    clock.now += 0.8
    show()  # 1.6 s after the report but only 0.8 s after the last sighting
    assert camera.read_code(0.05) is None
    clock.now += 1.5
    show()  # out of sight for longer than the window: reported again
    assert camera.read_code(0.05) == ScannedCode("LIB-9", "CODE128")


def test_distortions_per_shot_and_a_misprinted_label(open_camera, caplog):
    camera = open_camera()
    camera.show("5410000000000", "EAN13")  # wrong check digit: no printer makes this
    camera.show("LIB-5", "CODE128", blur=1.0, rotate=-5, glare=0.3)
    camera.show("BXL-Q", "QR", rotate=45, noise=4)
    assert read_all(camera) == [ScannedCode("LIB-5", "CODE128"), ScannedCode("BXL-Q", "QR")]
    assert "unreadable label" in caplog.text and "5410000000000" not in caplog.text


def test_images_are_played_from_files_and_arrays(open_camera, tmp_path):
    import cv2

    path = tmp_path / "card.png"
    assert cv2.imwrite(str(path), compose(render_code("CARD-42", "CODE128"), seed=2))
    camera = open_camera(f"sim://camera?play=image:{path}")
    camera.show_image(compose(render_code("DM", "DATAMATRIX"), seed=3))
    camera.show_image(path)
    camera.show_empty(2)
    camera.show("CARD-43", "CODE128")
    assert read_all(camera) == [
        ScannedCode("CARD-42", "CODE128"),
        ScannedCode("DM", "DATAMATRIX"),
        ScannedCode("CARD-43", "CODE128"),
    ]
    with pytest.raises(ValueError, match="no image"):
        camera.show_image(tmp_path / "missing.png")


def test_an_empty_scene_gives_none_after_the_timeout(open_camera):
    camera = open_camera()
    camera.show_empty(3)
    assert camera.read_code(0.3) is None
    assert camera.pending == 0


def test_unplugged_and_silent_cameras_fail_clearly(open_camera):
    unplugged = open_camera("sim://camera?fault=unplugged")
    with pytest.raises(DeviceUnavailableError, match="unplugged"):
        unplugged.read_code(0.1)
    silent = open_camera("sim://camera?fault=no_frames")
    with pytest.raises(DeviceTimeoutError, match="no frame"):
        silent.read_code(0.1)
    silent.faults.clear()
    assert silent.read_code(0.1) is None


@pytest.mark.parametrize(
    ("uri", "reason"),
    [
        ("sim://camera?play=PDF417:x", "unknown symbology 'PDF417'"),
        ("sim://camera?play=QR", "is not SYMBOLOGY:text"),
        ("sim://camera?play=image:rel.png", "must be absolute"),
        ("sim://camera?blur=lots", "blur must be a number"),
        ("sim://camera?glare=2", "glare must be between 0 and 1"),
        ("sim://camera?fps=0", "fps must be between"),
        ("sim://camera?fault=blurry", "unknown fault 'blurry'"),
    ],
)
def test_bad_simulator_uris_are_refused_with_the_reason(registry, uri, reason):
    with pytest.raises(DeviceUriError, match=reason):
        registry.validate("camera", uri)


def test_a_played_image_that_does_not_exist_fails_at_open(registry, tmp_path):
    with pytest.raises(DeviceUnavailableError, match="no image"):
        registry.open("camera", f"sim://camera?play=image:{tmp_path}/none.png")


def test_unknown_formats_are_refused_by_read_code(open_camera):
    with pytest.raises(ValueError, match="unknown symbology 'ISBN'"):
        open_camera().read_code(0.1, frozenset({"ISBN"}))


def _arrays_reachable_from(root: object) -> list[str]:
    """Every numpy array reachable from ``root`` through our objects and containers."""
    found, seen, todo = [], set(), [(root, "camera")]
    skip = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType)
    while todo:
        obj, where = todo.pop()
        if id(obj) in seen or isinstance(obj, skip):
            continue
        seen.add(id(obj))
        if isinstance(obj, np.ndarray) and obj.ndim >= 2:  # an image, not an RNG's seed
            found.append(f"{where}: {obj.shape}")
            continue
        for ref in gc.get_referents(obj):
            todo.append((ref, f"{where} > {type(ref).__name__}"))
    return found


def test_the_camera_holds_no_frame_after_a_read(open_camera):
    camera = open_camera("sim://camera?play=QR:secret-letter,empty")
    camera.show_image(compose(render_code("DM", "DATAMATRIX"), seed=3))
    assert len(_arrays_reachable_from(camera)) == 1  # the walk does see a held image
    assert camera.read_code(1) == ScannedCode("secret-letter", "QR")
    assert camera.read_code(1) == ScannedCode("DM", "DATAMATRIX")
    assert camera.read_code(0.2) is None
    assert _arrays_reachable_from(camera) == []


class GatedSource:
    """A sensor that hangs until released: holds a read open on the owner thread."""

    def __init__(self) -> None:
        self.entered, self.release = threading.Event(), threading.Event()

    def read(self, timeout: float):
        self.entered.set()
        self.release.wait(10)
        return None

    def close(self) -> None:
        self.release.set()


def test_a_second_thread_reading_while_the_owner_reads_is_refused():
    source = GatedSource()
    owner = DeviceOwner("camera", ScanningCamera(source))
    try:
        reading = owner.submit(lambda cam: cam.read_code(0.1))
        assert source.entered.wait(10)
        with pytest.raises(RuntimeError, match="two threads"):
            owner.device.read_code(0.1)
        source.release.set()
        with pytest.raises(DeviceTimeoutError, match="no frame"):
            reading.result(timeout=10)
    finally:
        owner.close()


def test_the_registry_does_not_import_opencv_or_zxing():
    probe = (
        "import sys, drivers.registry, drivers.commands; "
        "print(' '.join(m for m in ('cv2', 'numpy', 'zxingcpp') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""


def test_the_simulator_reads_with_the_fast_profile_too(open_camera):
    camera = open_camera("sim://camera?binarizer=fixed&play=CODE128:LIB-3,QR:Q-3&noise=2")
    assert read_all(camera) == [ScannedCode("LIB-3", "CODE128"), ScannedCode("Q-3", "QR")]


def test_opencv_loads_with_the_first_use_not_with_the_device():
    # The kiosk builds its devices behind the first screen; an idle camera must not cost
    # OpenCV's memory (bench/startup.py's 200 MB target). A fresh interpreter: this one
    # has loaded cv2 long ago.
    probe = ("import sys; from drivers.camera.simulated import SimulatedCamera; "
             "camera = SimulatedCamera(); assert 'cv2' not in sys.modules, 'built at once'; "
             "assert camera.pending == 0; camera.show_empty(); "
             "assert 'cv2' in sys.modules and camera.pending == 1; camera.close()")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
