"""eID trust at the kiosk (kiosk/config: ``[eid]``): what the card is checked against
while the City's platform is offline — the roots, the cached CRLs of the citizen CAs and
the stale policy — and what the technician screen says about revocation (the CRLs' age
and freshness, and whether OCSP is asked).

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
    """``crl``: not_configured | missing | unreadable | fresh | stale (stale when any CRL
    of the file is: one per citizen CA); with the dates of the CRL that goes stale first
    (Brussels time, as every time the kiosk shows), its age in whole hours, how many CRLs
    the file holds, and the stale policy."""
    from common.eid.trust import TrustError, load_crls
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
        crls = load_crls(data, str(path))
    except TrustError as exc:
        return {**status, "crl": "unreadable", "detail": str(exc)}
    # A CRL without a next update never goes stale: it comes last.
    first = min(crls, key=lambda crl: (crl.next_update_utc is None, crl.next_update_utc or now))
    this_update, next_update = first.last_update_utc, first.next_update_utc
    stale = next_update is not None and next_update < now
    return {**status, "crl": "stale" if stale else "fresh", "count": len(crls),
            "thisUpdate": format_technical(this_update),
            "nextUpdate": format_technical(next_update) if next_update else "",
            "ageHours": max(int((now - this_update).total_seconds() // 3600), 0)}


def offline_trust(eid: EidSection) -> TrustSettings:
    """What an offline PIN step checks the card against, read now: see
    :class:`OfflineTrust` (which keeps what it read while the files stay the same)."""
    return OfflineTrust(eid)()


class OfflineTrust:
    """What an offline PIN step checks the card against: the configured roots (else the
    shipped Belgian ones) and the cached CRLs (one file: a PEM bundle with one CRL per
    citizen CA, or one DER CRL), as the files are at the moment of the card (sync may
    have refreshed them).

    The roots and the CRL are kept while their files stay the same (inode, size and
    modification time): a citizen CA's CRL is megabytes, and reading, parsing and checking
    its signature again for every card cost about 20 ms a card for 20,000 entries. A
    file that changes is read again; one that goes missing is said at once.

    A CRL that is configured but cannot be read (missing, cut short, corrupt) leaves
    revocation unknown and refuses the card (:class:`TrustError`, ``revocation_unknown``)
    under either policy: ``accept`` is for a CRL past its next update, which still
    revokes every card it lists; checking without the file would revoke none (a revoked
    card let through because its CRL's copy was cut short). Call it on a worker (file
    reads)."""

    def __init__(self, eid: EidSection) -> None:
        self._eid = eid
        self._roots: tuple[tuple[int, int, int], list[Any]] | None = None
        self._crls: tuple[tuple[int, int, int], tuple[Any, ...]] | None = None

    def __call__(self) -> TrustSettings:
        from common.eid.belgian_roots import belgian_roots
        from common.eid.trust import StaleCrlPolicy, TrustError
        from drivers.eid.presence import TrustSettings

        eid = self._eid
        policy = StaleCrlPolicy(eid.stale_crl)
        if eid.roots is None:
            roots = belgian_roots()
        else:
            try:
                roots = self._read_roots(Path(eid.roots))
            except OSError as exc:
                raise TrustError("untrusted",
                                 f"[eid] roots {eid.roots}: {exc.strerror}") from None
        crls: tuple[Any, ...] = ()
        if eid.crl is not None:
            try:
                crls = self._read_crls(Path(eid.crl))
            except OSError as exc:
                raise TrustError("revocation_unknown",
                                 f"[eid] crl {eid.crl}: {exc.strerror}") from None
        return TrustSettings(roots, crls, policy)

    def _read_roots(self, path: Path) -> list[Any]:
        from common.eid.trust import load_certificates

        stamp = _stamp(path)
        if self._roots is None or self._roots[0] != stamp:
            self._roots = (stamp, load_certificates(path.read_bytes(), f"[eid] roots {path}"))
        return self._roots[1]

    def _read_crls(self, path: Path) -> tuple[Any, ...]:
        from common.eid.trust import load_crls

        stamp = _stamp(path)
        if self._crls is None or self._crls[0] != stamp:
            self._crls = None  # an unreadable new file must not leave the old CRLs in use
            self._crls = (stamp, tuple(load_crls(path.read_bytes(), f"[eid] crl {path}")))
        return self._crls[1]


def _stamp(path: Path) -> tuple[int, int, int]:
    """What says a file was replaced or rewritten (sync writes a new CRL and renames it)."""
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns
