"""The library domain API the UI calls (on a worker thread: every call may block on
the library system for up to its read timeout).

``LibraryService.identify_card`` / ``identify_eid`` open a :class:`LibrarySession`;
the session borrows, returns, renews, pays fines, builds the slip and ends. When the
library system does not answer, borrowing and returns go on under the offline limits
(recently seen patrons only, a few items each) and are replayed later, in order.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from drivers.printer.document import ReceiptDocument
from drivers.sip2.dates import parse_sip_date
from drivers.sip2.errors import Sip2ConnectionError, Sip2Error, is_offline
from drivers.sip2.interface import LibrarySystemClient
from kiosk.domain.queue import Site
from kiosk.i18n import Translator
from kiosk.library.eid import card_key, eid_patron_token, is_eid_token, mask_card
from kiosk.library.model import (
    Account,
    CircResult,
    Fine,
    FinePayment,
    LibraryRefusedError,
    Loan,
    Patron,
    RenewAllResult,
    ReplayReport,
)
from kiosk.library.offline import CHECKIN, CHECKOUT, OfflineStore
from kiosk.library.replay import Replayer
from kiosk.library.settings import LibrarySettings
from kiosk.library.titles import TitleCache, item_label
from kiosk.payments.completion import Delivery, PaymentFacts
from kiosk.payments.service import PaymentService
from kiosk.printing.spool import PrintOutcome, ReceiptSpool
from kiosk.receipts.layout import ReceiptHeader
from kiosk.receipts.templates import LibrarySlip, library_slip
from kiosk.store.models import RequestRow

log = logging.getLogger(__name__)
T = TypeVar("T")

_FINE_LINE = re.compile(r"^(?P<id>\S+) (?:EUR )?(?P<amount>\d+\.\d{2})(?: (?P<text>.*))?$")


class LibraryService:
    """Wires the SIP2 client, the kiosk store and the payments; opens sessions."""

    def __init__(
        self,
        client: LibrarySystemClient,
        offline: OfflineStore,
        settings: LibrarySettings,
        *,
        site: Site,
        spool: ReceiptSpool,
        payments: PaymentService | None = None,
        titles: TitleCache | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.client = client
        self.offline = offline
        self.titles = titles or TitleCache(offline.store, max_entries=settings.offline.max_titles)
        self.settings = settings
        self.site = site
        self.spool = spool
        self.payments = payments
        self._now = now
        self._replayer = Replayer(client, offline, ZoneInfo(site.timezone))

    # --- identification ---------------------------------------------------------------

    def identify_card(self, barcode: str, language: str) -> LibrarySession:
        """A library card barcode was scanned. Raises :class:`LibraryRefusedError`."""
        barcode = barcode.strip()
        if not barcode or len(barcode) > 64 or not barcode.isprintable():
            raise LibraryRefusedError(reason_key="library.refused.unreadable_card")
        return self._identify(barcode, language)

    def identify_eid(self, national_number: str, language: str) -> LibrarySession:
        """An eID was read: its holder's linked patron (see kiosk/library/eid.py)."""
        return self._identify(eid_patron_token(national_number, self.settings.link_key), language)

    def _identify(self, identifier: str, language: str) -> LibrarySession:
        key = card_key(identifier, self.settings.link_key)
        try:
            self._replay_waiting()
            info = self.client.patron_information(identifier)
        except Sip2Error as exc:
            if not is_offline(exc):
                raise
            return self._identify_offline(identifier, key, language, exc)
        if info.valid_patron != "Y":
            reason = " / ".join(info.screen_message)
            if is_eid_token(identifier):
                raise LibraryRefusedError(reason_key="library.refused.eid_not_linked")
            raise LibraryRefusedError(reason, None if reason else "library.refused.unknown_card")
        card = info.patron_identifier or identifier
        blocked = "Y" in info.patron_status[:1] or info.patron_status[10:11] == "Y"
        reason = " / ".join(info.screen_message) if blocked else ""
        self.offline.remember_patron(sorted({key, card_key(card, self.settings.link_key)}), blocked)
        patron = Patron(mask_card(card), info.personal_name, blocked_reason=reason)
        log.info("library patron identified (%s)", "eID" if is_eid_token(identifier) else "card")
        return LibrarySession(self, card, key, patron, language, online=True)

    def _identify_offline(
        self, identifier: str, key: str, language: str, exc: Sip2Error
    ) -> LibrarySession:
        limits = self.settings.offline
        known = self.offline.known_patron(key, limits.max_patron_age_days)
        log.warning("library system not answering (%s); offline identification", exc.problem)
        if known is None:
            raise LibraryRefusedError(reason_key="library.offline.unknown_patron")
        if known:
            raise LibraryRefusedError(reason_key="library.offline.blocked")
        patron = Patron(mask_card(identifier), "", offline=True)
        return LibrarySession(self, identifier, key, patron, language, online=False)

    # --- replay -----------------------------------------------------------------------

    def replay(self) -> ReplayReport:
        """Send the offline transactions to the library system (in order)."""
        return self._replayer.run()

    def _replay_waiting(self) -> None:
        # Offline transactions go first, so the library system sees what happened in
        # the order it happened (an offline return before a new loan of that item).
        if self.offline.count_waiting():
            report = self.replay()
            if report.stopped:
                raise Sip2ConnectionError("replay", report.stopped)


