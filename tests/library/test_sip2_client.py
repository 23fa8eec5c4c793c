"""The SIP2 client against the embedded library system over real TCP, every message;
and against a scripted peer for the frames a correct server never sends."""

from __future__ import annotations

from datetime import date

import pytest
from pysip2 import decode_message

from drivers.sip2 import (
    Sip2ChecksumError,
    Sip2Client,
    Sip2ConnectionError,
    Sip2LoginError,
    Sip2ProtocolError,
    Sip2TimeoutError,
)
from drivers.sip2.dates import parse_sip_date
from drivers.sip2.extensions import birth_date, extension_fields
from kiosk.backend.library.seed import item_barcode
from tests.library.conftest import EMMA, SOPHIE, sip2_settings
from tests.library.rawserver import RawServer, checksummed, seq_of

ACS_STATUS = "98YYYYNY030003" + "20250101    120000" + "2.00" + "AOBXL|BX" + "Y" * 16 + "|"
ITEM_18 = "18030201" + "20250101    120000" + "ABBXL0000001|AJLe Petit Prince|"


def test_login_and_status_announce_the_charset(client):
    status = client.connect()
    assert status.online_status == "Y"
    assert status.institution_id == "BXL"
    assert client.charset == "utf-8"  # announced in the 98, switched from cp850


def test_a_configured_charset_wins_over_the_announcement(acs):
    c = Sip2Client(sip2_settings(acs.port, charset="cp850"))
    try:
        c.connect()
        assert c.charset == "cp850"
    finally:
        c.close()


def test_non_ascii_titles_travel_in_the_announced_charset(client):
    assert client.item_information(item_barcode(5)).title_identifier == "L'Étranger"


def test_patron_status_and_information(client):
    status = client.patron_status(SOPHIE)
    assert status.valid_patron == "Y" and status.fee_amount == "2.50"
    info = client.patron_information(SOPHIE, "charged")
    assert info.charged_items == (item_barcode(10),)
    assert client.patron_information(SOPHIE, "hold").hold_items == (item_barcode(9),)
    fines = client.patron_information(SOPHIE, "fine").fine_items
    assert fines == ("F0001 EUR 2.50 Late return: Kaas",)
    blocked = client.patron_status(EMMA)
    assert blocked.patron_status[0] == "Y" and "fines" in blocked.screen_message[0]
    assert client.patron_status("nobody").valid_patron == "N"
    with pytest.raises(ValueError, match="summary"):
        client.patron_information(SOPHIE, "everything")


LEA, LUCAS = "21000000000606", "21000000000303"


def test_birth_date_from_the_pb_extension_of_patron_information(client, acs):
    """pysip2's model drops SIP2 extension fields; the client reads PB from the frame
    (the embedded library system sends it as Koha and Evergreen do)."""
    info, born = client.patron_birth_date(LEA)
    assert born == date(2016, 4, 20) and info.valid_patron == "Y"
    assert info.patron_identifier == LEA
    assert client.patron_birth_date(SOPHIE)[1] == date(1985, 7, 30)
    assert client.patron_birth_date(LUCAS)[1] is None  # no birth date on file: no PB
    unknown, none = client.patron_birth_date("29999999999999")
    assert unknown.valid_patron == "N" and none is None
    # A corrupted answer is asked again (97) and its PB still read from the good one.
    acs.faults.corrupt_next(1)
    assert client.patron_birth_date(LEA)[1] == date(2016, 4, 20)


def test_extension_fields_of_a_raw_frame():
    fixed = "64" + " " * 14 + "001" + "20261207    120000" + "0000" * 6
    frame = checksummed(fixed + "AOBXL|AA21000000000606|AEL. C.|PB20160420|PCchild|BLY|", "3")
    assert decode_message(frame).message.patron_identifier == "21000000000606"
    fields = extension_fields(frame)
    assert fields == {"PB": "20160420", "PC": "child"}  # AO, AA, AE, BL are SIP2's own
    assert birth_date(fields) == date(2016, 4, 20)
    assert birth_date({"PB": "2016-04-20"}) == date(2016, 4, 20)  # Koha's ISO form
    assert birth_date({"PB": "        "}) is None and birth_date({"PB": "20161340"}) is None
    assert extension_fields(b"64short\r") == {} and extension_fields(b"ZZ\r") == {}


