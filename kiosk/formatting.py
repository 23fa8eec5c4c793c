"""One way to write ages, money, sizes and hashes for technicians and central IT: the
fleet pages, the CLI and the technician screen all call these, so the same queue age or
change level reads the same everywhere. (Citizens' screens localise money with
``kiosk.i18n.format_money``.) Pure functions, stdlib only."""

from __future__ import annotations

HASH_CHARS = 12
NONE = "—"


def age(seconds: float | None) -> str:
    """A duration, coarsest useful units: ``45 s``, ``12 min``, ``1 h 23 min``, ``2 d 3 h``."""
    if seconds is None:
        return NONE
    s = max(0, round(seconds))
    if s < 60:
        return f"{s} s"
    minutes = s // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def money(cents: int | None) -> str:
    """Euro cents as ``€313.00`` (``-€2.50``; thousands as ``€1,250.00``)."""
    if cents is None:
        return NONE
    sign = "-" if cents < 0 else ""
    return f"{sign}€{abs(cents) / 100:,.2f}"


def bytes_size(n: int | None) -> str:
    """A size in SI units: ``950 B``, ``10 MB``, ``1.5 GB``."""
    if n is None:
        return NONE
    value = float(n)
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if value < 1000 or unit == "TB":
            return f"{value:.0f} {unit}" if value >= 10 or unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def short_hash(value: str | None) -> str:
    """A content hash shortened to its first 12 characters (enough to tell versions
    apart; pages show the whole value on hover)."""
    if not value:
        return NONE
    return value[:HASH_CHARS]


def count(n: int | None) -> str:
    """A count as a number: ``0``, never "None" (missing: ``—``)."""
    return NONE if n is None else f"{n:,}"
