import hashlib
import math
from concurrent.futures import ThreadPoolExecutor

import pytest

from drivers.eid.apdu import EidSession
from drivers.eid.card import FILES, PHOTO, read_eid
from drivers.eid.card_image import TestRrnAuthority, build_card_image
from drivers.eid.errors import CardError
from drivers.eid.verify import photo_hash_ok, signature_ok, trim_der_signature, verify_card
from drivers.eid.virtual_card import CardBehaviour, NotAnEidCard, VirtualEidCard
from kiosk.backend.demo_citizens import DEMO_CITIZENS, citizen_card


@pytest.fixture(scope="module")
def authority() -> TestRrnAuthority:
    return TestRrnAuthority()


class CardTransport:
    def __init__(self, card) -> None:
        self.card = card

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        answer = self.card.process(apdu)
        return answer[:-2], int.from_bytes(answer[-2:], "big")


def image_for(authority, citizen, **kwargs):
    identity, address, photo = citizen_card(citizen)
    return build_card_image(identity, address, photo, authority=authority,
                            language=citizen.card_language, applet_18=citizen.applet_18, **kwargs)


@pytest.mark.parametrize("algorithm", ["sha1", "sha256", "sha384"])
def test_photo_hash_by_length(algorithm):
    digest = hashlib.new(algorithm, b"photo").digest()
    assert photo_hash_ok(b"photo", digest) is True
    assert photo_hash_ok(b"other", digest) is False
    assert photo_hash_ok(b"photo", b"short") is None


@pytest.mark.parametrize("citizen", DEMO_CITIZENS, ids=lambda c: c.key)
def test_every_demo_citizen_reads_back_exactly(authority, citizen):
    card = VirtualEidCard(image_for(authority, citizen))
    session = EidSession(CardTransport(card))
    data = read_eid(session)
    identity, address, photo = citizen_card(citizen)
    assert data.identity == identity
    assert data.address == address
    assert data.photo == photo
    assert data.verification.all_passed
    # The minimum for the chunk size: GET CARD DATA (+1 on 1.8), one SELECT per file,
    # one READ per started chunk, one more only when a file ends exactly on a chunk.
    files = card.image.files
    minimum = (2 if citizen.applet_18 else 1) + sum(
        1 + math.ceil(len(files[path]) / 0xFC) + (len(files[path]) % 0xFC == 0)
        for path, _ in FILES
    )
    assert session.apdu_count == minimum


def test_rsa_sha256_rekeyed_card(authority):
    image = image_for(authority, DEMO_CITIZENS[0], rsa_hash="sha256")
    assert read_eid(EidSession(CardTransport(VirtualEidCard(image)))).verification.all_passed


@pytest.mark.parametrize(("fault", "failed"), [("wrong_photo_hash", "photo_hash"),
                                               ("bad_signature", "identity_signature")])
@pytest.mark.parametrize("citizen", [DEMO_CITIZENS[0], DEMO_CITIZENS[1]], ids=["rsa", "ecdsa"])
def test_faults_fail_the_right_check(authority, citizen, fault, failed):
    image = image_for(authority, citizen, faults=[fault])
    verification = read_eid(EidSession(CardTransport(VirtualEidCard(image)))).verification
    assert getattr(verification, failed) is False
    assert not verification.all_passed


def test_tampered_address_fails_address_signature(authority):
    image = image_for(authority, DEMO_CITIZENS[0])
    files = {path: bytes(data) for path, data in image.files.items()}
    address = bytearray(files[bytes.fromhex("3F00DF014033")])
    address[5] ^= 1
    result = verify_card(
        identity_file=files[bytes.fromhex("3F00DF014031")],
        identity_signature=files[bytes.fromhex("3F00DF014032")],
        address_file=bytes(address),
        address_signature=files[bytes.fromhex("3F00DF014034")],
        photo=files[PHOTO], photo_hash=b"", rrn_certificate=files[bytes.fromhex("3F00DF00503C")],
    )
    assert result.identity_signature is True
    assert result.address_signature is False
    assert result.photo_hash is None


def test_unusable_certificate_gives_none():
    result = verify_card(identity_file=b"x", identity_signature=b"y", address_file=b"z",
                         address_signature=b"w", photo=b"", photo_hash=b"",
                         rrn_certificate=b"\x30\x03\x02\x01\x00")
    assert result.identity_signature is None and result.address_signature is None


def test_trim_der_signature():
    der = b"\x30\x04\x02\x01\x01\x00"
    assert trim_der_signature(der + bytes(10)) == der
    assert trim_der_signature(b"\x30\x81\x02ab" + bytes(5)) == b"\x30\x81\x02ab"
    assert trim_der_signature(b"\x00\x01") == b"\x00\x01"
    assert signature_ok(object(), b"", b"") is False


@pytest.mark.parametrize("behaviour", [CardBehaviour(wrong_length_6c=True),
                                       CardBehaviour(get_response=True)])
def test_card_quirks(authority, behaviour):
    card = VirtualEidCard(image_for(authority, DEMO_CITIZENS[2]), behaviour)
    assert read_eid(EidSession(CardTransport(card))).verification.all_passed


def test_chunk_size_is_configurable(authority):
    card = VirtualEidCard(image_for(authority, DEMO_CITIZENS[0]))
    small = EidSession(CardTransport(card), chunk_size=0x80)
    read_eid(small)
    assert small.apdu_count > 29


def test_not_an_eid_card():
    with pytest.raises(CardError, match="SELECT by AID failed"):
        read_eid(EidSession(CardTransport(NotAnEidCard())))


@pytest.mark.parametrize("faults", [[], ["bad_signature"], ["wrong_photo_hash"]])
@pytest.mark.parametrize("citizen", [DEMO_CITIZENS[0], DEMO_CITIZENS[1]], ids=["rsa", "ecdsa"])
def test_checks_on_a_verifier_thread_give_the_same_result(authority, citizen, faults):
    image = image_for(authority, citizen, faults=faults)
    alone = read_eid(EidSession(CardTransport(VirtualEidCard(image))))
    released: list[int] = []
    with ThreadPoolExecutor(max_workers=1) as verifier:
        session = EidSession(CardTransport(VirtualEidCard(image)),
                             release=lambda: released.append(session.apdu_count))
        overlapped = read_eid(session, verifier)
    assert overlapped == alone
    assert overlapped.verification.all_passed is (not faults)
    # ECDSA checks (handed to the verifier) are awaited after the card is released, once
    # every APDU is sent; RSA ones run inline, with nothing to overlap.
    assert released == ([session.apdu_count] if citizen.applet_18 else [])


@pytest.mark.parametrize("citizen", [DEMO_CITIZENS[0], DEMO_CITIZENS[1]], ids=["rsa", "ecdsa"])
def test_only_costly_checks_are_handed_to_the_verifier(authority, citizen):
    """ECDSA P-384 checks (~1 ms each) overlap the photo read on the verifier; RSA ones
    (tens of µs) run in place, cheaper than a hop to another thread."""
    image = image_for(authority, citizen)
    handed: list[str] = []
    with ThreadPoolExecutor(max_workers=1) as pool:

        class Counting:
            def submit(self, fn, *args):
                handed.append(fn.__name__)
                return pool.submit(fn, *args)

        data = read_eid(EidSession(CardTransport(VirtualEidCard(image))), Counting())
    assert data.verification.all_passed
    assert handed == (["signature_ok", "signature_ok"] if citizen.applet_18 else [])
