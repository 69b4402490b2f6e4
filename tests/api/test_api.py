"""The HTTP API end to end against a real uvicorn server, real SQLite and a real worker
process (the fake processor keeps it fast; test_pipeline_parity.py uses the real one)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from pathlib import Path

import pytest

from service_helpers import Service, upload_dir, wait_done, wait_for
from tiny_packets import make_packet, pdf_bytes, zip_dir


@pytest.fixture(scope="module")
def done_packet(service: Service) -> dict:
    packet = make_packet(service.tmp / "in", "pkt-api", variant=100)
    with service.client("specialist") as c:
        r = upload_dir(c, packet, as_of="2026-11-22")
        assert r.status_code == 202, r.text
        body = r.json()
        assert r.headers["location"] == f"/packets/{body['packet_id']}"
        status = wait_done(c, body["packet_id"])
    return {"id": body["packet_id"], "dir": packet, "status": status, "accepted": body}


def test_health_needs_no_token(service: Service) -> None:
    with service.client(None) as c:
        r = c.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "version": "0.1.0", "database": "sqlite",
                        "jobs": "embedded"}


def test_upload_is_processed_and_status_reports_job(done_packet: dict) -> None:
    acc = done_packet["accepted"]
    assert acc["status"] == "queued" and acc["duplicate"] is False and acc["name"] == "packet"
    st = done_packet["status"]
    assert st["status"] == "done" and st["as_of"] == "2026-11-22" and st["source"] == "upload"
    assert st["job"]["status"] == "done" and st["job"]["attempts"] == 1
    assert st["job"]["progress"] == 1.0 and st["job"]["error"] is None
    assert st["has_errors"] is True and st["error_count"] == 1 and st["warning_count"] == 2
    d = done_packet["dir"]
    assert st["files"] == [{"name": f.name, "sha256": hashlib.sha256(f.read_bytes()).hexdigest(),
                            "size": f.stat().st_size}
                           for f in sorted(d.iterdir(), key=lambda p: p.name)]


def test_result_is_the_processors_contract_json(service: Service, done_packet: dict) -> None:
    from fake_processor import process
    from datetime import date

    expected = process(done_packet["dir"], as_of=date(2026, 11, 22), settings=service.settings,
                       packet_id=done_packet["id"]).to_json_dict()
    with service.client("specialist") as c:
        r = c.get(f"/packets/{done_packet['id']}/result")
    assert r.status_code == 200
    assert r.json() == expected


def test_same_files_again_are_a_duplicate_not_a_new_job(service: Service,
                                                       done_packet: dict) -> None:
    with service.client("specialist") as c:
        r = upload_dir(c, done_packet["dir"])
    assert r.status_code == 202
    body = r.json()
    assert body["duplicate"] is True and body["packet_id"] == done_packet["id"]
    assert body["status"] == "done"


def test_zip_upload_and_filters(service: Service) -> None:
    z = zip_dir(make_packet(service.tmp / "in", "pkt-zip", variant=101),
                service.tmp / "pkt-zip.zip", prefix="pkt-zip")
    with service.client("specialist") as c:
        r = c.post("/packets", files=[("files", ("pkt-zip.zip", z.read_bytes(),
                                                 "application/zip"))])
        assert r.status_code == 202, r.text
        pid = r.json()["packet_id"]
        assert r.json()["name"] == "pkt-zip"
        wait_done(c, pid)
        listed = c.get("/packets", params={"status": "done", "has_errors": "true"}).json()
        assert pid in [p["id"] for p in listed["data"]]
        assert listed["count"] >= 1
        assert c.get("/packets", params={"has_errors": "false"}).json()["count"] == 0
        assert c.get("/packets", params={"assignee": "none"}).json()["count"] == listed["count"]


def test_assign_and_filter_by_assignee(service: Service, done_packet: dict) -> None:
    with service.client("admin") as admin:
        users = admin.get("/users").json()
    specialist = next(u["name"] for u in users if u["role"] == "specialist")
    with service.client("coordinator") as c:
        r = c.patch(f"/packets/{done_packet['id']}",
                    json={"assignee": specialist, "due_date": "2026-12-01"})
        assert r.status_code == 200, r.text
        assert r.json()["assignee"] == specialist and r.json()["due_date"] == "2026-12-01"
    with service.client("specialist") as s:
        mine = s.get("/packets", params={"assignee": "me"}).json()
    assert [p["id"] for p in mine["data"]] == [done_packet["id"]]
    with service.client("coordinator") as c:
        listed = c.get("/packets").json()["data"]
        # a list page loads jobs and assignees for the whole page at once: each entry must
        # still be its own packet's, as the status route shows them (files aside)
        for entry in listed:
            status = c.get(f"/packets/{entry['id']}").json()
            assert entry == {**status, "files": []}, entry["id"]
    assert any(p["assignee"] == specialist for p in listed)


def test_documents_fields_correction_and_decisions(service: Service, done_packet: dict) -> None:
    pid = done_packet["id"]
    with service.client("specialist") as c:
        docs = c.get(f"/packets/{pid}/documents").json()
        assert [(d["idx"], d["file"], d["doc_type"], d["pages"]) for d in docs] == [
            (0, "bls_card.pdf", "other", [1]), (1, "license.pdf", "other", [1])]
        fields = c.get(f"/packets/{pid}/fields").json()
        size = (done_packet["dir"] / "license.pdf").stat().st_size
        lic = next(f for f in fields if f["document_index"] == 1)
        assert (lic["name"], lic["value"], lic["bbox"], lic["corrected"]) == (
            "size", size, [1.0, 2.0, 3.0, 4.0], False)
        r = c.post(f"/packets/{pid}/fields/{lic['id']}/correction",
                   json={"value": "A7654321", "note": "typo on the scan"})
        assert r.status_code == 200, r.text
        assert r.json()["corrected"] is True and r.json()["corrected_value"] == "A7654321"
        assert r.json()["value"] == size
        dec = c.get(f"/packets/{pid}/decisions").json()
    assert [(d["kind"], d["field_id"], d["old_value"], d["new_value"], d["note"]) for d in dec
            ][-1] == ("field_correction", lic["id"], size, "A7654321", "typo on the scan")


def test_finding_resolution_with_note(service: Service, done_packet: dict) -> None:
    pid = done_packet["id"]
    with service.client("specialist") as c:
        findings = c.get(f"/packets/{pid}/findings").json()
        assert [(f["rule"], f["severity"], f["status"]) for f in findings] == [
            ("document.unclassified", "warning", "open"),
            ("document.unclassified", "warning", "open"),
            ("completeness.missing_document", "error", "open")]
        target = findings[2]
        r = c.post(f"/packets/{pid}/findings/{target['id']}/resolution",
                   json={"action": "resolve", "note": "license arrived by mail"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["status"] == "resolved" and body["note"] == "license arrived by mail"
        assert body["resolved_by"].startswith("specialist-") and body["resolved_at"]
        for empty in ("", "   ", " . - "):
            r = c.post(f"/packets/{pid}/findings/{target['id']}/resolution",
                       json={"action": "reopen", "note": empty})
            assert r.status_code == 422, empty
        assert c.get(f"/packets/{pid}/findings").json()[2]["status"] == "resolved"


def test_clearing_a_value_needs_a_reason(service: Service, done_packet: dict) -> None:
    pid = done_packet["id"]
    with service.client("specialist") as c:
        bls = next(f for f in c.get(f"/packets/{pid}/fields").json()
                   if f["document_index"] == 0)
        for value, note in ((None, None), ("  ", "   "), ("", "-")):
            r = c.post(f"/packets/{pid}/fields/{bls['id']}/correction",
                       json={"value": value, "note": note})
            assert r.status_code == 422, (value, note)
            assert "note" in r.json()["error"]["message"]
        r = c.post(f"/packets/{pid}/fields/{bls['id']}/correction",
                   json={"value": None, "note": "  not on this card  "})
        assert r.status_code == 200, r.text
        dec = c.get(f"/packets/{pid}/decisions").json()[-1]
    assert (dec["new_value"], dec["note"]) == (None, "not on this card")


def test_page_image_is_png_of_the_stored_page(service: Service, tmp_path: Path) -> None:
    d = tmp_path / "pages"
    d.mkdir()
    (d / "two_pages.pdf").write_bytes(pdf_bytes(["page image test"], pages=2))
    with service.client("specialist") as c:
        r = c.post("/packets", files=[("files", ("two_pages.pdf",
                                                 (d / "two_pages.pdf").read_bytes(),
                                                 "application/pdf"))])
        pid = r.json()["packet_id"]
        wait_done(c, pid)
        img = c.get(f"/packets/{pid}/documents/0/pages/1", params={"dpi": 72})
        assert img.status_code == 200 and img.headers["content-type"] == "image/png"
        assert img.content[:8] == b"\x89PNG\r\n\x1a\n"
        from PIL import Image

        assert Image.open(io.BytesIO(img.content)).size == (612, 792)
        missing = c.get(f"/packets/{pid}/documents/0/pages/2")   # not one of the doc's pages
        assert missing.status_code == 404
        assert missing.json()["error"]["code"] == "not_found"


def test_exports_json_and_csv(service: Service, done_packet: dict) -> None:
    with service.client("coordinator") as c:
        j = c.get("/exports/results.json").json()
        assert j["count"] == len(j["results"]) >= 1
        assert done_packet["id"] in [r["packet_id"] for r in j["results"]]
        p = c.get("/exports/packets.csv")
        assert p.status_code == 200 and p.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(p.text)))
        row = next(r for r in rows if r["packet_id"] == done_packet["id"])
        assert (row["status"], row["as_of"], row["documents"], row["errors"], row["warnings"]) == (
            "done", "2026-11-22", "2", "1", "2")
        f = list(csv.DictReader(io.StringIO(c.get("/exports/fields.csv").text)))
        mine = [r for r in f if r["packet_id"] == done_packet["id"]]
        assert [(r["file"], r["field"]) for r in mine] == [("bls_card.pdf", "size"),
                                                          ("license.pdf", "size")]


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(service: Service) -> None:
    """File and packet names come from outside like extracted values: a name starting with
    '=' (or +, -, @) must not become a formula when the export is opened in a spreadsheet."""
    packet = make_packet(service.tmp / "in", "pkt-formula", variant=131)
    (packet / "license.pdf").rename(packet / "=HYPERLINK(1).pdf")
    with service.client("specialist") as c:
        r = upload_dir(c, packet, name="@SUM(1)")
        assert r.status_code == 202, r.text
        pid = r.json()["packet_id"]
        wait_done(c, pid)
    with service.client("coordinator") as c:
        packets = list(csv.DictReader(io.StringIO(c.get("/exports/packets.csv").text)))
        fields = list(csv.DictReader(io.StringIO(c.get("/exports/fields.csv").text)))
    names = {r["name"] for r in packets if r["packet_id"] == pid}
    files = {r["file"] for r in fields if r["packet_id"] == pid}
    assert names == {"'@SUM(1)"}
    assert files == {"'=HYPERLINK(1).pdf", "bls_card.pdf"}


def test_every_packet_read_and_write_is_audited(service: Service, done_packet: dict) -> None:
    with service.client("admin") as c:
        entries = c.get("/audit", params={"packet_id": done_packet["id"]}).json()
    actions = {e["action"] for e in entries}
    assert {"packet.upload", "packet.read", "packet.result.read", "packet.fields.read",
            "field.correct", "packet.update"} <= actions
    for e in entries:
        assert e["actor"] and e["at"]
        # ids and counts only: no document content in the audit log
        assert "A7654321" not in json.dumps(e["detail"])


def test_fax_page_image_undoes_the_fax_aspect(service: Service) -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("1", (1728, 1100), 1).save(buf, format="TIFF", dpi=(204, 98),
                                         compression="group4")
    with service.client("specialist") as c:
        r = c.post("/packets", files=[("files", ("fax.tif", buf.getvalue(), "image/tiff"))])
        assert r.status_code == 202, r.text
        pid = r.json()["packet_id"]
        wait_done(c, pid)
        img = c.get(f"/packets/{pid}/documents/0/pages/1", params={"dpi": 100})
    assert img.status_code == 200
    assert Image.open(io.BytesIO(img.content)).size == (847, 1122)   # 8.47 x 11.22 in


def test_refused_upload_leaves_nothing_behind(service: Service) -> None:
    from sqlalchemy import func, select

    from credintake.api.store.models import BlobFile, Packet

    def state() -> tuple[int, int, list[str]]:
        with service.server.db.session() as s:
            packets = s.scalar(select(func.count()).select_from(Packet)) or 0
            files = s.scalar(select(func.count()).select_from(BlobFile)) or 0
        blobs = sorted(p.name for p in service.server.db.blobs.rglob("*") if p.is_file())
        return packets, files, blobs

    before = state()
    with service.client("specialist") as c:
        r = c.post("/packets", files=[
            ("files", ("fine.pdf", pdf_bytes(["fine but not alone 9"]), "application/pdf")),
            ("files", ("macro.docm", b"PK\x03\x04", "application/octet-stream"))])
    assert r.status_code == 415
    assert state() == before


def test_embedded_workers_run_below_the_api_process(service: Service) -> None:
    """OCR in the worker processes must not take the CPU from status polls: the workers run
    ``jobs.worker_nice`` (default 10) lower than the process that serves the API."""
    assert service.settings.jobs.worker_nice == 10
    pids = service.server.app.state.pool.pids
    assert pids
    api = os.getpriority(os.PRIO_PROCESS, 0)
    wait_for(lambda: all(os.getpriority(os.PRIO_PROCESS, pid) == min(api + 10, 19)
                         for pid in pids), timeout=30)
