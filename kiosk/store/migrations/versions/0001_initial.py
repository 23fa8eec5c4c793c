"""Initial tables: requests, outbox, payment journal, printed receipts, ticket counters.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.types import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "requests",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("service_id", sa.String(64), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False, unique=True),
        sa.Column("site", sa.String(64), nullable=False),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("request_id", sa.String(36), sa.ForeignKey("requests.id"), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
    )
    op.create_index("ix_outbox_request_id", "outbox", ["request_id"])
    op.create_index("ix_outbox_created_at", "outbox", ["created_at"])
    op.create_index("ix_outbox_state", "outbox", ["state"])
    op.create_table(
        "payment_journal",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("payment_id", sa.String(36), nullable=False),
        sa.Column("request_id", sa.String(36), sa.ForeignKey("requests.id"), nullable=True),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_payment_journal_payment_id", "payment_journal", ["payment_id"])
    op.create_table(
        "printed_receipts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("request_id", sa.String(36), sa.ForeignKey("requests.id"), nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("printed_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_printed_receipts_request_id", "printed_receipts", ["request_id"])
    op.create_table(
        "ticket_counters",
        sa.Column("site", sa.String(64), primary_key=True),
        sa.Column("desk", sa.String(64), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("last_number", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ticket_counters")
    op.drop_index("ix_printed_receipts_request_id", "printed_receipts")
    op.drop_table("printed_receipts")
    op.drop_index("ix_payment_journal_payment_id", "payment_journal")
    op.drop_table("payment_journal")
    op.drop_index("ix_outbox_state", "outbox")
    op.drop_index("ix_outbox_created_at", "outbox")
    op.drop_index("ix_outbox_request_id", "outbox")
    op.drop_table("outbox")
    op.drop_table("requests")
