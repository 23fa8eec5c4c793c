"""The domain journeys online: identify, borrow, return, renew, pay a fine, slip."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.backend.demo_citizens import demo_citizen
from kiosk.backend.library.seed import item_barcode
from kiosk.library.service import LibraryRefusedError
from kiosk.store.models import LibraryPatronCache, PaymentJournalEntry, RequestRow
from tests.library.conftest import EMMA, SOPHIE


def test_borrow_three_return_one_renew_one_pay_the_fine(librarian, library, terminal, store):
    session = librarian.identify_card(SOPHIE, "fr")
    assert session.patron.card_label == "••••0101" and session.online
    account = session.account()
    assert [loan.item_id for loan in account.loans] == [item_barcode(10)]
    assert [hold.title for hold in account.holds_ready] == ["Astérix le Gaulois"]
    assert account.fines_total_cents == 250 and account.fines[0].fine_id == "F0001"

    results = [session.checkout(item_barcode(n)) for n in (1, 2, 3)]
    assert all(r.ok and r.due is not None and not r.offline for r in results)
    assert results[0].title == "Le Petit Prince"
    refused = session.checkout(item_barcode(12))
    assert not refused.ok and refused.reason == "This item is reserved for another reader"

    assert session.checkin(item_barcode(2)).ok
    renewed = session.renew(item_barcode(1))
    assert renewed.ok and renewed.due is not None

    paid = session.pay_fines()
    assert paid.ok and paid.amount_cents == 250
    assert library.fines_due(SOPHIE) == 0
    assert library.fee_payments[0][2] == paid.payment_id  # the card payment's id as BK
    with store.read() as s:
        row = s.execute(select(RequestRow).where(RequestRow.kind == "library_fine")).scalar_one()
        assert SOPHIE not in str(row.payload)  # the card number is not stored

    slip = session.slip()
    text = "\n".join(getattr(b, "text", "") for b in slip.blocks)
    assert "Le Petit Prince" in text and "Tintin au Tibet" in text and "De Avonden" in text
    assert "Amendes payées" in text and "Prolongés" in text and SOPHIE not in text
    assert sorted(i.barcode for i in library.loans(SOPHIE)) == [
        item_barcode(1),
        item_barcode(3),
        item_barcode(10),
    ]
    session.end()
    assert session.patron.name == ""


def test_a_refused_fee_paid_reverses_the_card_payment(librarian, acs, library, terminal, store):
    session = librarian.identify_card(SOPHIE, "en")
    acs.faults.set.inject("refuse_fee_paid")
    paid = session.pay_fines()
    assert not paid.ok and paid.status == "failed" and paid.reversed
    assert paid.reason == "Payments cannot be recorded right now"
    assert len(terminal.reversed) == 1
    assert library.fines_due(SOPHIE) == 250
    with store.read() as s:
        steps = [
            e.step
            for e in s.execute(
                select(PaymentJournalEntry).where(PaymentJournalEntry.payment_id == paid.payment_id)
            ).scalars()
        ]
    assert "reversal" in steps and "completed" not in steps
    assert librarian.offline.report() == []  # a clear refusal needs no staff follow-up


def test_a_lost_fee_paid_answer_reverses_and_is_reported(librarian, acs, library, terminal):
    session = librarian.identify_card(SOPHIE, "en")
    acs.faults.set.inject("silent")
    paid = session.pay_fines(250)
    acs.faults.set.clear()
    assert paid.status == "failed" and paid.reversed
    assert len(terminal.reversed) == 1
    [entry] = librarian.offline.report()
    assert entry.kind == "fee_paid_unconfirmed" and entry.patron_label == "••••0101"


def test_declined_card_sends_no_fee_paid(librarian, library, terminal):
    session = librarian.identify_card(SOPHIE, "nl")
    terminal.faults.inject("decline")
    paid = session.pay_fines()
    assert paid.status == "declined" and library.fee_payments == []


def test_identify_by_eid_uses_the_linked_patron(librarian, store):
    session = librarian.identify_eid(demo_citizen("sophie").identity.national_number, "fr")
    assert session.patron.card_label == "••••0101"
    assert session.checkout(item_barcode(4)).ok
    with store.read() as s:
        keys = s.execute(select(LibraryPatronCache.patron_key)).scalars().all()
    assert len(keys) == 2  # the eID token's key and the card's key, hashed
    with pytest.raises(LibraryRefusedError) as caught:
        librarian.identify_eid(demo_citizen("anna").identity.national_number, "fr")
    assert caught.value.reason_key == "library.refused.eid_not_linked"


def test_unknown_and_blocked_patrons(librarian):
    with pytest.raises(LibraryRefusedError) as caught:
        librarian.identify_card("99999999999999", "fr")
    assert caught.value.reason == "Unknown library card"
    blocked = librarian.identify_card(EMMA, "fr")
    assert blocked.patron.blocked_reason.startswith("Outstanding fines")
    refused = blocked.checkout(item_barcode(5))
    assert not refused.ok and refused.reason.startswith("Outstanding fines")


def test_renew_all(librarian):
    session = librarian.identify_card(SOPHIE, "en")
    session.checkout(item_barcode(6))
    result = session.renew_all()
    assert {r.item_id for r in result.renewed} == {item_barcode(6), item_barcode(10)}
    assert result.refused == ()
