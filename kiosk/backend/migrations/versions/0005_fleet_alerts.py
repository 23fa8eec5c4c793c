"""Fleet alerts survive a backend restart: the routing's queue of alert changes still to
be mailed or posted, per channel, with the lease of the process sending them.

Revision ID: 0005_fleet_alerts
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

import kiosk.store.types

revision = "0005_fleet_alerts"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fleet_alert_deliveries",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=False),
        sa.Column("claimed_until", kiosk.store.types.UtcDateTime(timezone=True),
                  nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fleet_alert_deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_fleet_alert_deliveries_claim", ["claimed_until"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fleet_alert_deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_fleet_alert_deliveries_claim")
    op.drop_table("fleet_alert_deliveries")
