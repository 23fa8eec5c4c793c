"""The virtual eID's PIN and signature commands, APDU by APDU, against the status words
and encodings the Belgian applet uses (VERIFY block, 63Cx, 6983, 6982, MSE SET, PSO)."""

from __future__ import annotations

import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding

from common.eid.trust import challenge_digest, verify_challenge_signature
from drivers.eid.apdu import EidSession
from drivers.eid.auth import (
    HostPinEntry,
    PinBlockedError,
    WrongPinError,
    pin_block,
    sign_challenge,
    tries_left,
    verify_pin,
)
from drivers.eid.card_image import TestRrnAuthority, build_card_image
from drivers.eid.errors import CardError
from drivers.eid.virtual_card import CardBehaviour, VirtualEidCard
from kiosk.backend.demo_citizens import DEMO_CITIZENS, citizen_card

AUTH_CERT = bytes.fromhex("3F00DF005038")


class DirectTransport:
    """The card object itself, no reader in between (APDU-level unit tests)."""

    def __init__(self, card: VirtualEidCard) -> None:
        self.card = card

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        answer = self.card.process(apdu)
        return answer[:-2], int.from_bytes(answer[-2:], "big")


@pytest.fixture(scope="module")
def authority() -> TestRrnAuthority:
    return TestRrnAuthority()


def make_card(authority, applet_18: bool, behaviour: CardBehaviour | None = None):
    citizen = next(c for c in DEMO_CITIZENS if c.applet_18 == applet_18)
    identity, address, photo = citizen_card(citizen)
    image = build_card_image(identity, address, photo, authority=authority,
                             applet_18=applet_18, pin="4711")
    return VirtualEidCard(image, behaviour)


def test_pin_block_is_length_nibble_then_bcd_padded_with_f():
    assert bytes(pin_block(b"1234")) == bytes.fromhex("241234FFFFFFFFFF")
    assert bytes(pin_block(b"123456789012")) == bytes.fromhex("2C123456789012FF")
    with pytest.raises(ValueError):
        pin_block(b"12a4")


def test_verify_apdus_and_status_words(authority):
    card = make_card(authority, applet_18=False)
    assert card.process(bytes.fromhex("00200001")).hex() == "63c3"
    wrong = bytes.fromhex("0020000108") + bytes(pin_block(b"0000"))
    assert card.process(wrong).hex() == "63c2"
    card.reset()  # the counter is in EEPROM: a reset does not give tries back
    assert card.process(bytes.fromhex("00200001")).hex() == "63c2"
    right = bytes.fromhex("0020000108") + bytes(pin_block(b"4711"))
    assert card.process(right).hex() == "9000"
    assert card.process(bytes.fromhex("00200001")).hex() == "9000"
    assert card.process(bytes.fromhex("0020000108") + bytes(8)).hex() == "6a80"


def test_three_wrong_pins_block_the_card_for_good(authority):
    session = EidSession(DirectTransport(make_card(authority, applet_18=False)))
    for left in (2, 1):
        with pytest.raises(WrongPinError) as wrong:
            verify_pin(session, HostPinEntry(bytearray(b"0000")))
        assert wrong.value.tries_left == left
    with pytest.raises(PinBlockedError):
        verify_pin(session, HostPinEntry(bytearray(b"0000")))
    with pytest.raises(PinBlockedError):  # even the right PIN now
        verify_pin(session, HostPinEntry(bytearray(b"4711")))
    assert tries_left(session) == 0


def test_host_pin_entry_wipes_the_pin(authority):
    session = EidSession(DirectTransport(make_card(authority, applet_18=False)))
    pin = bytearray(b"4711")
    verify_pin(session, HostPinEntry(pin))
    assert pin == bytearray(4)


def test_a_malformed_pin_is_wiped_too_and_reaches_no_card(authority):
    card = make_card(authority, applet_18=False)
    session = EidSession(DirectTransport(card))
    pin = bytearray(b"47a1")
    with pytest.raises(ValueError, match="4 to 12 digits"):
        HostPinEntry(pin).verify(session)
    assert pin == bytearray(4)
    assert session.apdu_count == 0


