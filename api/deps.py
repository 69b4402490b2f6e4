"""FastAPI dependencies as typed aliases: a route's signature says what it needs
(``SessionDep``, ``SettingsDep``) and who may call it (``Specialist``, ``Coordinator``,
``Admin``; each role includes the ones before it)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

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


# Dependencies that do no I/O are ``async def``: FastAPI runs a sync dependency in its
# thread pool, and under an upload burst every hop to a thread waits for the GIL.

async def get_db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


DatabaseDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


SAFE_METHODS = frozenset({"GET", "HEAD"})


def get_session(request: Request, db: DatabaseDep) -> Iterator[Session]:
    """One transaction per request, ended when the route function returns (dependency scope
    "function"), i.e. *before* the response is sent: a 2xx means committed, audit entry
    included. GET and HEAD are safe methods, so they get a read-only transaction
    (``Database.read_session``: no SQLite write lock while reading; their audit entries are
    committed right after)."""
    begin = db.read_session if request.method in SAFE_METHODS else db.session
    with begin() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def upload_slot(request: Request) -> AsyncIterator[None]:
    """Hold one of ``api.upload_concurrency`` slots while the route stores an upload.

    Storing a packet (hash, copy, commit) is Python work in a pool thread; twenty at once
    take turns at the GIL with every status read (bench/RESULTS_service.md, section 1e:
    burst p95 63-100 ms without the gate, 47-61 ms with two slots). Waiting here is on the
    event loop, so a queued upload holds no thread."""
    async with request.app.state.upload_gate:
        yield


UploadSlot = Annotated[None, Depends(upload_slot, scope="function")]

T = TypeVar("T")


async def read(db: Database, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``work(session, *args, **kwargs)`` in a read session, in one hop to the thread pool;
    the session's audit entries are durable (``Database.read_session``) when this returns.

    For the reads that dashboards poll (status, lists). A sync route with ``SessionDep``
    hops between the event loop and the thread pool four times (open the session, run the
    route, close it, validate the response), and while uploads arrive every hop waits for
    the GIL behind the upload threads; an ``async`` route awaiting this makes one hop
    (bench/RESULTS_service.md, section 1c). The token lookup (authfirst.py) is the other."""
    def run() -> T:
        with db.read_session() as session:
            return work(session, *args, **kwargs)

    return await run_in_threadpool(run)


bearer = HTTPBearer(auto_error=False, description="API token from `credintake users add`")


def user_for(db: Database, scheme: str | None, token: str | None) -> User:
    """The active user holding ``token``, looked up in a short read-only transaction of its
    own (detached afterwards), so a route may open its own sessions without waiting on it."""
    if not token or (scheme or "").lower() != "bearer":
        raise AuthError(401, "missing bearer token (Authorization: Bearer <token>)")
    with db.read_session() as session:
        user = authenticate(session, token)
    if user is None:
        raise AuthError(401, "invalid or revoked token")
    return user


async def current_user(request: Request, db: DatabaseDep,
                       creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
                       ) -> User:
    """The caller. On the API's paths ``AuthenticateFirst`` (authfirst.py) has already
    looked them up, before the body was read; anywhere else they are looked up here."""
    known = getattr(request.state, "user", None)
    if isinstance(known, User):
        return known
    return await run_in_threadpool(user_for, db, creds.scheme if creds else None,
                                   creds.credentials if creds else None)


CurrentUser = Annotated[User, Depends(current_user)]


def require(role: str):  # type: ignore[no-untyped-def]
    async def dep(user: CurrentUser) -> User:
        if not has_role(user.role, role):
            raise AuthError(403, f"this action needs the {role} role (you are {user.role})")
        return user

    dep.__name__ = f"require_{role}"
    dep.role = role  # type: ignore[attr-defined]  # read by app.document_errors
    return dep


Specialist = Annotated[User, Depends(require("specialist"))]
Coordinator = Annotated[User, Depends(require("coordinator"))]
Admin = Annotated[User, Depends(require("admin"))]
