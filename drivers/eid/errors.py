"""Errors of the eID driver. Messages name files, tags, offsets, APDUs and status
words — never a personal value read from the card."""

from __future__ import annotations

from drivers.errors import DeviceError


class CardError(DeviceError):
    """The card refused or failed a command (status word, transport failure, not an eID)."""


class CardRemovedError(CardError):
    """The card left the reader while it was being read."""


class CardDataError(DeviceError):
    """A file read from the card is malformed: the message says which file, tag and offset."""
