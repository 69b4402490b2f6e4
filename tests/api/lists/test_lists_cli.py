"""``credintake lists import`` then ``credintake process`` in the same data directory, as a
user runs them (subprocesses of the installed command)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from list_files import LEIE_HEADER, leie_row, nppes_header, nppes_row, write_csv
from tiny_packets import APPLICATION, make_packet

CLI = [sys.executable, "-m", "credintake.api"]


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CREDINTAKE_DATA_DIR": str(data)}
    env.pop("CREDINTAKE_DATABASE_URL", None)
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=600)


def _screening(result: dict) -> list[dict]:
    return [f for f in result["findings"] if f["rule"] in ("exclusion.match",
                                                            "npi.registry_mismatch")]


def test_process_after_lists_import_reports_the_excluded_provider(
        tmp_path: Path, schema_validator) -> None:
    data = tmp_path / "data"
    packet = make_packet(tmp_path / "in")                 # Quentin R Testwell, NPI 1234567893
    out = tmp_path / "r.json"
    proc = run(data, "process", str(packet), "--as-of", "2026-11-22", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert _screening(json.loads(out.read_text())) == []  # nothing imported: no screening
    status = run(data, "lists", "status")
    assert "packets are not screened" in status.stdout

    leie = write_csv(tmp_path / "UPDATED_20261101.csv", LEIE_HEADER, [
        leie_row("TESTWELL", "QUENTIN", middle="R", npi="1234567893", dob="19700101"),
        leie_row("DOE", "JANE", dob="notadate")])
    proc = run(data, "lists", "import", "oig-leie", str(leie))
    assert proc.returncode == 0, proc.stderr
    assert "2026-11-01 (date from file name): imported; 1 rows, 1 bad rows" in proc.stdout
    assert "UPDATED_20261101.csv:3: skipped" in proc.stderr
    again = run(data, "lists", "import", "oig-leie", str(leie))
    assert "unchanged" in again.stdout

    proc = run(data, "process", str(packet), "--as-of", "2026-11-22", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text())
    schema_validator("result.schema.json", result)
    [f] = _screening(result)
    assert f["rule"] == "exclusion.match" and f["severity"] == "error"
    assert f["evidence"]["list"] == "oig-leie" and f["evidence"]["file_date"] == "2026-11-01"
    assert f["evidence"]["matched"] == ["name", "npi"]

    # a same-name provider with another NPI and date of birth is left alone
    other = make_packet(tmp_path / "in2", "pkt-other", variant=1)
    app = json.loads(json.dumps(APPLICATION))
    app["provider"].update(npi="1245319599", date_of_birth="1981-05-05")
    (other / "application.json").write_text(json.dumps(app))
    proc = run(data, "process", str(other), "--as-of", "2026-11-22", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert _screening(json.loads(out.read_text())) == []


def test_nppes_import_then_process_reports_a_deactivated_npi(tmp_path: Path,
                                                              schema_validator) -> None:
    data = tmp_path / "data"
    packet = make_packet(tmp_path / "in")
    f = write_csv(tmp_path / "npidata_pfile_20050523-20261109.csv", nppes_header(),
                  [nppes_row("1234567893", "TESTWELL", "QUENTIN", deactivated="05/01/2024")])
    proc = run(data, "lists", "import", "nppes", str(f))
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "r.json"
    proc = run(data, "process", str(packet), "--as-of", "2026-11-22", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text())
    schema_validator("result.schema.json", result)
    [finding] = _screening(result)
    assert finding["rule"] == "npi.registry_mismatch" and finding["severity"] == "error"
    assert finding["evidence"]["problem"] == "deactivated"


def test_bad_list_arguments_exit_2(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "x.csv", LEIE_HEADER, [])
    proc = run(tmp_path / "data", "lists", "import", "oig-leie", str(f), "--file-date", "1/2/26")
    assert proc.returncode == 2 and "is not a date" in proc.stderr
    proc = run(tmp_path / "data", "lists", "import", "nppes", str(f))
    assert proc.returncode == 2 and "not a nppes file" in proc.stderr
    assert "Traceback" not in proc.stderr
