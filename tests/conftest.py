"""Shared test set-up: Qt offscreen with the software renderer, temp stores, registries."""

from __future__ import annotations

import os

# Before anything imports Qt: no display, no GPU, on every machine and in CI.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"
for _name in [n for n in os.environ if n.startswith("KIOSK_")]:
    del os.environ[_name]  # a developer's own KIOSK_* settings must not leak into tests
# Data minimisation strict in the whole run, kiosk subprocesses included: a payload field
# a service does not declare fails the test instead of being dropped (kiosk/store/minimise).
os.environ["KIOSK_STORE_STRICT_MINIMISATION"] = "true"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from drivers.registry import DeviceRegistry, default_registry  # noqa: E402
from kiosk.store.database import Store  # noqa: E402


@pytest.fixture
def registry() -> DeviceRegistry:
    return default_registry()


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "kiosk.db")
    yield s
    s.close()


# -- log scan: no demo citizen's data in clear in any log line of the whole run --------
# An autouse handler on the root logger keeps every distinct formatted line of the run;
# at the end the lines are scanned for the demo citizens' national numbers, names, card
# numbers and streets (kiosk.privacy.PersonalDataScanner), and the run fails listing the
# loggers and a masked excerpt. Subprocesses' logs: see _LOG_CAPTURE below.
import logging  # noqa: E402


class _LogLineRecorder(logging.Handler):
    MAX_LINES = 500_000  # distinct lines; a bound so a chatty run cannot exhaust memory

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: dict[str, str] = {}  # line -> logger name

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:  # a broken record is the logging tests' business, not ours
            return
        if len(self.lines) < self.MAX_LINES:
            self.lines.setdefault(line, record.name)


def demo_citizen_needles() -> list:
    """What must never be logged in clear: every demo citizen's identifying values."""
    from kiosk.backend.demo_citizens import DEMO_CITIZENS
    from kiosk.privacy import Needle

    needles = []
    for citizen in DEMO_CITIZENS:
        who, identity = citizen.key, citizen.identity
        needles += [Needle("national number", who, identity.national_number),
                    Needle("card number", who, identity.card_number),
                    Needle("surname", who, identity.surname),
                    Needle("first names", who, identity.first_names),
                    Needle("street", who, citizen.address.street)]
        # Single first names too, but not the short ones ("Jan" is also a month).
        needles += [Needle("first name", who, name)
                    for name in identity.first_names.split() if len(name) >= 4]
    return needles


_LOG_RECORDER = _LogLineRecorder()
_LOG_SCAN_FINDINGS: list[str] = []
# Subprocesses the tests start (`kiosk backend serve`, `kiosk sync run`, the UI…) log
# through kiosk/cli.py, which also writes their lines into this run's capture directory
# (kiosk.privacy.LOG_CAPTURE_VARIABLE, inherited through os.environ); scanned at the end.
_LOG_CAPTURE: dict[str, Path] = {}


def _start_log_capture() -> None:
    import tempfile

    from kiosk.privacy import LOG_CAPTURE_VARIABLE

    directory = Path(tempfile.mkdtemp(prefix="kiosk-log-capture-"))
    _LOG_CAPTURE["dir"] = directory
    os.environ[LOG_CAPTURE_VARIABLE] = str(directory)


def _finish_log_capture(scanner) -> None:
    import shutil

    from kiosk.privacy import LOG_CAPTURE_VARIABLE, LogCaptureHandler, scan_log_files

    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, LogCaptureHandler)]:
        root.removeHandler(handler)  # a kiosk command run in-process added it
        handler.close()
    os.environ.pop(LOG_CAPTURE_VARIABLE, None)
    directory = _LOG_CAPTURE.pop("dir", None)
    if directory is None:
        return
    found = [f"{directory}/{line}" for line in scan_log_files(directory, scanner)]
    _LOG_SCAN_FINDINGS.extend(found)
    if not found:  # kept for a look when something leaked
        shutil.rmtree(directory, ignore_errors=True)


def pytest_sessionstart(session: pytest.Session) -> None:
    from kiosk.privacy import install_log_masking

    _start_log_capture()
    # The test process plays the kiosk's HTTP client: mask as every kiosk process does.
    install_log_masking()
    root = logging.getLogger()
    root.addHandler(_LOG_RECORDER)
    # Records below the root's level never reach handlers: DEBUG lines count too.
    _LOG_RECORDER.previous_level = root.level  # type: ignore[attr-defined]
    root.setLevel(logging.DEBUG)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    from kiosk.privacy import PersonalDataScanner

    root = logging.getLogger()
    root.removeHandler(_LOG_RECORDER)
    root.setLevel(getattr(_LOG_RECORDER, "previous_level", logging.WARNING))
    scanner = PersonalDataScanner(demo_citizen_needles())
    seen: set[tuple[str, str, str]] = set()
    for line, logger_name in _LOG_RECORDER.lines.items():
        for finding in scanner.scan(line):
            key = (logger_name, finding.needle.kind, finding.needle.owner)
            if key not in seen:
                seen.add(key)
                _LOG_SCAN_FINDINGS.append(
                    f"{logger_name}: {finding.needle.kind} of demo citizen "
                    f"{finding.needle.owner!r}: …{finding.excerpt}…")
    _finish_log_capture(scanner)
    if _LOG_SCAN_FINDINGS:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:
    if _LOG_SCAN_FINDINGS:
        terminalreporter.section("log scan: personal data in clear in log lines", red=True)
        for finding in _LOG_SCAN_FINDINGS:
            terminalreporter.write_line(finding)


def pytest_configure(config: pytest.Config) -> None:
    # The whole suite emits Qt signals in one process, and imports most of the project
    # after PySide6: see ui/qt_runtime.py.
    import PySide6.QtCore  # noqa: F401  # its source scan is installed with it

    from ui.qt_runtime import keep_true_alive, skip_source_scan

    keep_true_alive()
    skip_source_scan()
