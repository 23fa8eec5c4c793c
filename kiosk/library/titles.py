"""Titles of the items the library system named while it answered, kept in the kiosk's
store so a loan or a return done offline shows "Le Petit Prince", not "BXL0000001".

Filled from every online answer that names an item (checkout, checkin, renewal, item
information for the patron's loans and holds). It holds item data only — barcode, title,
when last seen — never a patron or a loan: who borrowed what stays in the library
system (and, offline, in the encrypted transaction queue until its replay). Bounded:
past ``max_entries`` the titles seen longest ago are dropped. ``seen_at`` is kept to the
day only: to the second, it would match the patron cache's ``seen_at`` of whoever was
at the terminal, and so tell who borrowed what.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import SQLAlchemyError

from kiosk.store.database import Store
from kiosk.store.models import LibraryTitleCache

log = logging.getLogger(__name__)

MAX_ITEM_ID = 64  # the column's width; a longer barcode is not one the kiosk lends
MAX_TITLE = 255  # a longer title is cut: the screen and the slip show less anyway


def item_label(title: str, item_id: str, tr: Callable[[str], str]) -> str:
    """How the screens and the slip name an item: its title, or — never seen while the
    library system answered — a translated "title unknown" with its barcode."""
    return title or tr("library.title_unknown").format(item=item_id)


class TitleCache:
    """Barcode → title, in the kiosk store (table ``library_title_cache``)."""

    def __init__(
        self,
        store: Store,
        *,
        max_entries: int = 5000,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if max_entries < 1:
            raise ValueError(f"title cache: max_entries must be at least 1, not {max_entries}")
        self._store = store
        self._max = max_entries
        self._now = now

    def remember(self, titles: Iterable[tuple[str, str | None]]) -> None:
        """Store (item barcode, title) pairs seen online, in one transaction; empty
        titles are skipped. Drops the least recently seen titles beyond the bound.
        Best effort: it runs beside a loan the library system has already made, so a
        store error is logged, never raised."""
        # The day only (see the module docstring); within a day the eviction goes by barcode.
        now = self._now().replace(hour=0, minute=0, second=0, microsecond=0)
        rows = {}
        for item_id, title in titles:
            item_id, title = item_id.strip(), " ".join((title or "").split())[:MAX_TITLE]
            if item_id and title and len(item_id) <= MAX_ITEM_ID:
                rows[item_id] = title
        if not rows:
            return
        try:
            self._write(rows, now)
        except SQLAlchemyError as exc:
            log.warning("title cache not updated (%s): offline screens may show barcodes",
                        type(exc).__name__)

    def _write(self, rows: dict[str, str], now: datetime) -> None:
        with self._store.write() as session:
            for item_id, title in rows.items():
                statement = insert(LibraryTitleCache).values(
                    item_id=item_id, title=title, seen_at=now
                )
                session.execute(
                    statement.on_conflict_do_update(
                        index_elements=[LibraryTitleCache.item_id],
                        set_={"title": title, "seen_at": now},
                    )
                )
            count = session.execute(
                select(func.count()).select_from(LibraryTitleCache)
            ).scalar_one()
            if count > self._max:
                oldest = (
                    select(LibraryTitleCache.item_id)
                    .order_by(LibraryTitleCache.seen_at, LibraryTitleCache.item_id)
                    .limit(count - self._max)
                )
                session.execute(
                    delete(LibraryTitleCache).where(LibraryTitleCache.item_id.in_(oldest))
                )
                log.debug("title cache: %d oldest titles dropped", count - self._max)

    def title(self, item_id: str) -> str:
        """The title last seen for ``item_id``; "" when it was never seen (or dropped,
        or the store could not be read: the screen then says "title unknown")."""
        try:
            with self._store.read() as session:
                row = session.get(LibraryTitleCache, item_id.strip())
                return row.title if row is not None else ""
        except SQLAlchemyError as exc:
            log.warning("title cache not read (%s)", type(exc).__name__)
            return ""

    def __len__(self) -> int:
        with self._store.read() as session:
            return int(
                session.execute(select(func.count()).select_from(LibraryTitleCache)).scalar_one()
            )
