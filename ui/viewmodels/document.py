"""The sealed certificate printed at the kiosk, as the screens see it: whether "print it
here" can be offered (asked of the A4 printer before the citizen pays, and why not in
words), the delivery chosen, and the print after the request (on a worker: the backend
issues, the printer prints, the job is followed to completion)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.journey import Event, Journey, State
from kiosk.i18n import Translator, format_money
from ui.operations import BackgroundRunner

if TYPE_CHECKING:  # SQLAlchemy underneath: not before the first frame
    from kiosk.documents.delivery import Delivery, DocumentDelivery

log = logging.getLogger(__name__)
A4_REASONS = frozenset({"offline", "media-empty", "media-jam", "door-open", "toner-empty"})


class DocumentViewModel(QObject):
    changed = Signal()

    def __init__(self, journey: Journey, runner: BackgroundRunner) -> None:
        super().__init__()
        self._journey = journey
        self._runner = runner
        self._delivery: DocumentDelivery | None = None
        self._state = ""  # "" (not asked) | "checking" | "ready" | "unavailable"
        self._why = ""
        self._generation = 0  # a late answer for a screen that is gone is dropped
        journey.subscribe(self._on_transition)

    def _on_transition(self, old: State, new: State, event: Event) -> None:
        if new is State.ATTRACT and old is not State.ATTRACT:
            self.changed.emit()  # the next citizen starts afresh: a new session, no print

    def set_delivery(self, delivery: DocumentDelivery | None) -> None:
        """The kiosk's A4 delivery (None: no A4 printer or no backend to issue)."""
        self._delivery = delivery
        self.changed.emit()

    # --- what the screens show ----------------------------------------------------------

    def prints_documents(self) -> bool:
        """Whether this kiosk prints documents at all (an A4 printer is configured)."""
        return self._delivery is not None

    @Property(bool, notify=changed)
    def offered(self) -> bool:
        """Whether "printed here" is a choice for this session's certificate: the kiosk
        prints documents and the catalog says the register issues it at once (the
        others only go by portal or post, so they are never promised here)."""
        return self._delivery is not None and self._issued_at_once()

    def _issued_at_once(self) -> bool:
        service = self._journey.service()
        return service is not None and service.issued_at_once

    @Property(str, notify=changed)
    def printState(self) -> str:
        return self._state

    @Property(str, notify=changed)
    def unavailableText(self) -> str:
        """Why "print it here" cannot be chosen now, said before paying."""
        if self._state != "unavailable":
            return ""
        tr = Translator(self._journey.session.language)
        why = self._why if self._why in A4_REASONS else "other"
        return tr("delivery.kiosk.unavailable").format(why=tr(f"a4.{why}"))

    @Property(str, notify=changed)
    def outcome(self) -> str:
        """This session's print: "" (none), "printing", "printed" or "owed"."""
        return str(self._journey.session.printed.get("document", ""))

    @Property("QVariantMap", notify=changed)
    def doneTexts(self) -> dict[str, str]:
        """The done screen's "take your document (N pages)", or what happens to the
        document and the money when it could not be printed."""
        return document_texts(self._journey.session.printed, self._journey.session.language,
                              self._journey.amount_due())

    @Property(bool, notify=changed)
    def asked(self) -> bool:
        """Whether the pay screen asks how the document is delivered (paid certificate)."""
        return self._journey.pay_screen_choice() == "delivery"

    @Property(str, notify=changed)
    def choice(self) -> str:
        """The delivery chosen on this screen: "kiosk", "portal", "post" or ""."""
        details = self._journey.session.details
        if "delivery" not in details:
            return ""
        return "kiosk" if details.get("print_here") else str(details["delivery"])

    # --- asking the printer -------------------------------------------------------------

    def check(self) -> None:
        """Ask the A4 printer whether it can print (on a worker); the screen shows
        "checking" meanwhile and offers "print it here" only once it said yes."""
        self._generation += 1
        if self._delivery is None or not self._issued_at_once():
            self._state, self._why = "", ""
            self.changed.emit()
            return
        delivery, generation = self._delivery, self._generation
        self._state, self._why = "checking", ""
        self.changed.emit()
        self._runner.run(delivery.readiness,
                         lambda why: self._on_readiness(generation, why),
                         lambda error: self._on_readiness(generation, "offline"))

    def _on_readiness(self, generation: int, why: Any) -> None:
        if generation != self._generation:
            return
        self._state, self._why = ("ready", "") if not why else ("unavailable", str(why))
        if why:
            log.info("A4 printing not offered: %s", why)
        self.changed.emit()

    @Slot()
    def refresh(self) -> None:
        """The screen changed what it shows (the chosen delivery, the language)."""
        self.changed.emit()

    # --- printing -------------------------------------------------------------------------

    def print_here(self, result: dict[str, Any],
                   done: Callable[[dict[str, Any]], None]) -> bool:
        """If the citizen chose "printed here" for the certificate request in
        ``result``: print it on a worker and return True; ``done`` then gets ``result``
        with ``document`` ("printed" / "owed") and ``pages``, on the GUI thread. A
        failure anywhere leaves the document owed, never charged again."""
        service = self._journey.service()
        if (service is None or result.get("kind") != "certificate" or not service.issued_at_once
                or not self._journey.session.details.get("print_here")):
            return False
        delivery = self._delivery
        request_id = str(result.get("request_id") or "")

        session = self._journey.session

        def finish(outcome: dict[str, Any]) -> None:
            if self._journey.session is session:  # not for a citizen who has gone
                session.printed = {k: outcome.get(k) for k in ("document", "pages", "reference")}
                self.changed.emit()
            done(outcome)

        if delivery is None or not request_id:
            finish({**result, "document": "owed"})
            return True
        session.printed = {"document": "printing"}
        self.changed.emit()
        from kiosk.documents.delivery import DocumentRequest

        request = DocumentRequest(request_id, str(result.get("reference", "")), service.id,
                                  self._journey.session.language)

        def printed(outcome: Delivery) -> None:
            finish({**result, "document": outcome.outcome, "pages": outcome.pages or 0})

        def failed(error: BaseException) -> None:
            log.error("printing the document failed: %s", type(error).__name__)
            finish({**result, "document": "owed"})

        # The backend serves the document to the kiosk only under the citizen's card
        # session (PIN + card signature): the token this session holds.
        card_session = self._journey.session.card_session
        self._runner.run(lambda: delivery.deliver(request, card_session), printed, failed)
        return True


def document_texts(result: dict[str, Any], language: str, paid_cents: int) -> dict[str, str]:
    """The done screen's words for a document printed here or owed."""
    tr = Translator(language)
    outcome = result.get("document")
    if outcome == "printed":
        pages = int(result.get("pages") or 1)
        take = (tr("document.take.one") if pages == 1
                else tr("document.take.many").format(pages=pages))
        return {"title": take, "detail": tr("document.sealed")}
    if outcome == "owed":
        reference = str(result.get("reference", ""))
        money = (tr("document.owed.paid").format(amount=format_money(paid_cents, language),
                                                 reference=reference)
                 if paid_cents else tr("document.owed.free").format(reference=reference))
        return {"title": tr("document.owed.title"), "detail": money}
    return {}
