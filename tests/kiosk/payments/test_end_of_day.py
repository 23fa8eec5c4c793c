"""End of day: journal totals against the terminal's batch and the cash levels."""

from __future__ import annotations

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.cli import main

from .conftest import SITE


def test_totals_agree_with_the_terminal_and_the_levels(payments, deliver, cash):
    payments.end_of_day()  # opens the books: levels known from here on
    assert payments.card.pay(300, language="fr", deliver=deliver).ok
    assert payments.card.pay(300, language="fr", deliver=lambda s, f: 1 / 0).status == "failed"
    cash.queue += [1000]
    assert payments.cash.pay(300, language="fr", deliver=deliver).ok
    report = payments.end_of_day()
    assert report.ok, report.differences
    assert (report.kiosk_id, report.card_count, report.card_cents) == (SITE.kiosk_id, 1, 300)
    assert report.terminal_total_cents == 300
    assert (report.cash_count, report.cash_cents, report.cash_in_cents,
            report.cash_out_cents) == (1, 300, 1000, 700)
    again = payments.end_of_day()
    assert (again.card_cents, again.cash_in_cents, again.ok) == (0, 0, True)


def test_differences_are_flagged(payments, deliver, terminal, cash):
    payments.end_of_day()
    terminal.authorise(500)  # a payment the kiosk never journaled
    cash.insert(500)  # cash that arrived outside any payment
    cash.enable(frozenset({500}))
    cash.insert(500)
    report = payments.end_of_day()
    assert not report.ok
    assert any("terminal's batch is 500" in d for d in report.differences)
    assert any("cash levels hold" in d for d in report.differences)


def test_the_cli_prints_the_report_as_json(tmp_path, capsys):
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[store]\npath = "{tmp_path / "k.db"}"\n'
                      '[devices]\ncard_terminal = "sim://payment"\ncash = "sim://cash"\n')
    assert main(["payments", "--config", str(config), "end-of-day", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["terminal_total_cents"] == 0
    assert main(["payments", "unfinished", "--config", str(config)]) == 0
    capsys.readouterr()
    # In words for staff: since the last end of day, in Brussels time (not a UTC stamp).
    main(["payments", "--config", str(config), "end-of-day"])
    [first, *_] = capsys.readouterr().out.splitlines()
    shown = re.fullmatch(rf"kiosk {report['kiosk_id']}, since (.{{19}}) (CET|CEST)", first)
    assert shown, first
    # the first end of day's mark (a few ms after its "until"), as a Brussels clock shows it
    until = datetime.fromisoformat(report["until"]).astimezone(ZoneInfo("Europe/Brussels"))
    mark = datetime.strptime(shown[1], "%Y-%m-%d %H:%M:%S").replace(tzinfo=until.tzinfo)
    assert abs((mark - until.replace(microsecond=0)).total_seconds()) <= 2