@pytest.mark.parametrize("applet_18", [False, True], ids=["rsa-1.7", "ecdsa-1.8"])
def test_authentication_signature_verifies_with_the_card_certificate(authority, applet_18):
    card = make_card(authority, applet_18)
    session = EidSession(DirectTransport(card))
    cert = x509.load_der_x509_certificate(session.read_file(AUTH_CERT))
    verify_pin(session, HostPinEntry(bytearray(b"4711")))
    challenge = b"kiosk challenge 0001"
    version = 0x18 if applet_18 else 0x17
    signature = sign_challenge(session, challenge_digest(challenge, version), version)
    verify_challenge_signature(cert, challenge, signature)
    if applet_18:
        ec_key = cert.public_key()
        assert isinstance(ec_key, ec.EllipticCurvePublicKey)
        assert ec_key.curve.name == "secp384r1"


def test_pso_without_verify_is_refused_with_6982(authority):
    session = EidSession(DirectTransport(make_card(authority, applet_18=False)))
    with pytest.raises(CardError, match="6982"):
        sign_challenge(session, hashlib.sha256(b"x").digest(), 0x17)


@pytest.mark.parametrize("applet_18", [False, True], ids=["rsa-1.7", "ecdsa-1.8"])
def test_a_card_that_signs_before_the_pin_is_refused_without_asking_it(authority, applet_18):
    from common.eid.trust import TrustError
    from drivers.eid.presence import TrustSettings, prove_presence

    asked: list[int | None] = []

    def ask_pin(left: int | None) -> HostPinEntry:
        asked.append(left)
        return HostPinEntry(bytearray(b"4711"))

    trust = TrustSettings(authority.pki.roots(), authority.pki.crls())
    broken = make_card(authority, applet_18, CardBehaviour(sign_without_pin=True))
    with pytest.raises(TrustError, match="signed before its PIN was verified") as refused:
        prove_presence(EidSession(DirectTransport(broken)), challenge=b"c" * 32,
                       trust=trust, ask_pin=ask_pin)
    assert refused.value.result == "untrusted" and asked == []
    genuine = make_card(authority, applet_18)
    proof = prove_presence(EidSession(DirectTransport(genuine)), challenge=b"c" * 32,
                           trust=trust, ask_pin=ask_pin)
    assert proof.trusted is not None and asked == [3]


def test_mse_set_wire_bytes_and_digest_info_signing(authority):
    """What OpenSC sends: algo 01 (a DigestInfo, the card pads), key 82."""
    card = make_card(authority, applet_18=False)
    card.process(bytes.fromhex("0020000108") + bytes(pin_block(b"4711")))
    assert card.process(bytes.fromhex("002241B6050480018482")).hex() == "9000"
    assert card.process(bytes.fromhex("002241B6050480778482")).hex() == "6a80"
    assert card.process(bytes.fromhex("002241B6050480018499")).hex() == "6a88"
    card.process(bytes.fromhex("002241B6050480018482"))
    digest = hashlib.sha256(b"data").digest()
    digest_info = bytes.fromhex("3031300d060960864801650304020105000420") + digest
    answer = card.process(bytes([0, 0x2A, 0x9E, 0x9A, len(digest_info)]) + digest_info + b"\0")
    assert answer[-2:].hex() == "9000"
    cert = x509.load_der_x509_certificate(card.image.files[AUTH_CERT])
    cert.public_key().verify(answer[:-2], b"data", padding.PKCS1v15(), hashes.SHA256())


def test_signature_key_needs_a_verify_before_each_signature(authority):
    card = make_card(authority, applet_18=False)
    pso = bytes([0, 0x2A, 0x9E, 0x9A, 32]) + bytes(32) + b"\0"
    card.process(bytes.fromhex("0020000108") + bytes(pin_block(b"4711")))
    card.process(bytes.fromhex("002241B6050480088483"))
    assert card.process(pso)[-2:].hex() == "9000"
    assert card.process(pso)[-2:].hex() == "6982"
    card.process(bytes.fromhex("002241B6050480088482"))  # the authentication key: still fine
    assert card.process(pso)[-2:].hex() == "9000"


def test_a_reset_logs_the_card_off(authority):
    card = make_card(authority, applet_18=True)
    card.process(bytes.fromhex("0020000108") + bytes(pin_block(b"4711")))
    card.reset()
    session = EidSession(DirectTransport(card))
    with pytest.raises(CardError, match="6982"):
        sign_challenge(session, bytes(48), 0x18)


