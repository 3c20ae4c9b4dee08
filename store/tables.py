"""The schema as SQLAlchemy Core tables; the Alembic migrations create exactly these.

`seq` is an integer that only grows: it orders rows and is the cursor for pagination, while the public
`id` is a random UUID that says nothing about how many analyses exist.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

analyses = Table(
    "analyses",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("api_key_name", String(100), nullable=True),
    Column("source", String(20), nullable=False, default="api"),
    Column("external_id", String(300), nullable=True),
    Column("model_version", String(100), nullable=False),
    Column("schema_version", String(20), nullable=False),
    Column("taxonomy_version", String(100), nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("title", String(300), nullable=True),
    Column("role_id", String(100), nullable=True),
    Column("category", String(50), nullable=True),
    Column("band", String(4), nullable=True),
    Column("analysis", JSON, nullable=False),
    Column("text", Text, nullable=True),
    Column("corrected", Boolean, nullable=False, default=False),
    Index("ix_analyses_created_at", "created_at"),
    Index("ix_analyses_role_id", "role_id"),
    Index("ix_analyses_band", "band"),
    Index("ix_analyses_external_id", "external_id"),
)

corrections = Table(
    "corrections",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column(
        "analysis_id",
        String(36),
        ForeignKey("analyses.id", ondelete="CASCADE", name="fk_corrections_analysis"),
        nullable=False,
    ),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("author", String(100), nullable=True),
    Column("changes", JSON, nullable=False),
    Column("note", Text, nullable=True),
    Index("ix_corrections_analysis_id", "analysis_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(100), nullable=True),
    Column("action", String(40), nullable=False),
    Column("target", String(36), nullable=True),
    Column("detail", JSON, nullable=True),
    Index("ix_audit_log_at", "at"),
)
