"""The coordinator's desk on a real server and SQLite: the stage table, decisions refused
while an error finding is open, the record of every move, open-finding counts that match
the packet page, and the unassigned pool specialists take work from."""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx
import pytest

from credintake.api.desk.stages import FINAL, MOVES, STAGES
from credintake.api.errors import InvalidTransitionError
from credintake.api.desk.stages import check_move
from service_helpers import Service, wait_done
from tiny_packets import pdf_bytes


def _upload(c: httpx.Client) -> str:
    r = c.post("/packets", files=[("files", (f"doc-{uuid.uuid4().hex[:6]}.pdf", pdf_bytes(
        [f"desk {time.time_ns()}"]), "application/pdf"))])
    assert r.status_code == 202, r.text
    pid = r.json()["packet_id"]
    wait_done(c, pid)
    return pid


def _open_error(c: httpx.Client, pid: str) -> dict[str, Any]:
    return next(f for f in c.get(f"/packets/{pid}/findings").json()
                if f["severity"] == "error" and f["status"] == "open")


# --- the stage table ---------------------------------------------------------------------

def test_stage_table_covers_every_stage_and_final_stages_have_no_exit() -> None:
    assert set(MOVES) == set(STAGES)
    assert all(set(targets) <= set(STAGES) for targets in MOVES.values())
    assert all(not MOVES[s] for s in FINAL)
    assert "approved" in MOVES["ready_for_committee"]
    assert "approved" not in MOVES["received"]         # never straight from intake


@pytest.mark.parametrize("frm,to,ok", [
    ("received", "in_review", True), ("in_review", "waiting_on_provider", True),
    ("waiting_on_source", "in_review", True), ("ready_for_committee", "approved", True),
    ("pended", "in_review", True), ("received", "approved", False),
    ("approved", "in_review", False), ("denied", "approved", False),
    ("in_review", "received", False), ("in_review", "bogus", False)])
def test_check_move(frm: str, to: str, ok: bool) -> None:
    if ok:
        check_move(frm, to)
    else:
        with pytest.raises(InvalidTransitionError):
            check_move(frm, to)


# --- counts ------------------------------------------------------------------------------

def test_queue_counts_are_open_findings_and_match_the_packet_page(service: Service) -> None:
    with service.client("coordinator") as c:
        pid = _upload(c)
        assert c.get(f"/packets/{pid}").json()["error_count"] == 1
        err = _open_error(c, pid)
        r = c.post(f"/packets/{pid}/findings/{err['id']}/resolution",
                   json={"action": "resolve", "note": "licence verified at the board"})
        assert r.status_code == 200, r.text
        open_errors = sum(f["severity"] == "error" and f["status"] == "open"
                          for f in c.get(f"/packets/{pid}/findings").json())
        assert open_errors == 0
        packet = c.get(f"/packets/{pid}").json()
        assert (packet["error_count"], packet["has_errors"]) == (0, False)
        row = next(r for r in c.get("/desk/queue").json() if r["id"] == pid)
        assert row["open_errors"] == 0 and row["open_warnings"] == 1
        listed = next(p for p in c.get("/packets").json()["data"] if p["id"] == pid)
        assert listed["error_count"] == 0
        assert pid not in {p["id"] for p in c.get("/packets?has_errors=true").json()["data"]}
        c.post(f"/packets/{pid}/findings/{err['id']}/resolution",
               json={"action": "reopen", "note": "the board record was for another person"})
        assert c.get(f"/packets/{pid}").json()["error_count"] == 1


# --- decisions ---------------------------------------------------------------------------