@pytest.mark.parametrize("overlapped", [False, True], ids=["inline", "executor"])
def test_prove_presence_checks_before_the_pin_inline_or_overlapped(authority, overlapped):
    from concurrent.futures import ThreadPoolExecutor

    from common.eid.trust import TrustError
    from drivers.eid.presence import TrustSettings, prove_presence

    card = make_card(authority, applet_18=True)
    serial = x509.load_der_x509_certificate(card.image.files[AUTH_CERT]).serial_number
    asked: list[int | None] = []

    def ask(left):
        asked.append(left)
        return HostPinEntry(bytearray(b"4711"))

    with ThreadPoolExecutor(max_workers=1) as pool:
        verifier = pool if overlapped else None
        good = TrustSettings(authority.pki.roots(), authority.pki.crls())
        proof = prove_presence(EidSession(DirectTransport(card)), ask_pin=ask,
                               challenge=b"c" * 32, trust=good, verifier=verifier)
        assert proof.trusted is not None and asked == [3]
        revoked = TrustSettings(authority.pki.roots(), authority.pki.crls([serial]))
        with pytest.raises(TrustError, match="revoked"):
            prove_presence(EidSession(DirectTransport(card)), ask_pin=ask,
                           challenge=b"c" * 32, trust=revoked, verifier=verifier)
        assert asked == [3]  # refused before the PIN was asked


class RecordingTransport(DirectTransport):
    """The card itself, remembering every APDU's header."""

    def __init__(self, card: VirtualEidCard) -> None:
        super().__init__(card)
        self.sent: list[bytes] = []

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.sent.append(apdu)
        return super().transmit(apdu)


class WatchedExecutor:
    """A real thread pool that notes how many APDUs were sent when a check was handed
    to it."""

    def __init__(self, pool, transport: RecordingTransport) -> None:
        self._pool = pool
        self._transport = transport
        self.submitted_at: list[int] = []

    def submit(self, fn, *args):
        self.submitted_at.append(len(self._transport.sent))
        return self._pool.submit(fn, *args)


def test_a_card_of_a_ca_already_seen_is_checked_from_its_certificate_on(authority):
    """Once a card of a citizen CA passed, the next card naming it has its check started
    right after its authentication certificate (before its CA certificate 503A is read);
    a card whose CA only shares the name is checked on the CA it holds, with the same
    outcome as without the head start: trusted under its own root, untrusted otherwise."""
    from concurrent.futures import ThreadPoolExecutor

    from common.eid.trust import TrustError
    from drivers.eid.presence import TrustSettings, prove_presence

    def prove(card, trust, pool):
        card.reset()  # as the reader does at the end of each session: the PIN is logged off
        transport = RecordingTransport(card)
        verifier = WatchedExecutor(pool, transport)
        proof = prove_presence(EidSession(transport), challenge=b"c" * 32, trust=trust,
                               ask_pin=lambda _left: HostPinEntry(bytearray(b"4711")),
                               verifier=verifier)
        select_ca = next(i for i, apdu in enumerate(transport.sent)
                         if apdu[1] == 0xA4 and apdu.endswith(bytes.fromhex("503A")))
        return proof, verifier.submitted_at, select_ca

    def trust_of(pki):
        return TrustSettings(pki.roots(), pki.crls())

    card = make_card(authority, applet_18=False)
    other = TestRrnAuthority()  # another test PKI: its citizen CA has the same name
    assert (other.pki.hierarchy("rsa").citizen_ca.subject
            == authority.pki.hierarchy("rsa").citizen_ca.subject)
    stranger = make_card(other, applet_18=False)
    with ThreadPoolExecutor(max_workers=1) as pool:
        prove(card, trust_of(authority.pki), pool)  # this CA is now known
        proof, submitted, select_ca = prove(card, trust_of(authority.pki), pool)
        assert proof.trusted is not None
        # submitted_at counts the APDUs sent before: <= means before 503A's SELECT.
        assert submitted == [submitted[0]] and submitted[0] <= select_ca
        # Same CA name, another CA: the head start is dropped, the card's own CA decides.
        proof, submitted, select_ca = prove(stranger, trust_of(other.pki), pool)
        assert proof.trusted is not None and len(submitted) == 2
        assert submitted[0] <= select_ca < submitted[1]
        with pytest.raises(TrustError, match="does not chain to a configured root"):
            prove(stranger, trust_of(authority.pki), pool)
        with pytest.raises(TrustError, match="does not chain to a configured root"):
            prove(card, trust_of(other.pki), pool)


class ForgingTransport(RecordingTransport):
    """The card itself, but a PSO answer (the challenge signature) can be forged on the
    way back; notes how many APDUs were sent when the session was released."""

    def __init__(self, card: VirtualEidCard, forge: bool) -> None:
        super().__init__(card)
        self.forge = forge
        self.released_at: list[int] = []

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        data, sw = super().transmit(apdu)
        if self.forge and apdu[1] == 0x2A and data:
            data = data[:-1] + bytes([data[-1] ^ 0x01])  # s off by one bit
        return data, sw


