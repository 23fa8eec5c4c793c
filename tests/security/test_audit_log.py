"""The audit log: an append-only hash chain in the store and as JSON Lines.

Tampering is done the way an attacker holding the files would: raw sqlite3 on the
database (dropping the triggers first) and plain text edits on the export."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.audit.chain import (
    DELETED,
    EDITED,
    GENESIS_HASH,
    INSERTED,
    REORDERED,
    AuditDataError,
    entry_hash,
    make_entry,
    verify_chain,
)
from kiosk.audit.export import read_jsonl
from kiosk.audit.log import AuditLog
from kiosk.cli import main


class Clock:
    def __init__(self) -> None:
        self.t = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


@pytest.fixture
def audit(store) -> AuditLog:
    return AuditLog(store, Clock())


def fill(audit: AuditLog, n: int = 5) -> None:
    for i in range(n):
        audit.record("payment.intent", "kiosk:k1", {"payment_id": f"p{i}", "amount_cents": 300})


def raw(store) -> sqlite3.Connection:
    """What someone with the file can do: plain sqlite3, triggers dropped."""
    db = sqlite3.connect(store.path, isolation_level=None)
    for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_chain"):
        db.execute(f"DROP TRIGGER {name}")
    return db


def test_entries_chain_from_genesis_and_verify(audit):
    fill(audit, 3)
    entries = list(audit.entries())
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == GENESIS_HASH
    assert entries[1].prev_hash == entries[0].hash
    first = entries[0]
    assert first.hash == entry_hash(
        1,
        first.time,
        "payment.intent",
        "kiosk:k1",
        {"payment_id": "p0", "amount_cents": 300},
        GENESIS_HASH,
    )
    report = audit.verify()
    assert report.ok and report.count == 3
    anchor = audit.latest_anchor()
    assert (anchor.seq, anchor.hash) == (3, entries[2].hash) == (report.last.seq, report.last.hash)
    assert audit.verify(anchor=entries[1].hash).ok


def test_an_empty_log_verifies_and_has_no_anchor(audit):
    assert audit.verify().ok and audit.latest_anchor() is None


def test_triggers_refuse_update_delete_and_a_forged_insert(audit, store):
    fill(audit, 2)
    db = sqlite3.connect(store.path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only: UPDATE refused"):
            db.execute("UPDATE audit_log SET actor = 'x' WHERE seq = 1")
        with pytest.raises(sqlite3.DatabaseError, match="append-only: DELETE refused"):
            db.execute("DELETE FROM audit_log WHERE seq = 2")
        forged = make_entry(3, "t", "k", "a", {}, "f" * 64)
        with pytest.raises(sqlite3.DatabaseError, match="must extend the chain"):
            db.execute(
                "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?)",
                (3, forged.time, forged.kind, forged.actor, "{}", forged.prev_hash, forged.hash),
            )
    finally:
        db.close()
    assert audit.verify().ok


def test_verify_finds_an_edited_row_in_the_store(audit, store):
    fill(audit)
    db = raw(store)
    db.execute("""UPDATE audit_log SET details = '{"amount_cents":3,"payment_id":"p2"}'
                  WHERE seq = 3""")
    db.close()
    report = audit.verify()
    assert (report.problem.kind, report.problem.seq) == (EDITED, 3)
    assert report.last.seq == 2  # the last entry that still holds


def test_verify_finds_a_deleted_row_in_the_store(audit, store):
    fill(audit)
    db = raw(store)
    db.execute("DELETE FROM audit_log WHERE seq = 2")
    db.close()
    problem = audit.verify().problem
    assert (problem.kind, problem.seq) == (DELETED, 2)
    assert "entry 2 was deleted" in problem.message


def test_verify_finds_a_rewritten_and_rehashed_row(audit, store):
    """Editing an entry and recomputing its hash breaks the link to the next one."""
    fill(audit)
    entries = list(audit.entries())
    old = entries[1]
    new = make_entry(2, old.time, old.kind, old.actor, {"amount_cents": 1}, old.prev_hash)
    db = raw(store)
    db.execute(
        "UPDATE audit_log SET details = ?, hash = ? WHERE seq = 2",
        (json.dumps(new.details), new.hash),
    )
    db.close()
    problem = audit.verify().problem
    assert (problem.kind, problem.seq) == (EDITED, 2)
    assert "entry 3 does not chain to entry 2" in problem.message


def test_concurrent_writers_keep_one_chain(audit):
    threads = [threading.Thread(target=fill, args=(audit, 20)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    report = audit.verify()
    assert report.ok and report.count == 60


def test_details_must_be_plain_json(audit):
    with pytest.raises(AuditDataError, match="not plain JSON"):
        audit.record("x.y", "cli", {"when": datetime.now(UTC)})
    with pytest.raises(AuditDataError, match="not plain JSON"):
        audit.record("x.y", "cli", {"ratio": float("nan")})
    with pytest.raises(ValueError, match="kind and an actor"):
        audit.record("", "cli", {})


def test_personal_data_never_reaches_the_log(audit):
    entry = audit.record(
        "technician.login",
        "technician:t7",
        {
            "masked_pan": "6703 XXXX XXXX XXX1 234",
            "pan": "5413330089010434",
            "national_number": "85073003361",
            "name": "Alice",
            "nested": {"surname": "Dupont"},
            "reason": "card 5413 3300 8901 0434 of 85.07.30-033.61 refused",
            "rrn_as_int": 85073003361,
            "payment_id": "12345678-1234-1234-1234-123456789012",
            "amount_cents": 300,
        },
    )
    d = entry.details
    assert d["masked_pan"] == "****1234" and d["pan"] == "****0434"
    assert d["national_number"] == d["name"] == d["nested"]["surname"] == "[removed]"
    assert d["reason"] == "card ****0434 of [national number] refused"
    assert d["rrn_as_int"] == "[removed]"
    assert d["payment_id"] == "12345678-1234-1234-1234-123456789012"  # ours, kept as is
    assert d["amount_cents"] == 300
    text = json.dumps(d)
    for secret in ("5413330089010434", "85073003361", "Alice", "Dupont", "033.61"):
        assert secret not in text


# --- JSONL export and `kiosk audit verify` ---------------------------------------------


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[store]\npath = "{tmp_path / "kiosk.db"}"\n')
    return path


@pytest.fixture
def exported(tmp_path, config, capsys):
    """A store with five entries and its export; returns the export's lines."""
    from kiosk.store.database import Store

    store = Store(tmp_path / "kiosk.db")
    try:
        fill(AuditLog(store, Clock()))
    finally:
        store.close()
    out = tmp_path / "audit.jsonl"
    assert main(["audit", "--config", str(config), "export", "--out", str(out)]) == 0
    capsys.readouterr()
    return out


