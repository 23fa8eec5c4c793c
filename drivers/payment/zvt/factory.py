"""Open a :class:`ZvtCardTerminal` from its device URI (used by the registry)."""

from __future__ import annotations

from drivers.payment.zvt.terminal import ACK_TIMEOUT, TRANSACTION_TIMEOUT, ZvtCardTerminal
from drivers.payment.zvt.transport import SerialTransport, TcpTransport
from drivers.uri import DeviceUri, param_seconds

DEFAULT_PORT = 20007


def open_zvt(uri: DeviceUri) -> ZvtCardTerminal:
    """``zvt+tcp://host[:port]`` or ``zvt+serial:///dev/tty…?baud=9600``; optional
    ``password=``, ``timeout=`` (whole transaction, s) and ``ack_timeout=`` (s)."""
    ack = param_seconds(uri, "ack_timeout", ACK_TIMEOUT)
    total = param_seconds(uri, "timeout", TRANSACTION_TIMEOUT)
    password = uri.param("password", "000000")
    if uri.scheme == "zvt+tcp":
        host, port = uri.host, uri.port or DEFAULT_PORT
        return ZvtCardTerminal(lambda: TcpTransport.connect(host, port, ack), f"{host}:{port}",
                               password, ack, total)
    baud = int(uri.param("baud", "9600"))
    path = uri.path
    return ZvtCardTerminal(lambda: SerialTransport.open(path, baud, t2=min(ack, 3.0)), path,
                           password, ack, total)
