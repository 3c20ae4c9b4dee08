"""Alembic environment: runs on the connection `store.migrate` hands over in `config.attributes`."""

from __future__ import annotations

from alembic import context

from store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        # Several workers starting at once: one migrates, the others wait and then find nothing to do.
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(874261)")
    context.run_migrations()
