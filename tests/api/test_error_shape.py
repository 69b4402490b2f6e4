"""One JSON error shape for every error path: {"error": {status, code, message, details}}."""

from __future__ import annotations

import io
import zipfile

import httpx
import pytest

from service_helpers import Service
from tiny_packets import pdf_bytes


def assert_error(r: httpx.Response, status: int, code: str, words: str = "") -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "details"}
    assert err["status"] == status and err["code"] == code
    assert isinstance(err["message"], str) and err["message"]
    assert isinstance(err["details"], list)
    assert words in err["message"]
    return err


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for k, v in entries.items():
            zf.writestr(k, v)
    return buf.getvalue()


def test_auth_errors(service: Service) -> None:
    with service.client(None) as c:
        r = c.get("/packets")
        assert_error(r, 401, "unauthorized", "missing bearer token")
        assert r.headers["www-authenticate"] == "Bearer"
    with service.client(token="ci_not-a-real-token") as c:
        assert_error(c.get("/packets"), 401, "unauthorized", "invalid or revoked token")
    with service.client("specialist") as c:
        assert_error(c.get("/users"), 403, "forbidden", "needs the admin role")


def test_not_found_errors(service: Service) -> None:
    with service.client("admin") as c:
        assert_error(c.get("/packets/nope"), 404, "not_found", "no packet 'nope'")
        assert_error(c.get("/packets/nope/result"), 404, "not_found")
        assert_error(c.get("/no/such/route"), 404, "not_found")
        assert_error(c.get("/batches/nope"), 404, "not_found", "no batch")


def test_method_and_validation_errors(service: Service) -> None:
    with service.client("admin") as c:
        assert_error(c.delete("/packets"), 405, "method_not_allowed")
        err = assert_error(c.get("/packets", params={"status": "bogus"}), 422,
                           "invalid_request")
        assert err["details"][0]["loc"] == "query.status"
        err = assert_error(c.post("/packets"), 422, "invalid_request")
        assert any(d["loc"] == "body.files" for d in err["details"])


@pytest.mark.parametrize("files,status,code,words", [
    ([("files", ("run.exe", b"MZ", "application/octet-stream"))], 415, "unsupported_type",
     "'.exe'"),
    ([("files", ("a.pdf", b"%PDF", "text/html"))], 415, "unsupported_type", "text/html"),
    ([("files", ("p.zip", _zip({"../x.pdf": b"%PDF"}), "application/zip"))], 422,
     "unsafe_archive", "parent directory"),
    ([("files", ("p.zip", b"not a zip", "application/zip"))], 422, "unsafe_archive",
     "not a readable zip"),
    ([("files", ("a.pdf", b"%PDF", "application/pdf")),
      ("application", ("application.json", b"{bad", "application/json"))], 422,
     "invalid_packet", "not valid JSON"),
])
def test_intake_errors(service: Service, files: list, status: int, code: str, words: str
                       ) -> None:
    with service.client("specialist") as c:
        assert_error(c.post("/packets", files=files), status, code, words)


def test_application_schema_error_lists_locations_without_values(service: Service) -> None:
    bad = b'{"provider": {"first_name": "SECRETNAME", "practice_state": "California"}}'
    with service.client("specialist") as c:
        err = assert_error(c.post("/packets", files=[
            ("files", ("a.pdf", pdf_bytes(["x"]), "application/pdf")),
            ("application", ("application.json", bad, "application/json"))]),
            422, "invalid_packet", "application schema")
    assert err["details"][0]["loc"] == "provider.practice_state"
    assert "California" not in str(err) and "SECRETNAME" not in str(err)


def test_too_large_upload(service: Service) -> None:
    limit = service.settings.api.max_upload_bytes
    service.settings.api.max_upload_bytes = 2000
    try:
        with service.client("specialist") as c:
            assert_error(c.post("/packets", files=[
                ("files", ("big.pdf", b"%PDF" + b"0" * 5000, "application/pdf"))]),
                413, "too_large", "upload limit")
    finally:
        service.settings.api.max_upload_bytes = limit


def test_result_not_ready_is_a_conflict(service: Service) -> None:
    from datetime import date, timedelta

    from credintake.api.store.models import Job, Packet, utcnow
    from credintake.api.users import authenticate

    with service.server.db.session() as s:   # a queued packet no worker may take yet
        me = authenticate(s, service.tokens["specialist"])   # ... that is theirs to see
        assert me is not None
        s.add(Packet(id="notready1", name="n", organization_id=me.organization_id,
                     created_by=me.id, digest="d" * 64, source="test", status="queued",
                     as_of=date(2026, 11, 22)))
        s.flush()
        s.add(Job(id="notreadyjob1", packet_id="notready1", status="queued",
                  available_at=utcnow() + timedelta(hours=1)))
    with service.client("specialist") as c:
        assert_error(c.get("/packets/notready1/result"), 409, "not_ready", "not ready yet")
