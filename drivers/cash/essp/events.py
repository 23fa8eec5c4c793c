"""Poll replies: one table maps each event code to its name and the data it carries."""

from __future__ import annotations

from dataclasses import dataclass

from drivers.cash.essp.frame import EsspProtocolError

# code → (CashEvent kind, payload format, detail). Formats: "" nothing, "channel" 1 byte,
# "values" n × (value u32 LE + currency 3 ASCII), "incomplete" n × (paid u32, asked u32, cur).
EVENTS: dict[int, tuple[str, str, str]] = {
    0xF1: ("reset", "", ""),
    0xEF: ("read", "channel", ""),
    0xEE: ("credit", "channel", ""),
    0xED: ("rejecting", "", ""),
    0xEC: ("rejected", "", ""),
    0xCC: ("stacking", "", ""),
    0xEB: ("stacked", "", ""),
    0xEA: ("jam", "", "unsafe"),
    0xE9: ("jam", "", "safe"),
    0xE8: ("disabled", "", ""),
    0xE7: ("stacker_full", "", ""),
    0xE6: ("fraud", "channel", ""),
    0xE3: ("cashbox_removed", "", ""),
    0xE4: ("cashbox_replaced", "", ""),
    0xE1: ("cleared_from_front", "channel", ""),
    0xE2: ("cleared_to_cashbox", "channel", ""),
    0xB5: ("channels_disabled", "", ""),
    0xB6: ("initialising", "", ""),
    0xDA: ("dispensing", "values", ""),
    0xD2: ("dispensed", "values", ""),
    0xD5: ("payout_jam", "values", ""),
    0xD6: ("halted", "values", ""),
    0xD9: ("payout_timeout", "values", ""),
    0xDC: ("incomplete_payout", "incomplete", ""),
    0xC2: ("emptying", "", ""),
    0xC3: ("emptied", "", ""),
    0xDB: ("stored", "", ""),
    0xC9: ("transferred_to_stacker", "values", ""),
    0xCE: ("held_in_bezel", "values", ""),
}
EVENT_CODES = {kind: code for code, (kind, _, _) in EVENTS.items()}


@dataclass(frozen=True)
class RawEvent:
    code: int
    kind: str
    detail: str = ""
    channel: int = 0
    value: int = 0  # cents (payout events: summed over currencies)
    requested: int = 0


def parse_poll(reply: bytes) -> list[RawEvent]:
    """``F0 events…`` → events; an unknown code or cut payload raises with its offset."""
    if not reply or reply[0] != 0xF0:
        raise EsspProtocolError(f"poll reply does not start with F0: {reply[:1].hex()}")
    events: list[RawEvent] = []
    pos = 1
    while pos < len(reply):
        code = reply[pos]
        entry = EVENTS.get(code)
        if entry is None:
            raise EsspProtocolError(f"poll reply: unknown event {code:02X} at offset {pos}")
        kind, fmt, detail = entry
        pos += 1
        channel = value = requested = 0
        if fmt == "channel":
            _need(reply, pos, 1, kind)
            channel = reply[pos]
            pos += 1
        elif fmt in ("values", "incomplete"):
            _need(reply, pos, 1, kind)
            count = reply[pos]
            pos += 1
            step = 7 if fmt == "values" else 11
            _need(reply, pos, count * step, kind)
            for i in range(count):
                base = pos + i * step
                value += int.from_bytes(reply[base:base + 4], "little")
                if fmt == "incomplete":
                    requested += int.from_bytes(reply[base + 4:base + 8], "little")
            pos += count * step
        events.append(RawEvent(code, kind, detail, channel, value, requested))
    return events


def _need(reply: bytes, pos: int, size: int, kind: str) -> None:
    if pos + size > len(reply):
        raise EsspProtocolError(
            f"poll reply: {kind} event at offset {pos} needs {size} bytes, "
            f"{len(reply) - pos} left")


def encode_event(kind: str, channel: int = 0, value: int = 0, requested: int = 0,
                 currency: str = "EUR") -> bytes:
    """The simulator's side of :func:`parse_poll`."""
    code = EVENT_CODES[kind] if kind != "jam" else 0xE9
    fmt = EVENTS[code][1]
    out = bytes([code])
    if fmt == "channel":
        out += bytes([channel])
    elif fmt == "values":
        out += b"\x01" + value.to_bytes(4, "little") + currency.encode("ascii")
    elif fmt == "incomplete":
        out += (b"\x01" + value.to_bytes(4, "little") + requested.to_bytes(4, "little")
                + currency.encode("ascii"))
    return out
