"""Authorization matrix: every route (but /health) needs a token; each role may do exactly
what its rank allows (specialist < coordinator < admin); and a packet is visible only inside
its organisation — to its coordinators and admins, and to the specialist who uploaded it or
is assigned to it. Everyone else gets the 404 a packet that does not exist gets."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile

import httpx
import pytest

from credintake.api.lists.samples import LEIE_HEADER
from service_helpers import Service, add_users, upload_dir, wait_done
from tiny_packets import make_packet, pdf_bytes

ROLES = ["specialist", "coordinator", "admin"]
RANK = {r: i for i, r in enumerate(ROLES)}
ORG_B = "org-b"


@pytest.fixture(scope="module")
def others(service: Service) -> dict[str, str]:
    """Tokens of people who must not see org A's packet: a second specialist of org A
    (neither uploader nor assignee) and one user of each role in organisation B."""
    from credintake.api.users import add_user

    tokens = {f"b-{role}": t for role, t in add_users(service.server.db, ORG_B).items()}
    with service.server.db.session() as s:
        tokens["unassigned"] = add_user(s, name=f"unassigned-{uuid.uuid4().hex[:6]}",
                                        role="specialist")[1]
    return tokens


@pytest.fixture(scope="module")
def ids(service: Service) -> dict:
    """Org A's packet, uploaded by org A's specialist, and org A's batch."""
    packet = make_packet(service.tmp / "auth", "pkt-auth", variant=200)
    with service.client("specialist") as c:
        pid = upload_dir(c, packet).json()["packet_id"]
        wait_done(c, pid)
        field = c.get(f"/packets/{pid}/fields").json()[0]["id"]
        finding = c.get(f"/packets/{pid}/findings").json()[0]["id"]
    with service.client("coordinator") as c:
        batch = c.post("/batches", files=[("file", ("b.zip", _batch_zip(),
                                                    "application/zip"))]).json()
    return {"pid": pid, "field": field, "finding": finding, "batch": batch["batch_id"],
            "batch_packet": batch["packets"][0]["packet_id"]}


def _client(service: Service, who: str, others: dict[str, str]) -> httpx.Client:
    return service.client(token=others[who]) if who in others else service.client(who)


def _role(who: str) -> str:
    return "specialist" if who == "unassigned" else who.removeprefix("b-")


def _batch_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(f"b{uuid.uuid4().hex}/a.pdf", pdf_bytes([uuid.uuid4().hex]))
    return buf.getvalue()


def _leie() -> bytes:
    return ",".join(LEIE_HEADER).encode() + b"\nDOE,JANE,,,,,,0000000000,,,,,,1128a1,20200101,,,\n"


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
    ("batch status", "coordinator", lambda i: ("GET", f"/batches/{i['batch']}", {})),
    ("list versions", "admin", lambda i: ("GET", "/lists", {})),
    ("import list", "admin", lambda i: (
        "POST", "/lists/oig-leie", {"files": {"file": ("UPDATED.csv", _leie(), "text/csv")},
                                    "data": {"file_date": "2026-11-01"}})),
]
PACKET_ROUTES = [m for m in MATRIX if m[0] in {
    "packet status", "packet result", "documents", "fields", "findings", "decisions",
    "page image", "correct field", "resolve finding", "assign packet", "reprocess",
    "batch status"}]
OUTSIDERS = ["unassigned", "b-specialist", "b-coordinator", "b-admin"]

ALLOWED_STATUS = {"revoke user": {404}, "reprocess": {202, 409}, "upload packet": {202},
                  "upload batch": {202}, "add user": {201}, "import list": {201}}


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


def test_openapi_docs_need_a_token_like_every_route_but_health(service: Service) -> None:
    with service.client(None) as c:
        assert [c.get(p).status_code for p in ("/docs", "/redoc", "/openapi.json")] == [
            401, 401, 401]
        assert c.get("/health").status_code == 200
    with service.client("specialist") as c:
        assert c.get("/docs").status_code == 200
        spec = c.get("/openapi.json").json()
    assert "/packets/{packet_id}/result" in spec["paths"]
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name,minimum,build", PACKET_ROUTES, ids=[m[0] for m in PACKET_ROUTES])
def test_outsiders_get_404_on_every_packet_route(service: Service, ids: dict,
                                                 others: dict[str, str], who: str, name: str,
                                                 minimum: str, build
                                                 ) -> None:  # type: ignore[no-untyped-def]
    """Org B, and org A's specialist who neither uploaded nor is assigned the packet, get the
    answer a packet that does not exist gets (a role too low is still a 403: it says
    nothing about the packet)."""
    method, path, kw = build(ids)
    with _client(service, who, others) as c:
        r = c.request(method, path, **kw)
        ghost = c.request(method, path.replace(ids["pid"], "0" * 32)
                          .replace(ids["batch"], "0" * 32), **kw)
    if RANK[_role(who)] < RANK[minimum]:
        assert r.status_code == 403, (name, who, r.text)
        return
    assert r.status_code == 404, (name, who, r.text)
    assert r.json()["error"]["code"] == "not_found" and b"\x89PNG" not in r.content
    what = "batch" if name == "batch status" else "packet"
    ident = ids["batch"] if what == "batch" else ids["pid"]
    assert r.json()["error"]["message"] == f"no {what} {ident!r}"
    assert ghost.status_code == 404
    assert ghost.json()["error"]["message"] == f"no {what} {'0' * 32!r}"


