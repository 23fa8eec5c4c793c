"""Sealed documents: the public id in the verification URL and what the public page may
show (all nullable: documents issued before sealing have none).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

import kiosk.store.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("service_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("reference", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("valid_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("sealed", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "revoked_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=True
            )
        )
        batch_op.create_unique_constraint("uq_documents_document_id", ["document_id"])


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_constraint("uq_documents_document_id", type_="unique")
        for column in ("revoked_at", "sealed", "valid_until", "reference", "service_id",
                       "document_id"):
            batch_op.drop_column(column)
