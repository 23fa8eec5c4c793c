"""Local store: SQLAlchemy models on SQLite (WAL), Alembic migrations, one writer path."""
