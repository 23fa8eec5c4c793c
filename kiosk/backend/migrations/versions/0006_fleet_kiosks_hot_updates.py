"""Heartbeats update ``fleet_kiosks`` in place: no index on a column every heartbeat
changes.

``ix_fleet_kiosks_silent`` indexed ``silent_after``, which every heartbeat moves, so on
PostgreSQL no update of a kiosk's row could be HOT (heap-only: no new index entries):
each heartbeat wrote an entry into every index of the table and left dead ones for vacuum.
The sweep that used it reads the whole table every few seconds anyway at a fleet's size
(10,000 rows). PostgreSQL also leaves a fifth of each page free, so the new version of
a row fits beside the old one.

Revision ID: 0006_fleet_kiosks_hot
Revises: 0005_fleet_alerts
"""

from alembic import op

revision = "0006_fleet_kiosks_hot"
down_revision = "0005_fleet_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fleet_kiosks", schema=None) as batch_op:
        batch_op.drop_index("ix_fleet_kiosks_silent")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE fleet_kiosks SET (fillfactor = 80)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE fleet_kiosks RESET (fillfactor)")
    with op.batch_alter_table("fleet_kiosks", schema=None) as batch_op:
        batch_op.create_index("ix_fleet_kiosks_silent", ["offline", "silent_after"],
                              unique=False)
