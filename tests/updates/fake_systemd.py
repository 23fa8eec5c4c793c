"""The update tests' restart command: starts ``{current}``'s app like systemd would
(``Restart=on-failure``, up to RESTARTS more times), synchronously, then exits 0.

usage: fake_systemd.py CURRENT_LINK STATE_DIR RESTARTS
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def main() -> int:
    current, state_dir, restarts = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    # The releases' venvs hold only the test app; kiosk.updates.health (the markers'
    # API the app calls, like the UI would) comes from this checkout.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(restarts + 1):
        result = subprocess.run(
            [str(current / "venv" / "bin" / "python"), "-m", "kupdtestapp", state_dir],
            env=env,
            timeout=60,
        )
        if result.returncode == 0:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
