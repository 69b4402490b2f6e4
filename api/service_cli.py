"""Service commands for the ``credintake`` click group (mounted by ``api/cli.py``):
``serve``, ``watch``, ``worker`` and ``users add/list/revoke``.

``COMMANDS`` lists them. ``python -m credintake.api.service_cli`` runs them standalone.
Known errors print one line to stderr and exit with their code (2 for bad input).
"""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from credintake.errors import CredintakeError
from credintake.settings import Settings, get_settings

F = TypeVar("F", bound=Callable[..., Any])


def _handle_errors(fn: F) -> F:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CredintakeError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
    return wrapper  # type: ignore[return-value]


def _logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")


def _settings(workers: int | None = None) -> Settings:
    settings = get_settings()
    if workers is not None:
        settings = settings.model_copy(update={"jobs": settings.jobs.model_copy(
            update={"embedded_workers": workers})})
    return settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="embedded worker processes (default: settings; 0 = none, e.g. when "
                   "`credintake worker` processes run elsewhere)")
@click.option("--verbose", is_flag=True)
@_handle_errors
def serve(host: str, port: int, workers: int | None, verbose: bool) -> None:
    """Run the HTTP API with its embedded database and worker pool."""
    import uvicorn

    from credintake.api.app import create_app

    _logging(verbose)
    settings = _settings(workers)
    app = create_app(settings, start_workers=workers != 0)
    uvicorn.run(app, host=host, port=port, log_level="debug" if verbose else "info",
                access_log=False)


@click.command("watch")
@click.argument("inbox", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--polling", is_flag=True, help="poll instead of native file events "
                                              "(network shares)")
@click.option("--org", "organization", default="default", show_default=True,
              help="the organisation the packets belong to (it must exist: `users add --org`)")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="embedded worker processes to start (0 = rely on `serve`/`worker`)")
@click.option("--verbose", is_flag=True)
@_handle_errors
def watch(inbox: Path, polling: bool, organization: str, workers: int | None,
          verbose: bool) -> None:
    """Watch INBOX: every folder, zip or loose file dropped there becomes a packet."""
    from credintake.api.jobs.pool import WorkerPool
    from credintake.api.store.db import Database
    from credintake.api.watch import InboxWatcher

    _logging(verbose)
    settings = _settings(workers)
    db = Database(settings)
    db.start_up()
    watcher = InboxWatcher(inbox, settings, db, polling=polling, organization=organization)
    pool = None
    if workers != 0 and not settings.jobs.broker_url:
        pool = WorkerPool(settings).start()
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    click.echo(f"watching {watcher.inbox} (Ctrl-C to stop)", err=True)
    try:
        watcher.run(stop)
    finally:
        if pool:
            pool.stop()
        db.dispose()


@click.command("worker", context_settings={"ignore_unknown_options": True})
@click.option("--concurrency", "-c", type=click.IntRange(min=1), default=None,
              help="worker processes (default: settings.workers)")
@click.option("--loglevel", default="INFO", show_default=True)
@click.argument("celery_args", nargs=-1, type=click.UNPROCESSED)
@_handle_errors
def worker(concurrency: int | None, loglevel: str, celery_args: tuple[str, ...]) -> None:
    """Run a Celery worker (scale-out mode; needs CREDINTAKE_BROKER_URL and a shared
    database and blob directory). Extra arguments go to `celery worker`."""
    from credintake.api.app import Sweeper
    from credintake.api.jobs.celery_app import make_app
    from credintake.api.store.db import Database, check_shared_blobs
    from credintake.errors import UsageError

    settings = get_settings()
    if not settings.jobs.broker_url:
        raise UsageError("set CREDINTAKE_BROKER_URL (redis://... or amqp://...) to run workers")
    _logging(loglevel.upper() == "DEBUG")
    db = Database(settings)
    db.start_up()
    check_shared_blobs(db)
    sweeper = Sweeper(db, settings).start()
    app = make_app(settings)
    argv = ["worker", f"--loglevel={loglevel}", f"--concurrency={concurrency or settings.workers}",
            "--queues=credintake", *celery_args]
    try:
        app.worker_main(argv)
    finally:
        sweeper.stop()
        db.dispose()


