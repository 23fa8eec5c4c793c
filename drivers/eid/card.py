"""Reading a whole eID: card data, the six files, parsing and verification.

Transport-independent: :func:`read_card_files` drives an :class:`EidSession`, so the
same code runs against pyscard, a scripted transport in tests, or the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.eid.apdu import EID_APPLET_AID, EidSession
from drivers.eid.errors import CardError
from drivers.eid.files import parse_address, parse_identity
from drivers.eid.model import CardInfo, EidCardData
from drivers.eid.verify import verify_card

# (path, name) of every file the kiosk reads, in the order it reads them.
IDENTITY = bytes.fromhex("3F00DF014031")
IDENTITY_SIGNATURE = bytes.fromhex("3F00DF014032")
ADDRESS = bytes.fromhex("3F00DF014033")
ADDRESS_SIGNATURE = bytes.fromhex("3F00DF014034")
PHOTO = bytes.fromhex("3F00DF014035")
RRN_CERTIFICATE = bytes.fromhex("3F00DF00503C")
FILES: tuple[tuple[bytes, str], ...] = (
    (IDENTITY, "identity file (4031)"),
    (IDENTITY_SIGNATURE, "identity signature (4032)"),
    (ADDRESS, "address file (4033)"),
    (ADDRESS_SIGNATURE, "address signature (4034)"),
    (PHOTO, "photo (4035)"),
    (RRN_CERTIFICATE, "RRN certificate (503C)"),
)


@dataclass(frozen=True)
class RawCardFiles:
    card_info: CardInfo
    files: dict[bytes, bytes]


def read_card_info(session: EidSession) -> CardInfo:
    """GET CARD DATA; if the card does not know the command, select the eID applet by
    AID and ask again (a card without that applet is not an eID: :class:`CardError`)."""
    try:
        return session.get_card_data()
    except CardError:
        session.select_aid(EID_APPLET_AID)
        return session.get_card_data()


def read_card_files(session: EidSession) -> RawCardFiles:
    info = read_card_info(session)
    files = {path: session.read_file(path, name) for path, name in FILES}
    return RawCardFiles(info, files)


def decode_card(raw: RawCardFiles) -> EidCardData:
    """Parse and verify files already read; raises :class:`CardDataError` if malformed."""
    files = raw.files
    parsed = parse_identity(files[IDENTITY])
    address = parse_address(files[ADDRESS])
    verification = verify_card(
        identity_file=files[IDENTITY],
        identity_signature=files[IDENTITY_SIGNATURE],
        address_file=files[ADDRESS],
        address_signature=files[ADDRESS_SIGNATURE],
        photo=files[PHOTO],
        photo_hash=parsed.extras.photo_hash,
        rrn_certificate=files[RRN_CERTIFICATE],
    )
    return EidCardData(
        identity=parsed.identity,
        address=address,
        photo=files[PHOTO],
        verification=verification,
        extras=parsed.extras,
        card_info=raw.card_info,
    )


def read_eid(session: EidSession) -> EidCardData:
    """Read, parse and verify the card behind ``session``."""
    return decode_card(read_card_files(session))
