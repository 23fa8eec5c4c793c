"""The journal of certificates printed on the A4 printer.

One row a request, pending → printed | owed, like the receipts. No document and no
personal data in it: an owed document is fetched again from the backend, which serves it
byte for byte.

Revision ID: 0012_document_prints
Revises: 0011_encrypt_errors
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.types import UtcDateTime

revision = "0012_document_prints"
down_revision = "0011_encrypt_errors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_prints",
        sa.Column("request_id", sa.String(36), primary_key=True),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("service_id", sa.String(64), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("document_id", sa.String(36)),
        sa.Column("job_id", sa.Integer()),
        sa.Column("pages", sa.Integer()),
        sa.Column("reason", sa.Text()),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("printed_at", UtcDateTime()),
    )


def downgrade() -> None:
    op.drop_table("document_prints")
