"""Personal data encrypted at rest: existing rows encrypted in place, and a key check.

The personal columns keep their declared SQL types (SQLite stores the BLOB envelope in
any column), so no table is rebuilt and the outbox trigger stays. The key comes from the
Store that runs the migration; a migration run without one (``python -m
kiosk.updates.schema downgrade``) uses the key file beside the database.

Revision ID: 0009_encryption
Revises: 0008_privacy
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.crypto import (
    KEY_CHECK_AAD,
    KEY_CHECK_PLAINTEXT,
    KEY_CHECK_TABLE,
    StoreCipher,
)
from kiosk.store.types import migration_cipher

revision = "0009_encryption"
down_revision = "0008_privacy"
branch_labels = None
depends_on = None

# (table, column): the ``table.column`` name is also the AES-GCM associated data.
COLUMNS = (
    ("requests", "payload"),
    ("outbox", "payload"),
    ("payment_journal", "detail"),
    ("printed_receipts", "document"),
    ("library_transactions", "patron_identifier"),
    ("library_staff_report", "patron_identifier"),
)


def _cipher(connection: sa.Connection, *, create: bool) -> StoreCipher:
    return migration_cipher(connection, create=create)


def upgrade() -> None:
    connection = op.get_bind()
    cipher = _cipher(connection, create=True)
    op.create_table(
        KEY_CHECK_TABLE,
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("canary", sa.LargeBinary(), nullable=False),
    )
    for table, column in COLUMNS:
        aad = f"{table}.{column}"
        rows = connection.exec_driver_sql(
            f"SELECT rowid, {column} FROM {table}"
            f" WHERE {column} IS NOT NULL AND typeof({column}) != 'blob'"
        ).all()
        for rowid, value in rows:
            connection.exec_driver_sql(
                f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                (cipher.encrypt(str(value).encode(), aad), rowid),
            )
    connection.exec_driver_sql(
        f"INSERT INTO {KEY_CHECK_TABLE} (id, canary) VALUES (1, ?)",
        (cipher.encrypt(KEY_CHECK_PLAINTEXT, KEY_CHECK_AAD),),
    )


def downgrade() -> None:
    connection = op.get_bind()
    cipher = _cipher(connection, create=False)
    for table, column in COLUMNS:
        aad = f"{table}.{column}"
        rows = connection.exec_driver_sql(
            f"SELECT rowid, {column} FROM {table} WHERE typeof({column}) = 'blob'"
        ).all()
        for rowid, value in rows:
            connection.exec_driver_sql(
                f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                (cipher.decrypt(value, aad).decode(), rowid),
            )
    op.drop_table(KEY_CHECK_TABLE)
