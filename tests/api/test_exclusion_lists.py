"""Exclusion lists: imported as published, screened on every processed packet.

End to end through the installed command, as an office runs it: `credintake lists import`
into a data directory, then `credintake process` on that data directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from credintake.api.exclusion_lists import import_list
from credintake.api.store.db import Database
from credintake.api.store.models import ExclusionEntry, ExclusionList
from credintake.errors import UsageError
from service_helpers import make_settings

CLI = [sys.executable, "-m", "credintake.api"]
LEIE_HEADER = ("LASTNAME,FIRSTNAME,MIDNAME,BUSNAME,GENERAL,SPECIALTY,UPIN,NPI,DOB,ADDRESS,CITY,"
               "STATE,ZIP,EXCLTYPE,EXCLDATE,REINDATE,WAIVERDATE,WVRSTATE")


def leie_row(last: str, first: str, *, npi: str = "0000000000", dob: str = "", business: str = "",
             reinstated: str = "00000000", excluded: str = "20240301") -> str:
    return (f"{last.upper()},{first.upper()},,{business},IND- LIC HC SERV PRO,,,{npi},{dob},"
            f"1 MAIN ST,SPRINGFIELD,IL,62701,1128a1,{excluded},{reinstated},00000000,")


def write_list(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([LEIE_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CREDINTAKE_DATA_DIR": str(data_dir)}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture()
def packet(committed_packets: list[Path], tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A committed packet whose application gives the provider's date of birth."""
    dest = tmp_path / "packet"
    shutil.copytree(committed_packets[0], dest)
    app = json.loads((dest / "application.json").read_text())
    app["provider"]["date_of_birth"] = "1980-04-12"
    (dest / "application.json").write_text(json.dumps(app))
    return dest, app["provider"]


def exclusion_findings(data_dir: Path, packet_dir: Path, schema_validator) -> list[dict]:  # noqa: ANN001
    proc = run(data_dir, "process", str(packet_dir), "--as-of", "2026-11-22")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    schema_validator("result.schema.json", result)
    return [f for f in result["findings"] if f["rule"] == "exclusion.match"]


def test_matching_npi_is_an_error_and_a_namesake_with_other_identifiers_is_left_alone(
        packet, tmp_path: Path, schema_validator) -> None:  # noqa: ANN001
    packet_dir, provider = packet
    data = tmp_path / "data"
    last, first = provider["last_name"], provider["first_name"]
    lst = write_list(tmp_path / "UPDATED_2026-11-01.csv",
                     leie_row(last, first, npi="1111111116", dob="19620101"),   # a namesake
                     leie_row(last, first, npi=provider["npi"]))                # the provider
    proc = run(data, "lists", "import", "oig-leie", str(lst))
    assert proc.returncode == 0, proc.stderr
    assert "2 entries in force" in proc.stderr
    found = exclusion_findings(data, packet_dir, schema_validator)
    assert [(f["severity"], f["evidence"]["matched"], f["evidence"]["entry"]["line"]) for f in found] \
        == [("error", ["name", "npi"], 3)]
    assert found[0]["evidence"]["list"] == "oig-leie"
    assert found[0]["evidence"]["file_date"] == "2026-11-01"


def test_name_alone_is_a_warning_matching_birth_date_an_error_reinstated_nothing(
        packet, tmp_path: Path, schema_validator) -> None:  # noqa: ANN001
    packet_dir, provider = packet
    data = tmp_path / "data"
    last, first = provider["last_name"], provider["first_name"]
    lst = write_list(tmp_path / "leie.csv",
                     leie_row(last, first),                                  # nothing to tell apart
                     leie_row(last, first, dob="19800412"),                  # the same birth date
                     leie_row(last, first, npi=provider["npi"], reinstated="20250101"),
                     leie_row("Zzyzx", first, npi=provider["npi"]))          # another name
    assert run(data, "lists", "import", "oig-leie", str(lst), "--file-date", "2026-10-01").returncode == 0
    found = exclusion_findings(data, packet_dir, schema_validator)
    assert sorted((f["severity"], tuple(f["evidence"]["matched"])) for f in found) == [
        ("error", ("name", "date_of_birth")), ("warning", ("name",))]


