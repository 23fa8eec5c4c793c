"""What the technician screen is told about eID revocation (kiosk.eid_trust.py):
the cached CRL's state, dates and age from a real CRL file of the test PKI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.config.schema import EidSection
from kiosk.eid_trust import revocation_status
from tests.backend.card_proof import shared_test_pki

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_a_fresh_crl_shows_its_dates_and_age(tmp_path):
    crl = tmp_path / "ca.crl"
    crl.write_bytes(shared_test_pki().crl(this_update=NOW - timedelta(hours=5, minutes=30),
                                          next_update=NOW + timedelta(days=2)))
    status = revocation_status(EidSection(crl=str(crl)), NOW)
    assert status == {"crl": "fresh", "ocsp": "not_used", "policy": "refuse", "count": 1,
                      # Brussels time (UTC+1 in December), as the rest of the screen
                      "thisUpdate": "2026-12-07 07:30",
                      "nextUpdate": "2026-12-09 13:00", "ageHours": 5}


def test_a_crl_past_its_next_update_is_stale_with_the_policy(tmp_path):
    crl = tmp_path / "ca.crl"
    crl.write_bytes(shared_test_pki().crl(this_update=NOW - timedelta(days=9),
                                          next_update=NOW - timedelta(days=2)))
    status = revocation_status(EidSection(crl=str(crl), stale_crl="accept"), NOW)
    assert (status["crl"], status["policy"], status["ageHours"]) == ("stale", "accept", 216)


def pem_crl(der: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    return x509.load_der_x509_crl(der).public_bytes(serialization.Encoding.PEM)


def test_a_bundle_of_the_cas_crls_is_stale_when_one_is_and_shows_that_one(tmp_path):
    from drivers.eid.demo_pki import DemoPki

    bundle = tmp_path / "crls.pem"
    bundle.write_bytes(
        pem_crl(shared_test_pki().crl(this_update=NOW - timedelta(hours=2),
                                      next_update=NOW + timedelta(days=5)))
        + pem_crl(DemoPki("another citizen CA").crl(this_update=NOW - timedelta(days=9),
                                                    next_update=NOW - timedelta(days=2))))
    status = revocation_status(EidSection(crl=str(bundle)), NOW)
    assert (status["crl"], status["count"], status["ageHours"]) == ("stale", 2, 216)
    assert status["nextUpdate"] == "2026-12-05 13:00"  # the stale one's, in Brussels time


def test_no_missing_or_broken_crl_is_said_with_where(tmp_path):
    assert revocation_status(EidSection(), NOW)["crl"] == "not_configured"
    missing = revocation_status(EidSection(crl=str(tmp_path / "none.crl")), NOW)
    assert missing["crl"] == "missing" and "none.crl" in missing["detail"]
    broken = tmp_path / "broken.crl"
    broken.write_bytes(b"-----BEGIN X509 CRL-----\nnot base64\n-----END X509 CRL-----\n")
    unreadable = revocation_status(EidSection(crl=str(broken)), NOW)
    assert unreadable["crl"] == "unreadable" and "broken.crl: not a CRL" in unreadable["detail"]


def test_offline_trust_reads_eids_roots_and_crl_and_says_what_is_missing(tmp_path):
    from cryptography.hazmat.primitives import serialization

    from common.eid.belgian_roots import belgian_roots
    from common.eid.trust import StaleCrlPolicy, TrustError
    from kiosk.eid_trust import offline_trust

    pki = shared_test_pki()
    roots = tmp_path / "roots.pem"
    roots.write_bytes(pki.root.public_bytes(serialization.Encoding.PEM))
    crl = tmp_path / "ca.crl"
    crl.write_bytes(pki.crl())
    trust = offline_trust(EidSection(roots=str(roots), crl=str(crl)))
    assert trust.roots == [pki.root] and len(trust.crls) == 1
    from drivers.eid.demo_pki import DemoPki

    bundle = tmp_path / "crls.pem"  # one CRL per citizen CA, as sync keeps them
    bundle.write_bytes(pem_crl(DemoPki("another citizen CA").crl()) + pem_crl(pki.crl()))
    assert [c.issuer for c in offline_trust(EidSection(crl=str(bundle))).crls][1] == (
        pki.citizen_ca.subject)
    assert trust.stale_policy is StaleCrlPolicy.REFUSE
    assert offline_trust(EidSection()).roots == belgian_roots()  # the shipped ones
    gone = str(tmp_path / "gone.crl")
    with pytest.raises(TrustError, match=r"gone\.crl") as refused:  # revocation unknown
        offline_trust(EidSection(crl=gone))
    assert refused.value.result == "revocation_unknown"
    # "accept" is for a CRL past its next update (it still revokes what it lists), not
    # for none at all: a missing or broken file refuses under either policy.
    with pytest.raises(TrustError, match=r"gone\.crl") as refused:
        offline_trust(EidSection(crl=gone, stale_crl="accept"))
    assert refused.value.result == "revocation_unknown"
    with pytest.raises(TrustError, match=r"none\.pem") as refused:
        offline_trust(EidSection(roots=str(tmp_path / "none.pem")))
    assert refused.value.result == "untrusted"


def test_the_kiosk_keeps_its_crl_while_the_file_stays_and_reads_a_new_one(tmp_path):
    # A citizen CA's CRL is megabytes: read, parsed and its signature checked once, not
    # for every card; a CRL that sync replaced is read at the next card, and revokes.
    import os

    from common.eid.trust import TrustError, check_card
    from kiosk.eid_trust import OfflineTrust

    pki = shared_test_pki()
    card = pki.issue("591100000017", "Test", "85073003328", kind="ec")
    crl = tmp_path / "ca.crl"
    crl.write_bytes(pki.crl())
    trust = OfflineTrust(EidSection(crl=str(crl)))
    first, second = trust(), trust()
    assert len(first.crls) == 1 and second.crls[0] is first.crls[0]
    check_card(card.auth_cert, [card.ca_cert], roots=[pki.root], crls=second.crls,
               now=datetime.now(UTC))

    from cryptography import x509

    serial = x509.load_der_x509_certificate(card.auth_cert).serial_number
    fresh = tmp_path / "ca.crl.new"  # as sync writes it: a new file renamed over the old
    fresh.write_bytes(pki.crl([serial]))
    os.replace(fresh, crl)
    third = trust()
    assert third.crls[0] is not first.crls[0]
    with pytest.raises(TrustError, match="revoked"):
        check_card(card.auth_cert, [card.ca_cert], roots=[pki.root], crls=third.crls,
                   now=datetime.now(UTC))
    # Gone: said at the next card (revocation unknown refuses it), never the old one used.
    crl.unlink()
    with pytest.raises(TrustError, match=r"ca\.crl") as refused:
        trust()
    assert refused.value.result == "revocation_unknown"
    # A broken file in its place is refused too, not replaced by the last good CRL; under
    # "accept" as well: a revoking CRL cut short must not let its cards through.
    crl.write_bytes(b"-----BEGIN X509 CRL-----\nnot base64\n-----END X509 CRL-----\n")
    with pytest.raises(TrustError, match="not a CRL"):
        trust()
    revoking = pki.crl([serial])
    for broken in (revoking[:-40], b"-----BEGIN X509 CRL-----\n" + revoking[:60]):
        crl.write_bytes(broken)
        with pytest.raises(TrustError) as refused:
            OfflineTrust(EidSection(crl=str(crl), stale_crl="accept"))()
        assert refused.value.result == "revocation_unknown", broken[:30]