@pytest.mark.parametrize("applet_18", [False, True], ids=["rsa", "ecdsa"])
@pytest.mark.parametrize("forge", [False, True], ids=["genuine", "forged"])
def test_the_card_is_released_before_an_ecdsa_challenge_check_that_still_decides(
        authority, applet_18, forge):
    """With a verifier, an ECDSA challenge signature (~1 ms to check) is checked there
    while the session is released — the card's reset overlaps the check — and a forged
    one is still refused; an RSA one (µs) is checked with the card still connected."""
    from concurrent.futures import ThreadPoolExecutor

    from common.eid.trust import TrustError
    from drivers.eid.presence import TrustSettings, prove_presence

    transport = ForgingTransport(make_card(authority, applet_18=applet_18), forge)
    session = EidSession(transport, release=lambda: transport.released_at.append(
        len(transport.sent)))
    trust = TrustSettings(authority.pki.roots(), authority.pki.crls())

    with ThreadPoolExecutor(max_workers=1) as verifier:
        def prove():
            return prove_presence(session, challenge=b"c" * 32, trust=trust,
                                  ask_pin=lambda _left: HostPinEntry(bytearray(b"4711")),
                                  verifier=verifier)

        if forge:
            with pytest.raises(TrustError,
                               match="signature over the challenge does not verify"):
                prove()
        else:
            assert prove().trusted is not None
    pso = max(i for i, apdu in enumerate(transport.sent) if apdu[1] == 0x2A)
    assert transport.released_at == ([pso + 1] if applet_18 else [])
    assert session.released is applet_18
    if applet_18:
        with pytest.raises(CardError, match="released"):
            session.transmit(bytes.fromhex("00200001"))


class AppletNotSelectedTransport(RecordingTransport):
    """A card whose eID applet is not selected after reset: it refuses file selection and
    GET CARD DATA (6D00) until the applet is selected by its AID."""

    def __init__(self, card: VirtualEidCard) -> None:
        super().__init__(card)
        self.applet_selected = False

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        if apdu[1] == 0xA4 and apdu[2] == 0x04:
            self.applet_selected = True
        elif not self.applet_selected and apdu[1] in (0xA4, 0xE4):
            self.sent.append(apdu)
            return b"", 0x6D00
        return super().transmit(apdu)


@pytest.mark.parametrize("applet_selected", [True, False], ids=["usual", "needs-aid"])
def test_the_authentication_certificate_is_read_first_so_a_known_ca_check_starts_early(
        authority, applet_selected):
    """The authentication certificate (5038) comes off the card before GET CARD DATA, so
    a check on a CA already seen is handed to the verifier before the card data and the
    CA certificate are read; a card that answers nothing before its applet is selected
    gets the certificate read again after the AID selection, and still proves presence."""
    from concurrent.futures import ThreadPoolExecutor

    from drivers.eid.presence import TrustSettings, prove_presence

    card = make_card(authority, applet_18=True)
    trust = TrustSettings(authority.pki.roots(), authority.pki.crls())
    with ThreadPoolExecutor(max_workers=1) as pool:
        prove_presence(EidSession(DirectTransport(card)), challenge=b"c" * 32, trust=trust,
                       ask_pin=lambda _left: HostPinEntry(bytearray(b"4711")),
                       verifier=pool)  # the card's CA is now known
        card.reset()  # as the reader does at the end of each session
        transport = (RecordingTransport(card) if applet_selected
                     else AppletNotSelectedTransport(card))
        verifier = WatchedExecutor(pool, transport)
        proof = prove_presence(EidSession(transport), challenge=b"c" * 32, trust=trust,
                               ask_pin=lambda _left: HostPinEntry(bytearray(b"4711")),
                               verifier=verifier)
    assert proof.trusted is not None
    assert proof.auth_cert == card.image.files[AUTH_CERT]
    card_data = next(i for i, apdu in enumerate(transport.sent) if apdu[1] == 0xE4)
    select_auth = next(i for i, apdu in enumerate(transport.sent)
                       if apdu[1] == 0xA4 and apdu.endswith(bytes.fromhex("5038")))
    if applet_selected:
        # submitted_at counts the APDUs sent before: <= means before GET CARD DATA.
        assert select_auth == 0 and verifier.submitted_at[0] <= card_data
    else:
        aid = next(i for i, apdu in enumerate(transport.sent)
                   if apdu[1] == 0xA4 and apdu[2] == 0x04)
        assert select_auth < card_data < aid < verifier.submitted_at[0]
