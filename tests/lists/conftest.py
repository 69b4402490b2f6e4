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


def leie_row(last: str, first: str, **kw: str) -> dict[str, str]:
    row = {"LASTNAME": last, "FIRSTNAME": first, "MIDNAME": "", "BUSNAME": "",
           "GENERAL": "IND- LIC HC SERV PRO", "SPECIALTY": "PHYSICIAN", "UPIN": "",
           "NPI": "0000000000", "DOB": "", "ADDRESS": "1 MAIN ST", "CITY": "TOLEDO",
           "STATE": "OH", "ZIP": "43601", "EXCLTYPE": "1128b4", "EXCLDATE": "20200115",
           "REINDATE": "00000000", "WAIVERDATE": "00000000", "WVRSTATE": ""}
    row.update(kw)
    return row


def make_db(tmp: Path, url: str | None = None, **lists: int) -> Database:
    settings = Settings(data_dir=tmp / "data", store={"database_url": url},  # type: ignore[arg-type]
                        lists=lists)  # type: ignore[arg-type]
    db = Database(settings)
    db.migrate()
    return db


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[Database]:
    database = make_db(tmp_path)
    yield database
    database.dispose()
