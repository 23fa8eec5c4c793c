"""OCSP with CRL fallback (common/eid/ocsp.py, common/eid/trust.py) against a real
responder: ``openssl ocsp`` answers from its CA index (good, revoked, unknown) and signs
with the citizen CA's key (tests/common/ocsp_peer.py)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from common.eid.ocsp import OcspUnavailable, ocsp_status
from common.eid.trust import TrustError, check_card
from drivers.eid.demo_pki import DemoPki
from tests.common.ocsp_peer import CannedPeer, OpensslOcspPeer

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl")
END = dt.datetime.now(dt.UTC) + dt.timedelta(days=365)


def now() -> dt.datetime:
    """The time of the check itself: the responder stamps its answers with the real
    clock, and a time taken at import lags it by the minutes the rest of the suite ran
    first (an answer from beyond the clock skew is, rightly, not current)."""
    return dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def pki() -> DemoPki:
    return DemoPki("ocsp test")


@pytest.fixture(scope="module")
def cards(pki):
    """good (listed valid), revoked (listed revoked), unlisted (unknown to the peer)."""
    return {name: pki.issue(f"59100000000{n}", name, "85073003328", kind="ec", not_after=END)
            for n, name in enumerate(("good", "revoked", "unlisted"))}


def serial(card) -> int:
    return x509.load_der_x509_certificate(card.auth_cert).serial_number


@pytest.fixture(scope="module")
def responder(pki, cards, tmp_path_factory) -> Iterator[OpensslOcspPeer]:
    files = pki.ocsp_responder_files(tmp_path_factory.mktemp("ocsp"), [serial(cards["revoked"])])
    pki.valid_in_index(files["index"], [serial(cards["good"])])
    with OpensslOcspPeer(files) as peer:
        yield peer


def check(pki, card, url: str, revoked_in_crl=(), **crl_dates):
    crl = x509.load_der_x509_crl(pki.crl(revoked_in_crl, **crl_dates))
    at = now()
    return check_card(card.auth_cert, [card.ca_cert], roots=[pki.root], now=at, crls=[crl],
                      ocsp=lambda leaf, ca: ocsp_status(leaf, ca, url, now=at))


def test_the_responder_decides_when_it_answers(pki, cards, responder):
    # Good by OCSP: a stale CRL does not matter then.
    at = now()
    stale = {"this_update": at - dt.timedelta(days=9), "next_update": at - dt.timedelta(days=2)}
    trusted = check(pki, cards["good"], responder.url, **stale)
    assert (trusted.ocsp, trusted.crl) == ("good", None)
    with pytest.raises(TrustError, match=r"revoked \(OCSP\)") as refused:
        check(pki, cards["revoked"], responder.url)  # the CRL does not list it
    assert refused.value.result == "revoked"


def test_without_a_definite_answer_the_crl_decides(pki, cards, responder):
    # "unknown" to the responder: the CRL revokes it, or passes it.
    with pytest.raises(TrustError, match=r"revoked \(CRL\)"):
        check(pki, cards["unlisted"], responder.url, [serial(cards["unlisted"])])
    trusted = check(pki, cards["unlisted"], responder.url)
    assert trusted.ocsp is None and trusted.crl is not None
    # No responder at all (nothing listens there): the CRL decides, promptly.
    with OpensslOcspPeer(responder.files) as gone:
        url = gone.url
    with pytest.raises(OcspUnavailable, match="did not answer"):
        ocsp_status(x509.load_der_x509_certificate(cards["good"].auth_cert), pki.citizen_ca,
                    url, now=now(), timeout_s=2)
    with pytest.raises(TrustError, match=r"revoked \(CRL\)"):
        check(pki, cards["good"], url, [serial(cards["good"])])


def test_an_answer_signed_by_another_ca_is_not_believed(pki, cards, tmp_path):
    """A responder of another CA (same names, other key) says "revoked" — or "good" for
    a card the CRL revokes: neither counts, the CRL decides."""
    twin = DemoPki("ocsp test")
    files = twin.ocsp_responder_files(tmp_path / "twin", [serial(cards["revoked"])])
    twin.valid_in_index(files["index"], [serial(cards["good"])])
    with OpensslOcspPeer(files) as forged:
        leaf = x509.load_der_x509_certificate(cards["good"].auth_cert)
        with pytest.raises(OcspUnavailable, match="signature does not verify"):
            ocsp_status(leaf, pki.citizen_ca, forged.url, now=now())
        assert check(pki, cards["revoked"], forged.url).ocsp is None  # CRL: not revoked
        with pytest.raises(TrustError, match=r"revoked \(CRL\)"):
            check(pki, cards["good"], forged.url, [serial(cards["good"])])


def _answer(pki, card, *, this_update, next_update=None, signer=None, signer_key=None,
            status=ocsp.OCSPCertStatus.GOOD) -> bytes:
    """What the card's CA (or ``signer``, a delegate) would answer about ``card``."""
    leaf = x509.load_der_x509_certificate(card.auth_cert)
    side = pki.hierarchy("ec")
    builder = ocsp.OCSPResponseBuilder().add_response(
        cert=leaf, issuer=side.citizen_ca, algorithm=hashes.SHA1(), cert_status=status,
        this_update=this_update, next_update=next_update, revocation_time=None,
        revocation_reason=None)
    if signer is None:
        builder = builder.responder_id(ocsp.OCSPResponderEncoding.NAME, side.citizen_ca)
        return builder.sign(side.ca_key, hashes.SHA384()).public_bytes(
            serialization.Encoding.DER)
    builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, signer).certificates(
        [signer])
    return builder.sign(signer_key, hashes.SHA384()).public_bytes(serialization.Encoding.DER)


