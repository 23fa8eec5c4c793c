"""The ``[library]`` config section turned into SIP2 settings and offline limits."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from drivers.sip2.settings import Sip2Settings
from kiosk.config.schema import LibrarySection


@dataclass(frozen=True)
class OfflineLimits:
    """What the kiosk allows while the library system does not answer."""

    max_patron_age_days: int = 30
    max_items_per_patron: int = 3
    max_transactions: int = 2000
    loan_days: int = 21
    # Titles remembered for offline screens and slips (kiosk/library/titles.py): a
    # branch's collection in use, a few hundred kB at most.
    max_titles: int = 5000


@dataclass(frozen=True)
class LibrarySettings:
    institution_id: str
    location: str
    link_key: str = field(repr=False)
    offline: OfflineLimits = OfflineLimits()


def library_clock(section: LibrarySection) -> Callable[[], datetime]:
    """The library's wall clock, for SIP2's dates (local time, the zone left blank),
    whatever the machine's own zone: a kiosk's clock in UTC sent times one or two hours
    off, and returns around midnight fell on the wrong day."""
    zone = ZoneInfo(section.schedule.timezone)
    return lambda: datetime.now(zone).replace(tzinfo=None)


def split_address(address: str) -> tuple[str, int]:
    """``host:port`` (IPv6 in brackets) → (host, port); raises ValueError naming it."""
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"library.sip2_address {address!r}: expected host:port")
    return host.strip("[]"), int(port)


def from_config(section: LibrarySection) -> tuple[Sip2Settings, LibrarySettings]:
    host, port = split_address(section.sip2_address)
    sip2 = Sip2Settings(
        host=host,
        port=port,
        institution_id=section.institution_id,
        login_user=section.login_user,
        login_password=section.login_password,
        location_code=section.location,
        tls=ssl.create_default_context() if section.tls else None,
        connect_timeout_s=section.connect_timeout_s,
        read_timeout_s=section.read_timeout_s,
        charset=section.charset,
    )
    library = LibrarySettings(
        institution_id=section.institution_id,
        location=section.location,
        link_key=section.eid_link_key,
        offline=OfflineLimits(
            max_patron_age_days=section.max_offline_patron_age_days,
            max_items_per_patron=section.max_offline_items_per_patron,
            max_transactions=section.max_offline_transactions,
            loan_days=section.offline_loan_days,
        ),
    )
    return sip2, library
