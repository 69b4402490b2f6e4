"""List files written from code, a real Database per test, PostgreSQL from the API tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from service_helpers import pg_url  # noqa: E402,F401
from tiny_packets import make_packet  # noqa: E402,F401  (fixture: a scratch PG database)

from credintake.api.store.db import Database  # noqa: E402
from credintake.settings import Settings  # noqa: E402


from lists_helpers import leie_row, make_db  # noqa: E402,F401


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[Database]:
    database = make_db(tmp_path)
    yield database
    database.dispose()
