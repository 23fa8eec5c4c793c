"""The audit log's hash chain: canonical form, hashing and verification.

Pure functions over plain entries, with no database: the store (kiosk/audit/log.py) and
the JSONL export (kiosk/audit/export.py) are checked by the same walk. Each entry's
hash is SHA-256 over the canonical JSON of every other field, ``prev_hash`` included,
so editing, deleting, inserting or reordering an entry breaks the chain where it
happened; only cutting off the newest entries needs an anchor kept elsewhere (the
heartbeat carries :func:`latest_anchor`'s hash, see kiosk/audit/log.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

GENESIS_HASH = "0" * 64  # the prev_hash of the first entry
FIELDS = ("seq", "time", "kind", "actor", "details", "prev_hash", "hash")

# What verify reports as the first problem found.
EDITED, DELETED, INSERTED, REORDERED, MALFORMED, ANCHOR_MISSING = (
    "edited",
    "deleted",
    "inserted",
    "reordered",
    "malformed",
    "anchor_missing",
)


class AuditDataError(ValueError):
    """Details that cannot go into the chain (not JSON, NaN, not a mapping)."""


@dataclass(frozen=True)
class AuditEntry:
    """One link of the chain, exactly as hashed."""

    seq: int
    time: str  # ISO 8601, UTC
    kind: str  # e.g. "payment.intent", "end_of_day", "config.changed", "technician.login"
    actor: str  # who did it: "kiosk:<id>", "technician:<id>", "cli"; never a citizen
    details: dict[str, Any]
    prev_hash: str
    hash: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "time": self.time,
            "kind": self.kind,
            "actor": self.actor,
            "details": self.details,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True)
class AuditAnchor:
    """The newest link: kept outside the kiosk, it proves nothing was cut off the end."""

    seq: int
    hash: str


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text, no NaN: the same bytes for the same value."""
    try:
        return json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
    except (TypeError, ValueError) as exc:
        raise AuditDataError(f"audit details are not plain JSON: {exc}") from None


