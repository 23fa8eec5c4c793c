"""The one self-test (kiosk/selftest.py): device order, skipped kinds, the printer last
with every device's state and Brussels time on its test page, owner-thread access."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from drivers.registry import default_registry
from kiosk.devices import DeviceOwner
from kiosk.i18n import Translator
from kiosk.selftest import DEVICE_KINDS, Limits, OwnedDevices, SelfTestPage, run_device_checks

PAGE = SelfTestPage("laeken-01", "Laeken", "9.9.9", "nl")


class KeptOpen:
    """Simulators opened once and kept, so the test can read what they printed."""

    def __init__(self, uris: dict[str, str]) -> None:
        registry = default_registry()
        self.devices: dict[str, Any] = {k: registry.open(k, u) for k, u in uris.items()}

    def probe(self, kind, probe):
        from kiosk.selftest import Check

        device = self.devices.get(kind)
        if device is None:
            return None
        ok, reason = probe(device)
        return Check(kind, ok, reason)


def test_every_kind_in_order_the_missing_ones_skipped_and_the_page_lists_the_others():
    devices = KeptOpen({"printer": "sim://printer", "cash": "sim://cash"})
    before = datetime.now(ZoneInfo("Europe/Brussels"))
    checks = run_device_checks(devices, PAGE, Limits())
    after = datetime.now(ZoneInfo("Europe/Brussels"))
    assert [c.name for c in checks] == list(DEVICE_KINDS)
    by_name = {c.name: c for c in checks}
    assert by_name["eid_reader"].skipped and by_name["eid_reader"].reason == "not configured"
    assert by_name["cash"].ok and "change available €" in by_name["cash"].reason
    page = devices.devices["printer"].printed[-1]
    assert "laeken-01" in page and "9.9.9" in page
    # The cash unit's state, in the page's language (Dutch), not the command line's English.
    dutch = by_name["cash"].outcome.text(Translator("nl"))
    assert dutch.startswith("online, 5 coupures, wisselgeld beschikbaar €")
    assert " ".join(dutch.split()) in " ".join(page.split()) and "denominations" not in page
    # Brussels time, whatever the machine's own zone (receipts print the same).
    stamps = {moment.strftime("%d/%m/%Y %H:%M") for moment in (before, after)}
    assert any(stamp in page for stamp in stamps), page
    utc = {(m - m.utcoffset()).strftime("%H:%M") for m in (before, after)}
    assert not any(f" {u}" in page for u in utc - {m.strftime("%H:%M") for m in (before, after)})


def test_through_owner_threads_a_device_that_fails_is_its_own_line():
    registry = default_registry()
    owners = {
        "card_terminal": DeviceOwner("card_terminal", registry.open("card_terminal",
                                                                    "sim://payment?fault=offline")),
        "printer": DeviceOwner("printer", registry.open("printer", "sim://printer")),
    }
    try:
        checks = run_device_checks(OwnedDevices(owners, 10), PAGE, Limits())
    finally:
        for owner in owners.values():
            owner.close()
    failed = [c for c in checks if not c.ok]
    assert [c.name for c in failed] == ["card_terminal"]
    assert failed[0].reason.startswith("offline")
    assert {c.name for c in checks if c.skipped} == {"eid_reader", "cash", "camera"}


def test_a_stuck_device_call_times_out_as_a_failed_check():
    import threading

    release = threading.Event()

    class Stuck:
        def status(self):
            release.wait(10)

    owner = DeviceOwner("card_terminal", Stuck())
    try:
        started = datetime.now()
        checks = run_device_checks(OwnedDevices({"card_terminal": owner}, 0.2), PAGE, Limits())
        assert datetime.now() - started < timedelta(seconds=5)
    finally:
        release.set()
        owner.close()
    terminal = next(c for c in checks if c.name == "card_terminal")
    assert not terminal.ok and terminal.reason.startswith("TimeoutError")


def test_every_outcome_the_probes_name_is_in_every_catalog():
    import re
    from pathlib import Path

    import kiosk.selftest

    source = Path(kiosk.selftest.__file__).read_text(encoding="utf-8")
    keys = set(re.findall(r'Outcome\(\s*"([a-z_.]+)"', source))
    keys |= set(re.findall(r'"(selftest\.[a-z_.]+)" if', source))
    assert len(keys) > 25  # the regex really read the probes
    for language in ("fr", "nl", "en"):
        tr = Translator(language)
        missing = [key for key in sorted(keys) if key not in set(tr.keys())]
        assert not missing, f"{language}: {missing}"


def test_an_outcome_in_each_language_and_in_english_for_the_command_line():
    from kiosk.l10n import format_money
    from kiosk.selftest import Check, Outcome, check_clock

    cash = Outcome("selftest.cash.online", {"n": 6, "amount": 125050})
    assert cash.text(Translator("fr")) == (
        f"en ligne, 6 valeurs, monnaie disponible {format_money(125050, 'fr')}")
    assert cash.text(Translator("nl")) == (
        f"online, 6 coupures, wisselgeld beschikbaar {format_money(125050, 'nl')}")
    # The command line keeps its English words (logs and scripts read them).
    assert Check("cash", True, cash).reason == (
        "online, 6 denominations, change available €1,250.50")
    # The technical detail stays as it was said, after the language's own colon.
    jammed = Outcome("selftest.printer.cannot", detail="cover open")
    assert jammed.text(Translator("fr")) == "impossible d'imprimer"
    assert jammed.line(Translator("fr")) == "impossible d'imprimer : cover open"
    assert Check("printer", False, jammed).reason == "cannot print: cover open"
    crash = Check("cash", False, Outcome(detail="TimeoutError: no answer in 20 s"))
    assert crash.reason == "TimeoutError: no answer in 20 s" and crash.outcome.text(
        Translator("nl")) == ""
    late = check_clock("Mon, 07 Dec 2026 06:00:00 GMT",
                       datetime(2026, 12, 7, 6, 2, tzinfo=ZoneInfo("UTC")))
    assert late.reason == "+120 s off the backend (limit 10 s)"
    assert late.outcome.text(Translator("fr")) == (
        "+120 s d'écart avec le serveur central (limite 10 s)")
