"""CUPS's ``ippeveprinter`` (Debian ``cups-ipp-utils``) as the A4 printer of the tests and
the demo: a real, third-party IPP Everywhere server that keeps what it receives.

    with IppEvePrinter(directory) as printer:    # printer.uri: ipp://127.0.0.1:PORT/ipp/print
        printer.report("+media-empty")           # reported after the next job
        ...                                      # printer.received(): the PDFs it got

ippeveprinter runs a command for each job; ours writes the ``STATE:`` lines the test
asked for to stderr — ippeveprinter's own way for a print command to set
``printer-state-reasons`` — and can take a while (``delay``) like real paper does.
With ``-n localhost`` it listens on the loopback addresses only. ippeveprinter 2.4 refuses
to start without D-Bus (it links Avahi for DNS-SD even with
``-r off``): it gets a private ``dbus-daemon`` of its own, never the system bus.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

from drivers.errors import DeviceTimeoutError, DeviceUnavailableError

IPPEVEPRINTER = "ippeveprinter"
DBUS_DAEMON = "dbus-daemon"
_COMMAND = """#!/bin/sh
# Run by ippeveprinter for each job ($1 is the document): report the states asked for.
control="{control}"
if [ -f "$control/state" ]; then cat "$control/state" >&2; rm -f "$control/state"; fi
if [ -f "$control/delay" ]; then sleep "$(cat "$control/delay")"; fi
if [ -f "$control/fail" ]; then rm -f "$control/fail"; exit 1; fi
exit 0
"""


def _die_with_parent() -> None:
    """In the child: SIGTERM when our process dies (PR_SET_PDEATHSIG), so a demo or a test
    killed by a timeout leaves no printer or bus behind."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


def missing_tools() -> list[str]:
    """The programs this needs that are not installed (empty: it can run)."""
    return [tool for tool in (IPPEVEPRINTER, DBUS_DAEMON) if shutil.which(tool) is None]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class IppEvePrinter:
    """Start ippeveprinter on 127.0.0.1 on enter; stop it (and its D-Bus) on exit."""

    def __init__(self, directory: Path | None = None, *, name: str = "Kiosk A4",
                 start_timeout_s: float = 30.0, formats: tuple[str, ...] = ("application/pdf",),
                 tls_dir: Path | None = None) -> None:
        """``formats``: the document formats it accepts (``image/pwg-raster`` alone is a
        printer that takes no PDF). ``tls_dir``: a folder holding ``localhost.crt`` and
        ``localhost.key`` — it then speaks IPP over TLS (``ipps://``) with them."""
        self._requested = directory
        self._name = name
        self._formats = formats
        self._tls_dir = tls_dir
        self._start_timeout_s = start_timeout_s
        self.directory = Path()
        self.port = 0
        self._processes: list[subprocess.Popen[bytes]] = []

    @property
    def uri(self) -> str:
        scheme = "ipps" if self._tls_dir is not None else "ipp"
        return f"{scheme}://127.0.0.1:{self.port}/ipp/print"

    @property
    def spool(self) -> Path:
        return self.directory / "spool"

    def report(self, *changes: str) -> None:
        """Printer state reasons to set after the next job: ``+media-empty``, ``-media-empty``."""
        (self.directory / "control" / "state").write_text(
            "".join(f"STATE: {change}\n" for change in changes))

    def fail_next_job(self) -> None:
        """The next job ends ``aborted`` (its print command fails), as a printer that
        jams mid-page does."""
        (self.directory / "control" / "fail").write_text("1\n")

    def delay_jobs(self, seconds: float) -> None:
        """Each following job takes this long to "print" (0: at once)."""
        delay = self.directory / "control" / "delay"
        if seconds > 0:
            delay.write_text(f"{seconds:g}\n")
        else:
            delay.unlink(missing_ok=True)

    def received(self, suffix: str = "pdf") -> list[Path]:
        """The files the printer was sent (PDF, or ``pwg`` for PWG raster), oldest first."""
        def job_number(path: Path) -> int:
            head = path.name.split("-", 1)[0]
            return int(head) if head.isdigit() else 0
        return sorted(self.spool.glob(f"*.{suffix}"), key=job_number)

    def __enter__(self) -> IppEvePrinter:
        missing = missing_tools()
        if missing:
            raise DeviceUnavailableError(
                f"cannot start the IPP printer: {', '.join(missing)} not installed "
                "(Debian cups-ipp-utils, dbus-daemon)")
        self.directory = Path(self._requested or tempfile.mkdtemp(prefix="ippeve-"))
        for sub in ("spool", "control"):
            (self.directory / sub).mkdir(parents=True, exist_ok=True)
        command = self.directory / "control" / "print-command"
        command.write_text(_COMMAND.format(control=self.directory / "control"))
        command.chmod(0o755)
        try:
            bus = self._start_dbus()
            self.port = _free_port()
            log = (self.directory / "ippeveprinter.log").open("wb")
            # -K: the TLS key folder; ippeveprinter then also answers TLS on its port.
            tls = ["-K", str(self._tls_dir)] if self._tls_dir is not None else []
            self._processes.append(subprocess.Popen(
                [IPPEVEPRINTER, "-p", str(self.port), "-r", "off", "-k", "-n", "localhost",
                 *tls, "-f", ",".join(self._formats), "-d", str(self.spool),
                 "-c", str(command), "-m", "A4 document printer", self._name],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env={**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": bus},
                preexec_fn=_die_with_parent))
            log.close()
            self._wait_listening()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_dbus(self) -> str:
        address = f"unix:path={self.directory / 'dbus.sock'}"
        bus = subprocess.Popen(
            [DBUS_DAEMON, "--session", "--nofork", "--nopidfile", f"--address={address}",
             "--print-address"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        self._processes.append(bus)
        # It prints its address once it listens: wait for that line, bounded.
        ready = threading.Event()
        line: list[bytes] = []

        def read() -> None:
            assert bus.stdout is not None
            line.append(bus.stdout.readline())
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(self._start_timeout_s) or not line[0]:
            raise DeviceTimeoutError("the IPP printer's private dbus-daemon did not start")
        return address

    def _wait_listening(self) -> None:
        printer = self._processes[-1]
        deadline = threading.Event()
        timer = threading.Timer(self._start_timeout_s, deadline.set)
        timer.start()
        try:
            while not deadline.is_set():
                if printer.poll() is not None:
                    log = (self.directory / "ippeveprinter.log").read_text(errors="replace")
                    raise DeviceUnavailableError(f"ippeveprinter exited: {log.strip()}")
                try:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                        return
                except OSError:
                    deadline.wait(0.05)
            raise DeviceTimeoutError(f"ippeveprinter did not listen on port {self.port}")
        finally:
            timer.cancel()

    def stop(self) -> None:
        """Stop ippeveprinter and its D-Bus (idempotent): the printer vanishes."""
        while self._processes:
            process = self._processes.pop()
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()

    def __exit__(self, *exc: object) -> None:
        self.stop()
