"""The pay screen's view-model: card or cash, live prompts and amounts, outcomes.

The payment sagas (kiosk.payments) block while the citizen pays, so they run on the
background runner; their live callbacks come from device threads and are carried to
the GUI thread by bridges.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.journey import Journey, State
from kiosk.i18n import Translator, format_money
from ui.bridge import ThreadBridge
from ui.operations import BackgroundRunner

if TYPE_CHECKING:
    from kiosk.domain.catalog import Catalog
    from kiosk.payments.outcome import PaymentOutcome
    from kiosk.services import CoreServices

log = logging.getLogger(__name__)

# Terminal prompts we have words for; any other means "wait".
PROMPTS = frozenset({"insert_card", "enter_pin", "wrong_pin", "remove_card", "processing",
                     "please_wait", "card_not_readable", "approved", "declined"})


class PaymentViewModel(QObject):
    changed = Signal()
    # A completed payment: what the done screen shows. The journey moves on with it.
    paid = Signal(object)
    # A payment that ended without being completed, after a cancel was asked for.
    cancelled = Signal()

    def __init__(self, journey: Journey, runner: BackgroundRunner) -> None:
        super().__init__()
        self._journey = journey
        self._runner = runner
        self._services: CoreServices | None = None
        self._catalog: Catalog | None = None
        self._busy = ""  # "card" | "cash" | ""
        self._kind = ""  # the kind of service being paid for
        self._prompt_key = ""
        self._inserted = 0
        self._message_key = ""
        self._cancel_requested = False
        self._then: Callable[[], None] | None = None  # what waits for a cancel to end
        self._paying_for: object | None = None  # the session the running payment is for
        self._prompts = ThreadBridge(self._on_prompt)
        self._inserts = ThreadBridge(self._on_inserted)

    def set_services(self, services: CoreServices, catalog: Catalog) -> None:
        self._services = services
        self._catalog = catalog
        self.changed.emit()

    # --- what the screen shows ------------------------------------------------------

    def _tr(self) -> Translator:
        return Translator(self._journey.session.language)

    def _amount(self) -> int:
        return self._journey.amount_due()  # a letter's amount comes from the letter

    @Property(str, notify=changed)
    def amountText(self) -> str:
        return format_money(self._amount(), self._journey.session.language)

    @Property("QVariantList", notify=changed)
    def methods(self) -> list[str]:
        if self._services is None:
            return []
        return sorted(self._services.payment_methods())

    @Property(str, notify=changed)
    def busy(self) -> str:
        return self._busy

    @Property(str, notify=changed)
    def prompt(self) -> str:
        if not self._busy:
            return ""
        if self._busy == "cash":
            language = self._journey.session.language
            return self._tr()("pay.inserted").format(
                inserted=format_money(self._inserted, language), amount=self.amountText)
        key = self._prompt_key if self._prompt_key in PROMPTS else "processing"
        return self._tr()(f"prompt.{key}")

    @Property(str, notify=changed)
    def message(self) -> str:
        return self._tr()(f"pay.{self._message_key}") if self._message_key else ""

    # --- taps -------------------------------------------------------------------------

    @Slot()
    def payByCard(self) -> None:
        self._start("card")

    @Slot()
    def payByCash(self) -> None:
        self._start("cash")

    @Slot()
    def cancelPayment(self) -> None:
        """Stop the payment under way; the saga gives back what must be given back."""
        if not self._busy or self._services is None:
            return
        self._cancel_requested = True
        saga = self._services.payments.card if self._busy == "card" else (
            self._services.payments.cash)
        if saga is not None:
            saga.cancel()

    def reset(self) -> None:
        """A new visit to the pay screen starts without an old message."""
        self._message_key = ""
        self._prompt_key = ""
        self._inserted = 0
        self.changed.emit()

    def is_busy(self) -> bool:
        return bool(self._busy)

    def request_cancel_then(self, done: Callable[[], None]) -> None:
        """Cancel the running payment; ``done`` runs once, when it has ended cancelled
        (not at all if it completed meanwhile: the journey then goes on to its end)."""
        self._then = done
        self.cancelPayment()

    # --- machinery --------------------------------------------------------------------

    def _start(self, method: str) -> None:
        services, catalog = self._services, self._catalog
        service = self._journey.service()
        if (self._busy or services is None or catalog is None
                or service is None or self._journey.state is not State.PAY):
            return
        saga = services.payments.card if method == "card" else services.payments.cash
        if saga is None:
            return
        if (self._journey.pay_screen_choice() == "delivery"
                and "delivery" not in self._journey.session.details):
            self._message_key = "choose_delivery"  # nothing is paid before it is chosen
            self.changed.emit()
            return
        language = self._journey.session.language
        deliver = services.paid_delivery(catalog, service.id, language,
                                         dict(self._journey.session.details))
        amount = self._journey.amount_due()
        self._kind = service.kind
        self._busy, self._prompt_key, self._inserted, self._message_key = method, "", 0, ""
        self._cancel_requested = False
        self._then = None
        # The session this payment is for: an outcome reaching another (the card was
        # pulled, the session timed out) is never shown or applied there.
        self._paying_for = self._journey.session
        self.changed.emit()
        if method == "card":
            def work() -> Any:
                return saga.pay(amount, language=language, deliver=deliver,
                                on_progress=self._prompts.post)
        else:
            def work() -> Any:
                return saga.pay(amount, language=language, deliver=deliver,
                                on_inserted=lambda inserted, _total: self._inserts.post(
                                    inserted))
        self._runner.run(work, self._on_outcome, self._on_error)

    def _on_prompt(self, prompt: Any) -> None:
        self._prompt_key = str(prompt)
        self.changed.emit()

    def _on_inserted(self, inserted: Any) -> None:
        self._inserted = int(inserted)
        self.changed.emit()

    def _on_outcome(self, outcome: PaymentOutcome) -> None:
        method = self._busy
        self._busy = ""
        log.info("payment %s by %s: %s", outcome.payment_id, method, outcome.status)
        then, self._then = self._then, None
        if self._journey.session is not self._paying_for:
            # Its session ended while it ran: the outcome is journaled and its receipts
            # printed; the citizen now at the kiosk is someone else.
            log.warning("payment %s ended (%s) after its session: not shown",
                        outcome.payment_id, outcome.status)
            self.changed.emit()
            return
        if outcome.ok:
            self._message_key = ""
            self.changed.emit()
            self.paid.emit({"ok": True, "kind": self._kind, "reference": outcome.reference,
                            "request_id": outcome.request_id,
                            "printed": outcome.printed, "method": method,
                            "amount_cents": outcome.amount_cents,
                            "inserted_cents": outcome.inserted_cents,
                            "change_cents": outcome.change_cents,
                            "owed_cents": outcome.owed_cents})
            return
        self._message_key = outcome.status
        self.changed.emit()
        if self._cancel_requested:
            self.cancelled.emit()
            if then is not None:
                then()

    def _on_error(self, error: BaseException) -> None:
        log.error("payment saga failed: %s", type(error).__name__, exc_info=error)
        self._busy = ""
        self._message_key = "unknown"
        self.changed.emit()
        then, self._then = self._then, None
        if then is not None and self._journey.session is self._paying_for:
            then()  # it ended, if not as planned: what waited on it goes on
        if self._cancel_requested:
            self.cancelled.emit()
