"""Count print attempts per stored receipt (reprints included).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("printed_receipts",
                  sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_printed_receipts_status", "printed_receipts", ["status"])


def downgrade() -> None:
    op.drop_index("ix_printed_receipts_status", "printed_receipts")
    with op.batch_alter_table("printed_receipts") as batch:
        batch.drop_column("attempts")
