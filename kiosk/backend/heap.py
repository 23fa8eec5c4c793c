"""The backend process's heap, set aside once the app is built.

Measured on the fleet bench (bench/fleet.py, 10,000 kiosks, 2 workers on PostgreSQL):
the heartbeats' p99 was set by the cycle collector, not by the requests. A worker holds
about 180,000 objects once FastAPI, SQLAlchemy, pydantic and the app are loaded — all
alive for the life of the process — and every few seconds a full collection walked all
of them again: 130–230 ms with the event loop stopped, every in-flight heartbeat late
by as much. ``gc.freeze()`` moves what exists once the app is built into the
collector's permanent generation: never walked again, still freed by reference count
(only a cycle among them would stay, and the app's startup objects live as long as
the process anyway). Collections then see only what requests create.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> int:
    """Collect once, then exclude every object alive now from later collections;
    returns how many objects were set aside. Call it in a process that serves the app
    (``kiosk backend serve``), not in one that embeds it among other work."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