@click.group("users")
def users() -> None:
    """API users and their tokens."""


@contextlib.contextmanager
def _db() -> Iterator[Any]:
    """The database for one command, its connections closed when the command ends."""
    from credintake.api.store.db import Database

    db = Database(get_settings())
    try:
        db.start_up()
        yield db
    finally:
        db.dispose()


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["specialist", "coordinator", "admin"]),
              required=True)
@click.option("--org", "organization", default="default", show_default=True,
              help="the user's organisation (created when missing); users see only "
                   "their organisation's packets")
@_handle_errors
def users_add(name: str, role: str, organization: str) -> None:
    """Create a user and print its token (shown once; only a hash is kept)."""
    from credintake.api import audit
    from credintake.api.users import add_user

    with _db() as db, db.session() as session:
        info, token = add_user(session, name=name, role=role, organization=organization)
        audit.record(session, None, "user.add", None, user_id=info.id, role=role)
    click.echo(f"created {role} {name!r} in organisation {info.organization!r}; token "
               "(store it now, it is not shown again):", err=True)
    click.echo(token)


@users.command("list")
@_handle_errors
def users_list() -> None:
    """List users (name, role, organisation, token prefix, created, revoked)."""
    from credintake.api.users import list_users

    with _db() as db, db.session() as session:
        rows = list_users(session)
    for u in rows:
        revoked = u.revoked_at.isoformat(timespec="seconds") if u.revoked_at else "-"
        click.echo(f"{u.name}\t{u.role}\torg={u.organization}\t{u.token_prefix}…\t"
                   f"{u.created_at.isoformat(timespec='seconds')}\trevoked={revoked}")


@users.command("revoke")
@click.argument("name")
@_handle_errors
def users_revoke(name: str) -> None:
    """Revoke a user's token (the user and its history stay)."""
    from credintake.api import audit
    from credintake.api.users import revoke_user

    with _db() as db, db.session() as session:
        info = revoke_user(session, name)
        audit.record(session, None, "user.revoke", None, user_id=info.id)
    click.echo(f"revoked {name!r}", err=True)


@click.group("db")
def db_group() -> None:
    """The database schema (an explicit step on a server database)."""


@db_group.command("upgrade")
@_handle_errors
def db_upgrade() -> None:
    """Bring the schema to this version's (alembic upgrade head). Run it once per deploy,
    before the new version's services start; the old version keeps working meanwhile."""
    from credintake.api.store.db import database_url, migrate, schema_revisions

    url = database_url(get_settings())
    before, head, _ = schema_revisions(url)
    migrate(url)
    click.echo(f"schema {before or 'empty'} -> {head}", err=True)


@db_group.command("current")
@_handle_errors
def db_current() -> None:
    """Print the database's schema revision and this version's."""
    from credintake.api.store.db import database_url, schema_revisions

    current, head, known = schema_revisions(database_url(get_settings()))
    state = ("up to date" if current == head else "newer than this version" if not known
             else "needs `credintake db upgrade`")
    click.echo(f"database {current or 'empty'}	this version {head}	{state}")


@click.group("desk")
def desk_group() -> None:
    """The coordinator's desk."""


@desk_group.command("daily")
@click.option("--date", "today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="the day to run for (default: today)")
@_handle_errors
def desk_daily(today: Any) -> None:
    """Raise recredentialing.due findings, list what falls due or expires within the
    30/60/90-day windows, and escalate stalled files; prints the summary as JSON."""
    import json

    from credintake.api.desk.daily import run_daily

    with _db() as db:
        summary = run_daily(db, today.date() if today else None)
    click.echo(json.dumps(summary, indent=2))


COMMANDS: list[click.Command] = [serve, watch, worker, users, db_group, desk_group]


@click.group()
def _standalone() -> None:
    """credintake service commands."""


for _cmd in COMMANDS:
    _standalone.add_command(_cmd)

if __name__ == "__main__":
    _standalone()
