"""The card that signs after the PIN must be the card that was read: one swapped in the
reader between the read and the PIN step is refused before its PIN is asked (the virtual
card, spoken to directly)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from drivers.eid.apdu import EidSession
from drivers.eid.card_image import TestRrnAuthority, build_card_image
from drivers.eid.virtual_card import VirtualEidCard
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.card_presence import PresenceCheck, PresenceRefused
from tests.drivers.eid.test_eid_card_pin import DirectTransport

PIN = "4711"


class Reader:
    """A reader holding ``card`` (reset at each session's end, as a real one does)."""

    def __init__(self, card: VirtualEidCard) -> None:
        self.card = card

    @contextmanager
    def session(self) -> Iterator[tuple[EidSession, None]]:
        try:
            yield EidSession(DirectTransport(self.card)), None
        finally:
            self.card.reset()


class Citizen:
    def __init__(self) -> None:
        self.asked = 0

    def ask(self, tries_left: int | None, wrong: bool) -> bytearray | None:
        self.asked += 1
        return bytearray(PIN.encode())

    def blocked(self) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def authority() -> TestRrnAuthority:
    return TestRrnAuthority()


def card_of(authority: TestRrnAuthority, key: str) -> VirtualEidCard:
    citizen = demo_citizen(key)
    identity, address, photo = citizen_card(citizen)
    return VirtualEidCard(build_card_image(identity, address, photo, authority=authority,
                                           applet_18=citizen.applet_18, pin=PIN))


def test_a_card_swapped_before_the_pin_is_refused_without_asking_it(authority):
    read = demo_citizen("sophie").identity.national_number
    swapped = Reader(card_of(authority, "jan"))
    citizen = Citizen()
    with pytest.raises(PresenceRefused) as refused:
        PresenceCheck(citizen).prove(swapped, read)
    assert refused.value.reason == "card_refused" and "swapped" in str(refused.value)
    assert citizen.asked == 0  # no PIN typed for someone else's card
    # The card that was read proves presence as before.
    same = Reader(card_of(authority, "sophie"))
    assert PresenceCheck(citizen).prove(same, read) is None
    assert citizen.asked == 1
