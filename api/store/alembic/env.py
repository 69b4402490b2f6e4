"""Alembic environment: the URL comes from the caller's config (``db.alembic_config``) or,
when run as ``alembic -c api/store/alembic.ini ...``, from credintake's settings."""

from __future__ import annotations

from typing import Any

from alembic import context

from credintake.api.store.db import database_url, make_engine
from credintake.api.store.models import Base
from credintake.settings import Settings

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    return url or database_url(Settings())


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def _foreign_keys(connection: Any, *, on: bool) -> None:
    """SQLite batch migrations copy a table, DROP the original and rename the copy. With
    foreign keys enforced, that DROP first deletes every row, and ``ON DELETE CASCADE``
    would empty the child tables (a packet's documents, fields, findings, job). The pragma
    only takes effect outside a transaction, so it is set on the raw connection before
    Alembic begins one."""
    connection.connection.driver_connection.execute(
        f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def _check_foreign_keys(connection: Any) -> None:
    """With enforcement off during the migration, verify the result before committing."""
    bad = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if bad:
        raise RuntimeError(f"migration left {len(bad)} dangling foreign key(s); rolled back")


def run_migrations_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:        # db.migrate(): a connection holding the migration lock
        context.configure(connection=given, target_metadata=target_metadata,
                          render_as_batch=False, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = _url()
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            sqlite = url.startswith("sqlite")
            if sqlite:
                _foreign_keys(connection, on=False)
            context.configure(connection=connection, target_metadata=target_metadata,
                              render_as_batch=sqlite, compare_type=True)
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    _check_foreign_keys(connection)
            if sqlite:
                _foreign_keys(connection, on=True)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