def verify_file(path, capsys, *extra):
    code = main(["audit", "verify", "--file", str(path), "--json", *extra])
    return code, json.loads(capsys.readouterr().out)


def test_the_cli_exports_and_verifies(exported, config, capsys):
    lines = exported.read_text().splitlines()
    assert len(lines) == 5 and json.loads(lines[0])["seq"] == 1
    assert [e.seq for e in read_jsonl(exported)] == [1, 2, 3, 4, 5]
    code, report = verify_file(exported, capsys)
    assert (code, report["ok"], report["entries"]) == (0, True, 5)
    assert main(["audit", "verify", "--config", str(config)]) == 0
    assert "OK, 5 entries" in capsys.readouterr().out
    assert main(["audit", "anchor", "--config", str(config)]) == 0
    assert json.loads(capsys.readouterr().out)["hash"] == json.loads(lines[4])["hash"]
    assert main(["audit", "export", "--config", str(config)]) == 0
    assert capsys.readouterr().out.splitlines() == lines


def _rewrite(path, lines):
    path.write_text("".join(line + "\n" for line in lines))


@pytest.mark.parametrize(
    ("tamper", "kind", "seq"),
    [
        ("edit", EDITED, 3),
        ("delete", DELETED, 3),
        ("insert", INSERTED, 3),
        ("reorder", REORDERED, 4),
        ("rehash", EDITED, 3),
    ],
)
def test_every_kind_of_tampering_in_the_export_is_caught(exported, capsys, tamper, kind, seq):
    lines = exported.read_text().splitlines()
    entries = [json.loads(line) for line in lines]
    if tamper == "edit":
        lines[2] = lines[2].replace('"amount_cents":300', '"amount_cents":30')
    elif tamper == "delete":
        del lines[2]
    elif tamper == "insert":  # a forged entry chained properly to entry 2
        forged = make_entry(
            3,
            entries[2]["time"],
            "payment.intent",
            "kiosk:k1",
            {"amount_cents": 1},
            entries[1]["hash"],
        )
        lines.insert(2, json.dumps(forged.as_dict()))
    elif tamper == "reorder":
        lines[2], lines[3] = lines[3], lines[2]
    elif tamper == "rehash":  # edit entry 3 and recompute its own hash
        e = entries[2]
        forged = make_entry(
            3, e["time"], e["kind"], e["actor"], {"amount_cents": 1}, e["prev_hash"]
        )
        lines[2] = json.dumps(forged.as_dict())
    _rewrite(exported, lines)
    code, report = verify_file(exported, capsys)
    assert code == 1 and not report["ok"]
    assert (report["problem"]["kind"], report["problem"]["seq"]) == (kind, seq), report


def test_a_cut_off_end_is_caught_with_the_anchor(exported, capsys):
    lines = exported.read_text().splitlines()
    anchor = json.loads(lines[-1])["hash"]
    _rewrite(exported, lines[:-1])
    assert verify_file(exported, capsys)[0] == 0  # without an anchor nothing shows
    code, report = verify_file(exported, capsys, "--anchor", anchor)
    assert (code, report["problem"]["kind"]) == (1, "anchor_missing")


def test_a_malformed_export_line_is_named(exported, capsys):
    lines = exported.read_text().splitlines()
    lines[1] = lines[1][:-5]
    _rewrite(exported, lines)
    code, report = verify_file(exported, capsys)
    assert code == 1 and report["problem"]["kind"] == "malformed"
    assert "audit.jsonl:2: not JSON" in report["problem"]["message"]
    _rewrite(exported, ['{"seq": 1}'])
    code, report = verify_file(exported, capsys)
    assert "fields missing" in report["problem"]["message"]
    assert main(["audit", "verify", "--file", str(exported.parent / "nope.jsonl")]) == 2


def test_the_human_report_names_the_problem(exported, capsys):
    lines = exported.read_text().splitlines()
    del lines[1]
    _rewrite(exported, lines)
    assert main(["audit", "verify", "--file", str(exported)]) == 1
    assert "TAMPERED (deleted): entry 2 was deleted" in capsys.readouterr().out


def test_verify_chain_reports_the_first_problem_only():
    entries, prev = [], GENESIS_HASH
    for seq in range(1, 5):
        entry = make_entry(seq, "t", "k", "a", {"n": seq}, prev)
        entries.append(entry)
        prev = entry.hash
    broken = [entries[0], entries[2], entries[1], entries[3]]
    assert verify_chain(broken).problem.kind == REORDERED
    assert verify_chain(entries[1:]).problem.kind == DELETED
