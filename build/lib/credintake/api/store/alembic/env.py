"""Alembic environment: the URL comes from the caller's config (``db.alembic_config``) or,
when run as ``alembic -c api/store/alembic.ini ...``, from credintake's settings."""

from __future__ import annotations

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
            context.configure(connection=connection, target_metadata=target_metadata,
                              render_as_batch=url.startswith("sqlite"), compare_type=True)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
