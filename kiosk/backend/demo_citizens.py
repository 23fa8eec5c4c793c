"""Fictional citizens for the demo and the tests, and their virtual eID cards.

Every name, number and address here is invented. National numbers carry valid
checksums; the cards use the FR, NL and DE spellings of the birth date, one is a
foreigner's residence card, one a 1.8 (ECDSA) card, and one has first names long
enough to need the eID's 0xFF length rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import cv2
import numpy as np

from common.eid.model import Address, Identity


def national_number(birth: date, sequence: int) -> str:
    """The 11-digit national number (YYMMDDSSSCC) with its mod-97 check digits."""
    base = f"{birth:%y%m%d}{sequence:03d}"
    prefix = "2" if birth.year >= 2000 else ""
    check = 97 - int(prefix + base) % 97
    return f"{base}{check:02d}"


def card_number(serial: int) -> str:
    """A 12-digit Belgian card number (10 digits + mod-97 check)."""
    base = f"{serial:010d}"
    check = int(base) % 97 or 97
    return f"{base}{check:02d}"


@dataclass(frozen=True)
class DemoCitizen:
    key: str
    identity: Identity
    address: Address
    card_language: str  # fr, nl or de: spelling of the birth date and sex letter
    applet_18: bool = False
    photo_seed: int = 0


def _citizen(key: str, *, serial: int, seq: int, surname: str, first_names: str,
             nationality: str, birth_place: str, birth: date, sex: str, doc: str,
             municipality: str, begin: date, address: Address, language: str,
             applet_18: bool = False, seed: int = 0) -> DemoCitizen:
    identity = Identity(
        card_number=card_number(serial),
        national_number=national_number(birth, seq),
        surname=surname,
        first_names=first_names,
        nationality=nationality,
        birth_place=birth_place,
        birth_date=birth,
        sex=sex,
        document_type=doc,
        issuing_municipality=municipality,
        validity_begin=begin,
        validity_end=begin.replace(year=begin.year + 10),
        card_language=language,
    )
    return DemoCitizen(key, identity, address, language, applet_18, seed)


_LONG_FIRST_NAMES = (
    "Marie-Christine Élisabeth Thérèse Joséphine Adélaïde Geneviève Bénédicte "
    "Clémentine Françoise Hortense Léopoldine Mathilde Philomène Séraphine "
    "Victorine Wilhelmine Zoé Anne-Sophie Ghislaine Isabelle Jacqueline "
    "Madeleine Odile Pauline Renée Valentine"
)

DEMO_CITIZENS: tuple[DemoCitizen, ...] = (
    _citizen("sophie", serial=5912345678, seq=124, surname="Dubois",
             first_names="Sophie Marie", nationality="Belge", birth_place="Bruxelles",
             birth=date(1985, 7, 30), sex="F", doc="belgian_eid", municipality="Bruxelles",
             begin=date(2021, 3, 15), language="fr", seed=1,
             address=Address("Rue de la Loi 16", "1000", "Bruxelles")),
    _citizen("jan", serial=5923456789, seq=37, surname="Peeters", first_names="Jan Pieter",
             nationality="Belg", birth_place="Leuven", birth=date(1979, 3, 14), sex="M",
             doc="belgian_eid", municipality="Brussel", begin=date(2023, 1, 9),
             language="nl", applet_18=True, seed=2,
             address=Address("Nieuwstraat 12 bus 3", "1000", "Brussel")),
    _citizen("anna", serial=5934567890, seq=212, surname="Schmitz", first_names="Anna Lena",
             nationality="Belgierin", birth_place="Eupen", birth=date(1992, 3, 14), sex="F",
             doc="belgian_eid", municipality="Eupen", begin=date(2020, 11, 2), language="de",
             seed=3, address=Address("Avenue Louise 200", "1050", "Ixelles")),
    _citizen("mateo", serial=8012345670, seq=451, surname="García López",
             first_names="Mateo", nationality="Espagnol", birth_place="Sevilla",
             birth=date(2001, 8, 5), sex="M", doc="foreigner_e", municipality="Bruxelles",
             begin=date(2022, 6, 1), language="fr", seed=4,
             address=Address("Rue Haute 120", "1000", "Bruxelles")),
    _citizen("marie", serial=5945678901, seq=88,
             surname="de Lannoy de Bissy d'Oultremont", first_names=_LONG_FIRST_NAMES,
             nationality="Belge", birth_place="Woluwe-Saint-Lambert",
             birth=date(1958, 12, 1), sex="F", doc="belgian_eid",
             municipality="Woluwe-Saint-Lambert", begin=date(2019, 2, 20), language="fr",
             seed=5, address=Address("Avenue de Tervueren 300", "1150",
                                     "Woluwe-Saint-Pierre")),
)


def demo_citizen(key: str) -> DemoCitizen:
    for citizen in DEMO_CITIZENS:
        if citizen.key == key:
            return citizen
    raise KeyError(f"no demo citizen {key!r}; known: {', '.join(c.key for c in DEMO_CITIZENS)}")


def demo_photo(citizen: DemoCitizen) -> bytes:
    """A generated 140×200 JPEG portrait placeholder of about 3–4 KB."""
    rng = np.random.default_rng(citizen.photo_seed)
    image = np.full((200, 140, 3), 225, np.uint8)
    tint = tuple(int(v) for v in rng.integers(60, 200, 3))
    cv2.ellipse(image, (70, 80), (38, 48), 0, 0, 360, tint, -1)
    cv2.rectangle(image, (22, 150), (118, 200), tuple(c // 2 for c in tint), -1)
    noise = rng.integers(0, 24, image.shape, dtype=np.uint8)
    image = cv2.add(image, noise)
    initials = "".join(p[0] for p in (citizen.identity.first_names, citizen.identity.surname))
    cv2.putText(image, initials.upper(), (45, 95), cv2.FONT_HERSHEY_SIMPLEX, 1.0,
                (255, 255, 255), 2)
    for quality in range(60, 5, -5):  # the largest quality that fits a card photo
        ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
        if ok and len(encoded) <= 4096:
            return encoded.tobytes()
    raise RuntimeError("could not encode the demo photo small enough")


def citizen_card(citizen: DemoCitizen) -> tuple[Identity, Address, bytes]:
    """What the drivers need to build this citizen's virtual eID."""
    return citizen.identity, citizen.address, demo_photo(citizen)