def test_approval_refused_while_an_error_is_open_then_allowed(service: Service) -> None:
    with service.client("coordinator") as c:
        pid = _upload(c)
        assert c.get(f"/packets/{pid}").json()["stage"] == "received"
        assert c.post(f"/packets/{pid}/stage", json={"stage": "in_review"}).status_code == 200
        r = c.post(f"/packets/{pid}/stage", json={"stage": "ready_for_committee"})
        assert r.status_code == 409
        body = r.json()["error"]
        assert body["code"] == "decision_blocked"
        assert "1 open error finding" in body["details"][0]["msg"]
        assert c.get(f"/packets/{pid}").json()["stage"] == "in_review"
        err = _open_error(c, pid)
        c.post(f"/packets/{pid}/findings/{err['id']}/resolution",
               json={"action": "accept", "note": "licence pending, accepted by the director"})
        r = c.post(f"/packets/{pid}/stage", json={"stage": "ready_for_committee",
                                                  "note": "complete"})
        assert r.status_code == 200, r.text
        # an error reopened after the file went to committee blocks the approval itself
        c.post(f"/packets/{pid}/findings/{err['id']}/resolution",
               json={"action": "reopen", "note": "acceptance withdrawn"})
        r = c.post(f"/packets/{pid}/stage", json={"stage": "approved"})
        assert r.status_code == 409 and r.json()["error"]["code"] == "decision_blocked"
        c.post(f"/packets/{pid}/findings/{err['id']}/resolution",
               json={"action": "resolve", "note": "primary source verified"})
        r = c.post(f"/packets/{pid}/stage", json={"stage": "approved", "note": "committee"})
        assert r.status_code == 200 and r.json()["stage"] == "approved"
        r = c.post(f"/packets/{pid}/stage", json={"stage": "in_review"})
        assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_transition"
        moves = [d for d in c.get(f"/packets/{pid}/decisions").json() if d["kind"] == "stage"]
        assert [(d["old_value"], d["new_value"]) for d in moves] == [
            ("received", "in_review"), ("in_review", "ready_for_committee"),
            ("ready_for_committee", "approved")]
        assert moves[-1]["user"].startswith("coordinator-") and moves[-1]["note"] == "committee"
    with service.client("admin") as a:
        audit = a.get("/audit", params={"packet_id": pid}).json()
    entries = audit["data"] if isinstance(audit, dict) else audit
    stage_moves = [e for e in entries if e["action"] == "packet.stage"]
    assert sorted((e["detail"]["stage_from"], e["detail"]["stage_to"]) for e in stage_moves) \
        == sorted([("received", "in_review"), ("in_review", "ready_for_committee"),
                   ("ready_for_committee", "approved")])
    assert all(e["actor"].startswith("coordinator-") for e in stage_moves)


def test_deny_and_pend_need_a_note_and_a_coordinator(service: Service) -> None:
    with service.client("coordinator") as c:
        pid = _upload(c)
        c.post(f"/packets/{pid}/stage", json={"stage": "in_review"})
        r = c.post(f"/packets/{pid}/stage", json={"stage": "pended", "note": "  . "})
        assert r.status_code == 422
        with service.client("specialist") as s:
            r = s.post(f"/packets/{pid}/stage", json={"stage": "denied", "note": "x"})
            assert r.status_code == 404                 # not theirs: not even visible
        r = c.post(f"/packets/{pid}/stage", json={"stage": "pended",
                                                  "note": "awaiting hospital letter"})
        assert r.status_code == 200 and r.json()["stage"] == "pended"
        r = c.post(f"/packets/{pid}/stage", json={"stage": "denied", "note": "board action"})
        assert r.json()["stage"] == "denied"


# --- the pool ----------------------------------------------------------------------------

def test_specialists_take_work_from_the_unassigned_pool(service: Service) -> None:
    with service.client("coordinator") as c:
        pid = _upload(c)
    with service.client("specialist") as s:
        assert s.get(f"/packets/{pid}").status_code == 404
        pool = s.get("/desk/pool").json()
        row = next(r for r in pool if r["id"] == pid)
        assert row["stage"] == "received" and row["assignee"] is None
        assert row["sla_days"] == service.settings.desk.sla_days["received"]
        r = s.post(f"/packets/{pid}/take")
        assert r.status_code == 200 and r.json()["assignee"].startswith("specialist-")
        assert s.get(f"/packets/{pid}").status_code == 200
        assert pid not in {r["id"] for r in s.get("/desk/pool").json()}
        assert pid in {r["id"] for r in s.get("/desk/queue").json()}
        r = s.post(f"/packets/{pid}/stage", json={"stage": "approved"})
        assert r.status_code == 403
    with service.client("admin") as a:
        r = a.post(f"/packets/{pid}/take")
        assert r.status_code == 409 and r.json()["error"]["code"] == "already_taken"
