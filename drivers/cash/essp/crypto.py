"""The eSSP encryption layer.

Key exchange (Diffie-Hellman over small primes, as ITL specifies): the host sends a
generator (4A) and a modulus (4B), then its intermediate key (4C); the device answers
with its own. Both get a 64-bit key; the AES-128 key is the fixed 64-bit key followed
by it, each little-endian. Packets: ``7E`` + AES-ECB(eLEN, eCOUNT 4 B LE, data,
random padding to a 16-byte multiple, eCRC over all of that).
"""

from __future__ import annotations

import secrets

from drivers.cash.essp.frame import EsspProtocolError, crc16

STEX = 0x7E
DEFAULT_FIXED_KEY = 0x0123456701234567
_MR_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)


def is_prime(n: int) -> bool:
    """Deterministic Miller-Rabin for n < 3.3e24 (our keys are below 2^63)."""
    if n < 2:
        return False
    for p in _MR_BASES:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for a in _MR_BASES:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def random_prime(bits: int = 48) -> int:
    while True:
        candidate = secrets.randbits(bits) | (1 << (bits - 1)) | 1
        if is_prime(candidate):
            return candidate


class KeyExchange:
    """One side of the exchange. The host makes generator and modulus; both sides make
    a random secret and an intermediate key."""

    def __init__(self, generator: int | None = None, modulus: int | None = None) -> None:
        if generator is None or modulus is None:
            a, b = random_prime(), random_prime()
            generator, modulus = min(a, b), max(a, b)
        self.generator = generator
        self.modulus = modulus
        self._secret = secrets.randbelow(modulus - 2) + 1

    @property
    def intermediate(self) -> int:
        return pow(self.generator, self._secret, self.modulus)

    def key(self, other_intermediate: int) -> int:
        return pow(other_intermediate, self._secret, self.modulus)


def aes_key(negotiated: int, fixed: int = DEFAULT_FIXED_KEY) -> bytes:
    return fixed.to_bytes(8, "little") + (negotiated & (2 ** 64 - 1)).to_bytes(8, "little")


class EsspCipher:
    """Wraps and unwraps encrypted packets for one side, keeping its eCOUNT.

    Each side counts every packet it encrypts and every packet it decrypts, so a command
    with count N is answered with N + 1 (ITL's rule).
    """

    def __init__(self, key: bytes, count: int = 0) -> None:
        # Imported here so the registry (loaded at kiosk start) does not pay for it.
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        if len(key) != 16:
            raise ValueError("AES-128 key must be 16 bytes")
        self._cipher = Cipher(algorithms.AES(key), modes.ECB())
        self.count = count

    def wrap(self, data: bytes) -> bytes:
        if len(data) > 255 - 23:
            raise EsspProtocolError(f"{len(data)} bytes too long to encrypt")
        body = bytes([len(data)]) + self.count.to_bytes(4, "little") + data
        pad = (-(len(body) + 2)) % 16
        body += secrets.token_bytes(pad)
        crc = crc16(body)
        body += bytes([crc & 0xFF, crc >> 8])
        encryptor = self._cipher.encryptor()
        self.count = (self.count + 1) & 0xFFFFFFFF
        return bytes([STEX]) + encryptor.update(body) + encryptor.finalize()

    def unwrap(self, packet: bytes) -> bytes:
        if not packet or packet[0] != STEX:
            raise EsspProtocolError("expected an encrypted packet (7E) from the device")
        body = packet[1:]
        if not body or len(body) % 16:
            raise EsspProtocolError(
                f"encrypted packet of {len(body)} bytes is not a multiple of 16")
        decryptor = self._cipher.decryptor()
        plain = decryptor.update(body) + decryptor.finalize()
        got = plain[-2] | plain[-1] << 8
        if crc16(plain[:-2]) != got:
            raise EsspProtocolError("encrypted packet: bad eCRC (wrong key or corrupted)")
        size = plain[0]
        if 5 + size > len(plain) - 2:
            raise EsspProtocolError(f"encrypted packet: eLEN {size} exceeds the packet")
        count = int.from_bytes(plain[1:5], "little")
        if count != self.count:
            raise EsspProtocolError(
                f"encrypted packet: eCOUNT {count}, expected {self.count} (replay or loss)")
        self.count = (self.count + 1) & 0xFFFFFFFF
        return bytes(plain[5:5 + size])
