"""eID trust at the kiosk (kiosk/config: ``[eid]``): what the card is checked against
while the City's platform is offline — the roots, the cached CRL and its stale policy —
and what the technician screen says about revocation (the CRL's age and freshness, and
whether OCSP is asked).

Read on a worker (file reads); only dates and states, nothing about any citizen.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config.schema import EidSection

if TYPE_CHECKING:
    from drivers.eid.presence import TrustSettings

# The X.509 stack (cryptography) loads with the first card or the technician screen,
# not before the kiosk's first frame (ui.app imports this module; bench/startup.py).

# The kiosk itself asks no OCSP responder: online, the backend checks the card (its CA's
# OCSP responder, else its CRL); offline there is none to ask. The screen says so.
OCSP_STATE = "not_used"


def revocation_status(eid: EidSection, now: datetime) -> dict[str, Any]:
    """``crl``: not_configured | missing | unreadable | fresh | stale; with the CRL's
    dates (Brussels time, as every time the kiosk shows), its age in whole hours, and the
    stale policy."""
    from common.eid.trust import TrustError, load_crl
    from kiosk.l10n import format_technical

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
            "thisUpdate": format_technical(this_update),
            "nextUpdate": format_technical(next_update) if next_update else "",
            "ageHours": max(int((now - this_update).total_seconds() // 3600), 0)}


def offline_trust(eid: EidSection) -> TrustSettings:
    """What an offline PIN step checks the card against: the configured roots (else the
    shipped Belgian ones) and the cached CRL, read now (sync may have refreshed it).

    A CRL that is configured but cannot be read leaves revocation unknown: under the
    ``refuse`` policy that refuses the card (:class:`TrustError`, ``revocation_unknown``);
    under ``accept`` the card is checked without it, as with no CRL configured."""
    from common.eid.belgian_roots import belgian_roots
    from common.eid.trust import StaleCrlPolicy, TrustError, load_certificates, load_crl
    from drivers.eid.presence import TrustSettings

    policy = StaleCrlPolicy(eid.stale_crl)
    if eid.roots is None:
        roots = belgian_roots()
    else:
        try:
            data = Path(eid.roots).read_bytes()
        except OSError as exc:
            raise TrustError("untrusted", f"[eid] roots {eid.roots}: {exc.strerror}") from None
        roots = load_certificates(data, f"[eid] roots {eid.roots}")
    crl = None
    if eid.crl is not None:
        try:
            crl = load_crl(Path(eid.crl).read_bytes(), f"[eid] crl {eid.crl}")
        except OSError as exc:
            if policy is StaleCrlPolicy.REFUSE:
                raise TrustError("revocation_unknown",
                                 f"[eid] crl {eid.crl}: {exc.strerror}") from None
        except TrustError:
            if policy is StaleCrlPolicy.REFUSE:
                raise
    return TrustSettings(roots, crl, policy)
