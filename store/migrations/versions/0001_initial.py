"""Analyses, corrections and the audit log.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analyses",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("api_key_name", sa.String(100), nullable=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("external_id", sa.String(300), nullable=True),
        sa.Column("model_version", sa.String(100), nullable=False),
        sa.Column("schema_version", sa.String(20), nullable=False),
        sa.Column("taxonomy_version", sa.String(100), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=True),
        sa.Column("role_id", sa.String(100), nullable=True),
        sa.Column("category", sa.String(50), nullable=True),
        sa.Column("band", sa.String(4), nullable=True),
        sa.Column("analysis", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("corrected", sa.Boolean, nullable=False),
    )
    for column in ("created_at", "role_id", "band", "external_id"):
        op.create_index(f"ix_analyses_{column}", "analyses", [column])
    op.create_table(
        "corrections",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "analysis_id",
            sa.String(36),
            sa.ForeignKey("analyses.id", ondelete="CASCADE", name="fk_corrections_analysis"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(100), nullable=True),
        sa.Column("changes", sa.JSON, nullable=False),
        sa.Column("note", sa.Text, nullable=True),
    )
    op.create_index("ix_corrections_analysis_id", "corrections", ["analysis_id"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(36), nullable=True),
        sa.Column("detail", sa.JSON, nullable=True),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("corrections")
    op.drop_table("analyses")