class LibrarySession:
    """One patron at the terminal. Keeps the session's slip lines in memory only."""

    def __init__(
        self,
        service: LibraryService,
        patron_identifier: str,
        patron_key: str,
        patron: Patron,
        language: str,
        *,
        online: bool,
    ) -> None:
        self._service = service
        self._client = service.client
        self._id = patron_identifier
        self._key = patron_key
        self.patron = patron
        self.language = language
        self.online = online
        # (title or "", item barcode[, due]): the slip names an unknown title in the
        # language it is printed in.
        self._borrowed: list[tuple[str, str, date]] = []
        self._returned: list[tuple[str, str]] = []
        self._renewed: list[tuple[str, str, date]] = []
        self._fines_paid = 0
        self._offline_used = False
        self._ended = False

    # --- account ----------------------------------------------------------------------

    def _online_or(self, online: Callable[[], T], offline: Callable[[], T]) -> T:
        """"Online, else store and forward" in one place: ask the library system while it
        answers; when it stops answering (or already had), go offline and answer from
        ``offline`` (the offline limits, or a refusal saying why). Other errors raise."""
        if self.online:
            try:
                return online()
            except Sip2Error as exc:
                if not is_offline(exc):
                    raise
                self._go_offline(exc)
        return offline()

    def account(self) -> Account:
        """Loans with due dates, holds ready for pick-up, fines (empty when offline)."""
        return self._online_or(self._account_online, lambda: Account(offline=True))

    def _account_online(self) -> Account:
        charged = self._client.patron_information(self._id, "charged")
        holds = self._client.patron_information(self._id, "hold")
        fines = self._client.patron_information(self._id, "fine")
        today = self._today()
        loans = []
        for item_id in charged.charged_items:
            info = self._client.item_information(item_id)
            due = parse_sip_date(info.due_date or "")
            loans.append(
                Loan(item_id, info.title_identifier, due, due is not None and due < today)
            )
        ready = tuple(
            Loan(i, self._client.item_information(i).title_identifier, None)
            for i in holds.hold_items
        )
        self._service.titles.remember((x.item_id, x.title) for x in (*loans, *ready))
        parsed = tuple(_parse_fine(line) for line in fines.fine_items)
        total = (
            _cents(fines.fee_amount) if fines.fee_amount else sum(f.amount_cents for f in parsed)
        )
        return Account(tuple(loans), ready, parsed, total)

    # --- circulation ------------------------------------------------------------------

    def checkout(self, item_id: str) -> CircResult:
        item_id = item_id.strip()

        def online() -> CircResult:
            answer = self._client.checkout(self._id, item_id)
            self._service.titles.remember([(item_id, answer.title_identifier)])
            due = parse_sip_date(answer.due_date)
            result = CircResult(
                answer.ok == "1",
                item_id,
                answer.title_identifier,
                due,
                " / ".join(answer.screen_message),
            )
            if result.ok and due is not None:
                self._borrowed.append((result.title, item_id, due))
            return result

        return self._online_or(online, lambda: self._checkout_offline(item_id))

    def _checkout_offline(self, item_id: str) -> CircResult:
        limits = self._service.settings.offline
        offline = self._service.offline
        title = self._service.titles.title(item_id)  # "" if never seen online

        def refuse(key: str) -> CircResult:
            return CircResult(False, item_id, title, reason_key=key, offline=True)

        if (
            offline.count_waiting(kind=CHECKOUT, patron_key=self._key)
            >= limits.max_items_per_patron
        ):
            return refuse("library.offline.item_limit")
        if offline.count_waiting() >= limits.max_transactions:
            return refuse("library.offline.full")
        if offline.is_waiting(CHECKOUT, item_id):
            return refuse("library.offline.already_borrowed")
        due = self._today() + timedelta(days=limits.loan_days)
        offline.record(CHECKOUT, item_id, patron_identifier=self._id, patron_key=self._key, due=due)
        self._offline_used = True
        self._borrowed.append((title, item_id, due))
        return CircResult(True, item_id, title, due, offline=True)

    def checkin(self, item_id: str) -> CircResult:
        item_id = item_id.strip()

        def online() -> CircResult:
            answer = self._client.checkin(item_id)
            self._service.titles.remember([(item_id, answer.title_identifier or "")])
            result = CircResult(
                answer.ok == "1",
                item_id,
                answer.title_identifier or "",
                None,
                " / ".join(answer.screen_message),
            )
            if result.ok:
                self._returned.append((result.title, item_id))
            return result

        return self._online_or(online, lambda: self._checkin_offline(item_id))

    def _checkin_offline(self, item_id: str) -> CircResult:
        offline = self._service.offline
        title = self._service.titles.title(item_id)  # "" if never seen online
        if offline.is_waiting(CHECKIN, item_id):
            return CircResult(True, item_id, title, offline=True)  # scanned twice: one return
        if offline.count_waiting() >= self._service.settings.offline.max_transactions:
            return CircResult(
                False, item_id, title, reason_key="library.offline.full", offline=True
            )
        offline.record(CHECKIN, item_id, patron_identifier=None, patron_key=None, due=None)
        self._offline_used = True
        self._returned.append((title, item_id))
        return CircResult(True, item_id, title, offline=True)

    def renew(self, item_id: str) -> CircResult:
        def online() -> CircResult:
            answer = self._client.renew(self._id, item_id)
            self._service.titles.remember([(item_id, answer.title_identifier)])
            due = parse_sip_date(answer.due_date)
            result = CircResult(
                answer.ok == "1",
                item_id,
                answer.title_identifier,
                due,
                " / ".join(answer.screen_message),
            )
            if result.ok and due is not None:
                self._renewed.append((result.title, item_id, due))
            return result

        return self._online_or(online, lambda: CircResult(
            False, item_id, reason_key="library.offline.no_renewal", offline=True))

    def renew_all(self) -> RenewAllResult:
        def online() -> RenewAllResult:
            answer = self._client.renew_all(self._id)
            renewed = []
            for item_id in answer.renewed_items:
                info = self._client.item_information(item_id)
                due = parse_sip_date(info.due_date or "")
                renewed.append(CircResult(True, item_id, info.title_identifier, due))
                if due is not None:
                    self._renewed.append((info.title_identifier, item_id, due))
            self._service.titles.remember((r.item_id, r.title) for r in renewed)
            reasons = list(answer.screen_message)
            refused = tuple(
                CircResult(False, item_id, reason=reasons[n] if n < len(reasons) else "")
                for n, item_id in enumerate(answer.unrenewed_items)
            )
            return RenewAllResult(tuple(renewed), refused)

        return self._online_or(
            online, lambda: RenewAllResult(reason_key="library.offline.no_renewal"))

    # --- fines ------------------------------------------------------------------------

    def pay_fines(
        self, amount_cents: int | None = None, on_progress: Callable[[str], None] | None = None
    ) -> FinePayment:
        """Pay fines by card. Fee paid (37) is sent only once the terminal approved,
        inside the payment's completion; if the library system refuses it (or its
        answer is lost) the completion fails and the card payment is reversed."""
        payments = self._service.payments
        if not self.online:
            return FinePayment(
                "unavailable", amount_cents or 0, reason_key="library.offline.no_payment"
            )
        if payments is None or payments.card is None:
            return FinePayment(
                "unavailable", amount_cents or 0, reason_key="reason.payment_unavailable"
            )
        if amount_cents is None:
            try:
                status = self._client.patron_status(self._id)
            except Sip2Error as exc:
                if not is_offline(exc):
                    raise
                self._go_offline(exc)
                return FinePayment("unavailable", 0, reason_key="library.offline.no_payment")
            amount_cents = _cents(status.fee_amount or "0")
        if amount_cents <= 0:
            return FinePayment("unavailable", 0, reason_key="library.fines.none")
        payment_id = str(uuid.uuid4())
        problem: dict[str, str] = {}
        service = self._service

        def deliver(session: Session, facts: PaymentFacts) -> Delivery:
            try:
                answer = self._client.fee_paid(
                    self._id, facts.amount_cents, transaction_id=facts.payment_id
                )
            except Sip2Error as exc:
                problem["reason"] = exc.problem
                problem["uncertain"] = "yes"
                raise
            if answer.payment_accepted != "Y":
                problem["reason"] = " / ".join(answer.screen_message) or "refused"
                raise LibraryRefusedError(problem["reason"])
            request_id = str(uuid.uuid4())
            reference = f"LIB-{facts.payment_id[:8].upper()}"
            session.add(
                RequestRow(
                    id=request_id,
                    kind="library_fine",
                    service_id="library.fines",
                    reference=reference,
                    site=service.site.id,
                    kiosk_id=service.site.kiosk_id,
                    language=self.language,
                    status="committed",
                    payload={
                        "amount_cents": facts.amount_cents,
                        "patron_key": self._key,
                        "transaction_id": facts.payment_id,
                    },
                    created_at=datetime.now(UTC),
                )
            )
            return Delivery(request_id, reference, Translator(self.language)("library.fines_paid"))

        outcome = payments.card.pay(
            amount_cents,
            language=self.language,
            deliver=deliver,
            on_progress=on_progress,
            payment_id=payment_id,
        )
        if outcome.ok:
            self._fines_paid += amount_cents
            return FinePayment(outcome.status, amount_cents, payment_id=payment_id)
        if problem.get("uncertain"):
            # The library system may have recorded a payment the card no longer backs.
            service.offline.report_problem(
                source_id=payment_id,
                kind="fee_paid_unconfirmed",
                patron_identifier=self._id,
                reason=f"fee paid {amount_cents / 100:.2f} EUR: no answer "
                f"({problem['reason']}); card payment {outcome.reason}",
            )
        reversed_ = (
            outcome.status == "failed"
            and "reversed" in outcome.reason
            and "pending" not in outcome.reason
        )
        return FinePayment(
            outcome.status,
            amount_cents,
            reason=problem.get("reason", outcome.reason),
            reversed=reversed_,
            payment_id=payment_id,
        )

    # --- slip and end -----------------------------------------------------------------

    def slip(self) -> ReceiptDocument | None:
        """The session's slip (None when nothing happened worth printing)."""
        if not (self._borrowed or self._returned or self._renewed or self._fines_paid):
            return None
        service = self._service
        local = datetime.now(UTC).astimezone(ZoneInfo(service.site.timezone))
        tr = Translator(self.language)
        data = LibrarySlip(
            self.patron.card_label,
            tuple((item_label(title, item, tr), due) for title, item, due in self._borrowed),
            tuple(item_label(title, item, tr) for title, item in self._returned),
            self._fines_paid,
            local.replace(tzinfo=None),
            renewed=tuple((item_label(t, item, tr), due) for t, item, due in self._renewed),
            offline=self._offline_used,
        )
        return library_slip(
            data, ReceiptHeader(service.site.name, service.site.kiosk_id), tr, service.spool.columns
        )

    def print_slip(self) -> PrintOutcome | None:
        document = self.slip()
        if document is None:
            return None
        return self._service.spool.submit(
            kind="library_slip", language=self.language, document=document
        )

    def end(self) -> None:
        """Tell the library system (best effort) and forget the session's data."""
        if self._ended:
            return
        self._ended = True
        if self.online:
            try:
                self._client.end_patron_session(self._id)
            except Sip2Error as exc:
                log.info("end patron session not acknowledged: %s", exc.problem)
        self._borrowed.clear()
        self._returned.clear()
        self._renewed.clear()
        self._id = ""
        self.patron = Patron(self.patron.card_label, "")

    # --- helpers ----------------------------------------------------------------------

    def _go_offline(self, exc: Sip2Error) -> None:
        log.warning("library system not answering (%s): session continues offline", exc.problem)
        self.online = False
        self.patron = Patron(self.patron.card_label, self.patron.name, offline=True)

    def _today(self) -> date:
        return datetime.now(UTC).astimezone(ZoneInfo(self._service.site.timezone)).date()


def _cents(text: str) -> int:
    euros, _, cents = text.strip().partition(".")
    try:
        return int(euros or "0") * 100 + int((cents + "00")[:2])
    except ValueError:
        return 0


def _parse_fine(line: str) -> Fine:
    match = _FINE_LINE.match(line)
    if match is None:
        return Fine("", 0, line)
    return Fine(match.group("id"), _cents(match.group("amount")), match.group("text") or "")
