"""Lists over the API: admin-only upload and status; a packet processed by the service's
real worker afterwards carries the error exclusion.match in its result."""

from __future__ import annotations

from pathlib import Path

from lists_helpers import leie_row
from credintake.api.lists.samples import LEIE_HEADER, write_csv
from service_helpers import (REAL, Service, ServerThread, add_users, make_settings,
                             upload_dir, wait_done)
from tiny_packets import make_packet


def test_admin_imports_a_list_and_the_service_screens_packets(tmp_path: Path,
                                                              schema_validator) -> None:
    leie = write_csv(tmp_path / "LEIE_2026-11-01.csv", LEIE_HEADER, [
        leie_row("TESTWELL", "QUENTIN", NPI="1234567893"), ["BAD"]]).read_bytes()
    with ServerThread(make_settings(tmp_path, processor=REAL)) as server:
        svc = Service(server, add_users(server.db), tmp_path)
        files = {"file": ("LEIE_2026-11-01.csv", leie, "text/csv")}
        with svc.client("coordinator") as c:
            denied = c.post("/lists/oig-leie", files=files)
            assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
            assert c.get("/lists").status_code == 403
        with svc.client(None) as anon:
            assert anon.get("/lists").status_code == 401
        with svc.client("admin") as c:
            r = c.post("/lists/oig-leie", files=files)
            assert r.status_code == 201, r.text
            body = r.json()
            assert (body["status"], body["file_date"], body["file_date_from"]) == (
                "imported", "2026-11-01", "file name")
            assert (body["rows"], body["bad"]) == (1, [{"line": 3,
                                                        "reason": "1 columns, the header has 18"}])
            assert c.post("/lists/oig-leie", files=files).json()["status"] == "unchanged"
            assert c.post("/lists/nope", files=files).status_code == 422
            [version] = c.get("/lists").json()
            assert (version["list"], version["status"], version["rows"]) == (
                "oig-leie", "active", 1)
        packet = make_packet(tmp_path)    # Quentin R Testwell, NPI 1234567893
        with svc.client("specialist") as c:
            accepted = upload_dir(c, packet, as_of="2026-11-22").json()
            assert wait_done(c, accepted["packet_id"])["status"] == "done"
            result = c.get(f"/packets/{accepted['packet_id']}/result").json()
    schema_validator("result.schema.json", result)
    [f] = [f for f in result["findings"] if f["rule"] == "exclusion.match"]
    assert f["severity"] == "error" and f["evidence"]["matched"] == ["name", "npi"]
    assert f["evidence"]["file_date"] == "2026-11-01"
