"""pymodbus's own Modbus TCP server on 127.0.0.1, in a thread, as the relay controller peer
of the tests and the demo.

Not a twin of ours: the server, its datastore and its framing are pymodbus's. Tests read
coils back through the server's own datastore (``coils``) and set discrete inputs (a
door contact) there; ``frames`` keeps every request as it arrived on the wire.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice
from pymodbus.simulator.simutils import SimUtils

POINTS = 16


@dataclass
class ModbusPeer:
    port: int
    unit: int
    _loop: asyncio.AbstractEventLoop
    _server: ModbusTcpServer
    frames: list[bytes] = field(default_factory=list)
    # (coil address, value) for every write, in order: pulses show as on then off.
    writes: list[tuple[int, bool]] = field(default_factory=list)
    inputs: list[bool] = field(default_factory=lambda: [False] * POINTS)
    write_event: threading.Event = field(default_factory=threading.Event)

    @property
    def uri(self) -> str:
        return f"modbus+tcp://127.0.0.1:{self.port}?unit={self.unit}&timeout=2"

    def coils(self, address: int = 0, count: int = POINTS) -> list[bool]:
        """The coils as the server's datastore holds them."""
        future = asyncio.run_coroutine_threadsafe(
            self._server.context.async_getValues(self.unit, 1, address, count), self._loop)
        return [bool(v) for v in future.result(timeout=5)]


@contextmanager
def modbus_peer(unit: int = 1, port: int = 0) -> Iterator[ModbusPeer]:
    """Start the server (on a free port by default); stopped, its thread joined, on exit."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict[str, object] = {}

    async def action(function_code, start_address, address, count, registers, set_values):
        peer: ModbusPeer = holder["peer"]  # type: ignore[assignment]
        if function_code == 2:  # discrete inputs: what the test wired (16 bits a register)
            bits = peer.inputs + [False] * (16 * len(registers) - len(peer.inputs))
            registers[:] = SimUtils.bitsToRegisters(bits)
        elif function_code in (5, 15) and set_values is not None:
            for i, value in enumerate(set_values):
                peer.writes.append((address + i, bool(value)))
            peer.write_event.set()
        return None

    def trace(sending: bool, data: bytes) -> bytes:
        if not sending:
            holder["peer"].frames.append(bytes(data))  # type: ignore[attr-defined]
        return data

    device = SimDevice(
        id=unit,
        simdata=(
            [SimData(0, count=POINTS, values=False, datatype=DataType.BITS)],
            [SimData(0, count=POINTS, values=False, datatype=DataType.BITS)],
            [SimData(0, count=1, values=0, datatype=DataType.REGISTERS)],
            [SimData(0, count=1, values=0, datatype=DataType.REGISTERS)],
        ),
        action=action,
    )

    async def start() -> ModbusTcpServer:
        # pymodbus binds its server to the running loop when it is built.
        server = ModbusTcpServer(device, address=("127.0.0.1", port), trace_packet=trace)
        await server.serve_forever(background=True)
        return server

    def run() -> None:
        asyncio.set_event_loop(loop)
        holder["server"] = loop.run_until_complete(start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="modbus-peer", daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("pymodbus's Modbus TCP server did not start within 10 s")
    server: ModbusTcpServer = holder["server"]  # type: ignore[assignment]
    bound = server.transport.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    peer = ModbusPeer(bound, unit, loop, server)
    holder["peer"] = peer
    try:
        yield peer
    finally:
        asyncio.run_coroutine_threadsafe(server.shutdown(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
