"""Service settings, read from `MHSW_*` environment variables so a container needs no config file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

MAX_TEXT_CHARS = 100_000
"""The longest advert text the API accepts; settings may lower it, never raise it (it is in the schema)."""
MAX_BATCH = 100
"""The most adverts in one batch request; settings may lower it, never raise it."""
MIN_API_KEY_CHARS = 16

CommaList = Annotated[list[str], NoDecode]


def _split(value: object) -> object:
    """`a, b` -> ['a', 'b']; lists pass through, so settings can also be built in code."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class Settings(BaseSettings):
    """Every knob of the service; the defaults are safe for a public deployment."""

    model_config = SettingsConfigDict(env_prefix="MHSW_", extra="forbid")

    model: Path | None = Field(
        default=None, description="Model folder (default: the one named in models/DEFAULT)."
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    max_body_bytes: int = Field(default=2 * 1024 * 1024, ge=1024, description="Largest JSON request body.")
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, ge=1024, description="Largest uploaded file.")
    max_text_chars: int = Field(default=MAX_TEXT_CHARS, ge=1, le=MAX_TEXT_CHARS)
    max_batch: int = Field(default=MAX_BATCH, ge=1, le=MAX_BATCH)
    cors_origins: CommaList = Field(default_factory=list, description="Origins allowed to call the API.")
    trusted_hosts: CommaList = Field(default_factory=list, description="Host headers accepted (empty: any).")
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(default_factory=list)
    rate_limit_per_minute: float = Field(
        default=60.0, ge=0, description="Batch/file requests per key; 0 = off."
    )
    rate_limit_burst: int = Field(default=10, ge=1)
    analysis_threads: int = Field(default=4, ge=1, le=64, description="Analyses run at once per process.")
    analysis_deadline_seconds: float = Field(
        default=5.0, gt=0, le=600, description="Longest one analysis may take before 503 (batch: per 10 adverts)."
    )
    parse_deadline_seconds: float = Field(
        default=10.0, gt=0, le=600, description="Longest an uploaded file may take to parse before 422."
    )
    parse_memory_bytes: int = Field(
        default=1024 * 1024 * 1024, ge=64 * 1024 * 1024, description="Address space of the file-parsing process."
    )
    limit_concurrency: int | None = Field(
        default=256, ge=1, description="Open requests per process before 503."
    )
    docs: bool = Field(default=True, description="Serve /docs and /openapi.json.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    database_url: SecretStr | None = Field(
        default=None,
        description="sqlite:///FILE or postgresql+psycopg://... (default: SQLite under ~/.local/share/mhsw).",
    )
    history: bool = Field(
        default=True, description="Open the database and serve /v1/analyses and corrections."
    )
    migrate_on_start: bool = Field(default=True, description="Run the database migrations at start-up.")
    text_retention: bool = Field(default=False, description="Keep the advert text of stored analyses.")
    retention_days: int | None = Field(
        default=None, ge=1, description="Erase stored analyses older than this."
    )

    _split_lists = field_validator("cors_origins", "trusted_hosts", "api_keys", mode="before")(_split)
    _upper_level = field_validator("log_level", mode="before")(lambda level: str(level).upper())

    @field_validator("cors_origins")
    @classmethod
    def _no_wildcard_origin(cls, origins: list[str]) -> list[str]:
        if any("*" in origin for origin in origins):
            raise ValueError("CORS origins must be listed one by one; '*' is refused")
        return origins

    @field_validator("api_keys")
    @classmethod
    def _strong_keys(cls, keys: list[SecretStr]) -> list[SecretStr]:
        from service.security import parse_key  # keys may be `name:role:key`; the key part must be strong

        if any(len(parse_key(key, i).secret) < MIN_API_KEY_CHARS for i, key in enumerate(keys)):
            raise ValueError(f"every API key must be at least {MIN_API_KEY_CHARS} characters long")
        return keys

    @property
    def upload_body_bytes(self) -> int:
        """The body limit of the upload route: the file plus room for the multipart envelope and title."""
        return self.max_upload_bytes + 64 * 1024
