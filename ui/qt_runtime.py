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
"""

from __future__ import annotations

import sys
from types import ModuleType

SPARE_REFERENCES = 1 << 40


def keep_true_alive() -> None:
    """Give ``True`` spare references once per process (no-op where it is immortal)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes  # here: the kiosk calls this after its first frame (ui/app.py)

    refcount = ctypes.c_ssize_t.from_address(id(True))
    if refcount.value < SPARE_REFERENCES:
        refcount.value += SPARE_REFERENCES


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
