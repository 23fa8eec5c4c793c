"""Personal fields encrypted in the backend's own database (AES-GCM per value, a keyed
hash where lookups need equality), and enrolment tokens that may name one kiosk.

Rows written before this revision hold those fields in clear: they are encrypted here,
in the same transaction, with the keys the database was opened with
(kiosk.backend.database binds them to the connection's dialect). The column types are
plain SQL types here on purpose: the ones in tables.py may change, this revision not.

Revision ID: 0004
Revises: 0003
"""

import json
from datetime import date

import sqlalchemy as sa
from alembic import op

from kiosk.backend.crypto_fields import BlindIndex, Sealed, SealedBytes, SealedDate, SealedJSON

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CITIZEN_TEXT = ("surname", "first_names", "street", "postcode", "municipality")


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("enrolment_tokens") as batch:
        batch.add_column(sa.Column("kiosk_id", sa.String(length=64), nullable=True))
    for table in ("bookings", "cases"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("national_number", existing_type=sa.String(length=11),
                               type_=sa.String(length=67), existing_nullable=False)
    with op.batch_alter_table("citizens") as batch:
        batch.add_column(sa.Column("sealed_number", sa.Text(), nullable=True))
        batch.alter_column("national_number", existing_type=sa.String(length=11),
                           type_=sa.String(length=67), existing_nullable=False)
        for column in CITIZEN_TEXT:
            batch.alter_column(column, existing_type=sa.String(), type_=sa.Text(),
                               existing_nullable=False)
        batch.alter_column("birth_date", existing_type=sa.Date(), type_=sa.Text(),
                           existing_nullable=False,
                           postgresql_using="birth_date::text" if postgresql else None)
    with op.batch_alter_table("events") as batch:
        batch.alter_column("payload", existing_type=sa.JSON(), type_=sa.Text(),
                           existing_nullable=False,
                           postgresql_using="payload::text" if postgresql else None)
    _encrypt_existing_rows()


def _encrypt_existing_rows() -> None:
    bind = op.get_bind()
    dialect = bind.dialect
    index = BlindIndex()

    def hashed(value: str) -> str:
        return index.process_bind_param(value, dialect)

    def sealed(column: str, kind: type[Sealed] = Sealed):
        return lambda value: kind(column).process_bind_param(value, dialect)

    citizens = bind.execute(sa.text(
        "SELECT national_number, surname, first_names, street, postcode, municipality, "
        "birth_date FROM citizens")).all()
    for number, *texts, birth in citizens:
        values = {column: sealed(f"citizens.{column}")(value)
                  for column, value in zip(CITIZEN_TEXT, texts, strict=True)}
        values["birth_date"] = sealed("citizens.birth_date", SealedDate)(
            date.fromisoformat(str(birth)[:10]))
        values["sealed_number"] = sealed("citizens.sealed_number")(number)
        bind.execute(sa.text(
            "UPDATE citizens SET national_number = :hashed, sealed_number = :sealed_number, "
            "surname = :surname, first_names = :first_names, street = :street, "
            "postcode = :postcode, municipality = :municipality, birth_date = :birth_date "
            "WHERE national_number = :number"),
            {**values, "hashed": hashed(number), "number": number})
    for table in ("cases", "bookings"):
        for row_id, number in bind.execute(
                sa.text(f"SELECT id, national_number FROM {table}")).all():
            bind.execute(sa.text(f"UPDATE {table} SET national_number = :hashed WHERE id = :id"),
                         {"hashed": hashed(number), "id": row_id})
    payload = sealed("events.payload", SealedJSON)
    for event_id, text in bind.execute(sa.text("SELECT event_id, payload FROM events")).all():
        value = json.loads(text) if isinstance(text, str) else text
        bind.execute(sa.text("UPDATE events SET payload = :payload WHERE event_id = :id"),
                     {"payload": payload(value), "id": event_id})
    pdf = SealedBytes("documents.pdf")
    for case_id, content in bind.execute(sa.text("SELECT case_id, pdf FROM documents")).all():
        bind.execute(sa.text("UPDATE documents SET pdf = :pdf WHERE case_id = :id"),
                     {"pdf": pdf.process_bind_param(bytes(content), dialect), "id": case_id})


def downgrade() -> None:
    raise NotImplementedError(
        "0004 encrypts personal fields in place; going back would write them in clear")
