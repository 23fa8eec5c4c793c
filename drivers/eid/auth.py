"""PIN verification and proof of presence on a Belgian eID, host side.

Over an :class:`~drivers.eid.apdu.EidSession`: VERIFY (the PIN block built in a
``bytearray`` that is wiped after the APDU), or a pinpad reader's own entry
(:class:`PinEntry` implementations), then the authentication key signs a challenge
(SELECT DF00, MSE SET, PSO COMPUTE DIGITAL SIGNATURE).
"""

from __future__ import annotations

from typing import Protocol

from drivers.eid.apdu import SW_OK, EidSession
from drivers.eid.errors import CardError

DF00 = bytes.fromhex("3F00DF00")
AUTH_CERT = bytes.fromhex("3F00DF005038")
AUTH_KEY_REF = 0x82
PIN_REFERENCE = 0x01
# MSE SET algorithm references: RSA (applet 1.7), the card pads a SHA-256 hash;
# ECDSA (applet 1.8), the card signs the given hash.
ALGO_RSA_SHA256 = 0x08
ALGO_ECDSA = 0x40
_SW_SECURITY_NOT_SATISFIED = 0x6982
_SW_BLOCKED = 0x6983


class PinError(CardError):
    """The PIN was refused. ``tries_left`` is 0 when the card is blocked."""

    def __init__(self, message: str, tries_left: int) -> None:
        super().__init__(message)
        self.tries_left = tries_left


class PinBlockedError(PinError):
    """No try left: the card's PIN is blocked (the citizen must go to the counter)."""

    def __init__(self) -> None:
        super().__init__("the card's PIN is blocked: the holder has it unblocked at their "
                         "commune's counter, with the PUK code", 0)


class WrongPinError(PinError):
    """A wrong PIN; the card still accepts ``tries_left`` tries."""


class PinEntry(Protocol):
    """How the PIN reaches the card: on the host (VERIFY APDU) or on a pinpad."""

    def verify(self, session: EidSession) -> int:
        """Run VERIFY; return the status word."""
        ...


def pin_is_well_formed(pin: bytes | bytearray) -> bool:
    """4 to 12 ASCII digits: what an eID PIN can be."""
    return 4 <= len(pin) <= 12 and all(0x30 <= b <= 0x39 for b in pin)


def pin_block(pin: bytes | bytearray) -> bytearray:
    """The 8-byte VERIFY block (``0x20 + length``, BCD digits, F padding) in a
    ``bytearray`` the caller wipes."""
    if not pin_is_well_formed(pin):
        raise ValueError("a PIN is 4 to 12 digits")
    block = bytearray(b"\xff" * 8)
    block[0] = 0x20 + len(pin)
    for index, digit in enumerate(pin):
        shift = 4 if index % 2 == 0 else 0
        byte = 1 + index // 2
        block[byte] = (block[byte] & (0x0F if shift else 0xF0)) | ((digit - 0x30) << shift)
    return block


def wipe(buffer: bytearray) -> None:
    """Overwrite a PIN buffer in place (Python keeps no other copy of a bytearray)."""
    for index in range(len(buffer)):
        buffer[index] = 0


class HostPinEntry:
    """The PIN typed on the kiosk (on-screen pad, or stdin for technicians): sent in one
    VERIFY APDU, then this object's copy and the APDU buffer are wiped."""

    def __init__(self, pin: bytearray) -> None:
        self._pin = pin

    def verify(self, session: EidSession) -> int:
        """VERIFY; the PIN is wiped whatever happens, a malformed one (ValueError) too."""
        block = apdu = bytearray()
        try:
            block = pin_block(self._pin)
            apdu = bytearray(bytes([0x00, 0x20, 0x00, PIN_REFERENCE, 0x08])) + block
            _, sw = session.transmit(bytes(apdu))  # the transport needs bytes: one short copy
        finally:
            wipe(block)
            wipe(apdu)
            wipe(self._pin)
        return sw


