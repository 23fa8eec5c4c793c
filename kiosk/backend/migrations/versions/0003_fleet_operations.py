"""Fleet operations: remote actions asked by central IT (with their result and
screenshot), and the fleet's tunable settings (thresholds, alert silences).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

import kiosk.store.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fleet_actions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("requested_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("deadline_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=False),
        sa.Column("updated_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("output", sa.Text(), nullable=True),
        sa.Column("screenshot", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fleet_actions", schema=None) as batch_op:
        batch_op.create_index("ix_fleet_actions_kiosk_state", ["kiosk_id", "state"], unique=False)

    op.create_table(
        "fleet_settings",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("fleet_settings")
    with op.batch_alter_table("fleet_actions", schema=None) as batch_op:
        batch_op.drop_index("ix_fleet_actions_kiosk_state")

    op.drop_table("fleet_actions")
