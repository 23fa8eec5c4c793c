"""The simulated printer on a real TCP socket (127.0.0.1) and on a pty."""

from __future__ import annotations

import socket
import socketserver
import threading
from types import TracebackType

from drivers.printer.simulator.device import SimulatedPrinterDevice
from drivers.pty import RawPty

POLL_S = 0.1


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        parser = self.server.device.new_parser()
        connection: socket.socket = self.request
        connection.settimeout(POLL_S)
        while not self.server.stopping.is_set():
            try:
                data = connection.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            if not data:
                return
            reply = parser.feed(data)
            if reply:
                connection.sendall(reply)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, device: SimulatedPrinterDevice) -> None:
        self.device = device
        self.stopping = threading.Event()
        super().__init__(("127.0.0.1", 0), _Handler)


class TcpPrinterSimulator:
    """``with TcpPrinterSimulator(device) as sim:`` then print to ``sim.uri``."""

    def __init__(self, device: SimulatedPrinterDevice) -> None:
        self.device = device
        self._server = _Server(device)
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": POLL_S},
                                        name="printer-simulator", daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def uri(self) -> str:
        return f"escpos+tcp://127.0.0.1:{self.port}"

    def start(self) -> TcpPrinterSimulator:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> TcpPrinterSimulator:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()


class PtyPrinterSimulator:
    """The same printer behind a pseudo-terminal, for the serial driver path."""

    def __init__(self, device: SimulatedPrinterDevice) -> None:
        self.device = device
        self._pty = RawPty(timeout=POLL_S)
        self.path = self._pty.path
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="printer-simulator-pty",
                                        daemon=True)

    @property
    def uri(self) -> str:
        return f"escpos+serial://{self.path}?baud=19200"

    def start(self) -> PtyPrinterSimulator:
        self._thread.start()
        return self

    def _run(self) -> None:
        parser = self.device.new_parser()
        while not self._stop.is_set():
            try:
                data = self._pty.read(4096)
            except OSError:
                return
            reply = parser.feed(data) if data else b""
            if reply:
                self._pty.write(reply)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._pty.close()

    def __enter__(self) -> PtyPrinterSimulator:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()
