"""Library mode: the titles of items seen while the library system answered, so loans
and returns done offline show a title on the screen and the slip instead of a barcode.

Item data only (barcode, title, when last seen): no patron and no loan. Bounded in size
by the code that writes it (kiosk/library/titles.py).

Revision ID: 0013_library_titles
Revises: 0012_document_prints
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.types import UtcDateTime

revision = "0013_library_titles"
down_revision = "0012_document_prints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "library_title_cache",
        sa.Column("item_id", sa.String(64), primary_key=True),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("seen_at", UtcDateTime(), nullable=False),
    )
    # The eviction finds the least recently seen titles through it.
    op.create_index("ix_library_title_cache_seen_at", "library_title_cache", ["seen_at"])


def downgrade() -> None:
    op.drop_index("ix_library_title_cache_seen_at", "library_title_cache")
    op.drop_table("library_title_cache")