def test_no_list_imported_screens_nothing_and_creates_no_database(
        packet, tmp_path: Path, schema_validator) -> None:  # noqa: ANN001
    data = tmp_path / "data"
    assert exclusion_findings(data, packet[0], schema_validator) == []
    assert not (data / "credintake.db").exists()
    status = run(data, "lists", "status")
    assert status.returncode == 0 and "no exclusion list imported" in status.stderr


def test_bad_rows_are_reported_by_line_and_the_same_file_again_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lst = write_list(tmp_path / "leie.csv", leie_row("Doe", "Jane"),
                     leie_row("Roe", "Rich", dob="19800230"),        # no 30 February
                     leie_row("", "", business=""),                  # no name at all
                     leie_row("Poe", "Pat"))
    first = run(data, "lists", "import", "oig-leie", str(lst))
    assert first.returncode == 0, first.stderr
    assert "line 3: skipped" in first.stderr and "line 4: skipped" in first.stderr
    assert "2 entries in force; 2 rows skipped" in first.stderr
    again = run(data, "lists", "import", "oig-leie", str(lst))
    assert "unchanged" in again.stderr
    db = Database(make_settings(tmp_path))
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(ExclusionList)) == 1
            assert s.scalar(select(func.count()).select_from(ExclusionEntry)) == 2
    finally:
        db.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_failed_import_leaves_the_list_in_force_whole(backend: str, tmp_path: Path,
                                                        request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    db = Database(make_settings(tmp_path, database_url=url))
    db.migrate()
    try:
        good = write_list(tmp_path / "v1.csv", *(leie_row(f"Name{i}", "Al") for i in range(12)))
        assert import_list(db.session, "oig-leie", good).rows == 12
        wrong = tmp_path / "v2.csv"
        wrong.write_text("LASTNAME,FIRSTNAME\nDOE,JANE\n")   # not the LEIE layout
        with pytest.raises(UsageError, match="no BUSNAME"):
            import_list(db.session, "oig-leie", wrong)
        with db.session() as s:
            active = s.scalars(select(ExclusionList).where(ExclusionList.status == "active")).all()
            assert [a.rows for a in active] == [12]
            assert s.scalar(select(func.count()).select_from(ExclusionEntry)
                            .where(ExclusionEntry.list_id == active[0].id)) == 12
        newer = write_list(tmp_path / "v3.csv", leie_row("Doe", "Jane"))
        assert import_list(db.session, "oig-leie", newer).rows == 1
        with db.session() as s:   # the interrupted version and the replaced one are gone
            assert [(x.status, x.rows) for x in s.scalars(select(ExclusionList))] == [("active", 1)]
            assert s.scalar(select(func.count()).select_from(ExclusionEntry)) == 1
    finally:
        db.dispose()


def test_sam_extract_individuals_and_termination(tmp_path: Path) -> None:
    header = ('"Classification","Name","Prefix","First","Middle","Last","Suffix","Address 1",'
              '"City","State / Province","Country","Zip Code","Unique Entity ID","Exclusion Program",'
              '"Excluding Agency","CT Code","Exclusion Type","Additional Comments","Active Date",'
              '"Termination Date","Record Status","Cross-Reference","SAM Number","CAGE","NPI",'
              '"Creation_Date"')
    rows = ['"Individual","","","Jane","Q","Doe","","1 Main","Austin","TX","USA","78701","","Reciprocal",'
            '"HHS","","Prohibition/Restriction","","01/15/2024","Indefinite","Active","","S1","","1234567893",'
            '"01/16/2024"',
            '"Firm","Acme Home Health LLC","","","","","","2 Elm","Austin","TX","USA","78701","","Reciprocal",'
            '"HHS","","Prohibition/Restriction","","03/01/2022","03/01/2025","Active","","S2","","","03/02/2022"']
    path = tmp_path / "SAM_Exclusions_Public_Extract_2026-11-30.csv"
    path.write_text("\n".join([header, *rows]) + "\n")
    db = Database(make_settings(tmp_path))
    db.migrate()
    try:
        report = import_list(db.session, "sam", path)
        assert (report.rows, report.bad_count, report.file_date.isoformat()) == (2, 0, "2026-11-30")
        with db.session() as s:
            got = {(e.last_name, e.first_name, e.business_name, e.npi, e.end_date and e.end_date.isoformat())
                   for e in s.scalars(select(ExclusionEntry))}
        assert got == {("Doe", "Jane", None, "1234567893", None),
                       (None, None, "Acme Home Health LLC", None, "2025-03-01")}
    finally:
        db.dispose()