def test_a_peer_that_answers_no_http_leaves_the_crl_to_decide(pki, cards):
    with CannedPeer(b"garbage\r\n\r\n", http=False) as peer:
        with pytest.raises(OcspUnavailable, match="did not answer"):
            ocsp_status(x509.load_der_x509_certificate(cards["good"].auth_cert),
                        pki.citizen_ca, peer.url, now=now(), timeout_s=5)
        with pytest.raises(TrustError, match=r"revoked \(CRL\)"):
            check(pki, cards["good"], peer.url, [serial(cards["good"])])


def test_an_answer_without_next_update_counts_only_while_it_is_fresh(pki, cards):
    """openssl ocsp gives no nextUpdate unless told: such an answer made minutes ago
    counts; one from long ago (replayed from before the card was revoked) does not."""
    card = cards["unlisted"]
    recent = _answer(pki, card, this_update=now() - dt.timedelta(minutes=2))
    with CannedPeer(recent) as peer:
        assert check(pki, card, peer.url).ocsp == "good"
    old = _answer(pki, card, this_update=now() - dt.timedelta(days=400))
    with CannedPeer(old) as peer:
        with pytest.raises(OcspUnavailable, match="not current"):
            ocsp_status(x509.load_der_x509_certificate(card.auth_cert), pki.citizen_ca,
                        peer.url, now=now())
        with pytest.raises(TrustError, match=r"revoked \(CRL\)"):
            check(pki, card, peer.url, [serial(card)])


def test_a_delegated_responder_counts_only_within_its_validity(pki, cards):
    side = pki.hierarchy("ec")
    key = ec.generate_private_key(ec.SECP384R1())

    def delegate(not_before: dt.datetime, not_after: dt.datetime) -> x509.Certificate:
        return (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "OCSP")]))
                .issuer_name(side.citizen_ca.subject).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(not_before).not_valid_after(not_after)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]),
                               critical=False)
                .sign(side.ca_key, hashes.SHA384()))

    card, at = cards["unlisted"], now()
    leaf = x509.load_der_x509_certificate(card.auth_cert)
    fresh = {"this_update": at - dt.timedelta(minutes=1), "next_update": at + dt.timedelta(hours=1)}
    current = delegate(at - dt.timedelta(days=30), at + dt.timedelta(days=30))
    with CannedPeer(_answer(pki, card, signer=current, signer_key=key, **fresh)) as peer:
        assert ocsp_status(leaf, pki.citizen_ca, peer.url, now=at) == "good"
    expired = delegate(at - dt.timedelta(days=400), at - dt.timedelta(days=30))
    with (CannedPeer(_answer(pki, card, signer=expired, signer_key=key, **fresh)) as peer,
          pytest.raises(OcspUnavailable, match="outside its validity")):
        ocsp_status(leaf, pki.citizen_ca, peer.url, now=at)


def test_a_good_answer_does_not_undo_a_revocation_the_crl_lists(pki, cards, responder):
    with pytest.raises(TrustError, match=r"revoked \(CRL; the OCSP responder said good\)") as no:
        check(pki, cards["good"], responder.url, [serial(cards["good"])])
    assert no.value.result == "revoked"
    # A CRL that is stale still lists what it revoked; one that does not list the card
    # leaves the answer to OCSP, stale or not.
    at = now()
    stale = {"this_update": at - dt.timedelta(days=9), "next_update": at - dt.timedelta(days=2)}
    with pytest.raises(TrustError, match="revoked"):
        check(pki, cards["good"], responder.url, [serial(cards["good"])], **stale)
    assert check(pki, cards["good"], responder.url, **stale).ocsp == "good"
