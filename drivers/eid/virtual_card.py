"""The APDU side of a virtual Belgian eID (and of a card that is not an eID).

Answers like an applet 1.7/1.8 card: SELECT by path or file by file, SELECT by AID,
READ BINARY (short final chunk, or ``6Cxx`` when ``wrong_length_6c``), ``6B00`` past
the end, GET CARD DATA (optionally through ``61xx`` + GET RESPONSE), and the PIN and
signature commands (:mod:`drivers.eid.card_crypto`): VERIFY with 3 tries kept across
resets, MSE SET, PSO COMPUTE DIGITAL SIGNATURE.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from drivers.eid.apdu import EID_APPLET_AID, PKCS15_AID
from drivers.eid.card_crypto import CardCrypto
from drivers.eid.card_image import CardImage

MF = b"\x3f\x00"


def _sw(value: int, data: bytes = b"") -> bytes:
    return data + value.to_bytes(2, "big")


class CardRemoved(Exception):  # noqa: N818 - a signal to the vpcd link, not an error
    """The virtual card leaves the reader instead of answering."""


@dataclass
class CardBehaviour:
    """Faults and quirks, changeable while the card is in the reader."""

    slow_seconds: float = 0.0  # added before every answer ("slow card")
    remove_after_reads: int | None = None  # READ BINARY count after which it leaves
    wrong_length_6c: bool = False  # answer 6Cxx instead of a short final chunk
    get_response: bool = False  # answer GET CARD DATA and PSO with 61xx (T=0 style)
    sign_without_pin: bool = False  # a broken card: PSO answered without a prior VERIFY
    remove_on_verify: bool = False  # the citizen pulls the card out while the PIN is sent


class VirtualEidCard:
    """Processes one APDU at a time; thread-safe."""

    def __init__(self, image: CardImage, behaviour: CardBehaviour | None = None) -> None:
        self.image = image
        self.behaviour = behaviour or CardBehaviour()
        self.atr = image.atr
        self.apdu_count = 0
        self._lock = threading.Lock()
        self._dfs = {path[:4] for path in image.files}
        # The PIN try counter lives in the chip's EEPROM: it survives resets.
        self.crypto = CardCrypto(image.pin, image.keys)
        self.reset()

    def reset(self) -> None:
        self._current_df = MF
        self._current_ef: bytes | None = None
        self._pending = b""
        self._reads = 0
        self.crypto.log_off()

    def process(self, apdu: bytes) -> bytes:
        """One C-APDU → R-APDU; raises :class:`CardRemoved` for the removal fault."""
        with self._lock:
            self.apdu_count += 1
            if self.behaviour.slow_seconds:
                time.sleep(self.behaviour.slow_seconds)
            if len(apdu) < 4:
                return _sw(0x6700)
            cla, ins, p1, p2 = apdu[:4]
            body = apdu[5 : 5 + apdu[4]] if len(apdu) > 5 else b""
            if cla == 0x00 and ins == 0xA4:
                return self._select(p1, p2, body)
            if cla == 0x00 and ins == 0xB0:
                return self._read(((p1 << 8) | p2), apdu[4] if len(apdu) > 4 else 0)
            if cla == 0x00 and ins == 0xC0:
                data, self._pending = self._pending, b""
                return _sw(0x9000, data) if data else _sw(0x6985)
            if cla == 0x80 and ins == 0xE4:
                return self._card_data(p2, apdu[4] if len(apdu) > 4 else 0)
            if cla == 0x00 and ins == 0x20:
                if self.behaviour.remove_on_verify and body:
                    raise CardRemoved
                return _sw(self.crypto.verify(p2, body))
            if cla == 0x00 and ins == 0x22:
                return _sw(self.crypto.manage_security_environment(p1, p2, body))
            if cla == 0x00 and ins == 0x2A and (p1, p2) == (0x9E, 0x9A):
                sw, signature = self.crypto.sign(
                    body, require_pin=not self.behaviour.sign_without_pin)
                if sw == 0x9000 and self.behaviour.get_response:
                    self._pending = signature
                    return _sw(0x6100 | (len(signature) & 0xFF))
                return _sw(sw, signature)
            if cla not in (0x00, 0x80):
                return _sw(0x6E00)
            return _sw(0x6D00)

    def _select(self, p1: int, p2: int, body: bytes) -> bytes:
        if p1 == 0x04:
            return _sw(0x9000 if body in (EID_APPLET_AID, PKCS15_AID) else 0x6A82)
        if p1 == 0x08:
            path = body if body.startswith(MF) else MF + body
            if path == MF:
                self._current_df, self._current_ef = MF, None
                return _sw(0x9000)
            return self._select_full(path)
        if p1 in (0x00, 0x01, 0x02) and len(body) == 2:
            if body == MF:
                self._current_df, self._current_ef = MF, None
                return _sw(0x9000)
            if MF + body in self._dfs:
                self._current_df, self._current_ef = MF + body, None
                return _sw(0x9000)
            return self._select_full(self._current_df + body)
        return _sw(0x6A86)

    def _select_full(self, path: bytes) -> bytes:
        if path in self.image.files:
            self._current_df, self._current_ef = path[:4], path
            return _sw(0x9000)
        if path in self._dfs:
            self._current_df, self._current_ef = path, None
            return _sw(0x9000)
        return _sw(0x6A82)

    def _read(self, offset: int, le: int) -> bytes:
        if self._current_ef is None:
            return _sw(0x6986)
        behaviour = self.behaviour
        self._reads += 1
        if behaviour.remove_after_reads is not None and self._reads > behaviour.remove_after_reads:
            raise CardRemoved
        content = self.image.files[self._current_ef]
        wanted = le or 256
        if offset >= len(content):
            return _sw(0x6B00)
        remaining = len(content) - offset
        if remaining < wanted and behaviour.wrong_length_6c:
            return _sw(0x6C00 | remaining)
        return _sw(0x9000, content[offset : offset + min(wanted, remaining)])

    def _card_data(self, p2: int, le: int) -> bytes:
        long_form = p2 == 0x01
        if long_form and self.image.applet_version < 0x18:
            return _sw(0x6B00)
        data = self.image.card_data(long_form)
        if le and le != len(data):
            return _sw(0x6C00 | len(data))
        if self.behaviour.get_response:
            self._pending = data
            return _sw(0x6100 | len(data))
        return _sw(0x9000, data)


class NotAnEidCard:
    """Some other smart card (a bank card, a library card): knows no eID file or applet."""

    atr = bytes.fromhex("3B6800000073C84010009000")

    def __init__(self) -> None:
        self.apdu_count = 0

    def reset(self) -> None:
        pass

    def process(self, apdu: bytes) -> bytes:
        self.apdu_count += 1
        if apdu[:2] == b"\x00\xa4":
            return _sw(0x6A82)
        return _sw(0x6E00 if apdu[:1] == b"\x80" else 0x6D00)
