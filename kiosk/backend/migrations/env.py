"""Alembic environment of the backend's database (SQLite or PostgreSQL): migrations run
on the connection kiosk.backend.database hands over."""

from alembic import context

from kiosk.backend.models import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying
)
with context.begin_transaction():
    context.run_migrations()
