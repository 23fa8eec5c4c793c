"""Moving people in an overhead frame: background subtraction (OpenCV MOG2) → blobs.

A blob wider than ``person_width`` (two people walking shoulder to shoulder merge into
one) is split into as many people as its width holds, side by side. The learning rate
is low so that a person standing still for a few seconds stays foreground. A change of
lighting is compensated (each frame's gain brought to the slowly moving reference
level); one that still makes most of the frame change at once is learnt afresh.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class Blob:
    x: float  # centre, pixels
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class DetectorSettings:
    person_width: float = 0.09  # a person's shoulder width, as a fraction of frame width
    min_area: float = 0.25  # of a person's (width²) area: smaller blobs are noise
    learning_rate: float = 0.002
    history: int = 500
    var_threshold: float = 25.0
    scale: float = 0.5  # frames are processed at this scale (speed; counts unaffected)
    # More of the frame than this "moving" at once is the lights, not people: the
    # background is learnt again from that frame.
    relight_fraction: float = 0.35


class BlobDetector:
    def __init__(self, settings: DetectorSettings | None = None) -> None:
        self.settings = settings or DetectorSettings()
        self._mog = cv2.createBackgroundSubtractorMOG2(
            history=self.settings.history, varThreshold=self.settings.var_threshold,
            detectShadows=False)
        self._kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
        self._level: float | None = None  # the scene's brightness the model was learnt at

    def detect(self, gray: np.ndarray) -> list[Blob]:
        """The people in ``gray`` (full-size coordinates); the frame is not kept."""
        s = self.settings
        scale = s.scale
        small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) \
            if scale != 1.0 else gray
        # Lights dimmed or switched: the frame's gain is brought back to the slowly
        # moving reference level, so the change does not look like people everywhere.
        level = max(cv2.mean(small)[0], 1.0)
        if self._level is None:
            self._level = level
        small = cv2.convertScaleAbs(small, alpha=self._level / level)
        self._level += s.learning_rate * (level - self._level)
        mask = self._mog.apply(small, learningRate=s.learning_rate)
        if cv2.countNonZero(mask) > s.relight_fraction * mask.size:
            self._mog.apply(small, learningRate=1.0)
            return []
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, self._kernel)
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, self._kernel)
        person = s.person_width * small.shape[1]
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        blobs: list[Blob] = []
        for i in range(1, count):
            x, y, w, h, area = (float(v) for v in stats[i])
            if area < s.min_area * person * person:
                continue
            people = max(1, round(w / person)) if w > 1.5 * person else 1
            for k in range(people):
                cx = x + (k + 0.5) * w / people
                blobs.append(Blob(cx / scale, (y + h / 2) / scale, w / people / scale,
                                  h / scale))
        return blobs
