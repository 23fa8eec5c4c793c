"""Sync: a monotonic event sequence, dead letters with reasons, and a sync-state table.

``outbox.seq`` is assigned by a trigger so every writer (the domain services in the UI
process, tests, scripts) gets it without knowing about sync: one counter row, bumped
in the inserting transaction, so the sequence is gap-free and never reused even after
delivered events are deleted.

Note: a later migration that batch-alters ``outbox`` on SQLite recreates the table and
must re-create the trigger.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.types import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TRIGGER = """
CREATE TRIGGER outbox_assign_seq AFTER INSERT ON outbox WHEN NEW.seq IS NULL
BEGIN
    UPDATE outbox_sequence SET last = last + 1 WHERE id = 1;
    UPDATE outbox SET seq = (SELECT last FROM outbox_sequence WHERE id = 1)
        WHERE rowid = NEW.rowid;
END
"""


def upgrade() -> None:
    op.add_column("outbox", sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column("outbox", sa.Column("dead_letter_reason", sa.Text(), nullable=True))
    op.add_column("outbox", sa.Column("dead_lettered_at", UtcDateTime(), nullable=True))
    op.create_index("ix_outbox_seq", "outbox", ["seq"], unique=True)
    op.create_table(
        "outbox_sequence",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last", sa.Integer(), nullable=False),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    # Events queued before this migration get their numbers in insertion order.
    op.execute("UPDATE outbox SET seq = (SELECT COUNT(*) FROM outbox AS o2"
               " WHERE o2.rowid <= outbox.rowid)")
    op.execute("INSERT INTO outbox_sequence (id, last)"
               " SELECT 1, COALESCE(MAX(seq), 0) FROM outbox")
    op.execute(TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS outbox_assign_seq")
    op.drop_table("sync_state")
    op.drop_table("outbox_sequence")
    op.drop_index("ix_outbox_seq", "outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("dead_lettered_at")
        batch.drop_column("dead_letter_reason")
        batch.drop_column("seq")
