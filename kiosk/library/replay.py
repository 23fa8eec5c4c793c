"""Replaying offline transactions to the library system, in the order they happened.

Checkouts go with no-block = Y and the offline time (the library system must accept
what the kiosk already handed out); refusals land in the staff report with the
library system's reason. Each transaction is marked "sending" (committed) before its
request leaves, so after a crash the replay knows which ones may already have reached
the library system and asks it (patron's loans / item status) before sending again:
nothing is dropped and nothing is done twice.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, tzinfo

from drivers.sip2.errors import Sip2Error
from drivers.sip2.interface import LibrarySystemClient
from kiosk.l10n import BRUSSELS
from kiosk.library.model import ReplayReport
from kiosk.library.offline import CHECKOUT, SENDING, OfflineStore, OfflineTxn

log = logging.getLogger(__name__)

CHARGED = "04"  # SIP2 circulation status: on loan


class Replayer:
    def __init__(
        self,
        client: LibrarySystemClient,
        offline: OfflineStore,
        zone: tzinfo = BRUSSELS,
    ) -> None:
        self._client = client
        self._offline = offline
        self._zone = zone  # the library's wall clock, whatever the machine's zone

    def run(self) -> ReplayReport:
        replayed = refused = verified = 0
        last = 0
        stopped = ""
        while (txn := self._offline.next_waiting(last)) is not None:
            last = txn.seq
            try:
                if txn.state == SENDING and self._already_done(txn):
                    self._offline.finish(txn.seq, accepted=True, reason="verified after restart")
                    verified += 1
                    continue
                self._offline.mark_sending(txn.seq)
                ok, reason = self._send(txn)
            except Sip2Error as exc:
                # Stop at the first failure: later transactions must not overtake this one.
                stopped = str(exc)
                log.warning("library replay stopped at transaction %d: %s", txn.seq, exc)
                break
            self._offline.finish(txn.seq, accepted=ok, reason=reason)
            if ok:
                replayed += 1
            else:
                refused += 1
                log.info("library replay: %s %d refused by the library system", txn.kind, txn.seq)
        report = ReplayReport(replayed, refused, verified, self._offline.count_waiting(), stopped)
        if replayed or refused or verified:
            log.info(
                "library replay: %d replayed, %d refused, %d verified, %d waiting",
                replayed,
                refused,
                verified,
                report.waiting,
            )
        return report

    def _send(self, txn: OfflineTxn) -> tuple[bool, str]:
        # SIP2 dates are the library's local time: a loan made offline at 00:30 in Brussels
        # is that day's loan (its due date counts from it), not the previous UTC day's.
        when = txn.occurred_at.astimezone(self._zone).replace(tzinfo=None)
        if txn.kind == CHECKOUT:
            assert txn.patron_identifier is not None
            # No-block's due date is the one the patron's slip promised (SIP2 2.00 "nb
            # due date"), not the moment of the loan: that made every replayed loan due,
            # and overdue, at once wherever the library system honours it.
            due = (datetime.combine(txn.due_date, time(23, 59)) if txn.due_date is not None
                   else None)
            answer = self._client.checkout(
                txn.patron_identifier, txn.item_id, no_block=True, when=when,
                nb_due_date=due,
            )
        else:
            answer = self._client.checkin(txn.item_id, no_block=True, when=when)
        return answer.ok == "1", " / ".join(answer.screen_message)

    def _already_done(self, txn: OfflineTxn) -> bool:
        """Did the library system get this one before the crash or the lost answer?"""
        if txn.kind == CHECKOUT:
            assert txn.patron_identifier is not None
            info = self._client.patron_information(txn.patron_identifier, "charged", end_item=9999)
            return txn.item_id in info.charged_items
        item = self._client.item_information(txn.item_id)
        return item.circulation_status != CHARGED
