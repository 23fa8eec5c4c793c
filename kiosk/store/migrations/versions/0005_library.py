"""Library mode: offline circulation waiting for the replay, the patron cache, and the
report of what the library system refused (for library staff).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.types import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "library_transactions",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("txn_id", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("patron_identifier", sa.String(64), nullable=True),
        sa.Column("patron_key", sa.String(32), nullable=True),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("occurred_at", UtcDateTime(), nullable=False),
        sa.Column("due_date", sa.String(10), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("replayed_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_library_transactions_state", "library_transactions", ["state"])
    op.create_index("ix_library_transactions_patron_key", "library_transactions", ["patron_key"])
    op.create_table(
        "library_patron_cache",
        sa.Column("patron_key", sa.String(32), primary_key=True),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("seen_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "library_staff_report",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("source_id", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("item_id", sa.String(64), nullable=True),
        sa.Column("patron_identifier", sa.String(64), nullable=True),
        sa.Column("patron_label", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("occurred_at", UtcDateTime(), nullable=False),
        sa.Column("reported_at", UtcDateTime(), nullable=False),
        sa.Column("resolved_at", UtcDateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("library_staff_report")
    op.drop_table("library_patron_cache")
    op.drop_index("ix_library_transactions_patron_key", "library_transactions")
    op.drop_index("ix_library_transactions_state", "library_transactions")
    op.drop_table("library_transactions")
