"""Reading a whole eID: card data, the six files, parsing and verification.

Transport-independent: :func:`read_eid` drives an :class:`EidSession`, so the same code
runs against pyscard, a scripted transport in tests, or the benchmark.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor

from common.eid.model import CardInfo, EidCardData, Verification
from drivers.eid.apdu import EID_APPLET_AID, EidSession
from drivers.eid.errors import CardError
from drivers.eid.files import parse_address, parse_identity
from drivers.eid.overlap import Overlapped
from drivers.eid.verify import (
    address_message,
    costly_to_verify,
    load_rrn_key,
    photo_hash_ok,
    signature_ok,
    signed_part,
)

# (path, name) of every file the kiosk reads, in the order it reads them: everything the
# signatures cover first, so they are checked while the photo — the largest file — is
# still coming off the card.
IDENTITY = bytes.fromhex("3F00DF014031")
IDENTITY_SIGNATURE = bytes.fromhex("3F00DF014032")
ADDRESS = bytes.fromhex("3F00DF014033")
ADDRESS_SIGNATURE = bytes.fromhex("3F00DF014034")
PHOTO = bytes.fromhex("3F00DF014035")
RRN_CERTIFICATE = bytes.fromhex("3F00DF00503C")
SIGNED_FILES: tuple[tuple[bytes, str], ...] = (
    (RRN_CERTIFICATE, "RRN certificate (503C)"),
    (IDENTITY, "identity file (4031)"),
    (IDENTITY_SIGNATURE, "identity signature (4032)"),
    (ADDRESS, "address file (4033)"),
    (ADDRESS_SIGNATURE, "address signature (4034)"),
)
FILES: tuple[tuple[bytes, str], ...] = (*SIGNED_FILES, (PHOTO, "photo (4035)"))


def read_card_info(session: EidSession) -> CardInfo:
    """GET CARD DATA; if the card does not know the command, select the eID applet by
    AID and ask again (a card without that applet is not an eID: :class:`CardError`)."""
    try:
        return session.get_card_data()
    except CardError:
        session.select_aid(EID_APPLET_AID)
        return session.get_card_data()


def read_eid(session: EidSession, verifier: Executor | None = None) -> EidCardData:
    """Read, parse and verify the card behind ``session``.

    With a ``verifier`` executor each ECDSA signature check (applet 1.8; RSA ones are
    too quick to be worth a thread hop) is handed to it as soon as its files are read, so
    the checks (which release the GIL) run while the rest of the card
    — above all the photo — is read; a check it has not begun by then runs here
    (:class:`~drivers.eid.overlap.Overlapped`), as do all of them without one, and the
    session is released (:meth:`EidSession.release`) before waiting on them. The
    result is the same either way. Raises :class:`CardError` for the card and
    :class:`CardDataError` for malformed files.
    """

    def check(fn: Callable[..., bool], *args: object) -> Overlapped[bool]:
        return Overlapped(offload, fn, *args)

    info = read_card_info(session)
    files: dict[bytes, bytes] = {}

    def read(path: bytes, name: str) -> bytes:
        files[path] = session.read_file(path, name)
        return files[path]

    key = load_rrn_key(read(RRN_CERTIFICATE, "RRN certificate (503C)"))
    # An RSA check (applet 1.7) takes a few tens of µs, less than handing it to another
    # thread and waking it; an ECDSA P-384 one (1.8) about a millisecond: only those are
    # worth overlapping with the card I/O.
    offload = verifier if costly_to_verify(key) else None
    identity = read(IDENTITY, "identity file (4031)")
    identity_signature = signed_part(key, read(IDENTITY_SIGNATURE, "identity signature (4032)"))
    identity_ok = check(signature_ok, key, identity_signature, identity) if key else None
    address = read(ADDRESS, "address file (4033)")
    address_signature = read(ADDRESS_SIGNATURE, "address signature (4034)")
    address_ok = (
        check(signature_ok, key, address_signature, address_message(address, identity_signature))
        if key
        else None
    )
    parsed = parse_identity(identity)
    parsed_address = parse_address(address)
    photo = read(PHOTO, "photo (4035)")
    if offload is not None:
        # Every file is in: let the card go (the reader disconnects) while the verifier
        # finishes the signature checks, rather than after.
        session.release()
    verification = Verification(
        photo_hash=photo_hash_ok(photo, parsed.extras.photo_hash),
        identity_signature=identity_ok.result() if identity_ok else None,
        address_signature=address_ok.result() if address_ok else None,
    )
    return EidCardData(
        identity=parsed.identity,
        address=parsed_address,
        photo=photo,
        verification=verification,
        extras=parsed.extras,
        card_info=info,
    )
