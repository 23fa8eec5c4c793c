"""Rendered overhead entrance scenes with known counts: the evaluation set.

These are RENDERED scenes (numpy + OpenCV drawing), not recordings: a textured floor
seen from above, people as shoulder ellipses with a head, walking along scripted paths
with a little noise and lighting flicker. They exercise what matters for counting —
single walkers both ways, pairs shoulder to shoulder, people turning back before the
line, people stopping on the line and swaying — and are a start; recorded entrance
video should be added to the set when the city has some it may use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import cv2
import numpy as np

W, H = 640, 480
Path = Callable[[int], tuple[float, float] | None]  # frame -> centre (x, y) or absent


@dataclass(frozen=True)
class Scene:
    name: str
    frames: int
    people: tuple[Path, ...]
    expected_in: int  # crossings downwards (in_direction "down", line at 0.5)
    expected_out: int
    # (frame, brightness change): the lights switched (Open+ dims them before closing)
    light_steps: tuple[tuple[int, int], ...] = ()


def _walk(x: float, start: int, speed: float, *, down: bool = True,
          turn_at: float | None = None, stop_at: float | None = None, stop_frames: int = 0,
          sway: float = 0.0) -> Path:
    """A straight walk from one edge to the other (``speed`` px/frame), optionally
    turning back at y=``turn_at`` or stopping (swaying) at y=``stop_at``."""
    y0, direction = (-60.0, 1.0) if down else (H + 60.0, -1.0)

    def at(frame: int) -> tuple[float, float] | None:
        t = frame - start
        if t < 0:
            return None
        travelled = t * speed
        if stop_at is not None:
            reach = abs(stop_at - y0)
            if travelled > reach:
                waited = min((travelled - reach) / speed, stop_frames)
                wobble = sway * np.sin(waited / 4.0)
                if waited < stop_frames:
                    return x + wobble * 0.3, stop_at + wobble
                travelled -= stop_frames * speed
        if turn_at is not None:
            reach = abs(turn_at - y0)
            if travelled > reach:
                travelled = reach - (travelled - reach)
                if travelled < 0:
                    return None
        y = y0 + direction * travelled
        if y < -80 or y > H + 80:
            return None
        return x, y

    return at


def evaluation_set() -> list[Scene]:
    return [
        Scene("one in", 120, (_walk(320, 5, 6.0),), 1, 0),
        Scene("one out", 120, (_walk(300, 5, 6.0, down=False),), 0, 1),
        Scene("pair side by side in", 130, (_walk(290, 5, 5.0), _walk(352, 5, 5.0)), 2, 0),
        Scene("pair side by side out", 130,
              (_walk(270, 8, 5.5, down=False), _walk(332, 8, 5.5, down=False)), 0, 2),
        Scene("pair shoulders touching in", 130, (_walk(300, 5, 5.5), _walk(352, 5, 5.5)), 2, 0),
        Scene("turns back before the line", 160, (_walk(330, 5, 5.0, turn_at=200),), 0, 0),
        Scene("stops on the line and sways", 220,
              (_walk(320, 5, 5.0, stop_at=240, stop_frames=90, sway=18.0),), 1, 0),
        Scene("crossing each other", 140,
              (_walk(180, 5, 6.0), _walk(460, 10, 6.0, down=False)), 1, 1),
        Scene("lights dimmed while people cross", 200,
              (_walk(250, 5, 5.0), _walk(420, 60, 5.0, down=False)), 1, 1,
              light_steps=((40, -45), (120, 30))),
        Scene("a busy minute", 420, (
            _walk(150, 5, 6.0), _walk(470, 40, 5.0, down=False), _walk(330, 80, 7.0),
            _walk(250, 120, 5.0, turn_at=190), _walk(420, 150, 6.0),
            _walk(200, 200, 5.5, down=False), _walk(380, 240, 6.0, stop_at=235,
                                                     stop_frames=40, sway=12.0),
            _walk(520, 280, 6.5, down=False), _walk(120, 300, 5.0),
        ), 5, 3),
    ]


def _floor(rng: np.random.Generator) -> np.ndarray:
    floor = np.full((H, W), 150, np.uint8)
    for row in range(0, H, 40):  # tiles
        floor[row:row + 1, :] = 120
    for col in range(0, W, 40):
        floor[:, col:col + 1] = 120
    noise = rng.normal(0, 6, (H, W))
    return np.clip(floor + noise, 0, 255).astype(np.uint8)


def render(scene: Scene, seed: int = 7) -> Iterator[np.ndarray]:
    """The scene's frames (greyscale 640x480), one at a time."""
    rng = np.random.default_rng(seed)
    floor = _floor(rng)
    tones = [int(v) for v in rng.integers(30, 80, len(scene.people))]
    light = 0
    for frame in range(scene.frames):
        light += sum(step for at, step in scene.light_steps if at == frame)
        image = floor.copy()
        for path, tone in zip(scene.people, tones, strict=True):
            where = path(frame)
            if where is None:
                continue
            x, y = (int(v) for v in np.rint(where))
            cv2.ellipse(image, (x, y), (27, 17), 0, 0, 360, tone, -1)  # shoulders
            cv2.circle(image, (x, y), 12, max(tone - 20, 0), -1)  # head
        flicker = rng.normal(0, 2)
        noisy = (image.astype(np.int16) + light
                 + rng.integers(-4, 5, image.shape, dtype=np.int16))
        yield np.clip(noisy + flicker, 0, 255).astype(np.uint8)
