"""Fault injection shared by the in-process simulator twins."""

from __future__ import annotations

from common import faults
from drivers.errors import DeviceUriError

# Each simulator's fault names live here, not in its module: the registry checks a
# ``sim://…?fault=`` URI while the config is validated, before the first screen, and
# must not import every simulator (and its device model) to do so.
EID_FAULTS = ("unplugged", "unreadable", "slow")
PRINTER_FAULTS = ("offline", "paper_out", "near_end", "cover_open", "jam")
TERMINAL_FAULTS = ("offline", "decline", "timeout")
CASH_FAULTS = ("offline", "jam", "stacker_full")
CAMERA_FAULTS = ("unplugged", "no_frames")


class FaultSet(faults.FaultSet):
    """A simulated device's faults; an unknown one is a bad device URI (``?fault=``)."""

    unknown_error = DeviceUriError


def faults_from_param(value: str) -> list[str]:
    """``fault=paper_out,cover_open`` → ["paper_out", "cover_open"]."""
    return [f.strip() for f in value.split(",") if f.strip()]
