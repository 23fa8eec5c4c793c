"""One call for the demo: a private pcscd with a virtual eID of a citizen in it.

    with virtual_eid_stack(identity, address, photo, language="nl") as stack:
        os.environ.update(PCSCLITE_CSOCK_NAME=stack.pcscd.socket_path)  # before any PC/SC call
        reader = PcscEidReader()          # reads the citizen through the real stack
        stack.remove(); stack.insert()    # simulate the citizen taking the card out
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from common.eid.model import Address, Identity
from drivers.eid.card_image import TestRrnAuthority, build_card_image
from drivers.eid.private_pcscd import PrivatePcscd
from drivers.eid.virtual_card import CardBehaviour, VirtualEidCard
from drivers.eid.vpcd import VpcdCardLink


@dataclass
class VirtualEidStack:
    pcscd: PrivatePcscd
    card: VirtualEidCard
    link: VpcdCardLink
    # The test PKI that issued the card: its root and CRL are what a kiosk trusts offline.
    authority: TestRrnAuthority

    def insert(self) -> None:
        self.link.insert()

    def remove(self) -> None:
        self.link.remove()


@contextmanager
def virtual_eid_stack(
    identity: Identity,
    address: Address,
    photo: bytes,
    *,
    language: str = "fr",
    applet_18: bool = False,
    directory: str | os.PathLike[str] | None = None,
    inserted: bool = True,
    authority: TestRrnAuthority | None = None,
    behaviour: CardBehaviour | None = None,
) -> Iterator[VirtualEidStack]:
    """Start pcscd + vpcd privately, build the citizen's card, insert it (by default);
    everything is stopped on exit."""
    authority = authority or TestRrnAuthority()
    image = build_card_image(
        identity, address, photo, authority=authority,
        language=language, applet_18=applet_18,
    )
    card = VirtualEidCard(image, behaviour)
    with PrivatePcscd(directory) as pcscd:
        link = VpcdCardLink(card, pcscd.connect_card)
        stack = VirtualEidStack(pcscd, card, link, authority)
        try:
            if inserted:
                link.insert()
            yield stack
        finally:
            link.remove()
