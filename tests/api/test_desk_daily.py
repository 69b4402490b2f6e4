"""The recredentialing calendar and the daily job on a real server and SQLite: the due
date from the last approval, the contract's ``recredentialing.due`` finding (warning in the
window, error past due) on the provider's current file, the 30/60/90-day listing as JSON,
iCalendar (read back with the ``icalendar`` package) and spreadsheet-safe CSV, and stalled
files escalated and shown in the queue."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner
from dateutil.relativedelta import relativedelta
from icalendar import Calendar
from sqlalchemy import select, update

from credintake.api.desk.daily import run_daily
from credintake.api.store.models import AuditEntry, FindingRow, Packet
from service_helpers import Service, ServerThread, add_users, make_settings
from test_providers import _app, _approve, _upload


@pytest.fixture(scope="module")
def svc(module_tmp: Path) -> Iterator[Service]:
    settings = make_settings(module_tmp, processor="fake_processor:from_application")
    with ServerThread(settings) as server:
        yield Service(server, add_users(server.db), module_tmp)


@pytest.fixture(scope="module")
def approved(svc: Service) -> dict[str, Any]:
    """One approved provider with a licence expiring in 45 days and a BLS card in 20."""
    today = date.today()
    app = _app("Rosa", "Lind", npi="1982736450",
               lic_exp=(today + timedelta(days=45)).isoformat())
    app["life_support"] = [{"course": "=HYPERLINK(\"x\")",
                            "expiration_date": (today + timedelta(days=20)).isoformat()}]
    with svc.client("coordinator") as c:
        pid = _upload(c, app)
        _approve(c, pid)
        prov = c.get(f"/packets/{pid}").json()
    with svc.server.db.session() as s:
        provider_id = s.get(Packet, pid).provider_id  # type: ignore[union-attr]
    return {"packet_id": pid, "provider_id": provider_id, "today": today, "packet": prov}


def _due_rows(svc: Service, pid: str) -> list[FindingRow]:
    with svc.server.db.session() as s:
        rows = list(s.scalars(select(FindingRow).where(FindingRow.packet_id == pid,
                                                       FindingRow.rule ==
                                                       "recredentialing.due")))
        s.expunge_all()
    return rows


def test_recredentialing_due_warns_then_errs(svc: Service, approved: dict[str, Any],
                                             schema_validator: Callable[[str, Any], None]
                                             ) -> None:
    pid, today = approved["packet_id"], approved["today"]
    due = today + relativedelta(months=36)
    run_daily(svc.server.db, today)
    assert _due_rows(svc, pid) == []                          # three years off: nothing
    summary = run_daily(svc.server.db, due - timedelta(days=100))
    [row] = _due_rows(svc, pid)
    assert (row.severity, row.status, row.evidence["due_date"]) == ("warning", "open",
                                                                     due.isoformat())
    assert summary["findings"]["raised"] == 1
    run_daily(svc.server.db, due - timedelta(days=100))      # idempotent
    assert len(_due_rows(svc, pid)) == 1
    with svc.client("coordinator") as c:
        finding = next(f for f in c.get(f"/packets/{pid}/findings").json()
                       if f["rule"] == "recredentialing.due")
        c.post(f"/packets/{pid}/findings/{finding['id']}/resolution",
               json={"action": "accept", "note": "recredentialing packet requested"})
        run_daily(svc.server.db, due + timedelta(days=1))     # past due: an error, reopened
        [row] = _due_rows(svc, pid)
        assert (row.severity, row.status) == ("error", "open")
        assert c.get(f"/packets/{pid}").json()["error_count"] == 1
        result = c.get(f"/packets/{pid}/result").json()
    schema_validator("result.schema.json", result)
    [f] = [f for f in result["findings"] if f["rule"] == "recredentialing.due"]
    assert f["severity"] == "error" and f["evidence"]["days"] == -1


def test_calendar_json_ical_and_csv(svc: Service, approved: dict[str, Any]) -> None:
    today = approved["today"]
    with svc.client("coordinator") as c:
        items = [i for i in c.get("/desk/calendar", params={"today": today.isoformat()}).json()
                 if i["provider_id"] == approved["provider_id"]]
        assert [(i["kind"], i["window"], i["days"]) for i in items] == [
            ("life_support", 30, 20), ("licenses", 60, 45)]
        later = [i for i in c.get("/desk/calendar", params={
            "today": (today + relativedelta(months=36) - timedelta(days=10)).isoformat()}).json()
            if i["provider_id"] == approved["provider_id"]]
        assert ("recredentialing", 30) in {(i["kind"], i["window"]) for i in later}

        r = c.get("/desk/calendar.ics")
        assert r.headers["content-type"].startswith("text/calendar")
        cal = Calendar.from_ical(r.content)
        events = [e for e in cal.walk("VEVENT") if str(e["uid"]).endswith(
            f"-{approved['provider_id']}-{approved['packet_id']}@credintake")]
        assert sorted(e.decoded("dtstart") for e in events) == [
            today + timedelta(days=20), today + timedelta(days=45)]
        assert any("Licence expires: Rosa Lind" in str(e["summary"]) for e in events)

        rows = list(csv.reader(io.StringIO(c.get("/desk/calendar.csv").text)))
        assert rows[0][:4] == ["date", "days", "window", "kind"]
        bls = next(r for r in rows[1:] if r[3] == "life_support" and r[5] ==
                   str(approved["provider_id"]))
        assert bls[4] == "'=HYPERLINK(\"x\")"                  # never a formula
    with svc.client("specialist") as s:
        assert s.get("/desk/calendar.ics").status_code == 403


def test_stalled_and_waiting_files_are_escalated_in_the_queue(svc: Service) -> None:
    with svc.client("coordinator") as c:
        waiting = _upload(c, _app("Ann", "Wait", npi="1003000126"))
        c.post(f"/packets/{waiting}/stage", json={"stage": "waiting_on_provider"})
        c.patch(f"/packets/{waiting}", json={"due_date": (date.today() - timedelta(days=1))
                                             .isoformat()})
        quiet = _upload(c, _app("Bo", "Quiet", npi="1003000134"))
        fresh = _upload(c, _app("Cy", "Busy", npi="1003000142"))
    with svc.server.db.session() as s:
        old = s.get(Packet, quiet).updated_at - timedelta(days=20)  # type: ignore[union-attr]
        s.execute(update(Packet).where(Packet.id == quiet).values(updated_at=old))
    summary = run_daily(svc.server.db)
    assert {waiting, quiet} <= set(summary["escalated"]) and fresh not in summary["escalated"]
    assert waiting not in run_daily(svc.server.db)["escalated"]   # once per quiet spell
    with svc.client("coordinator") as c:
        rows = {r["id"]: r for r in c.get("/desk/queue").json()}
        assert rows[waiting]["escalation"] == "waiting_past_date"
        assert rows[quiet]["escalation"] == "stalled"
        assert rows[fresh]["escalation"] is None
        c.post(f"/packets/{quiet}/stage", json={"stage": "in_review"})   # activity
        assert c.get("/desk/queue").json() and next(
            r for r in c.get("/desk/queue").json() if r["id"] == quiet)["escalation"] is None
    with svc.server.db.session() as s:
        entries = list(s.scalars(select(AuditEntry).where(
            AuditEntry.action == "packet.escalated", AuditEntry.packet_id == waiting)))
        assert len(entries) == 1 and entries[0].actor == "system"
        assert entries[0].detail == {"reason": "waiting_past_date",
                                     "stage": "waiting_on_provider"}


def test_desk_daily_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from credintake.api.cli import main
    from credintake.settings import get_settings

    monkeypatch.setenv("CREDINTAKE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CREDINTAKE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        r = CliRunner().invoke(main, ["desk", "daily", "--date", "2026-12-01"])
    finally:
        get_settings.cache_clear()
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["date"] == "2026-12-01" and out["escalated"] == [] and out["due"] == []
