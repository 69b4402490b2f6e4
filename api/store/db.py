"""Engine and session factories for the embedded SQLite file or PostgreSQL, plus migrations.

SQLite runs in WAL mode with a busy timeout so the API process and the worker processes
can share the file; PostgreSQL is used as is. ``migrate()`` runs ``alembic upgrade head``.

Two kinds of transaction: ``session()`` for work that writes (on SQLite it takes the single
write lock up front, ``BEGIN IMMEDIATE``, so a read-then-write never fails on a stale
snapshot) and ``read_session()`` for reads (a deferred ``BEGIN`` on SQLite, which in WAL
mode never waits for a writer; ``READ ONLY`` on PostgreSQL). Reads still write their audit
entries: ``audit.record`` holds them on a read session, and ``read_session`` commits them
in one short write transaction after the read and before it returns.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from credintake.api.store.models import utcnow
from credintake.errors import UsageError
from credintake.settings import Settings

if TYPE_CHECKING:
    from credintake.api.store.blobs import BlobStore

log = logging.getLogger(__name__)

ALEMBIC_DIR = Path(__file__).with_name("alembic")

READ_ONLY = "credintake_read_only"      # engine execution option and Session.info key
AUDIT_PENDING = "credintake_audit_pending"   # Session.info key: audit rows of a read
SQLITE_POOL = 40


def database_url(settings: Settings) -> str:
    """The configured URL, normalised to the drivers we ship (psycopg 3)."""
    url = settings.store.database_url
    if not url:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(settings.data_dir / 'credintake.db').resolve()}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def blob_dir(settings: Settings) -> Path:
    return Path(settings.store.blob_dir or settings.data_dir / "blobs")


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str) -> Engine:
    """An engine; for SQLite, WAL + busy timeout + foreign keys on every connection."""
    if is_sqlite(url):
        # As many connections as request threads (anyio's pool: 40), so a reader never waits
        # for a connection held by an upload that is queued on the write lock.
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                               pool_size=SQLITE_POOL, max_overflow=10)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            # Own the transaction boundaries (pysqlite's implicit BEGIN defers locking, which
            # would let two workers read the same queued job before either writes).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            read_only = conn.get_execution_options().get(READ_ONLY)
            conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)

    @event.listens_for(engine, "begin")
    def _begin_pg(conn: Any) -> None:
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")

    return engine


def _refuse_writes(session: Session, _context: Any, _instances: Any) -> None:
    """A read session that flushes changes is a bug (a GET route writing): fail loudly."""
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("a read-only transaction tried to write; writes belong in "
                           "Database.session() (POST/PATCH/DELETE routes)")


def db_now(session: Session) -> datetime:
    """The database server's clock, in UTC. Leases are set on one machine and judged on
    another: comparing them on each machine's own clock lets a skewed worker steal or keep
    a job. SQLite is embedded, so its clock is this machine's."""
    if session.get_bind().dialect.name == "postgresql":
        value = session.scalar(text("SELECT clock_timestamp()"))
        return value.astimezone(timezone.utc)  # type: ignore[union-attr]
    return utcnow()


