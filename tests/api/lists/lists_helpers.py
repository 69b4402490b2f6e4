"""Helpers of the list tests, under a name no other test folder uses (``from conftest
import ...`` would pick up whichever folder's conftest was imported first in a full run)."""

from __future__ import annotations

from pathlib import Path

from credintake.api.store.db import Database
from credintake.settings import Settings


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