def tries_left(session: EidSession) -> int | None:
    """VERIFY without data: the tries left (``None`` when already verified)."""
    apdu = bytes([0x00, 0x20, 0x00, PIN_REFERENCE])
    _, sw = session.transmit(apdu)
    if sw == SW_OK:
        return None
    if sw == _SW_BLOCKED:
        return 0
    if sw >> 4 == 0x63C:
        return sw & 0x0F
    raise CardError(f"PIN status: APDU 00 20 00 01 → SW {sw:04X}")


def verify_pin(session: EidSession, entry: PinEntry) -> None:
    """Verify the PIN through ``entry``; raise :class:`WrongPinError` or
    :class:`PinBlockedError` when the card refuses it."""
    sw = entry.verify(session)
    if sw == SW_OK:
        return
    if sw == _SW_BLOCKED or sw == 0x63C0:
        raise PinBlockedError
    if sw >> 4 == 0x63C:
        left = sw & 0x0F
        raise WrongPinError(f"wrong PIN, {left} {'try' if left == 1 else 'tries'} left", left)
    if sw == 0x6400:
        raise CardError("PIN entry on the reader timed out or was cancelled (SW 6400)")
    raise CardError(f"VERIFY failed: SW {sw:04X}")


def _set_authentication_environment(session: EidSession, applet_version: int) -> None:
    """SELECT DF00 and MSE SET: the authentication key, with the card's algorithm."""
    session.select_path(DF00)
    algorithm = ALGO_ECDSA if applet_version >= 0x18 else ALGO_RSA_SHA256
    mse = bytes([0x00, 0x22, 0x41, 0xB6, 0x05, 0x04, 0x80, algorithm, 0x84, AUTH_KEY_REF])
    _, sw = session.transmit(mse)
    if sw != SW_OK:
        raise CardError(f"MSE SET refused: APDU 00 22 41 B6 → SW {sw:04X}")


def signs_without_pin(session: EidSession, applet_version: int) -> bool:
    """Ask for an authentication signature before this session has verified the PIN: a
    genuine eID refuses (6982). True when the card signed anyway — a card that does not
    guard its key with the PIN proves nothing about who holds it."""
    _set_authentication_environment(session, applet_version)
    size = 48 if applet_version >= 0x18 else 32
    _, sw = session.transmit(bytes([0x00, 0x2A, 0x9E, 0x9A, size]) + bytes(size) + b"\x00")
    return sw == SW_OK


def sign_challenge(session: EidSession, digest: bytes, applet_version: int) -> bytes:
    """Have the authentication key sign ``digest`` (SHA-256 for RSA, SHA-384 for ECDSA).

    Returns a PKCS#1 v1.5 signature (applet 1.7) or a DER ECDSA signature (1.8: the card
    answers r‖s). Raises :class:`CardError` naming the step that failed, including
    ``6982`` (no PIN verified).
    """
    ec_card = applet_version >= 0x18
    _set_authentication_environment(session, applet_version)
    pso = bytes([0x00, 0x2A, 0x9E, 0x9A, len(digest)]) + digest + b"\x00"
    signature, sw = session.transmit(pso)
    if sw == _SW_SECURITY_NOT_SATISFIED:
        raise CardError("PSO COMPUTE DIGITAL SIGNATURE refused: no PIN verified (SW 6982)")
    if sw != SW_OK or not signature:
        raise CardError(f"PSO COMPUTE DIGITAL SIGNATURE failed: SW {sw:04X}")
    if not ec_card:
        return signature
    if len(signature) % 2:
        raise CardError(f"ECDSA signature of odd length {len(signature)} from the card")
    # cryptography loads with the first signature: the UI imports this module (wipe) before
    # its first frame.
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    half = len(signature) // 2
    return encode_dss_signature(int.from_bytes(signature[:half], "big"),
                                int.from_bytes(signature[half:], "big"))
