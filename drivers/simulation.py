"""Fault injection shared by the in-process simulator twins."""

from __future__ import annotations

from common import faults
from drivers.errors import DeviceUriError


class FaultSet(faults.FaultSet):
    """A simulated device's faults; an unknown one is a bad device URI (``?fault=``)."""

    unknown_error = DeviceUriError


def faults_from_param(value: str) -> list[str]:
    """``fault=paper_out,cover_open`` → ["paper_out", "cover_open"]."""
    return [f.strip() for f in value.split(",") if f.strip()]
