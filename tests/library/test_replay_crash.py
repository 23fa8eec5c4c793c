"""A replay killed mid-way (SIGKILL, a real child process) and restarted sends nothing
twice and drops nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from drivers.sip2 import Sip2Client
from kiosk.backend.library.seed import item_barcode
from kiosk.library.offline import CHECKIN, CHECKOUT
from kiosk.library.replay import Replayer
from tests.library.conftest import SOPHIE, sip2_settings

CHILD = Path(__file__).with_name("replay_child.py")
ROOT = Path(__file__).parents[2]


def test_killed_mid_replay_then_restarted(acs, library, offline, store):
    for n in (1, 2, 3):
        offline.record(
            CHECKOUT, item_barcode(n), patron_identifier=SOPHIE, patron_key="k", due=None
        )
    offline.record(CHECKIN, item_barcode(10), patron_identifier=None, patron_key=None, due=None)
    sent: Counter[str] = Counter()
    real_checkout = library.checkout

    def counting_checkout(patron, item, **kwargs):
        sent[item] += 1
        return real_checkout(patron, item, **kwargs)

    library.checkout = counting_checkout
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")},
        "PYTHONPATH": str(ROOT),
    }
    child = subprocess.run(
        [sys.executable, str(CHILD), str(store.path), str(acs.port), "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert child.returncode == -9, child.stderr
    assert "KILLED" in child.stdout
    states = [t.state for t in offline.transactions()]
    assert states == ["replayed", "sending", "pending", "pending"]  # 2nd: answered, unknown

    client = Sip2Client(sip2_settings(acs.port))
    try:
        report = Replayer(client, offline).run()
    finally:
        client.close()
    assert (report.verified, report.replayed, report.refused, report.waiting) == (1, 2, 0, 0)
    assert sent == {item_barcode(1): 1, item_barcode(2): 1, item_barcode(3): 1}
    assert sorted(i.barcode for i in library.loans(SOPHIE)) == [
        item_barcode(1),
        item_barcode(2),
        item_barcode(3),
    ]
    assert all(i.renewals == 0 for i in library.loans(SOPHIE))
    assert offline.report() == []
