"""Offline: the library system is switched off, borrowing and returns go on under the
limits, committed locally; switched on again, the replay matches and refusals are
reported to staff."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.backend.library.seed import item_barcode
from kiosk.library.service import LibraryRefusedError
from tests.library.conftest import LUCAS, SOPHIE


def test_offline_day_then_replay(librarian, acs, library, tmp_path, store):
    librarian.identify_card(SOPHIE, "fr").end()  # seen online: may borrow offline later
    acs.stop()

    session = librarian.identify_card(SOPHIE, "fr")
    assert not session.online and session.patron.offline
    assert session.account().offline
    borrowed = [session.checkout(item_barcode(n)) for n in (1, 2, 11)]
    assert all(r.ok and r.offline and r.due is not None for r in borrowed)
    over = session.checkout(item_barcode(3))
    assert not over.ok and over.reason_key == "library.offline.item_limit"
    returned = session.checkin(item_barcode(10))
    assert returned.ok and returned.offline
    assert session.renew(item_barcode(1)).reason_key == "library.offline.no_renewal"
    assert session.pay_fines().reason_key == "library.offline.no_payment"
    slip = "\n".join(getattr(b, "text", "") for b in session.slip().blocks)
    assert "provisoires" in slip
    session.end()
    with pytest.raises(LibraryRefusedError) as caught:
        librarian.identify_card(LUCAS, "fr")  # never seen: no offline service
    assert caught.value.reason_key == "library.offline.unknown_patron"
    assert library.loans(SOPHIE)[0].barcode == item_barcode(10)  # nothing reached it yet

    acs.start()
    report = librarian.replay()
    assert (report.replayed, report.refused, report.waiting) == (3, 1, 0)
    assert sorted(i.barcode for i in library.loans(SOPHIE)) == [item_barcode(1), item_barcode(2)]
    assert library.items[item_barcode(11)].patron == LUCAS  # the refused one
    [entry] = librarian.offline.report()
    assert entry.kind == "checkout_refused" and entry.item_id == item_barcode(11)
    assert entry.reason == "This item is on loan to another reader"
    txns = librarian.offline.transactions()
    assert [t.kind for t in txns] == ["checkout", "checkout", "checkout", "checkin"]
    assert [t.patron_identifier for t in txns if t.state == "replayed"] == [None] * 3
    assert librarian.replay().replayed == 0  # idempotent: nothing sent twice

    # The staff report from the command line, as library staff would read it.
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[store]\npath = "{store.path}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "library", "report", "--config", str(config), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    [line] = json.loads(done.stdout)
    assert line["card"] == "••••0101" and line["item"] == item_barcode(11)
    assert SOPHIE not in done.stdout


def test_identify_replays_waiting_transactions_first(librarian, acs, library):
    librarian.identify_card(SOPHIE, "fr").end()
    acs.stop()
    librarian.identify_card(SOPHIE, "fr").checkin(item_barcode(10))
    acs.start()
    session = librarian.identify_card(SOPHIE, "fr")
    assert session.online
    assert library.loans(SOPHIE) == []
    assert librarian.offline.count_waiting() == 0


def test_library_system_going_silent_mid_session(librarian, acs, library):
    session = librarian.identify_card(SOPHIE, "fr")
    assert session.checkout(item_barcode(1)).ok
    acs.faults.set.inject("silent")
    second = session.checkout(item_barcode(2))
    assert second.ok and second.offline and not session.online
    acs.faults.set.clear()
    assert librarian.replay().replayed == 1
    assert library.items[item_barcode(2)].patron == SOPHIE


def test_offline_limits_total(librarian, acs, limits):
    librarian.identify_card(SOPHIE, "fr").end()
    acs.stop()
    session = librarian.identify_card(SOPHIE, "fr")
    for n in range(limits.max_transactions):
        assert session.checkin(f"X{n:05d}").ok
    assert session.checkin("X99999").reason_key == "library.offline.full"
    assert session.checkin("X00001").ok  # the same return scanned twice is one return
    assert librarian.offline.count_waiting() == limits.max_transactions


def test_command_line_module_is_registered():
    from kiosk.cli import COMMANDS_GROUP, build_parser, registrars

    assert "library" in dict(registrars(COMMANDS_GROUP))
    args = build_parser().parse_args(["library", "report", "--json"])
    assert args.handler.__name__ == "report_command"


def test_store_path_is_a_real_file(store):
    assert Path(store.path).exists()


def test_the_staff_report_gives_brussels_time(store, tmp_path, capsys, monkeypatch):
    from datetime import UTC, datetime

    from kiosk.cli import build_parser
    from kiosk.library.offline import OfflineStore

    # 01:30 UTC on 25 October 2026: 02:30 in Brussels, the second time round (CET).
    at = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    OfflineStore(store, lambda: at).report_problem(
        source_id="t-1", kind="checkout_refused", patron_identifier=SOPHIE, reason="on loan",
        item_id=item_barcode(11))
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[store]\npath = "{store.path}"\n')
    for name in [k for k in os.environ if k.startswith("KIOSK_")]:
        monkeypatch.delenv(name)
    args = build_parser().parse_args(["library", "report", "--config", str(config)])
    assert args.handler(args) == 0
    line = capsys.readouterr().out
    assert "2026-10-25 02:30  checkout_refused" in line and SOPHIE not in line


def test_an_offline_loan_just_after_midnight_in_brussels_is_that_days_loan(
        client, store, library, acs):
    from datetime import UTC, date, datetime, timedelta

    from kiosk.library.offline import CHECKOUT, OfflineStore
    from kiosk.library.replay import Replayer

    # 23:30 UTC on 6 December is 00:30 on the 7th in Brussels: the library system must
    # count the loan from the 7th, whatever zone the kiosk's machine is set to.
    offline = OfflineStore(store, lambda: datetime(2026, 12, 6, 23, 30, tzinfo=UTC))
    offline.record(CHECKOUT, item_barcode(1), patron_identifier=SOPHIE, patron_key="k" * 32,
                   due=None)
    assert Replayer(client, offline).run().replayed == 1
    loan = library.items[item_barcode(1)]
    assert loan.patron == SOPHIE
    assert loan.due == date(2026, 12, 7) + timedelta(days=library.rules.loan_days)


def test_a_replayed_offline_loan_keeps_the_due_date_its_slip_gave(client, store, library, acs):
    """SIP2's no-block "nb due date" is the due date of a loan made offline; the replay
    sent the moment of the loan there, and a library system that honours it (as the
    embedded one now does) made the loan due — overdue — at once."""
    from datetime import UTC, date, datetime

    from kiosk.library.offline import CHECKOUT, OfflineStore
    from kiosk.library.replay import Replayer

    offline = OfflineStore(store, lambda: datetime(2026, 12, 8, 10, 0, tzinfo=UTC))
    offline.record(CHECKOUT, item_barcode(1), patron_identifier=SOPHIE, patron_key="k" * 32,
                   due=date(2026, 12, 29))
    assert Replayer(client, offline).run().replayed == 1
    assert library.items[item_barcode(1)].due == date(2026, 12, 29)


def test_sip2_dates_are_the_librarys_wall_clock_whatever_the_machines_zone():
    """SIP2 sends local time with a blank zone: the kiosk's client is built on the
    library's clock ([library.schedule] timezone), not the machine's (UTC here)."""
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from kiosk.config.schema import LibrarySection
    from kiosk.library.settings import library_clock

    clock = library_clock(LibrarySection())
    brussels = datetime.now(UTC).astimezone(ZoneInfo("Europe/Brussels")).replace(tzinfo=None)
    assert clock().tzinfo is None
    assert abs(clock() - brussels) < timedelta(seconds=5)
