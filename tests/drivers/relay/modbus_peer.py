"""The relay controller peer of the tests: pymodbus's own server (drivers/relay/pymodbus_peer.py,
shared with the demo)."""

from drivers.relay.pymodbus_peer import POINTS, ModbusPeer, modbus_peer

__all__ = ["POINTS", "ModbusPeer", "modbus_peer"]
