"""An import that dies in the middle of the file leaves the former version in use; the
same command again resumes after the last committed batch and ends with every row once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from credintake.api.store.models import ExclusionRow, ListVersion
from credintake.api.lists.importer import import_list
from credintake.api.lists.source import open_screening
from list_files import LEIE_HEADER, leie_row, write_csv
from lists_helpers import make_db


def test_interrupted_import_leaves_the_old_version_active_then_resumes(tmp_path: Path) -> None:
    db = make_db(tmp_path, batch_rows=2)
    try:
        import_list(db, "oig-leie", write_csv(tmp_path / "leie_20261001.csv", LEIE_HEADER,
                                              [leie_row("OLDNAME", "ONE")]))
        rows = [leie_row(f"NAME{i:02d}", "A") for i in range(10)]
        rows[6] = leie_row("BAD", "ROW", dob="nope")          # line 8
        new = write_csv(tmp_path / "leie_20261101.csv", LEIE_HEADER, rows)

        def die(_line: int, _why: str) -> None:
            raise KeyboardInterrupt  # the process dies in the middle of the file

        with pytest.raises(KeyboardInterrupt):
            import_list(db, "oig-leie", new, on_bad_row=die)
        with db.read_session() as s:
            versions = {v.status: v for v in s.scalars(select(ListVersion))}
            assert versions["active"].file_date == dt.date(2026, 10, 1)
            assert versions["loading"].lines_done == 7      # header + three batches of two
        with open_screening(db.settings) as source:           # screening sees the old list
            assert source is not None
            assert [e.last_name for e in source.exclusion_candidates(["old", "nam"], [])] == [
                "OLDNAME"]
        report = import_list(db, "oig-leie", new)
        assert (report.status, report.rows, report.bad_rows) == ("resumed", 9, 1)
        with db.read_session() as s:
            names = sorted(s.scalars(select(ExclusionRow.last_name)))
            assert [v.status for v in s.scalars(select(ListVersion).order_by(ListVersion.id))] \
                == ["superseded", "active"]
        assert names == sorted(f"NAME{i:02d}" for i in range(10) if i != 6)
    finally:
        db.dispose()
