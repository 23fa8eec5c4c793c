"""The whole run's log scan reaches subprocesses (issue #10): a real `python -m kiosk`
process writes its log lines to the capture directory the suite hands down
(kiosk.privacy.LOG_CAPTURE_VARIABLE), after the masking filters, and the suite's scanner
finds a demo citizen's national number there, naming the file and the line. The test
uses its own capture directory: the real session's scan stays clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.backend.demo_citizens import demo_citizen
from kiosk.privacy import (
    LOG_CAPTURE_VARIABLE,
    PersonalDataScanner,
    mask_national_number,
    scan_log_files,
)
from tests.conftest import demo_citizen_needles

REPO = Path(__file__).resolve().parents[2]

# Runs inside the subprocess at interpreter start (sitecustomize); the log calls run at
# exit, after `kiosk` set up its handlers (atexit is last in, first out: before
# logging's own shutdown). One logger no filter masks, one the masking filter covers.
SITECUSTOMIZE = """
import atexit, logging, os

def leak():
    number = os.environ["LEAK_NUMBER"]
    logging.getLogger("test.unmasked").warning("citizen %s looked up", number)
    logging.getLogger("urllib3.connectionpool").warning("GET /citizens/%s 200", number)

atexit.register(leak)
"""


def test_a_subprocess_leak_is_captured_and_found_with_file_and_line(tmp_path) -> None:
    # The suite hands the variable down to every subprocess it starts.
    assert os.environ.get(LOG_CAPTURE_VARIABLE)
    number = demo_citizen("sophie").identity.national_number
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    capture = tmp_path / "capture"
    env = {
        **os.environ,
        LOG_CAPTURE_VARIABLE: str(capture),  # this test's own, not the session's
        "PYTHONPATH": os.pathsep.join([str(site), str(REPO)]),
        "LEAK_NUMBER": number,
    }
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "config", "check", str(tmp_path / "absent.toml")],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr  # the file is absent: a clear refusal
    assert f"citizen {number} looked up" in done.stderr  # what journald would get

    (path,) = capture.glob("*.log")
    assert path.name.startswith("kiosk-config-")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert mask_national_number(number) in lines[-1]  # the masking filter ran first
    assert number not in lines[-1]

    reports = scan_log_files(capture, PersonalDataScanner(demo_citizen_needles()))
    where = f"{path.name}:{len(lines) - 1}: national number of 'sophie'"
    assert [r for r in reports if r.startswith(where)], reports
    assert all(number not in r for r in reports)  # the report masks what it found
    assert not [r for r in reports if r.startswith(f"{path.name}:{len(lines)}:")]


def test_without_the_variable_a_process_writes_no_capture(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k != LOG_CAPTURE_VARIABLE}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "config", "check", str(tmp_path / "absent.toml")],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert list(tmp_path.rglob("*.log")) == []
