"""FastAPI dependencies as typed aliases: a route's signature says what it needs
(``SessionDep``, ``SettingsDep``) and who may call it (``Specialist``, ``Coordinator``,
``Admin``; each role includes the ones before it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from credintake.api.store.db import Database
from credintake.api.store.models import User
from credintake.api.users import authenticate, has_role
from credintake.settings import Settings


class AuthError(Exception):
    """401 (no or bad token) or 403 (role too low); rendered in the common error shape."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def get_db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


DatabaseDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_session(db: DatabaseDep) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back on error."""
    with db.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]

bearer = HTTPBearer(auto_error=False, description="API token from `credintake users add`")


def current_user(db: DatabaseDep,
                 creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
                 ) -> User:
    """The caller, looked up in a short transaction of its own (detached afterwards), so a
    route may open its own sessions without waiting on this one (SQLite has one writer)."""
    if creds is None or creds.scheme.lower() != "bearer" or not creds.credentials:
        raise AuthError(401, "missing bearer token (Authorization: Bearer <token>)")
    with db.session() as session:
        user = authenticate(session, creds.credentials)
    if user is None:
        raise AuthError(401, "invalid or revoked token")
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def require(role: str):  # type: ignore[no-untyped-def]
    def dep(user: CurrentUser) -> User:
        if not has_role(user.role, role):
            raise AuthError(403, f"this action needs the {role} role (you are {user.role})")
        return user

    dep.__name__ = f"require_{role}"
    return dep


Specialist = Annotated[User, Depends(require("specialist"))]
Coordinator = Annotated[User, Depends(require("coordinator"))]
Admin = Annotated[User, Depends(require("admin"))]
