"""The PKCS#15 files of a Belgian eID (application directory and DF00 directory files),
shaped as on a real card (modelled on a Fedict test card's files) so that third-party
middleware — OpenSC's BELPIC driver — finds the PIN, keys and certificates.

Only the virtual card uses this: the kiosk reads certificates by their fixed file IDs.
"""

from __future__ import annotations

from drivers.eid.apdu import PKCS15_AID

DF00 = bytes.fromhex("3F00DF00")
DIR_FILE = bytes.fromhex("3F002F00")
ODF = DF00 + bytes.fromhex("5031")
TOKEN_INFO = DF00 + bytes.fromhex("5032")
AODF = DF00 + bytes.fromhex("5034")
PRKDF = DF00 + bytes.fromhex("5035")
CDF = DF00 + bytes.fromhex("5037")
AUTH_CERT = DF00 + bytes.fromhex("5038")
SIGN_CERT = DF00 + bytes.fromhex("5039")
CA_CERT = DF00 + bytes.fromhex("503A")
ROOT_CERT = DF00 + bytes.fromhex("503B")

AUTH_KEY_REF = 0x82
SIGN_KEY_REF = 0x83
PIN_REF = 0x01

_AUTH_ID = bytes.fromhex("01")
# Flags BIT STRING "private, modifiable": real cards mark even their certificates so.
_PRIVATE_MODIFIABLE = bytes.fromhex("06C0")


def der(tag: int, value: bytes) -> bytes:
    """One DER TLV (definite length, short or long form)."""
    size = len(value)
    if size < 0x80:
        return bytes([tag, size]) + value
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + value


def _seq(*parts: bytes) -> bytes:
    return der(0x30, b"".join(parts))


def _octets(value: bytes) -> bytes:
    return der(0x04, value)


def _int(value: int) -> bytes:
    return der(0x02, value.to_bytes(max(1, (value.bit_length() + 8) // 8), "big"))


def _path(path: bytes) -> bytes:
    return _seq(_octets(path))


def dir_file() -> bytes:
    """EF.DIR (3F00 2F00): one application, BELPIC, at 3F00 DF00."""
    template = (der(0x4F, PKCS15_AID) + der(0x50, b"BELPIC") + der(0x51, DF00)
                + der(0x73, der(0x06, bytes.fromhex("603802"))))
    return der(0x61, template)


def odf() -> bytes:
    """5031: where the private-key, certificate and PIN directories are."""
    return (der(0xA0, _path(PRKDF)) + der(0xA4, _path(CDF)) + der(0xA8, _path(AODF)))


def token_info(serial: bytes) -> bytes:
    """5032: version, the chip serial, label BELPIC, token flags (read-only, login req.)."""
    return _seq(_int(0), _octets(serial), der(0x80, b"BELPIC"), der(0x03, bytes.fromhex("0430")),
                der(0x9E, der(0x03, bytes.fromhex("0000"))))


def aodf() -> bytes:
    """5034: the one PIN ("Basic PIN"): BCD, 4–8 digits, 8-byte block, padded with FF."""
    pin_attributes = _seq(
        der(0x03, bytes.fromhex("020C")),  # flags: initialized, needs-padding
        der(0x0A, b"\x00"),  # type bcd
        _int(4),  # min length
        _int(8),  # stored length
        der(0x80, bytes([PIN_REF])),
        _octets(b"\xff"),  # pad char
        _path(bytes.fromhex("3F00")),
    )
    return _seq(_seq(der(0x0C, b"Basic PIN"), der(0x03, _PRIVATE_MODIFIABLE)),
                _seq(_octets(_AUTH_ID)), der(0xA1, pin_attributes))


def _private_key(label: str, key_id: int, usage: bytes, key_ref: int, *, ec: bool,
                 user_consent: bool) -> bytes:
    common = _seq(der(0x0C, label.encode()), der(0x03, _PRIVATE_MODIFIABLE),
                  _octets(_AUTH_ID), _int(1) if user_consent else b"")
    key_attrs = _seq(_octets(bytes([key_id])), der(0x03, usage),
                     der(0x03, bytes.fromhex("03B8")), _int(key_ref))
    if ec:
        # privateECKey [0]: the key's path only (the curve comes from the certificate).
        return der(0xA0, common + key_attrs + der(0xA1, _seq(_path(DF00))))
    return _seq(common, key_attrs, der(0xA1, _seq(_path(DF00), _int(2048))))


def prkdf(*, ec: bool) -> bytes:
    """5035: the authentication key (ref 82, sign) and the signature key (ref 83,
    non-repudiation, user consent: a PIN before each signature)."""
    return (_private_key("Authentication", 2, bytes.fromhex("0520"), AUTH_KEY_REF, ec=ec,
                         user_consent=False)
            + _private_key("Signature", 3, bytes.fromhex("060040"), SIGN_KEY_REF, ec=ec,
                           user_consent=True))


def cdf() -> bytes:
    """5037: the four certificates at their fixed file IDs (CA and root marked authority)."""
    out = b""
    for label, cert_id, path, authority in (("Authentication", 2, AUTH_CERT, False),
                                            ("Signature", 3, SIGN_CERT, False),
                                            ("CA", 4, CA_CERT, True),
                                            ("Root", 6, ROOT_CERT, True)):
        common_cert = _seq(_octets(bytes([cert_id])),
                           der(0x01, b"\xff") if authority else b"")
        out += _seq(_seq(der(0x0C, label.encode()), der(0x03, _PRIVATE_MODIFIABLE),
                         _octets(_AUTH_ID)),
                    common_cert, der(0xA1, _seq(_path(path))))
    return out


def pkcs15_files(serial: bytes, *, ec: bool) -> dict[bytes, bytes]:
    """Every PKCS#15 file of the card, by full path."""
    return {DIR_FILE: dir_file(), ODF: odf(), TOKEN_INFO: token_info(serial), AODF: aodf(),
            PRKDF: prkdf(ec=ec), CDF: cdf()}
