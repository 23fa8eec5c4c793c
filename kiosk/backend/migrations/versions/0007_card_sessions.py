"""Card-session challenges and sessions live in the database, so that every worker of
``backend serve --workers N`` knows them (they were kept in one process's memory: a proof
reaching another worker than its challenge was refused).

Revision ID: 0007_card_sessions
Revises: 0006_fleet_kiosks_hot
"""

import sqlalchemy as sa
from alembic import op

import kiosk.store.types

revision = "0007_card_sessions"
down_revision = "0006_fleet_kiosks_hot"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_challenges",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("created_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("card_challenges", schema=None) as batch_op:
        batch_op.create_index("ix_card_challenges_kiosk", ["kiosk_id", "created_at"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_card_challenges_expires_at"), ["expires_at"],
                              unique=False)
    op.create_table(
        "card_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("cert_sha256", sa.String(length=64), nullable=False),
        sa.Column("national_number", sa.Text(), nullable=False),  # sealed (crypto_fields)
        sa.Column("expires_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("card_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_sessions_expires_at"), ["expires_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("card_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_sessions_expires_at"))
    op.drop_table("card_sessions")
    with op.batch_alter_table("card_challenges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_challenges_expires_at"))
        batch_op.drop_index("ix_card_challenges_kiosk")
    op.drop_table("card_challenges")
