"""The PIN and signature side of the virtual eID applet (card side of VERIFY, MSE SET
and PSO COMPUTE DIGITAL SIGNATURE), as the Belgian applet behaves:

- VERIFY ``00 20 00 01 08 <2N digits-in-BCD FF…>``: ``9000``, ``63Cx`` (x tries left),
  ``6983`` blocked; without data it reports the tries left. 3 tries.
- MSE SET ``00 22 41 B6 04 80 <algo> 84 <key ref>``: RSA algo 01 (the host gives a
  DigestInfo), 02 (SHA-1 hash), 08 (SHA-256 hash); ECDSA (applet 1.8) algo 40 (the host
  gives the hash; the card answers r‖s).
- PSO ``00 2A 9E 9A``: ``6982`` without a verified PIN; the signature key (83) needs a
  VERIFY right before each signature, the authentication key (82) one per card session.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from drivers.eid.demo_pki import PrivateKey

PIN_TRIES = 3
PIN_REFERENCE = 0x01
SIGN_KEY_REF = 0x83
RSA_DIGEST_INFO, RSA_SHA1, RSA_SHA256 = 0x01, 0x02, 0x08
ECDSA_HASH = 0x40

# DER DigestInfo prefixes (RFC 8017 §9.2 note 1): what a host puts before the hash.
_DIGEST_INFO: dict[bytes, hashes.HashAlgorithm] = {
    bytes.fromhex("3021300906052b0e03021a05000414"): hashes.SHA1(),
    bytes.fromhex("3031300d060960864801650304020105000420"): hashes.SHA256(),
    bytes.fromhex("3041300d060960864801650304020205000430"): hashes.SHA384(),
    bytes.fromhex("3051300d060960864801650304020305000440"): hashes.SHA512(),
}
_BY_SIZE: dict[int, hashes.HashAlgorithm] = {32: hashes.SHA256(), 48: hashes.SHA384(),
                                             64: hashes.SHA512()}


def _parse_block(block: bytes) -> str | None:
    if len(block) != 8 or block[0] >> 4 != 2:
        return None
    size = block[0] & 0x0F
    digits = block[1:].hex().upper()
    if not 4 <= size <= 12 or not digits[:size].isdigit() or set(digits[size:]) - {"F"}:
        return None
    return digits[:size]


class CardCrypto:
    """PIN state and keys of one card; ``log_off`` is what a reset does."""

    def __init__(self, pin: str, keys: dict[int, PrivateKey]) -> None:
        self._pin = pin
        self._keys = keys
        self.tries_left = PIN_TRIES
        self.log_off()

    def log_off(self) -> None:
        self.verified = False
        self._fresh_verify = False  # consumed by a signature-key PSO
        self._environment: tuple[int, int] | None = None

    def verify(self, reference: int, block: bytes) -> int:
        if reference != PIN_REFERENCE:
            return 0x6A88
        if self.tries_left == 0:
            return 0x6983
        if not block:
            return 0x9000 if self.verified else 0x63C0 | self.tries_left
        pin = _parse_block(block)
        if pin is None:
            return 0x6A80
        if pin == self._pin:
            self.tries_left = PIN_TRIES
            self.verified = self._fresh_verify = True
            return 0x9000
        self.tries_left -= 1
        self.verified = self._fresh_verify = False
        return 0x63C0 | self.tries_left if self.tries_left else 0x6983

    def manage_security_environment(self, p1: int, p2: int, data: bytes) -> int:
        if (p1, p2) != (0x41, 0xB6):
            return 0x6A86
        if len(data) != 5 or data[0] != 0x04 or data[1] != 0x80 or data[3] != 0x84:
            return 0x6A80
        algorithm, key_ref = data[2], data[4]
        key = self._keys.get(key_ref)
        if key is None:
            return 0x6A88
        supported = ((RSA_DIGEST_INFO, RSA_SHA1, RSA_SHA256)
                     if isinstance(key, rsa.RSAPrivateKey) else (ECDSA_HASH,))
        if algorithm not in supported:
            return 0x6A80
        self._environment = (algorithm, key_ref)
        return 0x9000

    def sign(self, data: bytes, *, require_pin: bool = True) -> tuple[int, bytes]:
        """(status word, signature)."""
        if self._environment is None:
            return 0x6985, b""
        algorithm, key_ref = self._environment
        if require_pin and (not self.verified
                            or (key_ref == SIGN_KEY_REF and not self._fresh_verify)):
            return 0x6982, b""
        if key_ref == SIGN_KEY_REF:
            self._fresh_verify = False
        key = self._keys[key_ref]
        if isinstance(key, rsa.RSAPrivateKey):
            if algorithm == RSA_DIGEST_INFO:
                prefix = next((p for p in _DIGEST_INFO if data.startswith(p)), None)
                if prefix is None or len(data) - len(prefix) != _DIGEST_INFO[prefix].digest_size:
                    return 0x6A80, b""
                algo, digest = _DIGEST_INFO[prefix], data[len(prefix):]
            else:
                algo = hashes.SHA1() if algorithm == RSA_SHA1 else hashes.SHA256()
                if len(data) != algo.digest_size:
                    return 0x6700, b""
                digest = data
            return 0x9000, key.sign(digest, padding.PKCS1v15(), utils.Prehashed(algo))
        algo = _BY_SIZE.get(len(data))
        if algo is None or not isinstance(key, ec.EllipticCurvePrivateKey):
            return 0x6700, b""
        r, s = utils.decode_dss_signature(key.sign(data, ec.ECDSA(utils.Prehashed(algo))))
        size = (key.curve.key_size + 7) // 8
        return 0x9000, r.to_bytes(size, "big") + s.to_bytes(size, "big")
