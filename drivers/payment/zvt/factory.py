"""Open a :class:`ZvtCardTerminal` from its device URI (used by the registry)."""

from __future__ import annotations

from drivers.errors import DeviceUriError
from drivers.payment.zvt.terminal import ACK_TIMEOUT, TRANSACTION_TIMEOUT, ZvtCardTerminal
from drivers.payment.zvt.transport import SerialTransport, TcpTransport
from drivers.uri import DeviceUri

DEFAULT_PORT = 20007


def _seconds(uri: DeviceUri, name: str, default: float) -> float:
    text = uri.param(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise DeviceUriError(f"{uri.text!r}: {name} must be seconds, got {text!r}") from None
    if value <= 0:
        raise DeviceUriError(f"{uri.text!r}: {name} must be positive")
    return value


def open_zvt(uri: DeviceUri) -> ZvtCardTerminal:
    """``zvt+tcp://host[:port]`` or ``zvt+serial:///dev/tty…?baud=9600``; optional
    ``password=``, ``timeout=`` (whole transaction, s) and ``ack_timeout=`` (s)."""
    ack = _seconds(uri, "ack_timeout", ACK_TIMEOUT)
    total = _seconds(uri, "timeout", TRANSACTION_TIMEOUT)
    password = uri.param("password", "000000")
    if uri.scheme == "zvt+tcp":
        host, port = uri.host, uri.port or DEFAULT_PORT
        return ZvtCardTerminal(lambda: TcpTransport.connect(host, port, ack), f"{host}:{port}",
                               password, ack, total)
    baud = int(uri.param("baud", "9600"))
    path = uri.path
    return ZvtCardTerminal(lambda: SerialTransport.open(path, baud, t2=min(ack, 3.0)), path,
                           password, ack, total)
