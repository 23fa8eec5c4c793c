"""The journey view-model: what the QML views show and the taps they send back."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QJSEngine

from kiosk.domain import journey_effects as fx
from kiosk.domain.catalog import LANGUAGES
from kiosk.domain.fulfilment import Fulfilment
from kiosk.domain.journey import Event, Journey, JourneyError, State, delivery_details
from kiosk.domain.session import CitizenSession
from kiosk.i18n import Translator
from kiosk.updates.activity import SessionMarkers
from ui.operations import BackgroundRunner
from ui.photo import CitizenPhotoProvider
from ui.texts import ScriptTexts
from ui.viewmodels import journey_rows as rows
from ui.viewmodels.card_reads import CardReads

if TYPE_CHECKING:
    # Named in annotations only: the City platform's, cases' and letters' types (their
    # dataclasses) come with the services, after the first frame.
    from kiosk.domain.letters import LetterPayment
    from kiosk.identity import CardNews
    from ui.viewmodels.appointment import AppointmentViewModel
    from ui.viewmodels.case_followup import CaseFollowUp
    from ui.viewmodels.casescan import CaseScanViewModel
    from ui.viewmodels.document import DocumentViewModel
    from ui.viewmodels.letter import LetterViewModel
    from ui.viewmodels.payment import PaymentViewModel

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}


class JourneyViewModel(QObject):
    """The citizen journey on screen. It keeps no citizen data of its own: what it shows
    it reads from the journey's session (kiosk/domain/session.py), wiped in one place,
    and what a move calls for it gets from the journey as effects and carries out."""

    stateChanged = Signal()
    languageChanged = Signal()
    servicesChanged = Signal()
    resultChanged = Signal()
    countdownChanged = Signal()
    citizenChanged = Signal()
    identifyMessageChanged = Signal()
    # What a screen shows that follows both the step and the language (step names,
    # the review, the case list). Kept apart from languageChanged so that a step does
    # not make every translated text on the screen re-evaluate.
    contentChanged = Signal()

    def __init__(
        self,
        journey: Journey,
        fulfilment: Fulfilment,
        runner: BackgroundRunner,
        languages: tuple[str, ...] = LANGUAGES,
        photos: CitizenPhotoProvider | None = None,
        platform_online: Callable[[], bool] = lambda: True,
        sessions: SessionMarkers | None = None,
    ) -> None:
        super().__init__()
        self._sessions = sessions  # None: this kiosk takes no software updates
        self._photos = photos
        self._platform_online = platform_online
        self._identify_message = ""
        self._reads = CardReads(lambda: journey.session)
        self._journey = journey
        self._fulfilment = fulfilment
        self._runner = runner
        self._languages = languages
        self._seconds_left = -1
        self._shown_services: list[dict[str, Any]] = []
        self._shown_language = journey.session.language
        self._texts = ScriptTexts()  # per language: built once, converted once
        journey.subscribe_effects(self._on_transition)

    # --- the later screens' view-models ---------------------------------------------
    # Built (and their modules imported) when first used, not with this one: the
    # attract screen needs none of them, and the services' wiring (ui/running.py)
    # builds them right after the first frame anyway.

    @cached_property
    def _appointment(self) -> AppointmentViewModel:
        from ui.viewmodels.appointment import AppointmentViewModel

        return AppointmentViewModel(self._journey, self._runner)

    @cached_property
    def _letter(self) -> LetterViewModel:
        from ui.viewmodels.letter import LetterViewModel

        journey = self._journey
        return LetterViewModel(lambda: journey.session.language, self._runner, self._on_letter)

    @cached_property
    def _case_scan(self) -> CaseScanViewModel:
        from ui.viewmodels.casescan import CaseScanViewModel

        # The case QR branch of the identify screen shares the letter step's camera
        # (ui/running.py wires the one camera into the letter view-model).
        journey = self._journey
        follow = self._case_followup
        return CaseScanViewModel(lambda: journey.session.language, self._runner,
                                 self._letter.camera, follow.lookup, follow.found)

    @cached_property
    def _case_followup(self) -> CaseFollowUp:
        from ui.viewmodels.case_followup import CaseFollowUp

        return CaseFollowUp(self._journey, self._fulfilment, self._do)

    @cached_property
    def _payment(self) -> PaymentViewModel:
        from ui.viewmodels.payment import PaymentViewModel

        payment = PaymentViewModel(self._journey, self._runner)
        payment.paid.connect(self._on_paid)
        return payment

    @cached_property
    def _document(self) -> DocumentViewModel:
        from ui.viewmodels.document import DocumentViewModel

        return DocumentViewModel(self._journey, self._runner)  # the A4 printer's certificate

    # --- properties -------------------------------------------------------------

    @Property(str, notify=stateChanged)
    def state(self) -> str:
        return self._journey.state.value

    @Property(str, notify=languageChanged)
    def language(self) -> str:
        return self._journey.session.language

    @Property("QVariant", notify=languageChanged)
    def texts(self) -> Any:
        return self._texts.for_qml(self._journey.session.language)

    def use_script_engine(self, engine: QJSEngine) -> None:
        """Give QML its texts as one JS object per language (ui/texts.py)."""
        self._texts.use_engine(engine)

    def text(self, key: str) -> str:
        """A text of the session's language, as the screen shows it (for Python)."""
        return self._texts.plain(self._journey.session.language)[key]

    @Property("QVariantList", constant=True)
    def languages(self) -> list[dict[str, str]]:
        # "title": the question in that language, for the screen that asks it in each
        return [{"code": code, "name": LANGUAGE_NAMES[code],
                 "title": Translator(code)("language.title")} for code in self._languages]

    @Property("QVariantList", notify=servicesChanged)
    def services(self) -> list[dict[str, Any]]:
        return self._service_rows()

    def _services_changed(self) -> None:
        """Tell the screen only when the offer really changed: redrawing the list under
        a citizen's finger would lose the tap (printer polls come every few seconds)."""
        rows = self._service_rows()
        if rows != self._shown_services:
            self._shown_services = rows
            self.servicesChanged.emit()

    def _service_rows(self) -> list[dict[str, Any]]:
        return rows.service_rows(self._journey)

    @Property("QVariantList", notify=servicesChanged)
    def desks(self) -> list[dict[str, str]]:
        language = self._journey.session.language
        return [{"id": d.id, "name": d.name.get(language), "prefix": d.prefix}
                for d in self._journey.catalog.desks]

    @Property("QVariantMap", notify=resultChanged)
    def result(self) -> dict[str, Any]:
        return dict(self._journey.session.outcome)

    @Property(str, notify=contentChanged)
    def moneyText(self) -> str:
        """What happened to the citizen's money, on the done screen ("" if nothing paid)."""
        return rows.money_line(self._journey.session.outcome, self._journey.session.language)

    @Property(str, notify=citizenChanged)
    def citizenName(self) -> str:
        """The first given name, for the greeting; "" when nobody is identified."""
        return rows.citizen_summary(self._journey.session.card).get("greeting", "")

    @Property(str, notify=citizenChanged)
    def photoUrl(self) -> str:
        card = self._journey.session.card
        if card is None or not card.photo or self._photos is None:
            return ""
        return f"image://citizen/{self._journey.session.id}"

    @Property(QObject, constant=True)
    def payment(self) -> PaymentViewModel:
        return self._payment

    @Property(QObject, constant=True)
    def document(self) -> DocumentViewModel:
        return self._document

    @Property(QObject, constant=True)
    def appointment(self) -> AppointmentViewModel:
        return self._appointment

    @Property(QObject, constant=True)
    def letter(self) -> LetterViewModel:
        return self._letter

    @Property(QObject, constant=True)
    def caseScan(self) -> CaseScanViewModel:
        return self._case_scan

    @Property(bool, notify=servicesChanged)
    def caseScanOffered(self) -> bool:
        """Whether the identify screen offers following a case up with its QR."""
        service = self._case_followup.service()
        return (service is not None and self._letter._camera is not None
                and self._journey.unavailable_reason(service) in ("", "needs_eid"))

    @Property(str, notify=stateChanged)
    def detailsStep(self) -> str:
        """Which detail step the details screen shows ("desk", "delivery", "slot", …)."""
        return self._journey.step()

    @Property("QVariantList", notify=contentChanged)
    def steps(self) -> list[str]:
        """The step indicator's names, in the session's language."""
        tr = Translator(self._journey.session.language)
        return [tr(f"step.{name}") for name in self._journey.progress()[0]]

    @Property(int, notify=stateChanged)
    def stepIndex(self) -> int:
        return self._journey.progress()[1]

    @Property("QVariantMap", notify=contentChanged)
    def review(self) -> dict[str, Any]:
        """What the citizen confirms before paying or booking: what for, how much."""
        service = self._journey.service()
        if service is None or self._journey.state is not State.REVIEW:
            return {}
        return rows.review_rows(service, self._journey.session.details,
                                self._journey.amount_due(), self._journey.session.language,
                                self._appointment.day_label)

    @Property("QVariantList", notify=contentChanged)
    def cases(self) -> list[dict[str, str]]:
        """The citizen's cases from the done screen's result, in plain words."""
        return rows.case_rows(self._journey.session.outcome.get("cases", []),
                              self._journey.catalog,
                              self._journey.session.language)

    @Property(str, notify=stateChanged)
    def detailsKind(self) -> str:
        """Which details screen to show: the chosen service's kind."""
        service = self._journey.service()
        return service.kind if service else ""

    @Property("QVariantMap", notify=citizenChanged)
    def citizenSummary(self) -> dict[str, str]:
        """What the card says, shown back to its holder to confirm."""
        return rows.citizen_summary(self._journey.session.card)

    @Property(str, notify=identifyMessageChanged)
    def identifyMessage(self) -> str:
        return self._identify_message

    @Property(int, notify=countdownChanged)
    def warningSeconds(self) -> int:
        """Seconds left when the "are you still there?" warning shows, else -1."""
        return self._seconds_left

    def card_news(self, news: CardNews) -> None:
        """What the card watcher saw; called on the GUI thread."""
        if not self._reads.belongs(news):
            log.info("a card read of an ended session was dropped")
            return
        if news.kind == "reading":
            self._set_identify_message("identify.reading")
        elif news.kind == "failed":
            self._set_identify_message(f"identify.{news.reason}")
        elif news.kind == "removed":
            self._set_identify_message("")
            if self._payment.is_busy():  # give the money back, then end the session
                self._payment.request_cancel_then(self._journey.card_removed)
                return
            self._journey.card_removed()
        elif news.kind == "identified" and news.card is not None:
            self._set_identify_message("")
            if self._journey.state is not State.ATTRACT:
                # Identified now, or at the identify step; past it, ignored.
                self._do(self._journey.card_read, news.card, news.card_session)
            elif self._may_leave_attract():
                self._do(self._journey.start)  # a card in the reader is a citizen starting
                self._do(self._journey.card_read, news.card, news.card_session)
                spoken = news.card.identity.card_language  # no language screen to tap
                if spoken in self._languages:
                    self._do(self._journey.choose_language, spoken)

    def _set_identify_message(self, key: str) -> None:
        text = Translator(self._journey.session.language)(key) if key else ""
        if text != self._identify_message:
            self._identify_message = text
            self.identifyMessageChanged.emit()

    def refresh_services(self) -> None:
        """Availability changed (services came up, a device went away)."""
        self._services_changed()
        self._payment.changed.emit()

    def _on_paid(self, result: dict[str, Any]) -> None:
        self._journey.session.outcome = self._with_queue_state(dict(result))
        self.resultChanged.emit()
        self._do(self._journey.payment_completed, result)

    # --- taps -----------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        if self._may_leave_attract():
            self._do(self._journey.start)

    def _may_leave_attract(self) -> bool:
        """No session starts while a software switch is under way (it restarts the UI)."""
        if self._sessions is None or self._journey.state is not State.ATTRACT:
            return True
        return self._sessions.begin_session()

    @Slot(str)
    def chooseLanguage(self, language: str) -> None:
        self._do(self._journey.choose_language, language)

    @Slot(str)
    def switchLanguage(self, language: str) -> None:
        self._do(self._journey.switch_language, language)
        self._shown_language = self._journey.session.language
        self.languageChanged.emit()
        self.contentChanged.emit()
        self._services_changed()
        self._payment.changed.emit()
        self._document.refresh()

    @Slot()
    def skipIdentification(self) -> None:
        self._do(self._journey.skip_identification)

    @Slot()
    def scanCase(self) -> None:
        """"Scan the QR on your letter or receipt", tapped on the identify screen."""
        if self._journey.state is State.IDENTIFY:
            self._journey.touch()
            self._case_scan.start()

    @Slot()
    def stopCaseScan(self) -> None:
        self._case_scan.stop()

    @Slot(str)
    def chooseService(self, service_id: str) -> None:
        self._do(self._journey.choose_service, service_id)

    @Slot(str)
    def chooseDesk(self, desk_id: str) -> None:
        self._step("desk", {"desk": desk_id})

    @Slot()
    def confirmData(self) -> None:
        """The citizen says the data read from the card is right."""
        self._step("confirm_data", self._journey.requester_details())

    @Slot(str)
    def chooseDelivery(self, delivery: str) -> None:
        """Printed here (once the A4 printer said it can), portal or post."""
        if delivery == "kiosk" and self._document.printState != "ready":
            return  # not offered: the screen says why
        if self._journey.state is not State.PAY:
            self._step("delivery", {**self._journey.requester_details(),
                                    **delivery_details(delivery)})
        elif not self._payment.is_busy():  # beside the amount, before paying
            self._do(self._journey.choose_delivery, delivery)
            self._document.refresh()
            self._payment.changed.emit()

    @Slot(str)
    def chooseSite(self, site_id: str) -> None:
        site = next((s for s in self._appointment.sites if s["id"] == site_id), None)
        if site is not None:
            self._step("site", {**self._journey.requester_details(), "site": site_id,
                                "site_name": site["name"]})

    @Slot(str)
    def chooseDay(self, day: str) -> None:
        self._step("day", {"day": day})

    @Slot(int)
    def chooseSlot(self, slot_id: int) -> None:
        slot = self._appointment.slot(slot_id)
        if slot is not None:
            self._step("slot", {"slot_id": slot_id, "slot_time": slot["time"],
                                "counter": slot["counter"]})

    @Slot()
    def accept(self) -> None:
        """Confirmed on the review screen: on to paying (or booking)."""
        self._do(self._journey.accept)

    @Slot()
    def retryScan(self) -> None:
        if self._journey.step() == "scan":
            self._letter.start()

    def _step(self, step: str, details: dict[str, Any]) -> None:
        if self._journey.step() != step:
            return  # a stale tap from a screen that is gone
        self._do(self._journey.step_done, details)

    def _on_letter(self, letter: LetterPayment) -> None:
        self._step("scan", {"service_id": "letter-payment", **letter.as_details()})

    @Slot()
    def back(self) -> None:
        if self._payment.is_busy():  # stop it (money given back), then go back
            self._payment.request_cancel_then(lambda: self._do(self._journey.back))
            return
        self._do(self._journey.back)

    @Slot()
    def cancel(self) -> None:
        if self._payment.is_busy():
            # Money may be in the device: let the saga give it back, then end.
            self._payment.request_cancel_then(self._journey.cancel)
            return
        self._journey.cancel()

    @Slot()
    def finish(self) -> None:
        self._do(self._journey.finish)

    @Slot()
    def touched(self) -> None:
        self._journey.touch()
        self._update_countdown()

    @Slot()
    def tick(self) -> None:
        """Called every second by the UI's timer."""
        if self._payment.is_busy():
            self._journey.touch()  # nobody walks away mid-payment by the clock
        self._journey.tick()
        self._update_countdown()

    # --- machinery ----------------------------------------------------------------

    def _do(self, action: Any, *args: Any) -> None:
        try:
            action(*args)
        except JourneyError as exc:
            # A stale tap (double tap, tap during a transition): keep the screen as is.
            log.info("ignored: %s", exc)

    def _on_transition(self, old: State, new: State, event: Event,
                       effects: Sequence[fx.Effect]) -> None:
        if new is not State.IDENTIFY:
            self._case_scan.stop()
        if self._journey.step() != "scan":
            self._letter.stop()
        for effect in effects:
            self._run(effect)
        self.stateChanged.emit()
        if self._journey.session.language != self._shown_language:
            self._shown_language = self._journey.session.language
            self.languageChanged.emit()
        self.contentChanged.emit()
        self._services_changed()
        self._payment.changed.emit()
        self._update_countdown()

    def _run(self, effect: fx.Effect) -> None:
        """Carry out what the journey's move calls for (kiosk/domain/journey_effects.py)."""
        session = self._journey.session
        match effect:
            case fx.SessionStarted():
                if self._sessions is not None:  # the update lock waits while it lasts
                    self._sessions.note_session()
            case fx.SessionEnded():
                if self._sessions is not None:
                    self._sessions.end_session()
                self._appointment.clear()
                self._set_identify_message("")
                self.resultChanged.emit()
                self.citizenChanged.emit()
            case fx.CitizenIdentified():
                self.citizenChanged.emit()
            case fx.OpenPayment():
                self._payment.reset()
            case fx.StartScan():
                self._letter.start()
            case fx.CheckPrinter():
                self._document.check()
            case fx.LoadSites():
                self._appointment.refresh_sites()
            case fx.LoadSlots(site=site, day=day, service_id=service_id, taken=taken):
                self._appointment.load_slots(site, day, service_id,
                                             "appointment.slot_taken" if taken else "")
            case fx.Fulfil(service=service, language=language, details=details):
                self._runner.run(
                    lambda: self._fulfilment.fulfil(service, language, details),
                    lambda result: self._on_fulfilled(session, result),
                    lambda error: self._on_fulfil_failed(session, error),
                )
            case fx.ShowFound(result=result):
                # Looked up on the identify screen already; shown on the next turn of
                # the event loop like any fulfilment result.
                QTimer.singleShot(0, lambda: self._on_fulfilled(session, result))
            case fx.DeliverPaid(result=result):
                # The done screen follows on the next turn of the event loop, so the two
                # screen changes are two short pieces of GUI work, not one long one.
                QTimer.singleShot(0, lambda: self._paid_and_delivered(session, result))

    def _fulfilling(self, session: CitizenSession) -> bool:
        """Whether a result for ``session`` is still awaited (a late one of a session
        that ended, or of a screen the citizen left, is dropped)."""
        return self._journey.session is session and self._journey.state is State.FULFIL

    def _paid_and_delivered(self, session: CitizenSession, result: dict[str, Any]) -> None:
        if self._fulfilling(session) and not self._print_here(session, result):
            self._journey.fulfilled(result)

    def _print_here(self, session: CitizenSession, result: dict[str, Any]) -> bool:
        """A certificate to print here: "printing" shown, then done with its pages."""
        def printed(outcome: dict[str, Any]) -> None:
            if self._fulfilling(session):
                session.outcome = {**session.outcome, **outcome}
                self.resultChanged.emit()
                self._journey.fulfilled(outcome)

        return self._document.print_here(result, printed)

    def _on_fulfilled(self, session: CitizenSession, result: dict[str, Any]) -> None:
        if not self._fulfilling(session):
            return
        session.outcome = self._with_queue_state({"ok": True, **result})
        self.resultChanged.emit()
        self.contentChanged.emit()  # the case list binds to it
        if not self._print_here(session, result):  # a free certificate printed here
            self._journey.fulfilled(result)

    def _on_fulfil_failed(self, session: CitizenSession, error: BaseException) -> None:
        if not self._fulfilling(session):
            return
        from kiosk.domain.city import PlatformUnavailableError, SlotTakenError  # with the services

        if isinstance(error, SlotTakenError):
            log.info("the slot was taken meanwhile: choosing another")
            self._journey.slot_taken()
            return
        reason = "failed"
        if isinstance(error, PlatformUnavailableError):
            log.warning("the City's platform did not answer: %s", error)
            reason = "unreachable"
        else:
            log.error("fulfilment failed: %s", type(error).__name__, exc_info=error)
        session.outcome = {"ok": False, "reason": reason}
        self.resultChanged.emit()
        self._journey.fulfilled({"failed": True})

    def _with_queue_state(self, result: dict[str, Any]) -> dict[str, Any]:
        """A certificate request made offline says it waits at the kiosk."""
        if result.get("kind") == "certificate":
            result["queued_offline"] = not self._platform_online()
        return result

    def _update_countdown(self) -> None:
        left = self._journey.seconds_left()
        shown = -1
        # The journey's own warning time: central IT's value arrives with its timeouts.
        if (left is not None and left <= self._journey.timeouts.warning_s
                and self._journey.state is not State.DONE):
            shown = int(left + 0.999)
        if shown != self._seconds_left:
            self._seconds_left = shown
            self.countdownChanged.emit()

