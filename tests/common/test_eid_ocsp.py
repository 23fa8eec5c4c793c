"""OCSP with CRL fallback (common/eid/ocsp.py, common/eid/trust.py) against a real
responder: ``openssl ocsp`` answers from its CA index (good, revoked, unknown) and signs
with the citizen CA's key (tests/common/ocsp_peer.py)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator

import pytest
from cryptography import x509

from common.eid.ocsp import OcspUnavailable, ocsp_status
from common.eid.trust import TrustError, check_card
from drivers.eid.demo_pki import DemoPki
from tests.common.ocsp_peer import OpensslOcspPeer

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
