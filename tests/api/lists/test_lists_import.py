"""Imports of the three published layouts: rows, bad rows with their lines, versions, the
same file again, an older file, and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lists_helpers import leie_row, make_db
from credintake.api.store.db import Database
from credintake.api.store.models import ExclusionRow, ListVersion, NpiRow
from credintake.errors import UsageError
from credintake.api.lists.importer import file_date_of, import_list, list_status
from credintake.api.lists.samples import LEIE_HEADER, NPPES_HEADER, SAM_HEADER, write_csv
from credintake.api.lists.source import open_screening


def _leie(tmp: Path, name: str = "UPDATED.csv", extra: int = 0) -> Path:
    rows: list = [leie_row("KOWALSKI", "ROBERT", DOB="19700304", NPI="1234567893"),
                  leie_row("SMITH", "ANNA", REINDATE="20240501"),
                  ["BROKEN", "ROW"],
                  leie_row("DOE", "JOHN", DOB="19701399"),
                  leie_row("ROE", "RICHARD", NPI="12345"),
                  leie_row("", "", BUSNAME="ACME PHARMACY LLC")]
    rows += [leie_row(f"PERSON{i}", "PAT") for i in range(extra)]
    return write_csv(tmp / name, LEIE_HEADER, rows)


def _count(db: Database, table: type) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_leie_rows_and_bad_rows_with_their_line_numbers(db: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, str]] = []
    report = import_list(db, "oig-leie", _leie(tmp_path), file_date=dt.date(2026, 11, 1),
                         on_bad_row=lambda line, why: seen.append((line, why)))
    assert (report.status, report.rows, report.bad_rows) == ("imported", 3, 3)
    assert [line for line, _ in report.bad] == [4, 5, 6] == [line for line, _ in seen]
    assert "2 columns" in report.bad[0][1] and "not a date" in report.bad[1][1]
    assert "not 10 digits" in report.bad[2][1]
    with db.read_session() as s:
        rows = {r.last_name: r for r in s.scalars(select(ExclusionRow))}
    k = rows["KOWALSKI"]
    assert (k.line, k.name_key, k.npi, k.date_of_birth) == (2, "kow", "1234567893",
                                                           dt.date(1970, 3, 4))
    assert (k.exclusion_type, k.exclusion_date, k.state) == ("1128b4", dt.date(2020, 1, 15),
                                                             "OH")
    assert rows["SMITH"].reinstatement_date == dt.date(2024, 5, 1)
    assert rows[""].business_name == "ACME PHARMACY LLC" and rows[""].npi is None
    [status] = list_status(db)
    assert status["status"] == "active" and status["file_date_from"] == "option"


def test_same_file_again_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = _leie(tmp_path)
    first = import_list(db, "oig-leie", path, file_date=dt.date(2026, 11, 1))
    again = import_list(db, "oig-leie", path)
    assert again.status == "unchanged" and again.file_date == dt.date(2026, 11, 1)
    assert again.sha256 == first.sha256 and again.rows == 3
    assert _count(db, ListVersion) == 1 and _count(db, ExclusionRow) == 3


def test_a_newer_file_replaces_the_list_and_an_older_one_is_refused(db: Database,
                                                                    tmp_path: Path) -> None:
    import_list(db, "oig-leie", _leie(tmp_path, "a.csv"), file_date=dt.date(2026, 10, 1))
    report = import_list(db, "oig-leie", _leie(tmp_path, "b.csv", extra=2),
                         file_date=dt.date(2026, 11, 1))
    assert report.rows == 5
    assert [(v["status"], v["file_date"]) for v in list_status(db)] == [
        ("active", "2026-11-01"), ("superseded", "2026-10-01")]
    assert _count(db, ExclusionRow) == 5  # the superseded version's rows are gone
    with pytest.raises(UsageError, match="newer than this file"):
        import_list(db, "oig-leie", _leie(tmp_path, "c.csv", extra=1),
                    file_date=dt.date(2026, 9, 1))


def test_file_date_from_option_name_or_mtime(tmp_path: Path) -> None:
    named = _leie(tmp_path, "npidata_pfile_20050523-20251109.csv")
    assert file_date_of(named, None) == (dt.date(2025, 11, 9), "file name")
    plain = _leie(tmp_path, "UPDATED.csv")
    os.utime(plain, (1_700_000_000, 1_700_000_000))
    assert file_date_of(plain, None) == (dt.date.fromtimestamp(1_700_000_000), "file mtime")
    assert file_date_of(plain, dt.date(2026, 1, 2)) == (dt.date(2026, 1, 2), "option")


def test_not_that_list_is_refused_before_anything_is_written(db: Database,
                                                            tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a sam file"):
        import_list(db, "sam", _leie(tmp_path), file_date=dt.date(2026, 11, 1))
    assert _count(db, ExclusionRow) == 0


def test_sam_individuals_firms_and_termination(db: Database, tmp_path: Path) -> None:
    rows = [{"Classification": "Individual", "Name": "", "First": "Robert", "Middle": "J",
             "Last": "Kowalski", "State / Province": "OH", "Exclusion Type": "Ineligible",
             "Active Date": "01/15/2020", "Termination Date": "Indefinite",
             "NPI": "1234567893"},
            {"Classification": "Firm", "Name": "ACME LLC", "Active Date": "02/01/2021",
             "Termination Date": "02/01/2024"},
            {"Classification": "Individual", "First": "Ann", "Last": "Lee",
             "Active Date": "13/45/2020"}]
    report = import_list(db, "sam", write_csv(tmp_path / "SAM_Exclusions_Public_Extract_"
                                              "V2_26340.csv", SAM_HEADER, rows),
                         file_date=dt.date(2026, 12, 6))
    assert (report.rows, report.bad) == (2, [(4, "'13/45/2020' is not a date")])
    with db.read_session() as s:
        k, acme = s.scalars(select(ExclusionRow).order_by(ExclusionRow.line)).all()
    assert (k.name_key, k.first_name, k.middle_name, k.npi, k.reinstatement_date) == (
        "kow", "Robert", "J", "1234567893", None)
    assert k.exclusion_date == dt.date(2020, 1, 15)
    assert (acme.name_key, acme.business_name, acme.reinstatement_date) == (
        "", "ACME LLC", dt.date(2024, 2, 1))


def _nppes_row(npi: str, **kw: str) -> dict[str, str]:
    row = {"NPI": npi, "Entity Type Code": "1", "Provider Last Name (Legal Name)": "KOWALSKI",
           "Provider First Name": "ROBERT", "Provider Middle Name": "J",
           "Provider Business Practice Location Address State Name": "OH",
           "Healthcare Provider Taxonomy Code_1": "207R00000X",
           "Healthcare Provider Primary Taxonomy Switch_1": "N",
           "Healthcare Provider Taxonomy Code_2": "207RC0000X",
           "Healthcare Provider Primary Taxonomy Switch_2": "Y",
           "Provider License Number_1": "35.123456", "Provider License Number State Code_1": "OH"}
    row.update(kw)
    return row


def test_nppes_keeps_what_the_registry_check_needs(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "npidata_pfile_20050523-20261109.csv", NPPES_HEADER, [
        _nppes_row("1234567893"),
        _nppes_row("1987654321", **{"NPI Deactivation Date": "05/06/2025"}),
        _nppes_row("")])
    report = import_list(db, "nppes", path)
    assert (report.file_date, report.file_date_from) == (dt.date(2026, 11, 9), "file name")
    assert report.rows == 2 and report.bad == [(4, "no NPI")]
    with db.read_session() as s:
        r = s.scalar(select(NpiRow).where(NpiRow.npi == "1234567893"))
        assert r is not None
        assert r.taxonomies == [["207R00000X", False], ["207RC0000X", True]]
        assert r.licenses == [["35.123456", "OH"]] and r.practice_state == "OH"
    with open_screening(db.settings) as source:
        assert source is not None and source.nppes() is not None
        record = source.npi_record("1987654321")
        assert record is not None and record.deactivation_date == dt.date(2025, 5, 6)
        assert source.npi_record("1111111111") is None


def test_postgresql_import_and_screening_source(tmp_path: Path, pg_url: str) -> None:
    db = make_db(tmp_path, pg_url)
    try:
        path = _leie(tmp_path)
        report = import_list(db, "oig-leie", path, file_date=dt.date(2026, 11, 1))
        assert (report.rows, report.bad_rows) == (3, 3)
        assert import_list(db, "oig-leie", path).status == "unchanged"
        with open_screening(db.settings) as source:
            assert source is not None
            assert [i.name for i in source.exclusion_lists()] == ["oig-leie"]
            [entry] = source.exclusion_candidates(["kow"], [])
            assert (entry.line, entry.date_of_birth) == (2, dt.date(1970, 3, 4))
            assert [e.last_name for e in source.exclusion_candidates([], ["1234567893"])] == [
                "KOWALSKI"]
    finally:
        db.dispose()


def test_no_database_no_list_no_screening(tmp_path: Path) -> None:
    db = make_db(tmp_path)
    with open_screening(db.settings) as source:
        assert source is None      # migrated, nothing imported
    db.dispose()
    from credintake.settings import Settings
    fresh = Settings(data_dir=tmp_path / "none")
    with open_screening(fresh) as source:
        assert source is None
    assert not (tmp_path / "none" / "credintake.db").exists()
