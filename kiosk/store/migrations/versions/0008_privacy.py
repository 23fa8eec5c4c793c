"""When a request was first seen fully synced: the retention purge counts from there.

Revision ID: 0008_privacy
Revises: 0007_audit
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_privacy"
down_revision = "0007_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("requests", sa.Column("synced_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.drop_column("synced_at")