def entry_hash(
    seq: int, time: str, kind: str, actor: str, details: Mapping[str, Any], prev_hash: str
) -> str:
    """SHA-256 (hex) over the canonical JSON of an entry without its own hash."""
    body = {
        "seq": seq,
        "time": time,
        "kind": kind,
        "actor": actor,
        "details": details,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def make_entry(
    seq: int, time: str, kind: str, actor: str, details: Mapping[str, Any], prev_hash: str
) -> AuditEntry:
    """The next link after ``prev_hash``; details are copied through canonical JSON so
    what is stored is exactly what was hashed."""
    if not isinstance(details, Mapping):
        raise AuditDataError(f"audit details must be a mapping, got {type(details).__name__}")
    plain = json.loads(canonical_json(dict(details)))
    return AuditEntry(
        seq,
        time,
        kind,
        actor,
        plain,
        prev_hash,
        entry_hash(seq, time, kind, actor, plain, prev_hash),
    )


@dataclass(frozen=True)
class Problem:
    """The first place the chain does not hold: ``seq`` of the entry (or line) at fault."""

    kind: str  # one of EDITED, DELETED, INSERTED, REORDERED, MALFORMED, ANCHOR_MISSING
    seq: int | None
    message: str


@dataclass(frozen=True)
class VerifyReport:
    count: int
    last: AuditAnchor | None
    problem: Problem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def entry_from_dict(data: Any, where: str) -> AuditEntry:
    """An entry from its JSON form; raises :class:`AuditDataError` naming ``where``."""
    if not isinstance(data, dict):
        raise AuditDataError(f"{where}: not a JSON object")
    missing = [f for f in FIELDS if f not in data]
    extra = sorted(set(data) - set(FIELDS))
    if missing or extra:
        raise AuditDataError(f"{where}: fields missing {missing}, unexpected {extra}")
    types = {
        "seq": int,
        "time": str,
        "kind": str,
        "actor": str,
        "details": dict,
        "prev_hash": str,
        "hash": str,
    }
    for name, kind in types.items():
        value = data[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise AuditDataError(f"{where}: {name} is not {kind.__name__}")
    return AuditEntry(
        data["seq"],
        data["time"],
        data["kind"],
        data["actor"],
        data["details"],
        data["prev_hash"],
        data["hash"],
    )


def verify_chain(entries: Iterable[AuditEntry], anchor: str | None = None) -> VerifyReport:
    """Walk the chain from the first entry; report the first edited, deleted, inserted
    or reordered entry. With ``anchor`` (a hash kept elsewhere), also report when that
    hash is no longer in the chain: its end was cut off or rewritten."""
    items = list(entries)
    walk = _Walk({e.hash: e.seq for e in items}, {e.seq for e in items})
    previous: AuditEntry | None = None
    anchor_seen = anchor is None
    for entry in items:
        problem = walk.check(entry, previous)
        if problem is not None:
            return VerifyReport(len(items), _anchor(previous), problem)
        walk.seen.add(entry.seq)
        anchor_seen = anchor_seen or entry.hash == anchor
        previous = entry
    if not anchor_seen:
        return VerifyReport(
            len(items),
            _anchor(previous),
            Problem(
                ANCHOR_MISSING,
                previous.seq if previous else None,
                f"the anchor {anchor} is not in the log: entries after the last one "
                f"({previous.seq if previous else 'none'}) were deleted or rewritten",
            ),
        )
    return VerifyReport(len(items), _anchor(previous), None)


def _anchor(entry: AuditEntry | None) -> AuditAnchor | None:
    return AuditAnchor(entry.seq, entry.hash) if entry is not None else None


@dataclass
class _Walk:
    hashes: dict[str, int]  # every hash in the log -> its entry's number
    numbers: set[int]  # every entry number in the log
    seen: set[int] = field(default_factory=set)

    def check(self, entry: AuditEntry, previous: AuditEntry | None) -> Problem | None:
        try:
            recomputed = entry_hash(
                entry.seq, entry.time, entry.kind, entry.actor, entry.details, entry.prev_hash
            )
        except AuditDataError as exc:
            return Problem(MALFORMED, entry.seq, f"entry {entry.seq}: {exc}")
        if recomputed != entry.hash:
            return Problem(
                EDITED,
                entry.seq,
                f"entry {entry.seq} was edited: its content does not match its hash",
            )
        after = f"entry {previous.seq}" if previous is not None else "the start of the log"
        expected_seq = previous.seq + 1 if previous is not None else 1
        expected_prev = previous.hash if previous is not None else GENESIS_HASH
        if entry.seq in self.seen:
            return Problem(
                INSERTED,
                entry.seq,
                f"entry number {entry.seq} appears twice (after {after}): one of them was inserted",
            )
        if entry.seq != expected_seq:
            if expected_seq in self.numbers or entry.seq < expected_seq:
                return Problem(
                    REORDERED,
                    entry.seq,
                    f"entry {entry.seq} is out of order: it comes after {after}",
                )
            gone = (
                f"entry {expected_seq} was"
                if entry.seq - 1 == expected_seq
                else f"entries {expected_seq} to {entry.seq - 1} were"
            )
            return Problem(
                DELETED,
                expected_seq,
                f"{gone} deleted (entry {entry.seq} comes after {after})",
            )
        if entry.prev_hash != expected_prev:
            if entry.prev_hash in self.hashes:
                return Problem(
                    REORDERED,
                    entry.seq,
                    f"entry {entry.seq} is out of order: "
                    f"it chains to entry {self.hashes[entry.prev_hash]}, not to "
                    f"{after}",
                )
            if previous is None:
                return Problem(
                    INSERTED,
                    entry.seq,
                    f"entry {entry.seq} does not chain to the start of the log: it was forged",
                )
            return Problem(
                EDITED,
                previous.seq,
                f"entry {entry.seq} does not chain to "
                f"{after}: entry {previous.seq} was rewritten (content and hash) "
                f"or replaced",
            )
        return None
