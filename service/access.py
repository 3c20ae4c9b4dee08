"""Who is calling the history routes and what their key's role allows (reader < reviewer < admin).

With no `MHSW_API_KEYS` the service is open and every caller is an admin named `anonymous`: set keys before
exposing the history routes beyond one machine. No `from __future__ import annotations` (FastAPI closures).
"""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import HTTPException, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.security import matching_key, parse_key, role_allows
from service.settings import Settings


@dataclass(frozen=True)
class Caller:
    name: str
    role: str


Requirement = Callable[..., Coroutine[Any, Any, Caller]]


def role_checks(settings: Settings) -> Callable[[str], Requirement]:
    """`needs("reviewer")` is a dependency that returns the caller or answers 401/403."""
    bearer = HTTPBearer(auto_error=False, description="One of the keys in MHSW_API_KEYS.")

    def needs(role: str) -> Requirement:
        async def caller(
            credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
        ) -> Caller:
            if not settings.api_keys:
                return Caller("anonymous", "admin")
            index = matching_key(credentials.credentials, settings.api_keys) if credentials else None
            if index is None:
                raise HTTPException(
                    401,
                    "Send a valid API key as 'Authorization: Bearer <key>'.",
                    {"WWW-Authenticate": "Bearer"},
                )
            entry = parse_key(settings.api_keys[index], index)
            if not role_allows(entry.role, role):
                raise HTTPException(403, f"This needs a key with the {role} role; yours is {entry.role}.")
            return Caller(entry.name, entry.role)

        return caller

    return needs
