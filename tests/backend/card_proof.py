"""The card's side of a card session, for backend tests: a test-PKI card's key signs the
backend's challenge (the backend under test is the real peer; the card is the test's)."""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass

import requests
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from drivers.eid.demo_pki import CardCertificates, DemoPki
from kiosk.backend.demo_citizens import demo_citizen


@dataclass(frozen=True)
class TestCard:
    __test__ = False
    certs: CardCertificates
    national_number: str

    def prove(self, challenge: bytes) -> tuple[bytes, bytes, bytes]:
        key = self.certs.auth_key
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        return (self.certs.auth_cert, self.certs.ca_cert,
                key.sign(challenge, ec.ECDSA(hashes.SHA384())))


def test_card(pki: DemoPki, citizen_key: str = "sophie") -> TestCard:
    """The card of a demo citizen."""
    return card_of(pki, demo_citizen(citizen_key).identity.national_number)


@functools.cache
def shared_test_pki() -> DemoPki:
    """One test PKI for every backend the harness starts (key generation is slow)."""
    return DemoPki("backend tests")


def card_trust(pki: DemoPki) -> dict[str, tuple]:
    """The :class:`~kiosk.backend.settings.BackendSettings` fields that make a backend
    open card sessions for ``pki``'s cards: its roots and its citizen CAs' CRLs (without a
    revocation source the backend refuses every card)."""
    return {"eid_roots": tuple(pki.roots()), "eid_crls": pki.crls()}


def shared_card_trust() -> dict[str, tuple]:
    """:func:`card_trust` of :func:`shared_test_pki`."""
    return card_trust(shared_test_pki())


def card_of(pki: DemoPki, national_number: str) -> TestCard:
    """A card whose authentication certificate names ``national_number``."""
    certs = pki.issue(f"card-{national_number}", "Test", national_number, kind="ec")
    return TestCard(certs, national_number)


test_card.__test__ = False  # type: ignore[attr-defined]


def proof_body(card: TestCard, challenge: dict) -> dict:
    auth, ca, signature = card.prove(base64.b64decode(challenge["challenge"]))
    return {"challenge_id": challenge["challenge_id"],
            "auth_cert": base64.b64encode(auth).decode(),
            "ca_cert": base64.b64encode(ca).decode(),
            "signature": base64.b64encode(signature).decode()}


def card_session_headers(url: str, token: str, card: TestCard) -> dict[str, str]:
    """Bearer + X-Card-Session for ``card``'s citizen, through the real endpoints."""
    bearer = {"Authorization": f"Bearer {token}"}
    challenge = requests.post(f"{url}/api/v1/card-sessions:challenge", headers=bearer,
                              timeout=10)
    challenge.raise_for_status()
    opened = requests.post(f"{url}/api/v1/card-sessions", headers=bearer,
                           json=proof_body(card, challenge.json()), timeout=10)
    assert opened.status_code == 201, opened.text
    return {**bearer, "X-Card-Session": opened.json()["session_token"]}
