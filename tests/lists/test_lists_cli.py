"""``credintake lists`` and ``credintake process`` as a user runs them, in one data dir:
an excluded provider's packet gets an error exclusion.match; an interrupted import leaves
the former version active and resumes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import leie_row
from credintake.lists.samples import LEIE_HEADER, write_csv

CLI = [sys.executable, "-m", "credintake.api"]


def run(data: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "CREDINTAKE_DATA_DIR": str(data), **env})


def _packet(tmp: Path, name: str, **provider: str) -> Path:
    packet = tmp / name
    packet.mkdir()
    who = {"first_name": "Robert", "last_name": "Kowalski", "profession": "MD", **provider}
    (packet / "application.json").write_text(json.dumps({"provider": who}))
    return packet


def _findings(proc: subprocess.CompletedProcess[str], schema_validator) -> list[dict]:
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    schema_validator("result.schema.json", result)
    return [f for f in result["findings"] if f["rule"] == "exclusion.match"]


def test_process_after_lists_import_flags_the_excluded_provider(tmp_path: Path,
                                                                 schema_validator) -> None:
    data = tmp_path / "data"
    leie = write_csv(tmp_path / "UPDATED.csv", LEIE_HEADER, [
        leie_row("KOWALSKI", "BOB", DOB="19700304"), ["BAD"]])
    before = run(data, "process", str(_packet(tmp_path, "p0")), "--as-of", "2026-11-22")
    assert _findings(before, schema_validator) == []     # nothing imported: no screening
    proc = run(data, "lists", "import", "oig-leie", str(leie), "--file-date", "2026-11-01")
    assert proc.returncode == 0, proc.stderr
    assert "2026-11-01 (date from option): imported; 1 rows, 1 bad rows" in proc.stdout
    assert "UPDATED.csv:3: skipped: 1 columns" in proc.stderr
    again = run(data, "lists", "import", "oig-leie", str(leie))
    assert "unchanged: this file was imported before" in again.stdout

    excluded = run(data, "process", str(_packet(tmp_path, "p1", date_of_birth="1970-03-04")),
                   "--as-of", "2026-11-22")
    [f] = _findings(excluded, schema_validator)
    assert f["severity"] == "error" and f["evidence"]["matched"] == ["name", "date_of_birth"]
    assert (f["evidence"]["list"], f["evidence"]["file_date"]) == ("oig-leie", "2026-11-01")
    assert f["evidence"]["entry"]["line"] == 2

    other = run(data, "process", str(_packet(tmp_path, "p2", date_of_birth="1981-07-08",
                                             npi="1234567893")), "--as-of", "2026-11-22")
    assert _findings(other, schema_validator) == []
    status = run(data, "lists", "status")
    assert "oig-leie  active     2026-11-01 (option) rows=1 bad_rows=1" in status.stdout
    assert "no NPPES file imported" in status.stdout


def _versions(db: Path) -> list[tuple[str, str, int, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT file_name, status, lines_done, rows FROM list_versions "
                            "ORDER BY id").fetchall()


def test_an_interrupted_import_leaves_the_old_version_active_and_resumes(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    old = write_csv(tmp_path / "old.csv", LEIE_HEADER, [leie_row("KOWALSKI", "ROBERT")])
    assert run(data, "lists", "import", "oig-leie", str(old), "--file-date",
               "2026-10-01").returncode == 0
    rows = 60_000
    new = write_csv(tmp_path / "new.csv", LEIE_HEADER,
                    (leie_row(f"PERSON{i}", "PAT") for i in range(rows)))
    env = {**os.environ, "CREDINTAKE_DATA_DIR": str(data), "CREDINTAKE_LISTS__BATCH_ROWS": "50"}
    proc = subprocess.Popen([*CLI, "lists", "import", "oig-leie", str(new), "--file-date",
                             "2026-11-01"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    db = data / "credintake.db"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        versions = _versions(db)
        if len(versions) == 2 and versions[1][2] > 500:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    [(_, s_old, _, _), (_, s_new, done, partial)] = _versions(db)
    assert (s_old, s_new) == ("active", "loading") and 0 < partial < rows
    status = run(data, "lists", "status")
    assert "active     2026-10-01" in status.stdout and "loading" in status.stdout

    resumed = run(data, "lists", "import", "oig-leie", str(new), "--file-date", "2026-11-01")
    assert f"imported (resumed); {rows} rows, 0 bad rows" in resumed.stdout, resumed.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM list_exclusions").fetchone() == (rows,)
        assert conn.execute("SELECT count(DISTINCT line) FROM list_exclusions").fetchone() == (
            rows,)
    assert [v[1] for v in _versions(db)] == ["superseded", "active"]
