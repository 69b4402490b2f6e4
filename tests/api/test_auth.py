"""Authorization matrix: every route (but /health) needs a token, and each role may do
exactly what its rank allows (specialist < coordinator < admin)."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest

from service_helpers import Service, upload_dir, wait_done
from tiny_packets import make_packet, pdf_bytes

ROLES = ["specialist", "coordinator", "admin"]
RANK = {r: i for i, r in enumerate(ROLES)}


@pytest.fixture(scope="module")
def ids(service: Service) -> dict:
    packet = make_packet(service.tmp / "auth", "pkt-auth", variant=200)
    with service.client("admin") as c:
        pid = upload_dir(c, packet).json()["packet_id"]
        wait_done(c, pid)
        field = c.get(f"/packets/{pid}/fields").json()[0]["id"]
        finding = c.get(f"/packets/{pid}/findings").json()[0]["id"]
    return {"pid": pid, "field": field, "finding": finding}


def _batch_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(f"b{uuid.uuid4().hex}/a.pdf", pdf_bytes([uuid.uuid4().hex]))
    return buf.getvalue()


# (name, minimum role, request builder)
MATRIX = [
    ("list packets", "specialist", lambda i: ("GET", "/packets", {})),
    ("packet status", "specialist", lambda i: ("GET", f"/packets/{i['pid']}", {})),
    ("packet result", "specialist", lambda i: ("GET", f"/packets/{i['pid']}/result", {})),
    ("documents", "specialist", lambda i: ("GET", f"/packets/{i['pid']}/documents", {})),
    ("fields", "specialist", lambda i: ("GET", f"/packets/{i['pid']}/fields", {})),
    ("findings", "specialist", lambda i: ("GET", f"/packets/{i['pid']}/findings", {})),
    ("decisions", "specialist", lambda i: ("GET", f"/packets/{i['pid']}/decisions", {})),
    ("page image", "specialist",
     lambda i: ("GET", f"/packets/{i['pid']}/documents/0/pages/1", {})),
    ("correct field", "specialist", lambda i: (
        "POST", f"/packets/{i['pid']}/fields/{i['field']}/correction",
        {"json": {"value": "x", "note": "n"}})),
    ("resolve finding", "specialist", lambda i: (
        "POST", f"/packets/{i['pid']}/findings/{i['finding']}/resolution",
        {"json": {"action": "accept", "note": "ok"}})),
    ("upload packet", "specialist", lambda i: (
        "POST", "/packets",
        {"files": [("files", ("a.pdf", pdf_bytes([uuid.uuid4().hex]), "application/pdf"))]})),
    ("assign packet", "coordinator",
     lambda i: ("PATCH", f"/packets/{i['pid']}", {"json": {"due_date": "2027-01-01"}})),
    ("upload batch", "coordinator",
     lambda i: ("POST", "/batches", {"files": [("file", ("b.zip", _batch_zip(),
                                                          "application/zip"))]})),
    ("export json", "coordinator", lambda i: ("GET", "/exports/results.json", {})),
    ("export packets csv", "coordinator", lambda i: ("GET", "/exports/packets.csv", {})),
    ("export fields csv", "coordinator", lambda i: ("GET", "/exports/fields.csv", {})),
    ("list users", "admin", lambda i: ("GET", "/users", {})),
    ("add user", "admin", lambda i: ("POST", "/users",
                                     {"json": {"name": f"u-{uuid.uuid4().hex[:8]}",
                                               "role": "specialist"}})),
    ("revoke user", "admin", lambda i: ("DELETE", "/users/nobody-here", {})),
    ("audit log", "admin", lambda i: ("GET", "/audit", {})),
    ("reprocess", "admin", lambda i: ("POST", f"/packets/{i['pid']}/reprocess", {})),
]

ALLOWED_STATUS = {"revoke user": {404}, "reprocess": {202, 409}, "upload packet": {202},
                  "upload batch": {202}, "add user": {201}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,minimum,build", MATRIX, ids=[m[0] for m in MATRIX])
def test_role_matrix(service: Service, ids: dict, role: str, name: str, minimum: str,
                     build) -> None:  # type: ignore[no-untyped-def]
    method, path, kw = build(ids)
    with service.client(role) as c:
        r = c.request(method, path, **kw)
    if RANK[role] >= RANK[minimum]:
        assert r.status_code in ALLOWED_STATUS.get(name, {200}), (name, role, r.text)
    else:
        assert r.status_code == 403, (name, role, r.text)
        assert r.json()["error"]["message"] == (
            f"this action needs the {minimum} role (you are {role})")


@pytest.mark.parametrize("name,minimum,build", MATRIX, ids=[m[0] for m in MATRIX])
def test_every_route_needs_a_token(service: Service, ids: dict, name: str, minimum: str,
                                   build) -> None:  # type: ignore[no-untyped-def]
    method, path, kw = build(ids)
    with service.client(None) as c:
        r = c.request(method, path, **kw)
    assert r.status_code == 401, (name, r.text)


def test_revoked_token_stops_working(service: Service) -> None:
    name = f"temp-{uuid.uuid4().hex[:6]}"
    with service.client("admin") as admin:
        created = admin.post("/users", json={"name": name, "role": "coordinator"}).json()
        token = created["token"]
        assert created["token_prefix"] == token[:10] and "token_hash" not in created
        with service.client(token=token) as c:
            assert c.get("/packets").status_code == 200
        revoked = admin.delete(f"/users/{name}").json()
        assert revoked["revoked_at"] is not None
        with service.client(token=token) as c:
            r = c.get("/packets")
        assert r.status_code == 401
        assert r.json()["error"]["message"] == "invalid or revoked token"


def test_openapi_docs_are_served(service: Service) -> None:
    with service.client(None) as c:
        assert c.get("/docs").status_code == 200
        spec = c.get("/openapi.json").json()
    assert "/packets/{packet_id}/result" in spec["paths"]
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
