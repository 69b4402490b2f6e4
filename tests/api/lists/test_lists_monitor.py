"""The monitoring run: a packet processed by the service before the list was imported is
re-screened by ``credintake lists monitor`` and gets the new exclusion.match, once."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from credintake.api.store.models import AuditEntry, FindingRow, Packet
from credintake.api.lists.monitor import due
from list_files import LEIE_HEADER, leie_row, write_csv
from service_helpers import ServerThread, add_users, make_settings, upload_dir, wait_done
from tiny_packets import make_packet

CLI = [sys.executable, "-m", "credintake.api"]


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CREDINTAKE_DATA_DIR": str(data)}
    env.pop("CREDINTAKE_DATABASE_URL", None)
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=600)


def test_monitor_adds_a_new_match_to_a_stored_packet_once(tmp_path: Path,
                                                           schema_validator) -> None:
    settings = make_settings(tmp_path, processor="credintake.pipeline:process_packet")
    data = settings.data_dir
    with ServerThread(settings) as server:
        tokens = add_users(server.db)
        import httpx
        with httpx.Client(base_url=server.url, timeout=60,
                          headers={"Authorization": f"Bearer {tokens['coordinator']}"}) as c:
            r = upload_dir(c, make_packet(tmp_path / "in"), as_of="2026-11-22")
            assert r.status_code == 202, r.text
            body = wait_done(c, r.json()["packet_id"], timeout=180)
            assert body["status"] == "done"
            packet_id = r.json()["packet_id"]
        assert due(server.db, settings, dt.datetime.now(dt.timezone.utc))

    proc = run(data, "lists", "monitor", "--as-of", "2026-12-01")
    assert proc.returncode == 0, proc.stderr
    assert "no list imported" in proc.stdout

    leie = write_csv(tmp_path / "leie_20261201.csv", LEIE_HEADER,
                     [leie_row("TESTWELL", "QUENTIN", middle="R", npi="1234567893",
                               excldate="20261115")])
    assert run(data, "lists", "import", "oig-leie", str(leie)).returncode == 0
    proc = run(data, "lists", "monitor", "--as-of", "2026-12-01")
    assert proc.returncode == 0, proc.stderr
    assert "1 packets re-screened, 1 new findings" in proc.stdout
    again = run(data, "lists", "monitor", "--as-of", "2026-12-02")
    assert "1 packets re-screened, 0 new findings" in again.stdout

    with ServerThread(settings, start_workers=False) as server, server.db.read_session() as s:
        packet = s.get(Packet, packet_id)
        schema_validator("result.schema.json", packet.result)
        [f] = [f for f in packet.result["findings"] if f["rule"] == "exclusion.match"]
        assert f["severity"] == "error" and f["evidence"]["file_date"] == "2026-12-01"
        assert packet.has_errors and packet.error_count >= 1
        rows = s.scalars(select(FindingRow).where(FindingRow.packet_id == packet_id,
                                                  FindingRow.rule == "exclusion.match")).all()
        assert [(r.severity, r.status) for r in rows] == [("error", "open")]
        actions = s.scalars(select(AuditEntry.action).where(
            AuditEntry.action.like("lists.monitor%")).order_by(AuditEntry.id)).all()
        assert actions == ["lists.monitor", "lists.monitor_match", "lists.monitor",
                           "lists.monitor"]
        assert not due(server.db, settings, dt.datetime.now(dt.timezone.utc))
