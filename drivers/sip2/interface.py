"""What the kiosk's library mode needs from a library system: the SIP2 requests it sends.

:class:`~drivers.sip2.client.Sip2Client` is the real one; the core is written against
this protocol (DESIGN.md: the core imports driver interfaces, not drivers), and only the
composition roots (``kiosk.services``, the ``kiosk library`` commands) name the client.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from pysip2 import (
    CheckinResponse,
    CheckoutResponse,
    EndSessionResponse,
    FeePaidResponse,
    ItemInformationResponse,
    PatronInformationResponse,
    PatronStatusResponse,
    RenewAllResponse,
    RenewResponse,
)


class LibrarySystemClient(Protocol):
    """One SIP2 session with the library system, used by one thread at a time."""

    def close(self) -> None:
        """Log out and close the connection."""

    def patron_status(self, patron: str, patron_password: str = "") -> PatronStatusResponse:
        """Patron status (23 → 24)."""

    def patron_information(
        self,
        patron: str,
        summary: str | None = None,
        *,
        start_item: int = 1,
        end_item: int = 50,
        patron_password: str | None = None,
    ) -> PatronInformationResponse:
        """Patron information (63 → 64), with one summary list's items."""

    def checkout(
        self,
        patron: str,
        item: str,
        *,
        no_block: bool = False,
        when: datetime | None = None,
        nb_due_date: datetime | None = None,
        fee_acknowledged: bool | None = None,
    ) -> CheckoutResponse:
        """Checkout (11 → 12); ``no_block`` with ``when`` replays an offline loan."""

    def checkin(
        self, item: str, *, no_block: bool = False, when: datetime | None = None
    ) -> CheckinResponse:
        """Checkin (09 → 10)."""

    def renew(self, patron: str, item: str) -> RenewResponse:
        """Renew (29 → 30)."""

    def renew_all(self, patron: str) -> RenewAllResponse:
        """Renew all (65 → 66)."""

    def item_information(self, item: str) -> ItemInformationResponse:
        """Item information (17 → 18)."""

    def fee_paid(
        self,
        patron: str,
        amount_cents: int,
        *,
        transaction_id: str,
        fee_identifier: str | None = None,
        currency: str = "EUR",
        payment_type: str = "02",
        fee_type: str = "01",
    ) -> FeePaidResponse:
        """Fee paid (37 → 38); never sent twice on its own."""

    def end_patron_session(self, patron: str) -> EndSessionResponse:
        """End patron session (35 → 36)."""
