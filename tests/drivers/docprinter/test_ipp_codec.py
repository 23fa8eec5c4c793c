"""The IPP encoding checked byte for byte against RFC 8010's layout (§3 and its
Appendix A examples), and malformed answers refused with the place of the fault."""

from __future__ import annotations

import struct
from datetime import UTC, datetime

import pytest

from drivers.docprinter.ipp import codec
from drivers.docprinter.ipp.codec import attr
from drivers.docprinter.ipp.printer import http_url, strip_severity


def field(tag: int, name: bytes, value: bytes) -> bytes:
    return bytes([tag]) + struct.pack(">H", len(name)) + name + struct.pack(">H", len(value)) \
        + value


def test_a_print_job_request_is_laid_out_as_rfc_8010_appendix_a():
    # RFC 8010 A.2 "Print-Job Request" (with IPP/2.0 as version): operation group, job
    # group with an integer and a keyword, end tag, then the document data.
    wire = codec.encode_request(codec.PRINT_JOB, 1, [
        (codec.OPERATION, [
            attr(codec.CHARSET, "attributes-charset", "utf-8"),
            attr(codec.NATURAL_LANGUAGE, "attributes-natural-language", "en-us"),
            attr(codec.URI, "printer-uri", "ipp://printer.example.com/ipp/print/pinetree"),
            attr(codec.NAME, "job-name", "foobar"),
            attr(codec.BOOLEAN, "ipp-attribute-fidelity", True)]),
        (codec.JOB, [attr(codec.INTEGER, "copies", 20),
                     attr(codec.KEYWORD, "sides", "two-sided-long-edge")]),
    ], b"%!PS...")
    expected = (
        b"\x02\x00" b"\x00\x02" b"\x00\x00\x00\x01"
        b"\x01"
        + field(0x47, b"attributes-charset", b"utf-8")
        + field(0x48, b"attributes-natural-language", b"en-us")
        + field(0x45, b"printer-uri", b"ipp://printer.example.com/ipp/print/pinetree")
        + field(0x42, b"job-name", b"foobar")
        + field(0x22, b"ipp-attribute-fidelity", b"\x01")
        + b"\x02"
        + field(0x21, b"copies", b"\x00\x00\x00\x14")
        + field(0x44, b"sides", b"two-sided-long-edge")
        + b"\x03" b"%!PS...")
    assert wire == expected


def test_additional_values_carry_an_empty_name():
    wire = codec.encode_request(codec.GET_PRINTER_ATTRIBUTES, 7, [(codec.OPERATION, [
        attr(codec.KEYWORD, "requested-attributes", "printer-state", "printer-state-reasons")])])
    assert wire == (b"\x02\x00\x00\x0b\x00\x00\x00\x07\x01"
                    + field(0x44, b"requested-attributes", b"printer-state")
                    + field(0x44, b"", b"printer-state-reasons") + b"\x03")


def response(status: int, *groups: bytes) -> bytes:
    return b"\x02\x00" + struct.pack(">HI", status, 5) + b"".join(groups) + b"\x03"


def test_a_response_decodes_every_value_type_the_driver_reads():
    stamp = struct.pack(">HBBBBBBcBB", 2026, 12, 6, 23, 30, 0, 0, b"+", 1, 0)
    body = response(
        0x0000,
        b"\x01" + field(0x47, b"attributes-charset", b"utf-8")
        + field(0x41, b"status-message", b"successful-ok"),
        b"\x04" + field(0x23, b"printer-state", b"\x00\x00\x00\x03")
        + field(0x44, b"printer-state-reasons", b"media-empty-error")
        + field(0x44, b"", b"toner-low-warning")
        + field(0x31, b"printer-state-change-date-time", stamp)
        + field(0x34, b"media-col-default", b"")  # a collection: skipped whole
        + field(0x4A, b"", b"media-size") + field(0x34, b"", b"")
        + field(0x4A, b"", b"x-dimension") + field(0x21, b"", b"\x00\x00\x52\x08")
        + field(0x37, b"", b"") + field(0x37, b"", b"")
        + field(0x22, b"color-supported", b"\x00")
        + field(0x13, b"printer-geo-location", b""))
    decoded = codec.decode_response(body)
    assert decoded.ok and decoded.request_id == 5 and decoded.status_text == "successful-ok"
    printer = decoded.group(codec.PRINTER)
    assert printer["printer-state"] == [3]
    assert printer["printer-state-reasons"] == ["media-empty-error", "toner-low-warning"]
    assert [strip_severity(r) for r in printer["printer-state-reasons"]] == [
        "media-empty", "toner-low"]
    assert printer["printer-state-change-date-time"] == [datetime(2026, 12, 6, 22, 30,
                                                                  tzinfo=UTC)]
    assert printer["media-col-default"] == [{}]
    assert printer["color-supported"] == [False]
    assert printer["printer-geo-location"] == [None]


@pytest.mark.parametrize(("body", "where"), [
    (b"\x02\x00\x00", "shorter than its header"),
    (b"\x02\x00\x00\x00\x00\x00\x00\x05" + b"\x21\x00\x01x", "before any group"),
    (b"\x02\x00\x00\x00\x00\x00\x00\x05\x04" + b"\x23\x00\x0dprinter-state\x00\x04\x00",
     "cut short"),
    (b"\x02\x00\x00\x00\x00\x00\x00\x05\x04" + field(0x23, b"printer-state", b"\x03"),
     "integer of 1 bytes"),
    (b"\x02\x00\x00\x00\x00\x00\x00\x05\x04" + field(0x44, b"a", b"b"),
     "without its end-of-attributes tag"),
])
def test_a_malformed_response_is_refused_saying_where(body, where):
    with pytest.raises(codec.IppCodecError, match=where):
        codec.decode_response(body)


def test_an_unknown_status_code_is_named_not_guessed():
    decoded = codec.decode_response(response(0x0C42))
    assert not decoded.ok and decoded.status_text == "status 0x0c42"


def test_printer_uris_map_to_http_with_the_ipp_port():
    assert http_url("ipp://printer.lan/ipp/print") == "http://printer.lan:631/ipp/print"
    assert http_url("ipps://10.0.0.5:8443/ipp/print") == "https://10.0.0.5:8443/ipp/print"
    assert http_url("ipp://[::1]:8631/ipp/print") == "http://[::1]:8631/ipp/print"
    with pytest.raises(ValueError, match="expected ipp"):
        http_url("http://printer/ipp/print")
