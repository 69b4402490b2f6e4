"""The exclusion lists in force, for the rules (rules/exclusion.py).

Every processed packet is screened against the lists imported into the same database as the
service's (``CREDINTAKE_DATABASE_URL``, else ``<CREDINTAKE_DATA_DIR>/credintake.db``):
``credintake process`` and ``batch`` read it too, so a list imported with ``credintake lists
import`` screens every later run on that data directory. Where no list was ever imported
(no database file, no tables, no active version) nothing is screened and no finding is
raised; ``credintake lists status`` says which lists are in force. Opening the source never
creates a database.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from credintake.api.store.db import make_engine
from credintake.api.store.models import ExclusionEntry, ExclusionList
from credintake.rules.exclusion import ListEntry, Screening
from credintake.settings import Settings

log = logging.getLogger(__name__)


class DatabaseScreening:
    """``rules.exclusion.ScreeningSource`` over the service's database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def lookup(self, last_names: set[str]) -> Screening | None:
        with self.engine.connect() as conn:
            lists = conn.execute(select(ExclusionList.id, ExclusionList.kind, ExclusionList.file_date)
                                 .where(ExclusionList.status == "active")).all()
            if not lists:
                return None
            by_id = {row.id: (row.kind, row.file_date) for row in lists}
            rows = conn.execute(select(ExclusionEntry).where(
                ExclusionEntry.list_id.in_(by_id), ExclusionEntry.last_key.in_(sorted(last_names)),
                ExclusionEntry.last_name.is_not(None))).all() if last_names else []
        entries = [ListEntry(kind=by_id[r.list_id][0], file_date=by_id[r.list_id][1], line=r.line,
                             last_name=r.last_name or "", first_name=r.first_name or "",
                             middle_name=r.middle_name or "", npi=r.npi,
                             date_of_birth=r.date_of_birth, exclusion_type=r.exclusion_type,
                             exclusion_date=r.exclusion_date, end_date=r.end_date, state=r.state)
                   for r in rows]
        return Screening(lists={kind: when for kind, when in by_id.values()}, entries=entries)


def screening_source(settings: Settings) -> DatabaseScreening | None:
    """The source for this data directory, or None where no list can have been imported."""
    url = settings.store.database_url
    if not url:
        path = settings.data_dir / "credintake.db"
        if not path.is_file():
            return None
        url = f"sqlite:///{path.resolve()}"
    elif url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        engine = _engine(url)
        if not inspect(engine).has_table("exclusion_lists"):
            return None
    except SQLAlchemyError as exc:
        # screening is then skipped; the reason is logged without any packet content
        log.warning("exclusion lists unavailable: %s", type(exc).__name__)
        return None
    return DatabaseScreening(engine)


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    """One engine per database for the process (a batch screens every packet)."""
    return make_engine(url)
