"""The library system's messages shown in the kiosk's words (issue 24, defect 4)."""

from __future__ import annotations

import logging

import pytest

from kiosk.i18n import Translator
from kiosk.library.reasons import GENERIC_REFUSAL, fine_text, refusal_key


@pytest.mark.parametrize(("message", "key"), [
    ("This item is reserved for another reader", "library.refused.reserved"),
    ("Reserved by another reader: it cannot be renewed", "library.refused.reserved"),
    ("Loan limit of 8 items reached", "library.refused.loan_limit"),
    ("Renewed 3 times already: the limit", "library.refused.renewal_limit"),
    ("Unknown item: please ask at the desk", "library.refused.unknown_item"),
    ("This item is not on loan to you", "library.refused.not_yours"),
    ("Amount EUR 2.00 does not match what is owed (EUR 2.50)", "library.refused.amount_mismatch"),
])
def test_known_messages_map_to_their_catalog_text(message, key):
    assert refusal_key(message) == key
    assert Translator("nl")(key) and Translator("fr")(key) != message


def test_an_unknown_message_is_generic_on_screen_and_raw_in_the_log_only(caplog):
    with caplog.at_level(logging.INFO, logger="kiosk.library.reasons"):
        key = refusal_key("Bitte wenden Sie sich an die Theke")
    assert key == GENERIC_REFUSAL
    assert "Bitte wenden" not in Translator("fr")(key)
    assert "Bitte wenden" in caplog.text


def test_a_fine_keeps_the_title_and_translates_the_kind():
    assert fine_text("Late return: Kaas", Translator("fr")) == "Retour tardif : Kaas"
    assert fine_text("Late return: Kaas", Translator("nl")) == "Te laat teruggebracht: Kaas"
    assert fine_text("Lost card replacement", Translator("en")) == "Fine"


def test_a_public_screen_greets_by_the_first_given_name_only():
    from ui.library.rows import greeting_name

    assert greeting_name("Dubois, Sophie Marie") == "Sophie"
    assert greeting_name("Sophie Dubois") == "Sophie"
    assert greeting_name("") == ""


def test_the_kiosks_own_texts_are_shown_as_they_are():
    from kiosk.library.reasons import refusal_text

    own = " · ".join(Translator(c)("library.ui.switching") for c in ("fr", "nl", "en"))
    assert refusal_text(own, Translator("nl")) == own
    assert refusal_text("This item was not on loan", Translator("nl")) == (
        "Dit item was niet uitgeleend")
