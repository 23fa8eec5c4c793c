"""The schema of release 0.1.0, the last one made by ``create_all``: a database that
release made is stamped with this revision and upgraded from here.

Revision ID: 0001
Revises: (none)
"""

import sqlalchemy as sa
from alembic import op

import kiosk.store.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("national_number", sa.String(length=11), nullable=False),
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_id"),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cases_national_number"), ["national_number"], unique=False
        )

    op.create_table(
        "citizens",
        sa.Column("national_number", sa.String(length=11), nullable=False),
        sa.Column("surname", sa.String(length=128), nullable=False),
        sa.Column("first_names", sa.String(length=512), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("street", sa.String(length=256), nullable=False),
        sa.Column("postcode", sa.String(length=8), nullable=False),
        sa.Column("municipality", sa.String(length=128), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("national_number"),
    )
    with op.batch_alter_table("citizens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_citizens_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "credentials",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=True),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("expires_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "enrolment_tokens",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("used_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "events",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("kiosk_time", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_device_seq", ["device_id", "seq"], unique=False)

    op.create_table(
        "fleet_alerts",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("opened_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fleet_alerts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_fleet_alerts_kiosk_open", ["kiosk_id", "resolved_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_fleet_alerts_opened_at"), ["opened_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_fleet_alerts_resolved_at"), ["resolved_at"], unique=False
        )

    op.create_table(
        "fleet_heartbeats",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("received_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fleet_heartbeats", schema=None) as batch_op:
        batch_op.create_index(
            "ix_fleet_heartbeats_kiosk_at", ["kiosk_id", "received_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_fleet_heartbeats_received_at"), ["received_at"], unique=False
        )

    op.create_table(
        "fleet_kiosks",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("first_seen_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column(
            "last_heartbeat_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("silent_after", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("interval_s", sa.Float(), nullable=False),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.Column("software_version", sa.String(length=64), nullable=False),
        sa.Column("config_version", sa.String(length=64), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("heartbeats", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id"),
    )
    with op.batch_alter_table("fleet_kiosks", schema=None) as batch_op:
        batch_op.create_index("ix_fleet_kiosks_silent", ["offline", "silent_after"], unique=False)
        batch_op.create_index(batch_op.f("ix_fleet_kiosks_site"), ["site"], unique=False)

    op.create_table(
        "fleet_remote_config",
        sa.Column("scope", sa.String(length=8), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("updated_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("scope", "target"),
    )
    op.create_table(
        "payments",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("payment_id", sa.String(length=36), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.Column("completed_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
        sa.UniqueConstraint("payment_id"),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index("ix_payments_kiosk_day", ["kiosk_id", "day"], unique=False)

    op.create_table(
        "queue_tickets",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("desk", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("issued_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    with op.batch_alter_table("queue_tickets", schema=None) as batch_op:
        batch_op.create_index("ix_queue_tickets_site_day", ["site", "day"], unique=False)

    op.create_table(
        "sites",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "slots",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.Column("starts_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("slots", schema=None) as batch_op:
        batch_op.create_index("ix_slots_site_start", ["site", "starts_at"], unique=False)

    op.create_table(
        "update_bundle_chunks",
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("version", "seq"),
    )
    op.create_table(
        "update_bundles",
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )
    op.create_table(
        "update_kiosk_states",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=True),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("current", sa.String(length=32), nullable=True),
        sa.Column(
            "rollout_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("unblock", sa.String(length=32), nullable=True),
        sa.Column("updated_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id"),
    )
    op.create_table(
        "update_rollouts",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("waves", sa.JSON(), nullable=False),
        sa.Column("wave", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("halted_reason", sa.Text(), nullable=True),
        sa.Column("created_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "bookings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("national_number", sa.String(length=11), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["slots.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slot_id"),
    )
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bookings_national_number"), ["national_number"], unique=False
        )

    op.create_table(
        "case_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_history_case_id"), ["case_id"], unique=False)

    op.create_table(
        "certificate_requests",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=True),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("case_id"),
    )
    op.create_table(
        "documents",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("verification_code", sa.String(length=32), nullable=False),
        sa.Column("issued_at", kiosk.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("case_id"),
        sa.UniqueConstraint("verification_code"),
    )


def downgrade() -> None:
    op.drop_table("documents")
    op.drop_table("certificate_requests")
    with op.batch_alter_table("case_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_history_case_id"))

    op.drop_table("case_history")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bookings_national_number"))

    op.drop_table("bookings")
    op.drop_table("update_rollouts")
    op.drop_table("update_kiosk_states")
    op.drop_table("update_bundles")
    op.drop_table("update_bundle_chunks")
    with op.batch_alter_table("slots", schema=None) as batch_op:
        batch_op.drop_index("ix_slots_site_start")

    op.drop_table("slots")
    op.drop_table("sites")
    with op.batch_alter_table("queue_tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_queue_tickets_site_day")

    op.drop_table("queue_tickets")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index("ix_payments_kiosk_day")

    op.drop_table("payments")
    op.drop_table("fleet_remote_config")
    with op.batch_alter_table("fleet_kiosks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fleet_kiosks_site"))
        batch_op.drop_index("ix_fleet_kiosks_silent")

    op.drop_table("fleet_kiosks")
    with op.batch_alter_table("fleet_heartbeats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fleet_heartbeats_received_at"))
        batch_op.drop_index("ix_fleet_heartbeats_kiosk_at")

    op.drop_table("fleet_heartbeats")
    with op.batch_alter_table("fleet_alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fleet_alerts_resolved_at"))
        batch_op.drop_index(batch_op.f("ix_fleet_alerts_opened_at"))
        batch_op.drop_index("ix_fleet_alerts_kiosk_open")

    op.drop_table("fleet_alerts")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_device_seq")

    op.drop_table("events")
    op.drop_table("enrolment_tokens")
    op.drop_table("credentials")
    with op.batch_alter_table("citizens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_citizens_household_id"))

    op.drop_table("citizens")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_national_number"))

    op.drop_table("cases")
