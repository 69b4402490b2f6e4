"""The FastAPI application: routes, one error shape, and the service's lifecycle.

``create_app(settings, start_workers=True)`` is what ``credintake serve`` runs: migrate
the embedded database, or check a server database's schema (``Database.start_up``), start the embedded worker pool (or, with a broker,
a sweeper that re-publishes jobs nobody took), serve, and stop the workers on shutdown.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from credintake import __version__
from credintake.api.authfirst import AuthenticateFirst
from credintake.api.deps import AuthError, current_user
from credintake.api.errors import (TooLargeError, error_body, error_code, error_responses,
                                   send_json)
from credintake.api.routes import ROUTERS
from credintake.api.store.db import Database, probe_blob_store
from credintake.errors import CredintakeError
from credintake.settings import Settings, get_settings

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, start_workers: bool = False) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings)
        db.start_up()
        probe_blob_store(db)
        app.state.db = db
        if db.is_sqlite:
            from credintake.api.audit_spool import AuditSpool

            db.audit_spool = AuditSpool(db, settings.data_dir / "audit-spool").start()
        pool, sweeper = None, None
        if start_workers:
            if settings.jobs.broker_url:
                sweeper = Sweeper(db, settings).start()
            else:
                from credintake.api.jobs.pool import WorkerPool

                pool = WorkerPool(settings).start()
        app.state.pool = pool
        desk_daily = DeskDaily(db, settings).start() if (
            start_workers and settings.desk.daily_every_hours > 0) else None
        monitor = (Monitor(db, settings).start()
                   if start_workers and settings.lists.monitor_check_seconds else None)
        try:
            yield
        finally:
            if desk_daily:
                desk_daily.stop()
            if monitor:
                monitor.stop()
            if sweeper:
                sweeper.stop()
            if pool:
                pool.stop()
            if settings.jobs.broker_url:
                from credintake.api.jobs.celery_app import close_publishers

                close_publishers()
            if db.audit_spool is not None:
                db.audit_spool.stop()
            db.dispose()

    app = FastAPI(title="credintake", version=__version__, lifespan=lifespan,
                  description="Document-AI intake for provider credentialing packets. "
                              "Every route but /health needs `Authorization: Bearer <token>`.")
    app.state.settings = settings
    app.state.upload_gate = asyncio.Semaphore(settings.api.upload_concurrency)
    for router in ROUTERS:
        document_errors(router)
        app.include_router(router, dependencies=[Depends(reject_unknown_query)])
    install_error_handlers(app)
    from credintake.api.ui import install as install_ui

    install_ui(app)                     # the review screens under /ui
    app.add_middleware(AuthenticateFirst, prefixes=frozenset(
        r.prefix.split("/")[1] for r in ROUTERS if r.prefix) | DOC_PATHS)
    app.add_middleware(BodyLimit, limit=settings.api.max_upload_bytes + 1024 * 1024)
    return app


#: The schema and its pages need a token like every route but /health: they describe no
#: personal data, but the rule is simpler to keep and to audit without exceptions.
DOC_PATHS = frozenset({"docs", "redoc", "openapi.json"})


def document_errors(router: APIRouter) -> None:
    """Put the errors every route shares into its OpenAPI responses, in the common shape:
    400 where a body is read (it may not parse), 401 where a token is needed, 403 where the
    role needed is above specialist, 404 where the path names a resource, 422 everywhere
    (invalid or unknown parameters). Errors particular to a route (400 for a semantic refusal, 409,
    413, 415) are declared in its decorator and take precedence."""
    for route in router.routes:
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            continue
        d = route.dependant
        calls = list(_calls(d))
        statuses = [400] if d.body_params else []
        if current_user in calls:
            statuses.append(401)
        if any(getattr(c, "role", "specialist") != "specialist" for c in calls):
            statuses.append(403)
        if d.path_params:
            statuses.append(404)
        statuses.append(422)            # any route: an unknown query parameter at least
        route.responses = {**error_responses(*statuses), **route.responses}


async def reject_unknown_query(request: Request) -> None:
    """422 for a query parameter the route does not take: a misspelt filter
    (``?stauts=done``) must not silently return everything."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = set(_query_names(route.dependant))
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise RequestValidationError([{"loc": ("query", name), "msg": "unknown query parameter",
                                       "type": "extra_forbidden"} for name in unknown])


def _query_names(dependant: Dependant) -> Iterator[str]:
    yield from (p.alias for p in dependant.query_params)
    for sub in dependant.dependencies:
        yield from _query_names(sub)


