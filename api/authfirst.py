"""Authenticate API requests before their body is read.

FastAPI reads and parses a request's body before it resolves the route's dependencies, so
with authentication only in a dependency an unauthenticated upload would still be read (up
to the upload limit, spooled to disk) and a malformed one answered 400 instead of 401. This
middleware looks the bearer token up first, for every path under the API's routers, and
hands the user on in ``request.state.user`` (``deps.current_user`` reuses it).
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from credintake.api.deps import AuthError, user_for
from credintake.api.errors import error_body, send_json


class AuthenticateFirst:
    """401 before the body for requests under ``prefixes`` (first path segments)."""

    def __init__(self, app: ASGIApp, prefixes: frozenset[str]) -> None:
        self.app, self.prefixes = app, prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].split("/")[1] not in self.prefixes:
            await self.app(scope, receive, send)
            return
        scheme, _, token = (Headers(scope=scope).get("authorization") or "").partition(" ")
        try:
            user = await run_in_threadpool(user_for, scope["app"].state.db, scheme,
                                           token.strip())
        except AuthError as exc:
            await send_json(send, exc.status, error_body(exc.status, exc.message),
                            {"WWW-Authenticate": "Bearer"})
            return
        scope.setdefault("state", {})["user"] = user
        await self.app(scope, receive, send)
