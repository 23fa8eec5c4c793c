"""The suite-wide log scan (tests/conftest.py): its scanner finds the demo citizens'
data in a line and reports it masked; its recorder sees every level of the run."""

from __future__ import annotations

import logging

from kiosk.backend.demo_citizens import demo_citizen
from kiosk.privacy import (
    PersonalDataScanner,
    load_or_create_salt,
    mask_card_number,
    mask_national_number,
    pseudonym,
)
from tests.conftest import _LOG_RECORDER, demo_citizen_needles


def test_scanner_finds_each_kind_and_masks_its_excerpt() -> None:
    sophie = demo_citizen("sophie")
    identity = sophie.identity
    scanner = PersonalDataScanner(demo_citizen_needles())
    line = (
        f"card {identity.card_number} read: {identity.surname}, {identity.first_names}, "
        f"NN {identity.national_number}, {sophie.address.street}"
    )
    kinds = {f.needle.kind for f in scanner.scan(line)}
    assert {"card number", "surname", "first names", "national number", "street"} <= kinds
    for finding in scanner.scan(line):
        for secret in (
            identity.card_number,
            identity.surname,
            identity.national_number,
            sophie.address.street,
            "Sophie",
        ):
            assert secret not in finding.excerpt
    # Masked or hashed forms pass; so do words that merely contain a name.
    salt = b"s" * 32
    clean = (
        f"NN {mask_national_number(identity.national_number)} card "
        f"{mask_card_number(identity.card_number)} citizen "
        f"{pseudonym(identity.national_number, salt)} Duboisville"
    )
    assert scanner.scan(clean) == []


def test_masks_and_pseudonyms() -> None:
    assert mask_national_number("85.07.30-124.59") == "850730-***-**"
    assert mask_national_number("123") == "***"
    assert mask_card_number("591234567890") == "*********890"
    assert pseudonym("x", b"a" * 32) == pseudonym("x", b"a" * 32) != pseudonym("x", b"b" * 32)


def test_salt_is_created_once_and_private(tmp_path) -> None:
    salt = load_or_create_salt(tmp_path)
    assert load_or_create_salt(tmp_path) == salt and len(salt) == 32
    assert (tmp_path / "privacy-salt").stat().st_mode & 0o077 == 0


def test_recorder_sees_debug_lines_of_any_logger() -> None:
    logging.getLogger("kiosk.test.log_scan").debug("probe line %d", 42)
    assert "DEBUG kiosk.test.log_scan: probe line 42" in _LOG_RECORDER.lines


def test_url_loggers_mask_national_numbers() -> None:
    from kiosk.privacy import install_log_masking, is_national_number

    number = demo_citizen("mateo").identity.national_number  # born in 2001: the "2" rule
    assert is_national_number(number) and not is_national_number("12345678901")
    install_log_masking()
    logging.getLogger("urllib3.connectionpool").debug(
        '%s "GET /api/v1/citizens/%s/cases HTTP/1.1" 200 %s', "http://127.0.0.1:1", number, 3
    )
    lines = [
        line
        for line in _LOG_RECORDER.lines
        if "/api/v1/citizens/" in line and "127.0.0.1:1" in line
    ]
    assert lines and all(number not in line for line in lines)
