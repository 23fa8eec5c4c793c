"""The title cache (issue 24, defect 11): items the library system named while it
answered keep their titles for offline loans and returns, on the result and on the slip;
an item never seen gets a translated "title unknown" with its barcode; the cache holds
item data only and stays within its bound."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, select

from kiosk.backend.library.seed import item_barcode
from kiosk.i18n import Translator
from kiosk.library.titles import TitleCache, item_label
from kiosk.store.models import LibraryTitleCache
from tests.library.conftest import SOPHIE

PETIT_PRINCE, TINTIN = item_barcode(1), item_barcode(3)  # "Le Petit Prince", "Tintin au Tibet"
SUSKE, ASTERIX = item_barcode(10), item_barcode(9)  # Sophie's loan, her hold ready


def _slip_text(session) -> str:
    return "\n".join(getattr(b, "text", "") for b in session.slip().blocks)


def test_titles_seen_online_name_offline_loans_and_returns(librarian, acs, store):
    online = librarian.identify_card(SOPHIE, "fr")
    online.account()  # her loan and her hold, named through item information
    assert online.checkout(PETIT_PRINCE).ok  # named by the checkout's answer
    assert online.checkin(PETIT_PRINCE).ok
    online.end()
    acs.stop()

    session = librarian.identify_card(SOPHIE, "fr")
    assert not session.online
    borrowed = session.checkout(PETIT_PRINCE)
    assert borrowed.ok and borrowed.offline and borrowed.title == "Le Petit Prince"
    assert session.checkout(ASTERIX).title == "Astérix le Gaulois"
    unknown = session.checkout(TINTIN)  # never named by the library system
    assert unknown.ok and unknown.title == ""
    returned = session.checkin(SUSKE)
    assert returned.ok and returned.title == "Suske en Wiske: De Duistere Diamant"
    slip = _slip_text(session)
    assert "Le Petit Prince" in slip and "Astérix le Gaulois" in slip
    assert "Suske en Wiske" in slip
    assert f"Titre inconnu — exemplaire {TINTIN}" in slip
    session.language = "nl"  # the slip follows the screen's language
    assert f"Titel onbekend — exemplaar {TINTIN}" in _slip_text(session)
    session.end()

    # Item data only: no column and no value that says who borrowed what.
    assert {c["name"] for c in inspect(store.engine).get_columns("library_title_cache")} == {
        "item_id", "title", "seen_at"}
    with store.read() as db:
        rows = db.execute(select(LibraryTitleCache)).scalars().all()
    assert {r.item_id for r in rows} == {PETIT_PRINCE, SUSKE, ASTERIX}
    assert not any(SOPHIE in f"{r.item_id} {r.title}" for r in rows)
    # Seen to the day only: to the second, it would match her patron cache entry's time.
    assert all(r.seen_at.time() == datetime.min.time() for r in rows)


def test_the_unknown_title_text_in_every_language():
    assert item_label("", "BXL9", Translator("fr")) == "Titre inconnu — exemplaire BXL9"
    assert item_label("", "BXL9", Translator("nl")) == "Titel onbekend — exemplaar BXL9"
    assert item_label("", "BXL9", Translator("en")) == "Title unknown — item BXL9"
    assert item_label("Kaas", "BXL8", Translator("en")) == "Kaas"


def test_the_cache_keeps_the_most_recently_seen_titles_within_its_bound(store):
    clock = [datetime(2026, 12, 7, 9, 0, tzinfo=UTC)]

    def tick() -> datetime:  # a day between sightings: the cache keeps the day only
        clock[0] += timedelta(days=1)
        return clock[0]

    cache = TitleCache(store, max_entries=3, now=tick)
    for n in (1, 2, 3):
        cache.remember([(item_barcode(n), f"Title {n}")])
    cache.remember([(item_barcode(1), "Title 1, seen again")])  # 1 is now the newest
    cache.remember([(item_barcode(4), "Title 4"), (item_barcode(5), "Title 5")])
    assert len(cache) == 3
    assert cache.title(item_barcode(2)) == cache.title(item_barcode(3)) == ""  # oldest gone
    assert cache.title(item_barcode(1)) == "Title 1, seen again"
    assert cache.title(item_barcode(5)) == "Title 5"
    # Nothing to name an item by is not remembered; a huge title is cut to the column.
    cache.remember([(item_barcode(6), "   "), ("", "No barcode"), ("X" * 65, "Too long")])
    cache.remember([(item_barcode(7), "A" * 300)])
    assert cache.title(item_barcode(6)) == "" and len(cache) == 3
    assert cache.title(item_barcode(7)) == "A" * 255


def test_a_bound_below_one_is_refused_naming_it(store):
    with pytest.raises(ValueError, match="title cache: max_entries must be at least 1, not 0"):
        TitleCache(store, max_entries=0)


def test_a_broken_cache_never_stops_a_loan(librarian, acs, store, caplog):
    from sqlalchemy import text

    with store.write() as db:  # a damaged store: the cache's table is gone
        db.execute(text("DROP TABLE library_title_cache"))
    online = librarian.identify_card(SOPHIE, "fr")
    assert online.checkout(PETIT_PRINCE).ok  # the library system lent it: so do we
    online.end()
    acs.stop()
    offline = librarian.identify_card(SOPHIE, "fr")
    borrowed = offline.checkout(TINTIN)
    assert borrowed.ok and borrowed.offline and borrowed.title == ""
    assert f"Titre inconnu — exemplaire {TINTIN}" in _slip_text(offline)
    assert "title cache not updated (OperationalError)" in caplog.text
    assert "title cache not read (OperationalError)" in caplog.text