def _calls(dependant: Dependant) -> Iterator[Any]:
    """Every dependency callable below ``dependant`` (the role checks and current_user)."""
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def install_error_handlers(app: FastAPI) -> None:
    """Every error, whatever raised it, leaves as ``{"error": {...}}``."""

    @app.exception_handler(CredintakeError)
    async def _credintake(_: Request, exc: CredintakeError) -> JSONResponse:
        if exc.http_status >= 500:
            log.error("internal error %s", type(exc).__name__)
        return JSONResponse(error_body(exc.http_status, str(exc), code=error_code(exc),
                                       details=getattr(exc, "details", None)),
                            status_code=exc.http_status)

    @app.exception_handler(AuthError)
    async def _auth(_: Request, exc: AuthError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(error_body(exc.status, exc.message), status_code=exc.status,
                            headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        cause = exc.__cause__
        if isinstance(cause, TooLargeError):
            return JSONResponse(error_body(413, str(cause), code=cause.code), status_code=413)
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": allowed_methods(request)}
        return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code,
                            headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"loc": ".".join(str(p) for p in e.get("loc", ())), "msg": e.get("msg", "")}
                   for e in exc.errors()][:50]
        return JSONResponse(error_body(422, "the request is not valid", details=details),
                            status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled %s", type(exc).__name__)
        return JSONResponse(error_body(500, "internal error; the request was not completed"),
                            status_code=500)


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> str:
    """Every method some route serves at this path, for a 405's ``Allow`` (RFC 9110).
    Starlette lists only the methods of the first route that matched the path, while
    ``GET /packets`` and ``POST /packets`` are separate routes."""
    routes = request.app.router.routes
    return ", ".join(m for m in METHODS if any(
        r.matches({**request.scope, "method": m})[0] == Match.FULL for r in routes))


class BodyLimit:
    """Refuse request bodies past ``limit`` bytes before they fill the disk: at once from
    Content-Length, or while streaming for chunked uploads."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await send_json(send, 413, error_body(
                413, f"request body larger than the upload limit of {self.limit} bytes",
                code="too_large"))
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLargeError(f"request body larger than the upload limit of "
                                        f"{self.limit} bytes")
            return message

        await self.app(scope, limited, send)


class Sweeper:
    """Celery mode: periodically re-publish jobs the broker lost (see jobs/dispatch.py)."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db, self.settings, self.every = db, settings, settings.jobs.sweep_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="job-sweeper")

    def start(self) -> Sweeper:
        self._thread.start()
        return self

    def _run(self) -> None:
        from credintake.api.jobs.dispatch import sweep

        while not self._stop.wait(self.every):
            try:
                sweep(self.db, self.settings)
            except Exception as exc:  # noqa: BLE001 - try again next round
                log.warning("sweeper round failed (%s)", type(exc).__name__)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


class DeskDaily:
    """The desk's daily job (api/desk/daily.py) at start and every
    ``desk.daily_every_hours``; each run is idempotent, so several service processes may
    each run it."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db, self.every = db, settings.desk.daily_every_hours * 3600
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="desk-daily")

    def start(self) -> DeskDaily:
        self._thread.start()
        return self

    def _run(self) -> None:
        from credintake.api.desk.daily import run_daily

        while True:
            try:
                run_daily(self.db)
            except Exception as exc:  # noqa: BLE001 - try again next round
                log.warning("desk daily run failed (%s)", type(exc).__name__)
            if self._stop.wait(self.every):
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


class Monitor:
    """The periodic list monitoring: every ``lists.monitor_check_seconds``, run
    ``lists.monitor`` when the last run (audited) is ``lists.monitor_every_days`` old.
    In scale-out every serve process checks; the audit entry of a finished run makes the
    others skip it (two runs racing add nothing twice: matches already stored are kept)."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db, self.settings = db, settings
        self.every = settings.lists.monitor_check_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="list-monitor")

    def start(self) -> Monitor:
        self._thread.start()
        return self

    def _run(self) -> None:
        import datetime as dt

        from credintake.api.lists.monitor import due, monitor

        while not self._stop.wait(self.every):
            try:
                now = dt.datetime.now(dt.timezone.utc)
                if due(self.db, self.settings, now):
                    monitor(self.db, self.settings, as_of=now.date())
            except Exception as exc:  # noqa: BLE001 - try again next round
                log.warning("list monitoring round failed (%s)", type(exc).__name__)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
