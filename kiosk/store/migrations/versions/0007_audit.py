"""Audit log: an append-only hash chain of money and admin actions (kiosk/audit).

Triggers make the table append-only for anyone using SQLite normally: UPDATE and DELETE
are refused, and an INSERT must extend the chain (next number, previous hash). Someone
holding the file can drop the triggers; the hash chain and the JSONL export catch that.

Revision ID: 0007_audit
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_audit"
down_revision = "0005"
branch_labels = None
depends_on = None

GENESIS = "0" * 64

TRIGGERS = {
    "audit_log_no_update": """
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END""",
    "audit_log_no_delete": """
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END""",
    "audit_log_chain": f"""
        CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
        WHEN NEW.seq != COALESCE((SELECT MAX(seq) FROM audit_log), 0) + 1
          OR NEW.prev_hash != COALESCE(
               (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '{GENESIS}')
        BEGIN SELECT RAISE(ABORT, 'audit_log: an entry must extend the chain'); END""",
}


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("time", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_audit_log_kind", "audit_log", ["kind"])
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_audit_log_kind", "audit_log")
    op.drop_table("audit_log")
