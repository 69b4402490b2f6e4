"""The desk's screens in Chromium (Debian's, through Playwright) on a real server and
SQLite: a file moved through its stages, approval refused on screen while an error finding
is open, the queue's counts matching the packet page, and a specialist taking a file from
the unassigned pool."""

from __future__ import annotations

import json
import time
import uuid
from datetime import date, timedelta
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from dateutil.relativedelta import relativedelta

from service_helpers import ServerThread, make_settings, wait_done
from test_screens import shot
from tiny_packets import pdf_bytes



class Env:
    def __init__(self, server: ServerThread, tokens: dict[str, tuple[str, str]]) -> None:
        self.server, self.tokens, self.url = server, tokens, server.url

    def api(self, who: str) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60,
                            headers={"Authorization": f"Bearer {self.tokens[who][1]}"})

    def upload(self, application: dict[str, Any] | None = None) -> str:
        files = [("files", (f"f-{uuid.uuid4().hex[:6]}.pdf",
                            pdf_bytes([f"desk {time.time_ns()}"]), "application/pdf"))]
        if application:
            files.append(("application", ("application.json",
                                          json.dumps(application).encode(),
                                          "application/json")))
        with self.api("coord") as c:
            r = c.post("/packets", files=files)
            pid = r.json()["packet_id"]
            wait_done(c, pid)
        return pid  # type: ignore[no-any-return]

    def login(self, page: Any, who: str) -> None:
        name, token = self.tokens[who]
        page.goto(self.url + "/ui/login")
        page.fill("input[name=name]", name)
        page.fill("input[name=token]", token)
        page.click("button[type=submit]")
        page.wait_for_url("**/ui/queue**")


@pytest.fixture(scope="module")
def env(module_tmp: Path) -> Iterator[Env]:
    from credintake.api.users import add_user

    settings = make_settings(module_tmp, processor="fake_processor:from_application")
    with ServerThread(settings) as server:
        tokens = {}
        with server.db.session() as s:
            for who, role in (("spec", "specialist"), ("coord", "coordinator")):
                name = f"{who}-{uuid.uuid4().hex[:4]}"
                tokens[who] = (name, add_user(s, name=name, role=role,
                                              organization="default")[1])
        yield Env(server, tokens)


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1360, "height": 860})
    yield ctx.new_page()
    ctx.close()


def _move(page: Any, stage: str, note: str = "") -> None:
    page.select_option("#stage-move select[name=stage]", stage)
    page.fill("#stage-move input[name=note]", note)
    page.click("#stage-move button[type=submit]")
    page.wait_for_load_state()


def _queue_errors(page: Any, env: Env, pid: str) -> str:
    page.goto(env.url + "/ui/queue")
    row = page.locator(f"tr[data-packet='{pid}']")
    return row.locator("td.num").nth(1).inner_text().strip()


def test_decision_flow_refuses_approval_with_an_open_error(env: Env, page: Any) -> None:
    pid = env.upload()
    env.login(page, "coord")
    assert _queue_errors(page, env, pid) == "1"
    page.goto(f"{env.url}/ui/packets/{pid}")
    assert "received" in page.inner_text("#stage")
    _move(page, "in_review")
    assert "in review" in page.inner_text("#stage")
    _move(page, "ready_for_committee")
    alert = page.inner_text("#refused")
    assert "1 open error finding" in alert
    shot(page, "desk-refused")
    assert "in review" in page.inner_text("#stage")           # not moved

    # resolve the error (the API the screen's own form calls) and read both pages again
    with env.api("coord") as c:
        err = next(f for f in c.get(f"/packets/{pid}/findings").json()
                   if f["severity"] == "error")
        c.post(f"/packets/{pid}/findings/{err['id']}/resolution",
               json={"action": "resolve", "note": "licence verified"})
    page.goto(f"{env.url}/ui/packets/{pid}")
    assert "No open errors" in page.inner_text("#summary")
    assert _queue_errors(page, env, pid) == "0"               # the queue agrees

    page.goto(f"{env.url}/ui/packets/{pid}")
    _move(page, "ready_for_committee")
    _move(page, "pended")                                      # deny / pend need a note
    assert "needs a note" in page.inner_text("#refused")
    _move(page, "approved", "committee of 6 Dec")
    assert "approved" in page.inner_text("#stage")
    assert page.locator("#stage-move").count() == 0            # final: no more moves
    page.goto(env.url + "/ui/queue")
    assert "approved" in page.locator(f"tr[data-packet='{pid}']").inner_text()


def test_specialist_takes_a_file_from_the_pool(env: Env, page: Any) -> None:
    pid = env.upload()
    env.login(page, "spec")
    assert page.locator(f"tr[data-packet='{pid}']").count() == 0
    pool_row = page.locator(f"tr[data-pool='{pid}']")
    assert pool_row.count() == 1
    shot(page, "desk-pool")
    pool_row.locator("button").click()
    page.wait_for_url(f"**/ui/packets/{pid}**")
    assert "taken" in page.inner_text("[role=status]")
    # a specialist works the file but does not decide it
    options = page.locator("#stage-move select[name=stage] option").all_inner_texts()
    assert "in review" in options and "denied" not in options
    page.goto(env.url + "/ui/queue")
    assert page.locator(f"tr[data-packet='{pid}']").count() == 1
    assert page.locator(f"tr[data-pool='{pid}']").count() == 0


def test_provider_record_calendar_and_escalation(env: Env, page: Any) -> None:
    from icalendar import Calendar

    from credintake.api.desk.daily import run_daily

    expires = date.today() + timedelta(days=40)
    pid = env.upload({"application_id": "clean",
                      "provider": {"first_name": "Lena", "last_name": "<b>Ortiz</b>",
                                   "npi": "1376541289"},
                      "licenses": [{"license_number": "MD-778", "issuing_state": "CA",
                                    "expiration_date": expires.isoformat()}]})
    with env.api("coord") as c:
        for stage in ("in_review", "ready_for_committee", "approved"):
            assert c.post(f"/packets/{pid}/stage", json={"stage": stage}).status_code == 200
        waiting = env.upload()
        c.post(f"/packets/{waiting}/stage", json={"stage": "waiting_on_source"})
        c.patch(f"/packets/{waiting}", json={"due_date": (date.today() - timedelta(days=2))
                                             .isoformat()})
    run_daily(env.server.db)
    env.login(page, "coord")
    assert "waiting past its date" in page.locator(f"tr[data-packet='{waiting}']").inner_text()
    page.goto(f"{env.url}/ui/packets/{pid}")
    page.click("#stage a")
    page.wait_for_url("**/ui/providers/*")
    assert page.locator("h1").inner_text() == "Lena <b>Ortiz</b>"     # escaped, shown as text
    assert page.inner_text("#due") == (date.today() + relativedelta(months=36)).isoformat()
    assert "MD-778" in page.inner_text("#expirables")
    assert "ready for committee → approved" in page.inner_text("#decisions")
    shot(page, "desk-provider")
    page.goto(env.url + "/ui/calendar")
    row = page.locator("#calendar tr[data-kind=licenses]").first
    assert expires.isoformat() in row.inner_text() and "MD-778" in row.inner_text()
    shot(page, "desk-calendar")
    ics = page.request.get(env.url + "/ui/calendar.ics")
    events = list(Calendar.from_ical(ics.body()).walk("VEVENT"))
    assert expires in [e.decoded("dtstart") for e in events]
