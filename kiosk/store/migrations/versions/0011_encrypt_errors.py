"""Encrypt the remaining columns that can carry citizen data: the outbox's error texts
and the sync process's shared documents.

A backend's error text can echo the payload it refused (``HTTP 422: national_number
…``), and it lands in ``outbox.last_error`` / ``outbox.dead_letter_reason`` and in the
sync status document (``sync_state.value``, key ``sync``). Existing clear values are
encrypted in place, as migration 0009 did (no table rebuild: the outbox trigger stays);
the Store rebuilds the file afterwards so no clear text stays in free pages.

Revision ID: 0011_encrypt_errors
Revises: 0009_encryption
"""

from alembic import op

from kiosk.store.types import migration_cipher

revision = "0011_encrypt_errors"
down_revision = "0009_encryption"
branch_labels = None
depends_on = None

# (table, column): ``table.column`` is also the AES-GCM associated data.
COLUMNS = (
    ("outbox", "last_error"),
    ("outbox", "dead_letter_reason"),
    ("sync_state", "value"),
)


def upgrade() -> None:
    connection = op.get_bind()
    cipher = migration_cipher(connection, create=False)
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


def downgrade() -> None:
    connection = op.get_bind()
    cipher = migration_cipher(connection, create=False)
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
