"""A private PC/SC stack for tests, the benchmark and the demo: pcscd with a vpcd
virtual reader, reachable only through a socket in a directory of our own.

    with PrivatePcscd() as pcsc:             # pcscd + vpcd, no system config touched
        with VpcdCardLink(card, pcsc.connect_card):   # card inserted
            ...                               # clients use pcsc.env / pcsc.socket_path

Clients find it through ``PCSCLITE_CSOCK_NAME`` (libpcsclite reads it ONCE per
process: set it before the first PC/SC call, and reuse the same ``directory``).
pcscd and vpcd run in a network namespace of their own (``unshare``), so vpcd's
listening ports exist only on that namespace's loopback.
"""

from __future__ import annotations

import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from drivers.errors import DeviceTimeoutError, DeviceUnavailableError

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
PCSCD = Path("/usr/sbin/pcscd")
DEFAULT_PORT = 0x8C80
READER_NAME = "Virtual PCD"


class PrivatePcscd:
    """Start a private pcscd on enter; stop it and remove what it created on exit."""

    def __init__(
        self,
        directory: str | os.PathLike[str] | None = None,
        *,
        port: int = DEFAULT_PORT,
        start_timeout: float = 15.0,
    ) -> None:
        self._requested_dir = Path(directory) if directory is not None else None
        self.port = port
        self._start_timeout = start_timeout
        self.directory: Path | None = None
        self._created_dir = False
        self._helper: subprocess.Popen[bytes] | None = None

    @property
    def socket_path(self) -> str:
        return str(self._dir / "pcscd.comm")

    @property
    def env(self) -> dict[str, str]:
        """Environment for a client subprocess (``kiosk device eid read``…)."""
        return {**os.environ, "PCSCLITE_CSOCK_NAME": self.socket_path}

    def reader_name(self, slot: int = 0) -> str:
        return f"{READER_NAME} 00 {slot:02d}"

    @property
    def log_path(self) -> Path:
        return self._dir / "pcscd.log"

    @property
    def _dir(self) -> Path:
        if self.directory is None:
            raise RuntimeError("PrivatePcscd is not started")
        return self.directory

    def start(self) -> None:
        for needed in (VPCD_DRIVER, PCSCD):
            if not needed.exists():
                raise DeviceUnavailableError(
                    f"{needed} is missing: install pcscd and vsmartcard-vpcd"
                )
        socket_activate = shutil.which("systemd-socket-activate")
        unshare = shutil.which("unshare")
        if socket_activate is None or unshare is None:
            raise DeviceUnavailableError("systemd-socket-activate and unshare are required")
        if self._requested_dir is None:
            self.directory = Path(tempfile.mkdtemp(prefix="kiosk-pcscd-"))
            self._created_dir = True
        else:
            self.directory = self._requested_dir
            self.directory.mkdir(parents=True, exist_ok=True)
            for stale in ("pcscd.comm", "cards.sock"):
                (self.directory / stale).unlink(missing_ok=True)
        conf = self.directory / "reader.conf"
        # Server mode (/dev/null:PORT): the card connects to vpcd; see _netns_helper.py.
        conf.write_text(
            f'FRIENDLYNAME "{READER_NAME}"\n'
            f"DEVICENAME /dev/null:0x{self.port:04X}\n"
            f"LIBPATH {VPCD_DRIVER}\n"
            f"CHANNELID 0x{self.port:04X}\n"
        )
        # Root needs only a network namespace; anyone else also needs a user namespace.
        flags = ["-n"] if os.geteuid() == 0 else ["-r", "-n"]
        helper = Path(__file__).with_name("_netns_helper.py")
        self._helper = subprocess.Popen(
            [unshare, *flags, "--", sys.executable, str(helper), str(self.directory),
             str(conf), str(self.port), socket_activate, str(PCSCD)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self) -> None:
        helper = self._helper
        assert helper is not None and helper.stdout is not None
        ready, _, _ = select.select([helper.stdout], [], [], self._start_timeout)
        line = helper.stdout.readline() if ready else b""
        if line.strip() != b"ready":
            helper.kill()
            _, err = helper.communicate(timeout=5)
            raise DeviceTimeoutError(
                "private pcscd did not start: "
                + (err.decode(errors="replace").strip()[-400:] or "no answer")
            )

    def connect_card(self, slot: int = 0, timeout: float = 10.0) -> socket.socket:
        """A TCP socket connected to vpcd's ``slot`` (inside the private namespace)."""
        deadline = time.monotonic() + timeout
        while True:
            with socket.socket(socket.AF_UNIX) as control:
                control.settimeout(timeout)
                control.connect(str(self._dir / "cards.sock"))
                control.sendall(f"{self.port + slot}\n".encode())
                message, fds, _, _ = socket.recv_fds(control, 256, 1)
            if message == b"ok" and fds:
                return socket.socket(fileno=fds[0])
            for fd in fds:
                os.close(fd)
            if time.monotonic() > deadline:
                raise DeviceTimeoutError(
                    f"could not connect a card to vpcd: {message.decode(errors='replace')}"
                )
            time.sleep(0.05)

    def stop(self, timeout: float = 10.0) -> None:
        helper, self._helper = self._helper, None
        if helper is not None:
            try:
                if helper.stdin is not None:
                    helper.stdin.close()  # the helper stops pcscd and exits
                helper.wait(timeout)
            except subprocess.TimeoutExpired:
                helper.kill()
                helper.wait(timeout)
            for stream in (helper.stdout, helper.stderr):
                if stream is not None:
                    stream.close()
        if self.directory is not None:
            if self._created_dir:
                shutil.rmtree(self.directory, ignore_errors=True)
            else:
                for leftover in ("pcscd.comm", "cards.sock"):
                    (self.directory / leftover).unlink(missing_ok=True)
        self.directory = None

    def __enter__(self) -> PrivatePcscd:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