def test_checkout_checkin_renew_renew_all_item_information(client):
    out = client.checkout(SOPHIE, item_barcode(1))
    assert out.ok == "1" and out.title_identifier == "Le Petit Prince"
    assert parse_sip_date(out.due_date) is not None
    assert client.item_information(item_barcode(1)).circulation_status == "04"
    renewed = client.renew(SOPHIE, item_barcode(1))
    assert renewed.ok == "1" and renewed.renewal_ok == "Y"
    all_ = client.renew_all(SOPHIE)
    assert set(all_.renewed_items) == {item_barcode(1), item_barcode(10)}
    back = client.checkin(item_barcode(1))
    assert back.ok == "1" and back.permanent_location == "Centrale"
    again = client.checkin(item_barcode(1))
    assert again.ok == "0" and again.screen_message == ("This item was not on loan",)


def test_fee_paid_and_end_session(client, library):
    paid = client.fee_paid(SOPHIE, 250, transaction_id="tx-1")
    assert paid.payment_accepted == "Y"
    assert library.fines_due(SOPHIE) == 0
    too_much = client.fee_paid(SOPHIE, 100, transaction_id="tx-2")
    assert too_much.payment_accepted == "N" and "does not match" in too_much.screen_message[0]
    assert client.end_patron_session(SOPHIE).end_session == "Y"


def test_a_wrong_login_is_a_login_error(acs):
    c = Sip2Client(sip2_settings(acs.port, login_password="wrong"))
    with pytest.raises(Sip2LoginError, match="login 93"):
        c.connect()
    assert not c.connected


def test_a_bad_checksum_is_answered_with_a_resend_request(acs, client):
    client.connect()
    acs.faults.corrupt_next(1)
    assert client.item_information(item_barcode(2)).title_identifier == "De Avonden"


def test_checksums_that_keep_failing_raise_a_checksum_error(acs, client):
    client.connect()
    acs.faults.set.inject("corrupt_checksum")
    with pytest.raises(Sip2ChecksumError, match="item information 17"):
        client.item_information(item_barcode(2))
    acs.faults.set.clear()
    assert client.item_information(item_barcode(2)).title_identifier == "De Avonden"


def test_a_silent_server_times_out_then_the_client_reconnects(acs, client):
    client.connect()
    acs.faults.set.inject("silent")
    with pytest.raises(Sip2TimeoutError, match="checkout 11: no answer within 1 s"):
        client.checkout(SOPHIE, item_barcode(3))
    assert not client.connected  # a late answer must not be read as the next one
    acs.faults.set.clear()
    opened = client.connections_opened
    assert client.item_information(item_barcode(3)).circulation_status in ("03", "04")
    assert client.connections_opened == opened + 1


def test_a_dropped_connection_is_reopened_with_a_new_login(acs, client):
    client.connect()
    acs.stop()
    acs.start()  # same port, same library state
    assert client.item_information(item_barcode(4)).title_identifier == "Max Havelaar"
    assert client.connections_opened == 2


def test_a_stopped_server_is_a_connection_error(acs, client):
    client.connect()
    acs.stop()
    with pytest.raises(Sip2ConnectionError, match="connect"):
        client.sc_status()


def test_refused_connections(acs):
    acs.faults.set.inject("refuse")
    c = Sip2Client(sip2_settings(acs.port))
    with pytest.raises(Sip2ConnectionError, match="login 93"):
        c.connect()


def test_fee_paid_is_never_resent_on_its_own(acs, client, library):
    client.connect()
    acs.faults.set.inject("drop")
    with pytest.raises(Sip2ConnectionError):
        client.fee_paid(SOPHIE, 250, transaction_id="tx-3")
    acs.faults.set.clear()
    assert library.fee_payments == []


# --- scripted peer ------------------------------------------------------------------------


