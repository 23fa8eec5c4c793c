"""What the technician screen says about eID revocation: the cached CRL's age and
freshness, and whether OCSP is asked (kiosk/config: ``[eid]``).

Read on a worker (a file read); only dates and states, nothing about any citizen.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from drivers.eid.trust import TrustError, load_crl
from kiosk.config.schema import EidSection

# Not implemented: the kiosk asks no OCSP responder (the backend checks cards online
# against its CRL); the screen says so rather than leaving it out.
OCSP_STATE = "not_used"


def revocation_status(eid: EidSection, now: datetime) -> dict[str, Any]:
    """``crl``: not_configured | missing | unreadable | fresh | stale; with the CRL's
    dates (ISO, UTC), its age in whole hours, and the stale policy."""
    status: dict[str, Any] = {"crl": "not_configured", "ocsp": OCSP_STATE,
                              "policy": eid.stale_crl}
    if eid.crl is None:
        return status
    path = Path(eid.crl)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {**status, "crl": "missing", "detail": f"{path}: no such file"}
    except OSError as exc:
        return {**status, "crl": "unreadable", "detail": f"{path}: {exc.strerror}"}
    try:
        crl = load_crl(data, str(path))
    except TrustError as exc:
        return {**status, "crl": "unreadable", "detail": str(exc)}
    this_update, next_update = crl.last_update_utc, crl.next_update_utc
    stale = next_update is not None and next_update < now
    return {**status, "crl": "stale" if stale else "fresh",
            "thisUpdate": this_update.strftime("%Y-%m-%d %H:%M UTC"),
            "nextUpdate": next_update.strftime("%Y-%m-%d %H:%M UTC") if next_update else "",
            "ageHours": max(int((now - this_update).total_seconds() // 3600), 0)}
