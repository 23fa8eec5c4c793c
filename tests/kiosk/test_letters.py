"""City letters' payment QR codes: what is accepted, and why anything else is refused."""

from __future__ import annotations

import pytest

from kiosk.domain.letters import (
    LetterCodeError,
    LetterPayment,
    epc_payload,
    make_communication,
    parse_letter_code,
    structured_communication,
)

GOOD = LetterPayment(make_communication(909337554), 1250, "Ville de Bruxelles", "BE68539007547034")


def test_a_city_letter_round_trips_through_its_qr_text():
    assert parse_letter_code(epc_payload(GOOD)) == GOOD
    assert GOOD.communication == "+++090/9337/55493+++"


def test_the_structured_communication_check_is_mod_97_with_97_for_zero():
    assert structured_communication("090933755493") == "+++090/9337/55493+++"
    assert make_communication(97) == "+++000/0000/09797+++"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("https://example.org/not-a-payment", "not_a_letter"),
        (epc_payload(GOOD).replace("BCD", "XYZ", 1), "not_a_letter"),
        (epc_payload(GOOD).replace("\n002\n", "\n003\n", 1), "not_a_letter"),
        (epc_payload(GOOD).replace("BE68539007547034", "BE71096123456700"), "not_city"),
        (epc_payload(GOOD).replace("EUR12.50", "EUR12,50"), "bad_amount"),
        (epc_payload(GOOD).replace("EUR12.50", "EUR0.00"), "bad_amount"),
        (epc_payload(GOOD).replace("EUR12.50", "EUR20000.00"), "bad_amount"),
        (epc_payload(GOOD).replace("55493", "55494"), "bad_reference"),
        (epc_payload(GOOD).replace("+++090/9337/55493+++", "INVOICE 12"), "bad_reference"),
    ],
)
def test_anything_else_is_refused_with_a_reason(text, reason):
    with pytest.raises(LetterCodeError) as caught:
        parse_letter_code(text)
    assert caught.value.reason == reason


def test_twelve_bare_digits_and_the_version_1_layout_are_accepted():
    text = epc_payload(GOOD).replace("+++090/9337/55493+++", "090933755493")
    text = text.replace("\n002\n", "\n001\n", 1)
    assert parse_letter_code(text).communication == GOOD.communication
