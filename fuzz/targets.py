"""Fuzz targets: every decoder of outside input, bytes in, its own error type out.

One table serves both fuzzers: the hypothesis properties in tests/fuzz (a fixed budget
in ``make test``, a long one in ``make fuzz``) and the atheris harness in fuzz/run.py
(``make fuzz`` only). A target passes when, for any input up to ``max_len`` bytes, it
returns or raises one of ``allowed``; anything else is a bug in the decoder.
``seeds`` are valid inputs the fuzzers mutate, so they get past the first checks.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from common.eid.model import Identity
from drivers.cash.essp.crypto import EsspCipher, aes_key
from drivers.cash.essp.events import encode_event, parse_poll
from drivers.cash.essp.frame import EsspProtocolError, Frame, FrameReader, encode_frame
from drivers.cash.essp.frame import decode_frame as essp_decode_frame
from drivers.eid.errors import CardDataError
from drivers.eid.files import (
    Address,
    encode_address,
    encode_identity,
    parse_address,
    parse_identity,
)
from drivers.eid.tlv import parse_tlv
from drivers.payment.zvt import messages as zvt_messages
from drivers.payment.zvt.codec import (
    Apdu,
    decode_apdu,
    decode_bmps,
    decode_tlv,
    encode_apdu,
    encode_bmps,
    encode_tlv,
)
from drivers.payment.zvt.errors import ZvtProtocolError
from drivers.payment.zvt.framing import SerialFrameReader
from drivers.payment.zvt.framing import decode_frame as zvt_decode_frame
from drivers.payment.zvt.framing import encode_frame as zvt_encode_frame
from drivers.registry import default_registry
from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config


@dataclass(frozen=True)
class Target:
    name: str
    call: Callable[[bytes], object]
    allowed: tuple[type[BaseException], ...]
    max_len: int = 4096
    seeds: tuple[bytes, ...] = field(default=())


# --- eID --------------------------------------------------------------------------


def _identity_seed() -> bytes:
    from datetime import date

    identity = Identity(
        card_number="592123456789",
        national_number="85073003361",
        surname="Fuzz",
        first_names="Test Case",
        nationality="Belge",
        birth_place="Bruxelles",
        birth_date=date(1985, 7, 30),
        sex="M",
        document_type="belgian_eid",
        issuing_municipality="Bruxelles",
        validity_begin=date(2021, 3, 15),
        validity_end=date(2031, 3, 15),
    )
    return encode_identity(identity, language="fr", chip_number=bytes(16), photo_hash=bytes(32))


def _eid_targets() -> list[Target]:
    try:
        identity_seeds: tuple[bytes, ...] = (_identity_seed(),)
    except (TypeError, ValueError):  # the model grew a field: fuzz without the seed
        identity_seeds = ()
    address = encode_address(Address("Rue de la Loi 16", "1000", "Bruxelles"))
    return [
        Target(
            "eid_tlv",
            lambda d: parse_tlv(d, "fuzzed file"),
            (CardDataError,),
            seeds=(*identity_seeds, address),
        ),
        Target("eid_identity", parse_identity, (CardDataError,), seeds=identity_seeds),
        Target("eid_address", parse_address, (CardDataError,), seeds=(address,)),
    ]


# --- ZVT --------------------------------------------------------------------------


def _status_fields(apdu: Apdu) -> tuple[object, ...]:
    txn = zvt_messages.Transaction()
    txn.add_status_information(apdu)
    return (txn.result_code, txn.amount_cents, txn.masked_pan, txn.card_type)


_APDU_READERS: tuple[Callable[[Apdu], object], ...] = (
    _status_fields,
    zvt_messages.text_block_lines,
    zvt_messages.print_line_text,
    zvt_messages.prompt_of,
    zvt_messages.tlv_of,
    zvt_messages.split_password,
)


def _zvt_apdu(data: bytes) -> list[object]:
    """An APDU from the terminal, then every reading the driver may make of it (each
    one on its own: a refusal by one must not hide a crash in the next)."""
    apdu = decode_apdu(data)
    results: list[object] = []
    for read in _APDU_READERS:
        try:
            results.append(read(apdu))
        except ZvtProtocolError as exc:
            results.append(exc)
    return results


def _zvt_stream(data: bytes) -> list[bytes]:
    """A serial line: frames as the reader assembles them, restarting after an error
    as the transport does."""
    reader, apdus, errors = SerialFrameReader(), [], 0
    for byte in data:
        try:
            apdu = reader.feed(byte)
        except ZvtProtocolError:
            errors += 1
            reader = SerialFrameReader()
            continue
        if apdu is not None:
            apdus.append(apdu)
            reader = SerialFrameReader()
    return apdus


# Nested and multi-byte tags, as in a text block (06 D3).
_TLV_SEED = bytes.fromhex("1F0701 01 25 0C 0705 544F54414C 0703 455552")


def _zvt_targets() -> list[Target]:
    status = encode_apdu(
        Apdu(
            0x04,
            0x0F,
            encode_bmps(
                [
                    ("result_code", 0),
                    ("amount", "500"),
                    ("trace", "000042"),
                    ("pan", "6703EEEEEEEE1234"),
                    ("terminal_id", "52500001"),
                    ("receipt_no", "0007"),
                    ("card_name", "Bancontact"),
                ]
            ),
        )
    )
    seeds = (
        status,
        encode_apdu(zvt_messages.text_block(["TOTAL", "EUR 5,00"])),
        encode_apdu(zvt_messages.authorisation(500)),
        bytes.fromhex("80 00 00"),
    )
    return [
        Target("zvt_apdu", _zvt_apdu, (ZvtProtocolError,), seeds=seeds),
        Target("zvt_bmps", decode_bmps, (ZvtProtocolError,), seeds=(status[3:],)),
        Target(
            "zvt_tlv",
            decode_tlv,
            (ZvtProtocolError,),
            seeds=(encode_tlv(zvt_messages.tlv_of(Apdu(0, 0, _TLV_SEED))),),
        ),
        Target(
            "zvt_frame",
            zvt_decode_frame,
            (ZvtProtocolError,),
            seeds=tuple(zvt_encode_frame(s) for s in seeds),
        ),
        Target(
            "zvt_stream",
            _zvt_stream,
            (),
            max_len=8192,
            seeds=(b"".join(zvt_encode_frame(s) for s in seeds),),
        ),
    ]


# --- eSSP -------------------------------------------------------------------------

_ESSP_KEY = aes_key(0x1234567890ABCDEF)


def _essp_stream(data: bytes) -> list[Frame]:
    reader, frames = FrameReader(), []
    for byte in data:
        try:
            frame = reader.feed(byte)
        except EsspProtocolError:
            reader = FrameReader()
            continue
        if frame is not None:
            frames.append(frame)
            reader = FrameReader()
    return frames


def _essp_unwrap(data: bytes) -> bytes:
    return EsspCipher(_ESSP_KEY).unwrap(data)


def _essp_targets() -> list[Target]:
    poll = (
        b"\xf0"
        + encode_event("credit", channel=2)
        + b"\xe9"
        + encode_event("dispensed", value=250)
        + encode_event("incomplete_payout", value=100, requested=300)
    )
    frames = (encode_frame(Frame(True, 0, b"\x11")), encode_frame(Frame(False, 0, poll)))
    return [
        Target("essp_frame", essp_decode_frame, (EsspProtocolError,), seeds=frames),
        Target("essp_stream", _essp_stream, (), max_len=8192, seeds=(b"".join(frames),)),
        Target("essp_poll", parse_poll, (EsspProtocolError,), seeds=(poll,)),
        Target(
            "essp_encrypted",
            _essp_unwrap,
            (EsspProtocolError,),
            seeds=(EsspCipher(_ESSP_KEY).wrap(b"\x07"),),
        ),
    ]


# --- config -----------------------------------------------------------------------

_EXAMPLE_CONFIG = Path(__file__).parents[1] / "kiosk" / "config" / "kiosk.example.toml"


def _config(data: bytes) -> object:
    """The loader from a file's bytes (it reads files; a temp file per input)."""
    fd, name = tempfile.mkstemp(suffix=".toml", prefix="fuzz-kiosk-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        return load_config(Path(name), _REGISTRY, {})
    finally:
        os.unlink(name)


_REGISTRY = default_registry()


def _config_targets() -> list[Target]:
    seeds: tuple[bytes, ...] = ()
    if _EXAMPLE_CONFIG.exists():
        seeds = (_EXAMPLE_CONFIG.read_bytes(),)
    seeds += (b'[backend]\nurl = "https://b.example"\n[devices]\nprinter = "sim://printer"\n',)
    return [Target("config_toml", _config, (ConfigError,), max_len=8192, seeds=seeds)]


# --- SIP2 (library mode) ------------------------------------------------------------


def _sip2_targets() -> list[Target]:
    """The SIP2 client's answer path (drivers/sip2), if that driver is present."""
    try:
        from drivers.sip2.client import Sip2Client
        from drivers.sip2.errors import Sip2Error, Sip2TimeoutError
        from drivers.sip2.settings import Sip2Settings
    except ImportError:
        return []

    class Replay:
        """A connection whose answers are the fuzzed bytes, one frame per CR."""

        def __init__(self, data: bytes) -> None:
            self.frames = [f + b"\r" for f in data.split(b"\r")]

        def send(self, frame: bytes, what: str) -> None:
            pass

        def read_frame(self, timeout_s: float, what: str) -> bytes:
            if not self.frames:
                raise Sip2TimeoutError(what, "no more fuzzed frames")
            return self.frames.pop(0)

        def close(self) -> None:
            pass

    settings = Sip2Settings(host="127.0.0.1", port=6001, institution_id="BXL", resend_attempts=1)

    def call(data: bytes) -> object:
        client = Sip2Client(
            settings, now=lambda: datetime(2026, 3, 2, 9, 0), connect=lambda _s: Replay(data)
        )  # type: ignore[arg-type,return-value]
        try:
            client.connect()
            return client.patron_information("P1")
        finally:
            client.close()

    def frame(body: str) -> bytes:
        from pysip2 import calculate_checksum

        prefix = body.encode("cp850")
        return prefix + calculate_checksum(prefix).encode("ascii") + b"\r"

    status = frame(
        "98YYYYNN01000320260302    0900002.00AOBXL|AMBrussels|"
        "BXYYYYYYYYYYYYYYYY|AFcharset=cp850|AY0AZ"
    )
    patron = frame(
        "64              00020260302    090000000000000000000000000000AOBXL|AAP1|AEFuzz|BLY|AY1AZ"
    )
    return [Target("sip2_answers", call, (Sip2Error,), seeds=(status + patron,))]


# --- the backend's request bodies ------------------------------------------------------


class BodyRefusedError(ValueError):
    """The JSON guard refused the body (what the middleware answers with 422)."""


def _backend_body(model: type) -> Callable[[bytes], object]:
    """A body as the backend takes it: the strict-JSON guard, then the route's model,
    then what intake does with each event (the red team's 500s were there: hashing a
    lone surrogate, converting an edge datetime to UTC). Only refusals may come out."""
    import contextlib
    import json

    from kiosk.backend.intake import body_hash
    from kiosk.backend.json_guard import strict_json_problem
    from kiosk.backend.payloads import PayloadError, parse_payload

    def call(data: bytes) -> object:
        problem = strict_json_problem(data)
        if problem is not None:
            raise BodyRefusedError(problem)
        # As FastAPI does: json.loads, then the model on the Python values.
        body = model.model_validate(json.loads(data))
        for event in getattr(body, "events", ()):
            body_hash(event)
            with contextlib.suppress(PayloadError):  # a rejected event: a refusal too
                parse_payload(event.type, event.payload)
        return body

    return call


def _backend_targets() -> list[Target]:
    import json

    from pydantic import ValidationError

    from kiosk.backend.fleet.schemas import Heartbeat
    from kiosk.backend.schemas import CaseLookup, EventBatch

    now = "2026-03-02T09:30:00+01:00"
    batch = {"events": [{
        "event_id": "6f1c1f4e-8c9e-4a61-9a53-3b7f3b1f0c11", "type": "payment.completed",
        "kiosk_time": now, "seq": 7,
        "payload": {"payment_id": "p-1", "site": "bxl-centre", "kiosk_id": "bxl-centre-01",
                    "method": "card", "amount_cents": 500, "day": "2026-03-02",
                    "completed_at": now}}]}
    beat = {"kiosk_id": "bxl-centre-01", "sent_at": now, "interval_s": 30,
            "software_version": "0.1.0", "config_version": "0123456789abcdef",
            "uptime_s": 1.5, "disk_free_bytes": 1 << 30}
    allowed = (BodyRefusedError, ValidationError)
    return [
        Target("backend_events", _backend_body(EventBatch), allowed, max_len=16384,
               seeds=(json.dumps(batch).encode(),)),
        Target("backend_heartbeat", _backend_body(Heartbeat), allowed, max_len=8192,
               seeds=(json.dumps(beat).encode(),)),
        Target("backend_lookup", _backend_body(CaseLookup), allowed,
               seeds=(b'{"national_number": "85073003361"}',)),
    ]


def all_targets() -> dict[str, Target]:
    targets = [
        *_eid_targets(),
        *_zvt_targets(),
        *_essp_targets(),
        *_config_targets(),
        *_sip2_targets(),
        *_backend_targets(),
    ]
    return {t.name: t for t in targets}
