"""Child process for the crash test: replays, and is SIGKILLed right after the library
system answered the Nth checkout (before the kiosk could commit that it did).

Usage: python replay_child.py DB_PATH PORT N
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from drivers.sip2 import Sip2Client
from kiosk.library.offline import OfflineStore
from kiosk.library.replay import Replayer
from kiosk.store.database import Store
from tests.library.conftest import sip2_settings


class DyingClient(Sip2Client):
    def __init__(self, *args, die_after: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._left = die_after

    def checkout(self, *args, **kwargs):
        answer = super().checkout(*args, **kwargs)
        self._left -= 1
        if self._left == 0:
            sys.stdout.write("KILLED\n")
            sys.stdout.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return answer


def main() -> None:
    db_path, port, n = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    store = Store(db_path)
    client = DyingClient(sip2_settings(port), die_after=n)
    Replayer(client, OfflineStore(store)).run()
    sys.stdout.write("DONE\n")


if __name__ == "__main__":
    main()
