"""Circulation rules of the embedded library system (no SIP2 here: see sip2_server.py).

The refusal texts are what a patron reads on the kiosk, as a real library system's
screen messages would be.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from kiosk.backend.library.model import Fine, Item, LoanRules, Outcome, Patron


def euros(cents: int) -> str:
    return f"EUR {cents // 100}.{cents % 100:02d}"


class LibrarySystem:
    """Patrons, items and fines behind one lock (the SIP2 server calls from threads)."""

    def __init__(
        self,
        patrons: Iterable[Patron],
        items: Iterable[Item],
        fines: Iterable[Fine] = (),
        rules: LoanRules | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.rules = rules or LoanRules()
        self._today = today
        self._lock = threading.RLock()
        self.patrons = {p.barcode: p for p in patrons}
        self._by_eid = {p.eid_token: p.barcode for p in self.patrons.values() if p.eid_token}
        self.items = {i.barcode: i for i in items}
        self.fines = list(fines)
        self._fine_ids = itertools.count(1000)
        self.fee_payments: list[tuple[str, int, str]] = []  # (patron, cents, transaction id)

    # --- look-ups ---------------------------------------------------------------------

    def patron(self, identifier: str) -> Patron | None:
        """By card barcode or by linked-eID token (see kiosk/library/eid.py)."""
        with self._lock:
            barcode = self._by_eid.get(identifier, identifier)
            return self.patrons.get(barcode)

    def loans(self, patron: str) -> list[Item]:
        with self._lock:
            return [i for i in self.items.values() if i.patron == patron]

    def holds_ready(self, patron: str) -> list[Item]:
        """Items held for the patron and on the shelf (not on loan)."""
        with self._lock:
            return [i for i in self.items.values() if i.hold_for == patron and i.patron is None]

    def holds_waiting(self, patron: str) -> list[Item]:
        with self._lock:
            return [i for i in self.items.values() if i.hold_for == patron and i.patron is not None]

    def open_fines(self, patron: str) -> list[Fine]:
        with self._lock:
            return [f for f in self.fines if f.patron == patron and f.due_cents > 0]

    def fines_due(self, patron: str) -> int:
        return sum(f.due_cents for f in self.open_fines(patron))

    def overdue(self, patron: str) -> list[Item]:
        today = self._today()
        return [i for i in self.loans(patron) if i.due is not None and i.due < today]

    def blocked_reason(self, patron: Patron) -> str:
        """Why this patron may not borrow now ("" if they may)."""
        if not patron.valid:
            return "Your card is no longer valid: please ask at the desk"
        owed = self.fines_due(patron.barcode)
        if owed > self.rules.fine_block_cents:
            return f"Outstanding fines of {euros(owed)}: please pay them first"
        return ""

    def allowed_keys(self, link_key: str) -> list[str]:
        """For the Open+ doors' offline allow-list: keyed hashes (card and linked eID) of
        the patrons who may enter now (valid, not blocked); never a card number."""
        from kiosk.library.eid import card_key

        with self._lock:
            keys = []
            for patron in self.patrons.values():
                if self.blocked_reason(patron):
                    continue
                keys.append(card_key(patron.barcode, link_key))
                if patron.eid_token:
                    keys.append(card_key(patron.eid_token, link_key))
            return sorted(keys)

    # --- circulation ------------------------------------------------------------------

    def checkout(
        self, identifier: str, item_id: str, *, no_block: bool = False, when: date | None = None,
        due: date | None = None,
    ) -> Outcome:
        """A loan; ``due``: a no-block (offline) loan's due date, as its slip said (SIP2
        "nb due date"), else the rules' from ``when``."""
        with self._lock:
            patron = self.patron(identifier)
            item = self.items.get(item_id)
            if patron is None:
                return Outcome(False, "Unknown library card")
            if item is None or item.withdrawn:
                return Outcome(False, "Unknown item: please ask at the desk", patron=patron.barcode)
            if item.patron == patron.barcode:
                # A repeated checkout (a retry, a replay) is not a second loan.
                return Outcome(True, "Already on loan to you", item.title, item.due, patron.barcode)
            if item.patron is not None:
                return Outcome(
                    False,
                    "This item is on loan to another reader",
                    item.title,
                    patron=patron.barcode,
                )
            if not no_block:
                reason = self.blocked_reason(patron)
                if reason:
                    return Outcome(False, reason, item.title, patron=patron.barcode)
                if len(self.loans(patron.barcode)) >= self.rules.max_loans:
                    return Outcome(
                        False,
                        f"Loan limit of {self.rules.max_loans} items reached",
                        item.title,
                        patron=patron.barcode,
                    )
                if item.hold_for not in (None, patron.barcode):
                    return Outcome(
                        False,
                        "This item is reserved for another reader",
                        item.title,
                        patron=patron.barcode,
                    )
            start = when or self._today()
            item.patron = patron.barcode
            item.due = due or start + timedelta(days=self.rules.loan_days)
            item.renewals = 0
            if item.hold_for == patron.barcode:
                item.hold_for = None
            return Outcome(True, "Enjoy your reading", item.title, item.due, patron.barcode)

    def checkin(self, item_id: str, *, when: date | None = None) -> Outcome:
        with self._lock:
            item = self.items.get(item_id)
            if item is None:
                return Outcome(False, "Unknown item: please hand it in at the desk")
            if item.patron is None:
                return Outcome(False, "This item was not on loan", item.title)
            returned = when or self._today()
            borrower = item.patron
            if item.due is not None and returned > item.due:
                days = (returned - item.due).days
                self.fines.append(
                    Fine(
                        f"F{next(self._fine_ids)}",
                        borrower,
                        days * self.rules.overdue_fine_cents_per_day,
                        f"Overdue {days} d: {item.title}",
                    )
                )
            item.patron, item.due, item.renewals = None, None, 0
            message = (
                "Thank you. Reserved for another reader: please leave it at the desk"
                if item.hold_for
                else "Thank you"
            )
            return Outcome(True, message, item.title, patron=borrower)

    def renew(self, identifier: str, item_id: str) -> Outcome:
        with self._lock:
            patron = self.patron(identifier)
            item = self.items.get(item_id)
            if patron is None:
                return Outcome(False, "Unknown library card")
            if item is None or item.patron != patron.barcode:
                return Outcome(
                    False,
                    "This item is not on loan to you",
                    item.title if item else "",
                    patron=patron.barcode,
                )
            reason = self.blocked_reason(patron)
            if reason:
                return Outcome(False, reason, item.title, item.due, patron.barcode)
            if item.hold_for not in (None, patron.barcode):
                return Outcome(
                    False,
                    "Reserved by another reader: it cannot be renewed",
                    item.title,
                    item.due,
                    patron.barcode,
                )
            if item.renewals >= self.rules.max_renewals:
                return Outcome(
                    False,
                    f"Renewed {item.renewals} times already: the limit",
                    item.title,
                    item.due,
                    patron.barcode,
                )
            item.renewals += 1
            item.due = self._today() + timedelta(days=self.rules.loan_days)
            return Outcome(True, "Renewed", item.title, item.due, patron.barcode)

    def renew_all(self, identifier: str) -> tuple[list[Outcome], list[Outcome]]:
        with self._lock:
            patron = self.patron(identifier)
            if patron is None:
                return [], []
            done, refused = [], []
            for item in self.loans(patron.barcode):
                outcome = self.renew(patron.barcode, item.barcode)
                (done if outcome.ok else refused).append(outcome)
            return done, refused

    def pay_fees(
        self, identifier: str, amount_cents: int, transaction_id: str, fine_id: str | None = None
    ) -> Outcome:
        """Apply a payment to the patron's fines, oldest first (or to ``fine_id``)."""
        with self._lock:
            patron = self.patron(identifier)
            if patron is None:
                return Outcome(False, "Unknown library card")
            if any(t == transaction_id for _, _, t in self.fee_payments):
                return Outcome(True, "Payment already recorded", patron=patron.barcode)
            fines = [
                f
                for f in self.open_fines(patron.barcode)
                if fine_id is None or f.fine_id == fine_id
            ]
            owed = sum(f.due_cents for f in fines)
            if amount_cents <= 0 or amount_cents > owed:
                return Outcome(
                    False,
                    f"Amount {euros(amount_cents)} does not match what is owed ({euros(owed)})",
                    patron=patron.barcode,
                )
            left = amount_cents
            for fine in fines:
                part = min(left, fine.due_cents)
                fine.paid_cents += part
                left -= part
            self.fee_payments.append((patron.barcode, amount_cents, transaction_id))
            return Outcome(
                True, f"Payment of {euros(amount_cents)} recorded", patron=patron.barcode
            )
