"""The demo library: patrons (some linked to demo citizens' eIDs), items and fines.

Card barcodes are 14-digit Codabar-style numbers, item barcodes Code 128 texts
("BXL" + 7 digits). Every name is invented.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from kiosk.backend.library.model import Fine, Item, LoanRules, Patron
from kiosk.backend.library.system import LibrarySystem
from kiosk.library.eid import eid_patron_token

DEMO_LINK_KEY = "demo-library-eid-link-key"

# card barcode, name, demo citizen key whose eID is linked (or None), birth date
_PATRONS = (
    ("21000000000101", "Sophie Dubois", "sophie", date(1985, 7, 30)),
    ("21000000000202", "Jan Peeters", "jan", date(1979, 3, 14)),
    ("21000000000303", "Lucas Martin", None, None),  # the library system has no birth date
    ("21000000000404", "Emma Janssens", None, date(1990, 2, 11)),  # blocked: fines
    ("21000000000505", "Noah Maes", None, date(1988, 10, 3)),  # expired card
    ("21000000000606", "Léa Claes", None, date(2016, 4, 20)),  # a child: the Open+ age rule
)

_TITLES = (
    "Le Petit Prince",
    "De Avonden",
    "Tintin au Tibet",
    "Max Havelaar",
    "L'Étranger",
    "Het Achterhuis",
    "Les Misérables",
    "Kaas",
    "Astérix le Gaulois",
    "Suske en Wiske: De Duistere Diamant",
    "Madame Bovary",
    "Het verdriet van België",
    "Le Comte de Monte-Cristo",
    "Oorlog en terpentijn",
    "Gaston Lagaffe",
    "The Hobbit",
)


def item_barcode(n: int) -> str:
    return f"BXL{n:07d}"


def demo_library(
    link_key: str = DEMO_LINK_KEY,
    rules: LoanRules | None = None,
    today: Callable[[], date] = date.today,
) -> LibrarySystem:
    """A fresh demo library. Items BXL0000001…BXL0000016; see the module docstring."""
    from kiosk.backend.demo_citizens import demo_citizen  # cv2 behind it: import late

    patrons = []
    for barcode, name, citizen, born in _PATRONS:
        token = (
            eid_patron_token(demo_citizen(citizen).identity.national_number, link_key)
            if citizen
            else None
        )
        patrons.append(Patron(barcode, name, token, valid=barcode != "21000000000505",
                              birth_date=born))
    items = [
        Item(item_barcode(n), title, media_type="002") for n, title in enumerate(_TITLES, start=1)
    ]
    day = today()
    by_id = {i.barcode: i for i in items}
    # Sophie has one loan due soon and a small fine; Lucas an overdue loan.
    by_id[item_barcode(10)].patron = "21000000000101"
    by_id[item_barcode(10)].due = day + timedelta(days=3)
    by_id[item_barcode(11)].patron = "21000000000303"
    by_id[item_barcode(11)].due = day - timedelta(days=4)
    # A hold ready for Sophie on the shelf; item 12 reserved for Jan.
    by_id[item_barcode(9)].hold_for = "21000000000101"
    by_id[item_barcode(12)].hold_for = "21000000000202"
    fines = [
        Fine("F0001", "21000000000101", 250, "Late return: Kaas"),
        Fine("F0002", "21000000000404", 1200, "Damaged item: Gaston Lagaffe"),
    ]
    return LibrarySystem(patrons, items, fines, rules, today)
