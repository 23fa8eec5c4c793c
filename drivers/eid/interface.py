"""The eID reader as the core sees it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # annotations only (the model's dataclasses are built with the driver)
    from common.eid.model import CardEvent, EidCardData


class EidReader(Protocol):
    """A smart-card reader with a Belgian eID in it (or not).

    All calls are made from the device's owner thread.
    """

    def wait_for_event(self, timeout: float) -> CardEvent | None:
        """Block up to ``timeout`` seconds for an insertion or removal; ``None`` if none."""
        ...

    def card_present(self) -> bool:
        """Whether a card is in the reader now."""
        ...

    def read_card(self) -> EidCardData:
        """Read and verify the card in the reader. Raises ``DeviceError`` subclasses."""
        ...

    def close(self) -> None:
        ...
