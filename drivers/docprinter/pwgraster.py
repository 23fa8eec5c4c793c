"""PDF → PWG raster (PWG 5102.4) for IPP Everywhere printers that take no PDF.

Ghostscript's ``pwgraster`` device does the rendering (Debian ``ghostscript``; it is the
same device cups-filters' ``gstoraster`` drives), run as a child process with
``-dSAFER`` on a temporary file, bounded by a timeout. The printer says what it
accepts (``pwg-raster-document-resolution-supported``, ``-type-supported``); the best
match is asked for: a grey 8-bit page unless only colour is offered.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from drivers.errors import DeviceError

GHOSTSCRIPT = "gs"
# cups raster colour spaces (cups/raster.h): sGray 18, sRGB 19; black 3 (1 bit).
_COLOR_SPACES = {"sgray_8": (18, 8), "srgb_8": (19, 8), "black_1": (3, 1)}
_PREFERRED_TYPES = ("sgray_8", "srgb_8", "black_1")  # a certificate is black on white


def converter_missing() -> str:
    """Why PDF cannot be converted here ("" when it can)."""
    if shutil.which(GHOSTSCRIPT) is None:
        return "ghostscript (gs) is not installed: it converts PDF for printers that " \
               "accept only PWG raster (Debian package ghostscript)"
    return ""


def choose_type(supported: tuple[str, ...]) -> str:
    """The raster type to render, from what the printer supports."""
    for wanted in _PREFERRED_TYPES:
        if wanted in supported or not supported:
            return wanted
    raise DeviceError(f"the printer's PWG raster types {list(supported)} include none of "
                      f"{list(_PREFERRED_TYPES)}")


def choose_resolution(supported: tuple[int, ...]) -> int:
    """The resolution to render at: 300 dpi when offered, else the nearest one."""
    if not supported:
        return 300
    return min(supported, key=lambda dpi: (abs(dpi - 300), -dpi))


def pdf_to_pwg_raster(pdf: bytes, *, resolution: int = 300, raster_type: str = "sgray_8",
                      timeout_s: float = 60.0) -> bytes:
    """Render every page of ``pdf`` on A4 as one PWG raster stream (``RaS2`` …).

    Raises :class:`DeviceError` when ghostscript is missing, fails or runs out of time."""
    missing = converter_missing()
    if missing:
        raise DeviceError(missing)
    if raster_type not in _COLOR_SPACES:
        raise ValueError(f"unknown PWG raster type {raster_type!r}; use one of "
                         f"{list(_COLOR_SPACES)}")
    space, bits = _COLOR_SPACES[raster_type]
    with tempfile.TemporaryDirectory(prefix="kiosk-pwg-") as tmp:
        source, target = Path(tmp) / "document.pdf", Path(tmp) / "document.pwg"
        source.write_bytes(pdf)
        command = [GHOSTSCRIPT, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dNOINTERPOLATE",
                   "-sDEVICE=pwgraster", f"-r{resolution}", "-sPAPERSIZE=a4", "-dFIXEDMEDIA",
                   "-dPDFFitPage", f"-dcupsColorSpace={space}", f"-dcupsBitsPerColor={bits}",
                   f"-sOutputFile={target}", str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout_s,
                                  stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired:
            raise DeviceError(f"PDF to PWG raster: ghostscript took more than {timeout_s:g} s"
                              ) from None
        if done.returncode != 0 or not target.exists():
            why = done.stderr.decode(errors="replace").strip().splitlines()
            raise DeviceError("PDF to PWG raster: ghostscript failed"
                              + (f" ({why[-1][:200]})" if why else ""))
        raster = target.read_bytes()
    if not raster.startswith(b"RaS2"):
        raise DeviceError("PDF to PWG raster: ghostscript wrote no PWG raster stream")
    return raster
