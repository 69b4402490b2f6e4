"""Providers across packets on a real server and SQLite: the same NPI, or the same
normalised name and date of birth, is one provider; a file for a provider already approved
is a recredentialing file; the provider's expirables come from the latest approved file and
the recredentialing date from its approval plus the cycle."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from dateutil.relativedelta import relativedelta

from service_helpers import Service, ServerThread, add_users, make_settings, wait_done
from tiny_packets import pdf_bytes


@pytest.fixture(scope="module")
def svc(module_tmp: Path) -> Iterator[Service]:
    settings = make_settings(module_tmp, processor="fake_processor:from_application")
    settings.desk.cycle_months_by_state = {"NV": 24}
    with ServerThread(settings) as server:
        yield Service(server, add_users(server.db), module_tmp)


def _app(first: str, last: str, *, npi: str | None = None, dob: str | None = None,
         state: str = "CA", clean: bool = True, lic_exp: str = "2028-03-31") -> dict[str, Any]:
    provider: dict[str, Any] = {"first_name": first, "last_name": last}
    if npi:
        provider["npi"] = npi
    if dob:
        provider["date_of_birth"] = dob
    return {"application_id": "clean" if clean else "x", "provider": provider,
            "licenses": [{"license_number": "A12345", "issuing_state": state,
                          "expiration_date": lic_exp}],
            "life_support": [{"course": "BLS", "expiration_date": "2027-01-31"}]}


def _upload(c: httpx.Client, app: dict[str, Any]) -> str:
    r = c.post("/packets", files=[
        ("files", (f"d-{uuid.uuid4().hex[:6]}.pdf", pdf_bytes([f"p {time.time_ns()}"]),
                   "application/pdf")),
        ("application", ("application.json", json.dumps(app).encode(), "application/json"))])
    assert r.status_code == 202, r.text
    pid = r.json()["packet_id"]
    wait_done(c, pid)
    return pid


def _approve(c: httpx.Client, pid: str) -> None:
    for stage in ("in_review", "ready_for_committee", "approved"):
        r = c.post(f"/packets/{pid}/stage", json={"stage": stage, "note": "ok"})
        assert r.status_code == 200, r.text


def _provider_of(c: httpx.Client, pid: str, svc: Service) -> int:
    from credintake.api.store.models import Packet

    with svc.server.db.session() as s:
        return s.get(Packet, pid).provider_id  # type: ignore[union-attr,return-value]


def test_one_provider_across_packets(svc: Service) -> None:
    npi = "1234567893"
    with svc.client("coordinator") as c:
        first = _upload(c, _app("Jane", "Doe", npi=npi, dob="1980-02-03"))
        _approve(c, first)
        again = _upload(c, _app("JANE", "DOE", npi=npi, lic_exp="2031-03-31"))
        by_name = _upload(c, _app("Jané", "Doe ", dob="1980-02-03"))      # no NPI
        other = _upload(c, _app("Jane", "Doe", dob="1975-09-09"))          # another person
        pid = _provider_of(c, first, svc)
        assert pid and _provider_of(c, again, svc) == pid == _provider_of(c, by_name, svc)
        assert _provider_of(c, other, svc) not in (None, pid)
        assert c.get(f"/packets/{first}").json()["kind"] == "initial"
        assert c.get(f"/packets/{again}").json()["kind"] == "recredentialing"

        view = c.get(f"/providers/{pid}").json()
        assert view["npi"] == npi and view["name"] == "Jane Doe"
        assert [f["id"] for f in view["files"]] == [first, again, by_name]
        assert view["expirables_from"] == first       # the latest APPROVED file, not newest
        assert [(e["kind"], e["expiration_date"]) for e in view["expirables"]] == [
            ("life_support", "2027-01-31"), ("licenses", "2028-03-31")]
        approved = date.fromisoformat(view["last_approved"])
        assert view["recredentialing_due"] == (approved + relativedelta(months=36)).isoformat()
        assert [(d["from"], d["to"]) for d in view["decisions"]][-1] == (
            "ready_for_committee", "approved")
        listed = {p["id"]: p["files"] for p in c.get("/providers").json()}
        assert listed[pid] == 3
    with svc.client("specialist") as s:
        assert s.get(f"/providers/{pid}").status_code == 403


def test_state_cycle_and_other_organisation(svc: Service) -> None:
    with svc.client("coordinator") as c:
        pid = _upload(c, _app("Omar", "Said", npi="1245319599", state="NV"))
        _approve(c, pid)
        prov = _provider_of(c, pid, svc)
        view = c.get(f"/providers/{prov}").json()
        approved = date.fromisoformat(view["last_approved"])
        assert view["recredentialing_due"] == (approved + relativedelta(months=24)).isoformat()
    other = add_users(svc.server.db, organization="org-other")
    with svc.client(token=other["coordinator"], role=None) as o:
        assert o.get(f"/providers/{prov}").status_code == 404
