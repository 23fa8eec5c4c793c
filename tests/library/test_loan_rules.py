"""The embedded library system's loan rules."""

from __future__ import annotations

from datetime import date, timedelta

from kiosk.backend.library.model import LoanRules
from kiosk.backend.library.seed import demo_library, item_barcode
from tests.library.conftest import EMMA, LUCAS, SOPHIE

JAN = "21000000000202"
NOAH = "21000000000505"


def test_max_loans():
    lib = demo_library(rules=LoanRules(max_loans=2))
    assert lib.checkout(SOPHIE, item_barcode(1)).ok  # + the seeded loan = 2
    refused = lib.checkout(SOPHIE, item_barcode(2))
    assert not refused.ok and refused.message == "Loan limit of 2 items reached"


def test_fines_over_the_threshold_block_borrowing_and_renewing():
    lib = demo_library()
    assert lib.checkout(EMMA, item_barcode(1)).message.startswith("Outstanding fines of EUR 12.00")
    assert lib.checkout(EMMA, item_barcode(1), no_block=True).ok  # offline replay


def test_holds_loan_period_and_renewals():
    today = date(2025, 3, 1)
    lib = demo_library(today=lambda: today)
    assert (
        lib.checkout(SOPHIE, item_barcode(12)).message == "This item is reserved for another reader"
    )
    mine = lib.checkout(SOPHIE, item_barcode(9))  # her hold: loaned and the hold is gone
    assert mine.ok and mine.due == today + timedelta(days=21)
    assert lib.items[item_barcode(9)].hold_for is None
    assert lib.renew(SOPHIE, item_barcode(9)).ok
    assert lib.renew(SOPHIE, item_barcode(9)).ok
    assert lib.renew(SOPHIE, item_barcode(9)).message == "Renewed 2 times already: the limit"
    lib.items[item_barcode(10)].hold_for = JAN
    assert "Reserved by another reader" in lib.renew(SOPHIE, item_barcode(10)).message
    assert lib.renew(LUCAS, item_barcode(10)).message == "This item is not on loan to you"


def test_repeated_checkout_is_not_a_second_loan_and_others_items_are_refused():
    lib = demo_library()
    first = lib.checkout(SOPHIE, item_barcode(1))
    again = lib.checkout(SOPHIE, item_barcode(1))
    assert again.ok and again.due == first.due and again.message == "Already on loan to you"
    assert not lib.checkout(LUCAS, item_barcode(1), no_block=True).ok
    assert lib.checkout(SOPHIE, "BXL9999999").message == "Unknown item: please ask at the desk"
    assert lib.checkout(NOAH, item_barcode(2)).message.startswith("Your card is no longer")


def test_a_late_return_adds_a_fine():
    today = date(2025, 3, 1)
    lib = demo_library(today=lambda: today)
    assert lib.checkin(item_barcode(11)).ok  # Lucas's, 4 days late
    assert lib.fines_due(LUCAS) == 4 * 20


def test_eid_token_resolves_to_the_linked_patron():
    from kiosk.backend.demo_citizens import demo_citizen
    from kiosk.backend.library.seed import DEMO_LINK_KEY
    from kiosk.library.eid import eid_patron_token

    token = eid_patron_token(demo_citizen("sophie").identity.national_number, DEMO_LINK_KEY)
    assert lib_patron(token) == SOPHIE
    other = eid_patron_token(demo_citizen("anna").identity.national_number, DEMO_LINK_KEY)
    assert lib_patron(other) is None


def lib_patron(identifier: str) -> str | None:
    patron = demo_library().patron(identifier)
    return patron.barcode if patron else None