def test_nothing_an_outsider_tried_was_written(service: Service, ids: dict,
                                                others: dict[str, str]) -> None:
    with service.client("admin") as c:
        entries = c.get("/audit", params={"packet_id": ids["pid"]}).json()
        decisions = c.get(f"/packets/{ids['pid']}/decisions").json()
    outsider_names = _names(service, others)
    assert not {e["actor"] for e in entries} & outsider_names
    assert not {d["user"] for d in decisions} & outsider_names


def _names(service: Service, others: dict[str, str]) -> set[str]:
    return {_whoami(service, t) for t in others.values()}


def _whoami(service: Service, token: str) -> str:
    from credintake.api.users import authenticate

    with service.server.db.session() as s:
        user = authenticate(s, token)
        assert user is not None
        return user.name


@pytest.mark.parametrize("who", OUTSIDERS)
def test_lists_and_exports_leave_out_what_one_may_not_see(service: Service, ids: dict,
                                                           others: dict[str, str],
                                                           who: str) -> None:
    with _client(service, who, others) as c:
        listed = c.get("/packets", params={"limit": 500}).json()
        assert ids["pid"] not in [p["id"] for p in listed["data"]]
        assert c.get("/packets", params={"batch_id": ids["batch"]}).json() == {"data": [],
                                                                             "count": 0}
        if _role(who) == "specialist":
            return
        results = c.get("/exports/results.json").json()["results"]
        assert ids["pid"] not in [r["packet_id"] for r in results]
        for kind in ("packets", "fields"):
            rows = csv.DictReader(io.StringIO(c.get(f"/exports/{kind}.csv").text))
            assert ids["pid"] not in {r["packet_id"] for r in rows}
        if _role(who) == "admin":
            entries = c.get("/audit", params={"limit": 1000}).json()
            assert ids["pid"] not in {e["packet_id"] for e in entries}
            assert c.get("/audit", params={"packet_id": ids["pid"]}).json() == []


@pytest.mark.parametrize("role", ROLES)
def test_each_role_of_the_organisation_sees_what_it_should(service: Service, ids: dict,
                                                           role: str) -> None:
    """Org A: the uploading specialist, the coordinator and the admin all find the packet
    in their lists; coordinators see the batch's packets, admins its audit trail."""
    with service.client(role) as c:
        assert ids["pid"] in [p["id"] for p in c.get("/packets", params={"limit": 500})
                              .json()["data"]]
        if RANK[role] >= RANK["coordinator"]:
            batch = c.get(f"/batches/{ids['batch']}").json()
            assert [p["id"] for p in batch["data"]] == [ids["batch_packet"]]
            assert ids["pid"] in [r["packet_id"] for r in
                                  c.get("/exports/results.json").json()["results"]]
        if role == "admin":
            entries = c.get("/audit", params={"packet_id": ids["pid"]}).json()
            assert {"packet.upload", "packet.read"} <= {e["action"] for e in entries}


def test_audit_log_shows_only_the_admins_organisation(service: Service, ids: dict,
                                                      others: dict[str, str]) -> None:
    with service.client("admin") as c:           # everybody acts once
        c.get("/packets")
    for who in others:
        with _client(service, who, others) as c:
            c.get("/packets")
    org_a = {_whoami(service, service.tokens[r]) for r in ROLES} | {
        _whoami(service, others["unassigned"])}
    org_b = {_whoami(service, others[f"b-{r}"]) for r in ROLES}
    with service.client("admin") as c:
        actors_a = {e["actor"] for e in c.get("/audit", params={"limit": 1000}).json()}
    with _client(service, "b-admin", others) as c:
        actors_b = {e["actor"] for e in c.get("/audit", params={"limit": 1000}).json()}
    assert org_a <= actors_a and not actors_a & org_b
    assert org_b <= actors_b and not actors_b & org_a


