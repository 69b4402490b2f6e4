"""The active imported lists as a ``ScreeningSource`` for the rules (read-only queries).

``open_screening(settings)`` is what the pipeline calls for every packet, in the CLI and in
the service's workers alike: it reads the database of the same data directory (or the
configured ``store.database_url``). No database yet, a database without the list tables,
or no list imported: None, and the screening rules stay silent (``credintake lists
status`` says so).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, inspect, or_, select
from sqlalchemy.exc import SQLAlchemyError

from credintake.api.store.db import READ_ONLY, database_url, make_engine
from credintake.api.store.models import ExclusionRow, ListVersion, NpiRow
from credintake.rules.screening import (EXCLUSION_LISTS, NPPES, ExclusionEntry, ListInfo,
                                        NpiRecord)
from credintake.settings import Settings

log = logging.getLogger(__name__)


class DatabaseScreening:
    """Queries against the active versions, over one read-only connection."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine.execution_options(**{READ_ONLY: True})
        with self._engine.connect() as conn:
            rows = conn.execute(select(ListVersion.id, ListVersion.list_name,
                                       ListVersion.file_date, ListVersion.rows)
                                .where(ListVersion.status == "active")).all()
        self._versions = {r.id: ListInfo(r.list_name, r.file_date, r.rows) for r in rows}

    def _ids(self, names: Iterable[str]) -> list[int]:
        wanted = set(names)
        return [i for i, info in self._versions.items() if info.name in wanted]

    def exclusion_lists(self) -> list[ListInfo]:
        return [v for v in self._versions.values() if v.name in EXCLUSION_LISTS]

    def exclusion_candidates(self, keys: Iterable[str], npis: Iterable[str]
                             ) -> list[ExclusionEntry]:
        keys, npis = [k for k in keys if k], [n for n in npis if n]
        ids = self._ids(EXCLUSION_LISTS)
        if not ids or not (keys or npis):
            return []
        t = ExclusionRow
        query = select(t).where(t.version_id.in_(ids),
                                or_(t.name_key.in_(keys), t.npi.in_(npis)))
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        return [ExclusionEntry(
            list_name=self._versions[r.version_id].name,
            file_date=self._versions[r.version_id].file_date, line=r.line,
            last_name=r.last_name, first_name=r.first_name, middle_name=r.middle_name,
            npi=r.npi, date_of_birth=r.date_of_birth, exclusion_type=r.exclusion_type,
            exclusion_date=r.exclusion_date, reinstatement_date=r.reinstatement_date,
            state=r.state) for r in rows]

    def nppes(self) -> ListInfo | None:
        return next((v for v in self._versions.values() if v.name == NPPES), None)

    def npi_record(self, npi: str) -> NpiRecord | None:
        ids = self._ids([NPPES])
        if not ids:
            return None
        with self._engine.connect() as conn:
            r = conn.execute(select(NpiRow).where(NpiRow.version_id.in_(ids),
                                                  NpiRow.npi == npi)).first()
        if r is None:
            return None
        return NpiRecord(npi=r.npi, file_date=self._versions[r.version_id].file_date,
                         entity_type=r.entity_type, last_name=r.last_name,
                         first_name=r.first_name, middle_name=r.middle_name,
                         organization=r.organization, practice_state=r.practice_state,
                         deactivation_date=r.deactivation_date,
                         reactivation_date=r.reactivation_date,
                         taxonomies=tuple((c, bool(p)) for c, p in r.taxonomies or []),
                         licenses=tuple((n, s) for n, s in r.licenses or []))


def _url(settings: Settings) -> str | None:
    """The database URL, or None when the embedded database does not exist yet (opening it
    must not create it)."""
    if not settings.store.database_url and not (settings.data_dir / "credintake.db").exists():
        return None
    return database_url(settings)


@contextmanager
def open_screening(settings: Settings) -> Iterator[DatabaseScreening | None]:
    """The lists of the configured database, or None when there is nothing to screen
    against (see the module docstring)."""
    url = _url(settings)
    if url is None:
        yield None
        return
    engine = make_engine(url)
    try:
        try:
            # read-only: on SQLite a plain BEGIN, which never takes (or waits for) the write
            # lock that a reviewer's correction may hold while it re-screens
            with engine.execution_options(**{READ_ONLY: True}).connect() as conn:
                listed = inspect(conn).has_table("list_versions")
            source = DatabaseScreening(engine) if listed else None
            if source is not None and not source.exclusion_lists() and source.nppes() is None:
                source = None
        except SQLAlchemyError as exc:
            # screening is an addition to the packet's result, not a reason to lose it
            log.warning("lists unavailable, packet not screened: %s", type(exc).__name__)
            source = None
        yield source
    finally:
        engine.dispose()
