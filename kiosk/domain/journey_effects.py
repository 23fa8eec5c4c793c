"""What the screens do when the citizen journey moves: typed effects the journey returns
and the view-model runs.

The journey decides (Qt-free, testable without a screen); the view-model only carries
out: it starts no work and reads no session data on its own account. Effects that carry
personal data keep it out of their repr.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.domain.catalog import Service, ServiceKind

if TYPE_CHECKING:  # the journey imports this module; the planner only reads it
    from kiosk.domain.journey import Event, Journey, State


@dataclass(frozen=True)
class SessionStarted:
    """A citizen left the attract screen: a software switch waits for them."""


@dataclass(frozen=True)
class SessionEnded:
    """The session was wiped: the screens forget the citizen (greeting, photo, result,
    slots shown) and the update lock may go ahead."""


@dataclass(frozen=True)
class CitizenIdentified:
    """The card was accepted: greeting and photo come up."""


@dataclass(frozen=True)
class OpenPayment:
    """The pay screen came up afresh: a new payment, nothing of the last one shown."""


@dataclass(frozen=True)
class StartScan:
    """The letter step: the camera looks for the letter's payment code."""


@dataclass(frozen=True)
class CheckPrinter:
    """A delivery choice is on screen: ask whether the A4 printer can print it here."""


@dataclass(frozen=True)
class LoadSites:
    """The appointment's site step: the sites, live."""


@dataclass(frozen=True)
class LoadSlots:
    """The appointment's slot step: the free slots of a site on a day, live."""

    site: str
    day: str
    service_id: str
    taken: bool  # the slot chosen before went to someone else meanwhile


@dataclass(frozen=True)
class Fulfil:
    """Fulfil the chosen service off the GUI thread (request, booking, ticket, lookup)."""

    service: Service
    language: str
    details: dict[str, Any] = field(repr=False)  # who is asking: the national number


@dataclass(frozen=True)
class ShowFound:
    """The case scanned on the identify screen was looked up already: show it as is."""

    result: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class DeliverPaid:
    """The payment's completion delivered the service in its own transaction: print it
    here if asked, else on to the done screen."""

    result: dict[str, Any] = field(repr=False)


Effect = (SessionStarted | SessionEnded | CitizenIdentified | OpenPayment | StartScan
          | CheckPrinter | LoadSites | LoadSlots | Fulfil | ShowFound | DeliverPaid)


def plan(journey: Journey, old: State, new: State, event: Event) -> list[Effect]:
    """The effects of the move ``old → new`` by ``event``, the journey already in ``new``."""
    from kiosk.domain.journey import Event, State

    effects: list[Effect] = []
    if new is State.ATTRACT:
        effects.append(SessionEnded())
    elif old is State.ATTRACT:
        effects.append(SessionStarted())
    if event is Event.IDENTIFIED:
        effects.append(CitizenIdentified())
    if new is State.PAY and old is not State.PAY:
        effects.append(OpenPayment())
    effects.extend(_step_effects(journey, event))
    if new is State.FULFIL:
        effects.append(_fulfilment(journey, event))
    return effects


def _step_effects(journey: Journey, event: Event) -> list[Effect]:
    """What a detail step (or the pay screen's delivery choice) needs started."""
    from kiosk.domain.journey import Event, State

    step = journey.step()
    if step == "scan":
        return [StartScan()]
    if step == "delivery" or (journey.state is State.PAY
                              and journey.pay_screen_choice() == "delivery"):
        return [CheckPrinter()]  # "print it here" is offered once the printer said yes
    if step == "site" and event is not Event.BACK:
        return [LoadSites()]
    if step == "slot" and event is not Event.BACK:
        details = journey.session.details
        service = journey.service()
        return [LoadSlots(str(details.get("site", "")), str(details.get("day", "")),
                          service.id if service else "", event is Event.SLOT_TAKEN)]
    return []


def _fulfilment(journey: Journey, event: Event) -> Effect:
    from kiosk.domain.journey import Event

    session = journey.session
    if event is Event.PAYMENT_COMPLETED:
        return DeliverPaid(dict(session.outcome))
    service = journey.service()
    assert service is not None  # FULFIL is only reached with a service chosen
    if session.scanned_case is not None and service.kind == ServiceKind.CASE_FOLLOWUP:
        return ShowFound(dict(session.scanned_case))
    # Who is asking comes with every request (case follow-up has no detail steps).
    return Fulfil(service, session.language,
                  {**journey.requester_details(), **session.details})