class Database:
    """An engine and its session factory, built once per process from the settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = database_url(settings)
        self.engine = make_engine(self.url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.read_sessions = sessionmaker(self.engine.execution_options(**{READ_ONLY: True}),
                                          expire_on_commit=False, info={READ_ONLY: True})
        event.listen(self.read_sessions, "before_flush", _refuse_writes)
        self.blobs = blob_dir(settings)
        self.blob_store = open_blob_store(self)
        # the API process on SQLite spools the audit entries of reads (api/audit_spool.py)
        self.audit_spool: Any = None

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A read-only transaction; the audit entries recorded in it are made durable right
        after it ends (before this returns), so a read is never served unaudited: committed
        in a short transaction of their own, or appended to the audit spool when there is
        one, so that the read never queues on SQLite's write lock at all."""
        with self.read_sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
            pending = session.info.pop(AUDIT_PENDING, [])
        if pending and self.audit_spool is not None:
            self.audit_spool.append(pending)
        elif pending:
            with self.session() as writer:
                writer.add_all(pending)

    def migrate(self) -> None:
        migrate(self.url)

    def start_up(self) -> None:
        """Before a command serves: migrate the embedded database, or check that a server
        database's schema is at least this code's (``store.migrate_on_startup``)."""
        auto = self.settings.store.migrate_on_startup
        if auto if auto is not None else self.is_sqlite:
            self.migrate()
        else:
            check_schema(self.url)

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(ALEMBIC_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["configure_logger"] = False
    return cfg


MIGRATION_LOCK = 7262001   # PostgreSQL advisory lock id: one migrator at a time


def schema_revisions(url: str) -> tuple[str | None, str, bool]:
    """(the database's revision, this code's head, whether this code knows the former)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(url))
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()
    known = current is None or current in {r.revision for r in script.walk_revisions()}
    return current, str(script.get_current_head()), known


def open_blob_store(db: "Database") -> "BlobStore":
    """The blob store ``store.blob_backend`` names; uploads stage under ``db.blobs`` either
    way (this machine's disk), only ``filesystem`` keeps the bytes there."""
    from credintake.api.store.blobs import BlobStore

    if db.settings.store.blob_backend == "database":
        from credintake.api.store.db_blobs import DatabaseBlobStore

        return DatabaseBlobStore(db.blobs, db)
    if db.settings.store.blob_backend == "s3":
        from credintake.api.store.s3_blobs import S3BlobStore

        return S3BlobStore(db.blobs, db.settings.store.s3)
    return BlobStore(db.blobs)


def _where(db: "Database") -> str:
    backend = db.settings.store.blob_backend
    return f"the blob store {db.blobs}" if backend == "filesystem" else f"the {backend} blob store"


def probe_blob_store(db: "Database") -> None:
    """Write, read back (hash verified) and remove a probe blob: a store this process cannot
    use stops it at start (API and workers), not at the first upload or packet."""
    import secrets

    store = db.blob_store
    try:
        probe = store.stage_bytes(b"credintake blob probe " + secrets.token_bytes(16))
        store.commit(probe)
        store.read(probe.sha256)
        store.remove_new(probe.sha256)
    except Exception as exc:  # noqa: BLE001 - any failure means this process cannot serve
        raise UsageError(f"{_where(db)} cannot be written, read back and cleaned up "
                         f"({type(exc).__name__}): fix its permissions or settings, then "
                         "start this process again") from exc


def check_shared_blobs(db: "Database") -> None:
    """A worker on another machine must see the blob store the API writes to: one that does
    not would fail every packet it takes, attempt after attempt. Checked at start, on every
    backend: the probe, then the newest file the database references must be there."""
    from sqlalchemy import select

    from credintake.api.store.models import BlobFile

    probe_blob_store(db)
    with db.read_session() as session:
        newest = session.scalar(select(BlobFile.sha256).order_by(
            BlobFile.created_at.desc()).limit(1))
    if newest is not None and not db.blob_store.exists(newest):
        raise UsageError(f"{_where(db)} does not hold the files the database references: "
                         "mount the store shared by the API and every worker there "
                         "(CREDINTAKE_BLOB_DIR), or set CREDINTAKE_BLOB_BACKEND=database "
                         "everywhere, then start this process again")


def check_schema(url: str) -> None:
    """Refuse to run on a schema older than this code; run on a newer one (a rolling deploy:
    schema changes are additive, so the previous version keeps working on them)."""
    current, head, known = schema_revisions(url)
    if current == head:
        return
    if not known:
        log.warning("database schema %s is newer than this version's %s; running on it "
                    "(schema changes are additive)", current, head)
        return
    raise UsageError(f"the database schema is at {current or 'nothing (empty database)'}, "
                     f"this version needs {head}: run `credintake db upgrade` once, then start "
                     "the services")


def migrate(url: str) -> None:
    """``alembic upgrade head``: the only way the schema is created or changed.

    On PostgreSQL the upgrade runs under a transaction-scoped advisory lock, so an API
    container and worker containers starting together do not race to create tables."""
    from alembic import command

    cfg = alembic_config(url)
    if is_sqlite(url):
        command.upgrade(cfg, "head")
    else:
        engine = make_engine(url)
        try:
            with engine.begin() as conn:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        finally:
            engine.dispose()
    log.info("database schema at head")
