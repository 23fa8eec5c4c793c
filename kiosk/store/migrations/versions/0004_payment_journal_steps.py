"""Payment journal: a step number and one row per (payment, step, number).

The unique index makes step recording idempotent: a saga that retries after a crash
cannot journal the same credit, payout or completion twice.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("payment_journal",
                  sa.Column("seq", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ux_payment_journal_step", "payment_journal",
                    ["payment_id", "step", "seq"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_payment_journal_step", "payment_journal")
    with op.batch_alter_table("payment_journal") as batch:
        batch.drop_column("seq")