def _raw_client(script) -> tuple[RawServer, Sip2Client]:
    server = RawServer(script)
    return server, Sip2Client(sip2_settings(server.port, login_user=""))


def test_the_servers_resend_request_is_answered_by_sending_again():
    def script(frame: bytes, n: int) -> bytes:
        if frame.startswith(b"99"):
            return checksummed(ACS_STATUS, seq_of(frame))
        if n == 1:
            return checksummed("96")
        return checksummed(ITEM_18, seq_of(frame))

    server, client = _raw_client(script)
    try:
        assert client.item_information(item_barcode(1)).title_identifier == "Le Petit Prince"
        item_requests = [r for r in server.requests if r.startswith(b"17")]
        assert len(item_requests) == 2 and item_requests[0] == item_requests[1]
    finally:
        client.close()
        server.close()


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        (b"18garbage\r", "malformed answer"),
        (b"42YYY\r", "unknown command id"),
        (None, "wrong sequence"),
        (b"", "no answer"),
        (b"\x00\x01\r", "malformed answer"),
    ],
)
def test_malformed_answers_name_the_message_and_the_problem(answer, problem):
    def script(frame: bytes, n: int) -> bytes:
        if frame.startswith(b"99"):
            return checksummed(ACS_STATUS, seq_of(frame))
        if answer is None:
            return checksummed(ITEM_18, str((int(seq_of(frame)) + 5) % 10))
        return answer

    server, client = _raw_client(script)
    try:
        error = Sip2TimeoutError if problem == "no answer" else Sip2ProtocolError
        with pytest.raises(error, match="item information 17") as caught:
            client.item_information(item_barcode(1))
        text = str(caught.value)
        assert (problem in text) or (problem == "wrong sequence" and "sequence number" in text)
    finally:
        client.close()
        server.close()


def test_an_answer_without_error_detection_is_refused():
    def script(frame: bytes, n: int) -> bytes:
        if frame.startswith(b"99"):
            return checksummed(ACS_STATUS, seq_of(frame))
        return ITEM_18.encode() + b"\r"

    server, client = _raw_client(script)
    try:
        with pytest.raises(Sip2ProtocolError, match="no AY/AZ"):
            client.item_information(item_barcode(1))
    finally:
        client.close()
        server.close()


def test_the_client_is_what_the_core_asks_for():
    # The core's library service is written against drivers/sip2/interface.py, the CLI
    # and kiosk.services hand it a Sip2Client: the two must not drift apart.
    import inspect

    from drivers.sip2.client import Sip2Client
    from drivers.sip2.interface import LibrarySystemClient

    asked = {name for name, member in vars(LibrarySystemClient).items()
             if callable(member) and not name.startswith("_")}
    assert asked >= {"checkout", "checkin", "fee_paid", "patron_information", "close"}
    for name in sorted(asked):
        wanted = inspect.signature(getattr(LibrarySystemClient, name))
        given = inspect.signature(getattr(Sip2Client, name))
        assert list(wanted.parameters) == list(given.parameters), name
        for param in wanted.parameters.values():
            other = given.parameters[param.name]
            assert (param.kind, param.default) == (other.kind, other.default), (name, param)


def test_a_renew_or_checkin_whose_answer_is_lost_is_not_sent_again(acs, client, library):
    """The library system carried the request out, then the connection dropped before its
    answer. Sent again on a new connection (as repeatable requests are), a renew used up a
    second renewal and a checkin answered "not on loan" for the return it had recorded."""
    client.checkout(SOPHIE, item_barcode(1))
    before = library.items[item_barcode(1)].renewals
    acs.faults.set.inject("drop_answer")
    with pytest.raises(Sip2ConnectionError):
        client.renew(SOPHIE, item_barcode(1))
    assert library.items[item_barcode(1)].renewals == before + 1  # once, not twice
    with pytest.raises(Sip2ConnectionError):
        client.checkin(item_barcode(1))
    acs.faults.set.clear()
    back = client.item_information(item_barcode(1))
    assert back.circulation_status != "04"  # returned (once): no longer on loan
