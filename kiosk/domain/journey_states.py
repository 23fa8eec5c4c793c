"""The citizen journey's states and events, and the moves between them (the table the
journey in kiosk/domain/journey.py enforces)."""

from __future__ import annotations

from enum import StrEnum

from kiosk.domain.catalog import ServiceKind


class State(StrEnum):
    ATTRACT = "attract"
    LANGUAGE = "language"
    IDENTIFY = "identify"
    CHOOSE_SERVICE = "choose_service"
    DETAILS = "details"
    REVIEW = "review"
    PAY = "pay"
    FULFIL = "fulfil"
    DONE = "done"


class Event(StrEnum):
    START = "start"
    CHOOSE_LANGUAGE = "choose_language"
    IDENTIFIED = "identified"
    SKIP_IDENTIFICATION = "skip_identification"
    CHOOSE_SERVICE = "choose_service"
    STEP_DONE = "step_done"
    STEP_BACK = "step_back"
    CONFIRM_DETAILS = "confirm_details"
    ACCEPT = "accept"
    SLOT_TAKEN = "slot_taken"
    PAYMENT_COMPLETED = "payment_completed"
    FULFILLED = "fulfilled"
    FINISH = "finish"
    BACK = "back"
    CANCEL = "cancel"
    TIMEOUT = "timeout"
    CARD_REMOVED = "card_removed"


# The detail steps of each kind of service, in order, all on the details screen.
STEPS: dict[ServiceKind, tuple[str, ...]] = {
    ServiceKind.QUEUE_TICKET: ("desk",),
    ServiceKind.CERTIFICATE: ("confirm_data", "delivery"),
    ServiceKind.APPOINTMENT: ("site", "day", "slot"),
    ServiceKind.CASE_FOLLOWUP: (),
    ServiceKind.LETTER_PAYMENT: ("scan",),
}

# Where the citizen chooses how a paid certificate reaches them: on the pay screen,
# beside the amount and the ways to pay (one screen, one tap fewer than a detail step
# plus a review). A free one keeps the "delivery" detail step: it has no pay screen.
PAID_ON_PAY_SCREEN: dict[ServiceKind, str] = {ServiceKind.CERTIFICATE: "delivery"}
# How a certificate reaches the citizen: printed here (A4 printer), portal or post.
DELIVERY_CHOICES = ("kiosk", "portal", "post")

# The forward and back transitions, spelled out. CANCEL, TIMEOUT and CARD_REMOVED
# (the session-ending events) are allowed from every state and lead to ATTRACT.
TRANSITIONS: dict[State, dict[Event, State]] = {
    State.ATTRACT: {Event.START: State.LANGUAGE},
    State.LANGUAGE: {Event.CHOOSE_LANGUAGE: State.IDENTIFY, Event.BACK: State.ATTRACT},
    State.IDENTIFY: {
        Event.IDENTIFIED: State.CHOOSE_SERVICE,
        Event.SKIP_IDENTIFICATION: State.CHOOSE_SERVICE,
        Event.BACK: State.LANGUAGE,
    },
    State.CHOOSE_SERVICE: {
        Event.CHOOSE_SERVICE: State.DETAILS,
        Event.IDENTIFIED: State.CHOOSE_SERVICE,  # skipped the card, then inserted it
        Event.BACK: State.IDENTIFY,
    },
    State.DETAILS: {
        Event.STEP_DONE: State.DETAILS,  # the next detail step
        Event.STEP_BACK: State.DETAILS,  # the previous detail step
        Event.CONFIRM_DETAILS: State.REVIEW,
        Event.BACK: State.CHOOSE_SERVICE,  # from the first detail step
    },
    State.REVIEW: {Event.ACCEPT: State.PAY, Event.BACK: State.DETAILS},
    State.PAY: {Event.PAYMENT_COMPLETED: State.FULFIL, Event.BACK: State.REVIEW},
    State.FULFIL: {
        Event.FULFILLED: State.DONE,
        Event.SLOT_TAKEN: State.DETAILS,  # booking conflict: pick another slot
    },
    State.DONE: {Event.FINISH: State.ATTRACT},
}
# Where an event may lead instead of its table target, and why:
BRANCHES: dict[tuple[State, Event], frozenset[State]] = {
    # A service without detail steps (case follow-up) is fulfilled at once.
    (State.CHOOSE_SERVICE, Event.CHOOSE_SERVICE): frozenset({State.FULFIL}),
    # A free service with nothing to review (queue ticket, free certificate); a paid
    # certificate straight to the pay screen, which shows what is paid for.
    (State.DETAILS, Event.CONFIRM_DETAILS): frozenset({State.FULFIL, State.PAY}),
    # Back from such a pay screen: to the details, there being no review.
    (State.PAY, Event.BACK): frozenset({State.DETAILS}),
    # A reviewed free service (an appointment) is fulfilled without paying.
    (State.REVIEW, Event.ACCEPT): frozenset({State.FULFIL}),
}
SESSION_ENDING: frozenset[Event] = frozenset({Event.CANCEL, Event.TIMEOUT, Event.CARD_REMOVED})
