"""Work-arounds for defects of the Qt binding that would take a long-running kiosk down, or
slow its start.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without taking a new
reference to it; every emit from Python then leaves ``True`` one reference short, and
after a few thousand emits the interpreter aborts ("bool_dealloc"). Older releases do not
leak but crash on our on-screen keyboard's QML (heap corruption, not understood yet), so
we stay on 6.12 and keep ``True`` alive: CPython 3.12+ makes it immortal by design; on
3.11 we give it as many spare references as that would take (2**40 emits).

PySide6 also reads the source of every module imported after it (``inspect.getsource``, in
``shibokensupport.feature.feature_imported``) to learn whether it says ``from __feature__
import …``, and keeps every line of it in :mod:`linecache`: for the kiosk's services
(SQLAlchemy, Alembic, …) some 600 files, 26 MB and a tenth of a second, and before the
first frame another 150 files. No module of ours selects a ``__feature__``, so
:func:`skip_source_scan` turns the scan off: a module it never looked at gets the same
default as one it found without the word "PySide6" in its source, no feature.

Qt's raster painter (the software renderer the kiosk draws with) keeps glyphs in a cache
only up to 64 pixels; a larger text is filled as outlines, glyph by glyph, at every frame
that draws it: the attract screen's 84-pixel title made that screen's frame 7-8 ms of
the GUI thread, and with large text (x1.3) every title on every screen is over 64 pixels.
:func:`cache_large_glyphs` raises that limit to the kiosk's largest text.

Python's cyclic garbage collector, in its full (oldest generation) collections, walks
every object alive: once the kiosk's services are up, some 100,000 of them (SQLAlchemy,
the catalog, the QML's wrappers), 30-130 ms of the GUI thread whenever one falls due
during a session. :func:`freeze_started_objects` takes what exists once the kiosk runs
out of the collector's sight (``gc.freeze``); :func:`thaw_objects` gives it back when the
kiosk closes (tests start many kiosks in one process).
"""

from __future__ import annotations

import gc
import os
import sys
from types import ModuleType

SPARE_REFERENCES = 1 << 40
# Glyphs up to this many pixels are drawn from the cache: the largest text on the
# kiosk's screens (160 px, the inactivity countdown) with room for large text (x1.3).
LARGEST_CACHED_GLYPH_PX = 224


def keep_true_alive() -> None:
    """Give ``True`` spare references once per process (no-op where it is immortal)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes  # here: the kiosk calls this after its first frame (ui/app.py)

    refcount = ctypes.c_ssize_t.from_address(id(True))
    if refcount.value < SPARE_REFERENCES:
        refcount.value += SPARE_REFERENCES


def cache_large_glyphs() -> None:
    """Have Qt's raster painter cache glyphs up to :data:`LARGEST_CACHED_GLYPH_PX`.

    Qt reads the limit once per process, at the first text it draws: call this before
    the first window is shown. A limit set in the environment already is kept."""
    os.environ.setdefault("QT_MAX_CACHED_GLYPH_SIZE", str(LARGEST_CACHED_GLYPH_PX))


def freeze_started_objects() -> None:
    """Keep every object alive now out of the cyclic collector's collections (they live
    as long as the kiosk): call once its services are up, on the GUI thread."""
    gc.freeze()


def thaw_objects() -> None:
    """Give the frozen objects back to the collector (the kiosk is closing)."""
    gc.unfreeze()


def skip_source_scan() -> bool:
    """Stop PySide6 reading the source of each module imported from now on; call it right
    after importing PySide6, before the kiosk's own modules. False where this PySide6 has
    no such scan."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "feature_imported", None)):
        return False
    feature.feature_imported = _not_scanned
    return True


def _not_scanned(module: ModuleType) -> None:
    """The module selects no PySide feature (none of ours does)."""