def test_users_are_managed_within_the_organisation(service: Service,
                                                   others: dict[str, str]) -> None:
    a_specialist = _whoami(service, service.tokens["specialist"])
    with _client(service, "b-admin", others) as c:
        listed = c.get("/users").json()
        assert {u["organization"] for u in listed} == {ORG_B}
        assert a_specialist not in {u["name"] for u in listed}
        r = c.delete(f"/users/{a_specialist}")
        assert r.status_code == 404 and r.json()["error"]["message"] == (
            f"no user named {a_specialist!r}")
        created = c.post("/users", json={"name": f"b-new-{uuid.uuid4().hex[:6]}",
                                         "role": "specialist"}).json()
        assert created["organization"] == ORG_B
    with service.client("specialist") as c:
        assert c.get("/packets").status_code == 200        # the revoke did not happen


def test_assignment_opens_a_packet_to_one_colleague_only(service: Service,
                                                         others: dict[str, str]) -> None:
    """A specialist does not see a packet someone else uploaded until it is assigned to
    them; a packet cannot be assigned to a user of another organisation."""
    packet = make_packet(service.tmp / "auth", "pkt-assign", variant=201)
    with service.client("admin") as c:
        pid = upload_dir(c, packet).json()["packet_id"]
        wait_done(c, pid)
    paths = [f"/packets/{pid}", f"/packets/{pid}/result", f"/packets/{pid}/documents/0/pages/1"]
    with service.client("specialist") as spec:
        assert [spec.get(p).status_code for p in paths] == [404, 404, 404]
        with service.client("coordinator") as coord:
            b_name = _whoami(service, others["b-specialist"])
            r = coord.patch(f"/packets/{pid}", json={"assignee": b_name})
            assert r.status_code == 400 and r.json()["error"]["message"] == (
                f"no active user named {b_name!r} to assign")
            me = _whoami(service, service.tokens["specialist"])
            assert coord.patch(f"/packets/{pid}", json={"assignee": me}).status_code == 200
            assert [spec.get(p).status_code for p in paths] == [200, 200, 200]
            assert pid in [p["id"] for p in spec.get("/packets", params={"assignee": "me"})
                           .json()["data"]]
            assert coord.patch(f"/packets/{pid}", json={"assignee": None}).status_code == 200
        assert [spec.get(p).status_code for p in paths] == [404, 404, 404]
    with _client(service, "b-specialist", others) as b:
        assert b.get(f"/packets/{pid}").status_code == 404


def test_the_same_files_in_two_organisations_are_two_packets(service: Service,
                                                             others: dict[str, str]) -> None:
    """Dedup is per organisation: org B sending org A's files learns nothing of A's packet
    and gets its own, processed on its own; within one organisation it stays exactly-once."""
    packet = make_packet(service.tmp / "auth", "pkt-twice", variant=202)
    with service.client("specialist") as a:
        first_a = upload_dir(a, packet).json()
    with _client(service, "b-specialist", others) as b:
        first_b = upload_dir(b, packet).json()
        assert first_b["duplicate"] is False and first_b["packet_id"] != first_a["packet_id"]
        assert wait_done(b, first_b["packet_id"])["status"] == "done"
    with _client(service, "b-coordinator", others) as b:
        again_b = upload_dir(b, packet).json()
    with service.client("specialist") as a:
        again_a = upload_dir(a, packet).json()
        assert wait_done(a, first_a["packet_id"])["status"] == "done"
    assert first_a["duplicate"] is False
    assert (again_b["duplicate"], again_b["packet_id"]) == (True, first_b["packet_id"])
    assert (again_a["duplicate"], again_a["packet_id"]) == (True, first_a["packet_id"])


def test_re_uploading_a_colleagues_packet_says_so_without_showing_it(service: Service) -> None:
    """A specialist sending files a colleague already uploaded learns that they are in the
    organisation's hands, not which packet or how far it got (then a 404 for it); once a
    coordinator assigns it to them, the same upload answers with the packet."""
    packet = make_packet(service.tmp / "auth", "pkt-colleague", variant=203)
    with service.client("admin") as c:
        pid = upload_dir(c, packet).json()["packet_id"]
        wait_done(c, pid)
    with service.client("specialist") as spec:
        r = upload_dir(spec, packet)
        assert r.status_code == 409, r.text
        error = r.json()["error"]
        assert error["code"] == "held_by_another_user" and pid not in r.text
        assert "coordinator" in error["message"]
        with service.client("coordinator") as coord:
            me = _whoami(service, service.tokens["specialist"])
            assert coord.patch(f"/packets/{pid}", json={"assignee": me}).status_code == 200
        again = upload_dir(spec, packet)
        assert again.status_code == 202
        assert (again.json()["duplicate"], again.json()["packet_id"]) == (True, pid)
