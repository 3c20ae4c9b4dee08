"""Alembic migrations, shipped inside the package so `mhsw db upgrade` works from an installed wheel."""
