"""The eID's APDU layer over any transport with ``transmit(apdu) -> (data, sw)``.

SELECT by path with a file-by-file fallback, SELECT by AID, READ BINARY in chunks with
the ``6Cxx`` / ``61xx`` / ``6B00`` rules, and GET CARD DATA. A status word that is not
handled here becomes a :class:`CardError` naming the APDU header and the SW.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from common.eid.model import CardInfo
from drivers.eid.errors import CardError

EID_APPLET_AID = bytes.fromhex("A00000003029057000AD13100101FF")
PKCS15_AID = bytes.fromhex("A000000177504B43532D3135")
DEFAULT_CHUNK = 0xFC
MAX_FILE_SIZE = 64 * 1024  # no eID file comes close; stops a card that never says EOF

SW_OK = 0x9000
_SW_EOF = 0x6B00
# Status words after which the card may still accept a file-by-file SELECT.
_PATH_UNSUPPORTED = frozenset({0x6A86, 0x6A81, 0x6A87, 0x6D00, 0x6E00, 0x6B00, 0x6A80})


class Transport(Protocol):
    """One connected card."""

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """Send a command APDU; return the response data and the 16-bit status word."""
        ...


def _header(apdu: bytes) -> str:
    # Only CLA INS P1 P2 (and Lc): the data of a SELECT names a file, never a person.
    return apdu[:5].hex(" ").upper()


def _error(apdu: bytes, sw: int, what: str) -> CardError:
    return CardError(f"{what}: APDU {_header(apdu)} → SW {sw:04X}")


class EidSession:
    """Commands to one eID card. ``apdu_count`` counts every APDU sent.

    ``release``, when the owner of the connection gives one, ends the card session
    (disconnect; the reader decides how, e.g. with a card reset). :meth:`release` calls it
    once, when the caller has everything it needs from the card, so that ending the
    session overlaps whatever the caller still computes (a signature check).
    """

    def __init__(self, transport: Transport, chunk_size: int = DEFAULT_CHUNK,
                 release: Callable[[], None] | None = None) -> None:
        if not 1 <= chunk_size <= 0xFF:
            raise ValueError("chunk_size must be 1..255")
        self._transport = transport
        self.chunk_size = chunk_size
        self.apdu_count = 0
        self._path_select = True  # turned off after the card refuses SELECT by path once
        self._release = release
        self.released = False

    def release(self) -> None:
        """Done with the card: end the session now when its owner allows it (any APDU
        after that raises :class:`CardError`); otherwise nothing happens and the session
        ends when its owner closes it."""
        release, self._release = self._release, None
        if release is not None:
            self.released = True
            release()

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """Send ``apdu``, following ``61xx`` with GET RESPONSE until the data is complete."""
        if self.released:
            raise CardError(f"APDU {_header(apdu)} after the card session was released")
        self.apdu_count += 1
        data, sw = self._transport.transmit(apdu)
        if sw >> 8 != 0x61:
            return data, sw  # the usual case: complete, no copy
        collected = bytearray(data)
        for _ in range(64):  # bounded: a card that keeps saying 61xx is broken
            if sw >> 8 != 0x61:
                return bytes(collected), sw
            get_response = bytes([0x00, 0xC0, 0x00, 0x00, sw & 0xFF])
            self.apdu_count += 1
            data, sw = self._transport.transmit(get_response)
            collected += data
        raise _error(apdu, sw, "card keeps asking for GET RESPONSE")

    # --- SELECT ------------------------------------------------------------------

    def select_aid(self, aid: bytes) -> None:
        apdu = bytes([0x00, 0xA4, 0x04, 0x0C, len(aid)]) + aid
        _, sw = self.transmit(apdu)
        if sw != SW_OK:
            raise _error(apdu, sw, "SELECT by AID failed (not a Belgian eID?)")

    def select_path(self, path: bytes) -> None:
        """Select an EF by absolute path (``3F00 DF01 4031``), falling back to one
        ``00 A4 02 0C`` per file identifier when the card refuses paths."""
        if self._path_select:
            apdu = bytes([0x00, 0xA4, 0x08, 0x0C, len(path)]) + path
            _, sw = self.transmit(apdu)
            if sw == SW_OK:
                return
            if sw not in _PATH_UNSUPPORTED and sw != 0x6A82:
                raise _error(apdu, sw, "SELECT by path failed")
            self._path_select = False
        for start in range(0, len(path), 2):
            fid = path[start : start + 2]
            apdu = bytes([0x00, 0xA4, 0x02, 0x0C, 0x02]) + fid
            _, sw = self.transmit(apdu)
            if sw != SW_OK:
                raise _error(apdu, sw, f"SELECT of file {fid.hex().upper()} failed")

    # --- READ BINARY -------------------------------------------------------------

    def read_binary(self, offset: int, length: int) -> tuple[bytes, int]:
        """One READ BINARY; a ``6Cxx`` answer is retried once with the exact length."""
        apdu = bytes([0x00, 0xB0, offset >> 8, offset & 0xFF, length & 0xFF])
        data, sw = self.transmit(apdu)
        if sw >> 8 == 0x6C:
            apdu = apdu[:4] + bytes([sw & 0xFF])
            data, sw = self.transmit(apdu)
        return data, sw

    def read_file(self, path: bytes, file_name: str = "") -> bytes:
        """Select ``path`` and read it to its end."""
        self.select_path(path)
        name = file_name or path.hex().upper()
        out = bytearray()
        while True:
            if len(out) >= MAX_FILE_SIZE:
                raise CardError(f"{name}: file larger than {MAX_FILE_SIZE} bytes")
            data, sw = self.read_binary(len(out), self.chunk_size)
            if sw == _SW_EOF and out:
                return bytes(out)  # offset past the end: the previous chunk was the last
            if sw not in (SW_OK, 0x6282):
                apdu = bytes([0x00, 0xB0, len(out) >> 8, len(out) & 0xFF, self.chunk_size])
                raise _error(apdu, sw, f"READ BINARY of {name} failed")
            out += data
            if len(data) < self.chunk_size or sw == 0x6282:
                return bytes(out)  # short chunk: end of file

    # --- GET CARD DATA -----------------------------------------------------------

    def get_card_data(self) -> CardInfo:
        """Chip serial and applet version; applet ≥ 1.8 also answers the longer form."""
        apdu = bytes.fromhex("80E400001C")
        data, sw = self.transmit(apdu)
        if sw != SW_OK or len(data) < 22:
            raise _error(apdu, sw, "GET CARD DATA failed (not a Belgian eID?)")
        version = data[21]
        if version >= 0x18:
            apdu = bytes.fromhex("80E400011F")
            long_data, sw = self.transmit(apdu)
            if sw != SW_OK or len(long_data) < 22:
                raise _error(apdu, sw, "GET CARD DATA (applet 1.8) failed")
            data = long_data
        return CardInfo(serial=bytes(data[:16]), applet_version=version)
