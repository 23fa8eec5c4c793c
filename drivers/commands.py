"""``kiosk device …``: talk to one device directly, for technicians and tests.

Each device package adds its own subcommands here through an explicit list.
"""

from __future__ import annotations

import argparse

from drivers.camera import commands as camera_commands
from drivers.cash import commands as cash_commands
from drivers.docprinter import commands as document_printer_commands
from drivers.eid import commands as eid_commands
from drivers.payment import commands as payment_commands

# Device packages that provide ``register(device_subparsers)``; filled as drivers land.
DEVICE_COMMAND_REGISTRARS: tuple = (
    eid_commands.register,
    payment_commands.register,
    cash_commands.register,
    camera_commands.register,
    document_printer_commands.register,
)


def register(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Add ``kiosk device``; returns its subparsers so the core can add the device
    commands that need it (the printer's test page is a kiosk template)."""
    device = subparsers.add_parser("device", help="talk to one device directly")
    device_sub = device.add_subparsers(dest="device_kind", metavar="KIND", required=True)
    for registrar in DEVICE_COMMAND_REGISTRARS:
        registrar(device_sub)
    return device_sub
