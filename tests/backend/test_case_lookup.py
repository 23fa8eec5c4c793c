"""Case follow-up without a national number in any URL: the eID's number goes in a POST
body, and a confirmation's QR (reference + verification code) finds its case."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from kiosk.backend.demo_citizens import demo_citizen
from kiosk.domain.cases import (
    CaseCodeError,
    case_qr_payload,
    parse_case_qr,
    verification_code,
)
from sync.city_client import CityClient
from tests.backend.card_proof import card_of, shared_test_pki
from tests.backend.harness import threaded_backend
from tests.backend.test_intake import post, statuses

REFERENCE = "BXL-CENTRE-20260301-0042"


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    db = tmp_path_factory.mktemp("cases") / "backend.db"
    with threaded_backend(f"sqlite:///{db}") as running:
        kiosk_id, token = running.device(site="bxl-centre", kiosk_id="k-cases")
        request_id = str(uuid.uuid4())
        now = datetime.now(UTC).isoformat()
        nn = demo_citizen("sophie").identity.national_number
        event = {
            "event_id": str(uuid.uuid4()),
            "type": "certificate_request.submitted",
            "kiosk_time": now,
            "seq": 1,
            "payload": {
                "request_id": request_id,
                "site": "bxl-centre",
                "kiosk_id": kiosk_id,
                "service_id": "cert-birth",
                "national_number": nn,
                "language": "nl",
                "reference": REFERENCE,
                "delivery": "portal",
                "submitted_at": now,
            },
        }
        assert statuses(post(running, token, [event])) == [("accepted", None)]
        client = CityClient(running.url, token, 5.0)
        urls: list[str] = []
        # Every URL the client asks for, to show no national number is ever in one.
        client._session.hooks["response"].append(lambda r, *a, **k: urls.append(r.url))
        try:
            yield client, request_id, nn, urls
        finally:
            client.close()


def test_the_qr_on_a_confirmation_finds_its_case(platform):
    client, request_id, nn, urls = platform
    scanned = parse_case_qr(case_qr_payload(REFERENCE, request_id))
    assert scanned.reference == REFERENCE and scanned.code == verification_code(request_id)
    (case,) = client.case_by_reference(scanned.reference, scanned.code)
    assert case.service_id == "cert-birth" and case.status == "received"
    assert nn not in case_qr_payload(REFERENCE, request_id)
    assert all(nn not in url for url in urls)


def test_a_wrong_code_or_reference_finds_nothing(platform):
    client, request_id, _, _ = platform
    code = verification_code(request_id)
    wrong = ("A" if code[0] != "A" else "B") + code[1:]
    assert client.case_by_reference(REFERENCE, wrong) == []
    assert client.case_by_reference("BXL-CENTRE-20260301-9999", code) == []


def test_the_citizens_cases_are_asked_for_with_the_number_in_the_body(platform):
    client, _, nn, urls = platform
    session = client.open_card_session(card_of(shared_test_pki(), nn).prove)
    found = client.cases(nn, session)
    assert "cert-birth" in {c.service_id for c in found}
    assert urls and all(nn not in url for url in urls)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("BCD\n002\n1\nSCT\n", "not_a_case"),
        ("BXLCASE:BXL-CENTRE-1:short", "unreadable"),
        ("BXLCASE:bad reference:ABCDEFGH", "unreadable"),
    ],
)
def test_other_codes_are_refused_with_a_reason(text, reason):
    with pytest.raises(CaseCodeError) as refused:
        parse_case_qr(text)
    assert refused.value.reason == reason
