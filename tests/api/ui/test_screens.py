"""The review screens end to end: a real server (uvicorn, SQLite, one worker process running
the real pipeline) driven by Debian's Chromium through Playwright.

One packet from the committed sample set is uploaded through the drop zone and reviewed:
a finding's box is shown on its page, a value is corrected (the rules run again), a finding
is resolved, and the stored result and audit log are checked. Then: escaping of hostile
text, CSRF, and access between users. Screenshots go to a temporary folder, or to
docs/screens/ (the README's) when CREDINTAKE_UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service_helpers import REAL, ServerThread, make_settings

ROOT = Path(__file__).resolve().parents[3]
PACKET = ROOT / "sample_docs" / "committed" / "packets" / "pkt-004001"
SCREENS = (ROOT / "docs" / "screens" if os.environ.get("CREDINTAKE_UPDATE_SCREENSHOTS") == "1"
           else Path(tempfile.mkdtemp(prefix="credintake-screens-")))
XSS = "<script>alert(1)</script>"



class Env:
    def __init__(self, server: ServerThread, tokens: dict[str, tuple[str, str]]) -> None:
        self.server, self.tokens = server, tokens
        self.url = server.url
        self.packet_id: str | None = None

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

    settings = make_settings(module_tmp, processor=REAL, workers=1)
    with ServerThread(settings) as server:
        tokens = {}
        with server.db.session() as s:
            for who, role, org in (("spec_a", "specialist", "default"),
                                   ("spec_b", "specialist", "default"),
                                   ("coord", "coordinator", "default"),
                                   ("admin", "admin", "default"),
                                   ("admin_b", "admin", "org-b")):
                name = f"{who}-{uuid.uuid4().hex[:4]}"
                tokens[who] = (name, add_user(s, name=name, role=role, organization=org)[1])
        yield Env(server, tokens)


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1360, "height": 860})
    pg = ctx.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def shot(page: Any, name: str) -> None:
    """Save a screenshot for the README, as a 256-colour PNG (commit-sized)."""
    from PIL import Image

    SCREENS.mkdir(parents=True, exist_ok=True)
    img = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    img.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
        SCREENS / f"{name}.png", optimize=True)


def _zip(packet: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(packet.iterdir()):
            zf.write(f, f"{packet.name}/{f.name}")
    return buf.getvalue()


def _typed_malpractice_expiry() -> str:
    """The committed packet's application disagrees with its malpractice letter on the
    expiration date (a generated discrepancy), and the typed date is before the as-of."""
    import json

    typed = json.loads((PACKET / "application.json").read_text())[
        "malpractice_insurance"][0]["expiration_date"]
    assert typed < "2026-11-22"
    return str(typed)


def _db(env: Env) -> Any:
    return env.server.db


def test_review_flow(env: Env, page: Any, tmp_path: Path) -> None:
    from sqlalchemy import select

    from credintake.api.store.models import (AuditEntry, Decision, FieldRow, FindingRow,
                                             Packet)

    page.goto(env.url + "/")
    page.wait_for_url("**/ui/login")                 # no session: sent to sign in
    shot(page, "login")
    env.login(page, "spec_a")
    # a first visit says what the queue holds and what to do
    assert "No packets yet" in page.locator("table.queue").inner_text()
    assert "that you uploaded or that are assigned to you" in page.locator(".scope").inner_text()

    zpath = tmp_path / f"{PACKET.name}.zip"
    zpath.write_bytes(_zip(PACKET))
    page.set_input_files("#file-input", str(zpath))
    row = page.locator("#uploads li").first
    row.wait_for()
    page.wait_for_function("document.querySelector('#uploads li progress').value > 0")
    page.wait_for_function("['done', 'failed', 'refused'].includes("
                           "document.querySelector('#uploads li').dataset.status)",
                           timeout=150_000)
    assert row.get_attribute("data-status") == "done", row.inner_text()
    assert " error" in row.locator(".u-state").inner_text()     # "0 errors", "1 error"
    shot(page, "upload")
    env.packet_id = pid = row.get_attribute("data-packet")
    assert pid
    page.goto(env.url + "/ui/queue?sort=errors&dir=desc")
    qrow = page.locator(f"tr[data-packet='{pid}']")
    assert "Nina Barrett" in qrow.inner_text() and "done" in qrow.inner_text()
    shot(page, "queue")
    # filters: an unprocessed-status filter hides it, the errors flag keeps it
    page.goto(env.url + "/ui/queue?status=failed")
    assert page.locator(f"tr[data-packet='{pid}']").count() == 0
    page.goto(env.url + "/ui/queue?flag=warnings")
    assert page.locator(f"tr[data-packet='{pid}']").count() == 1

    page.goto(env.url + f"/ui/packets/{pid}")
    assert page.locator("h1").first.inner_text() == "Nina Barrett"
    assert page.locator("tr.doc").count() == 11
    assert "open error" in page.locator("#summary").inner_text() or \
        "No open errors" in page.locator("#summary").inner_text()
    sev = [c.split("sev-")[1].split()[0] for c in
           page.locator("li.finding").evaluate_all("els => els.map(e => e.className)")]
    order = {"error": 0, "warning": 1, "info": 2}
    assert [order[s] for s in sev] == sorted(order[s] for s in sev)   # sorted by severity

    # click the malpractice expiration mismatch: its box shows on document58.pdf page 1
    with _db(env).session() as s:
        mismatch = s.scalar(select(FindingRow).where(
            FindingRow.packet_id == pid, FindingRow.rule == "reconciliation.mismatch",
            FindingRow.field == "malpractice_insurance.expiration_date"))
        assert mismatch is not None
        mid = mismatch.id
        field = next(f for f in s.scalars(select(FieldRow).where(
            FieldRow.packet_id == pid, FieldRow.name == "expiration_date"))
            if f.value == "2027-09-12")
        fid, bbox = field.id, field.bbox
    item = page.locator(f"#finding-{mid}")
    item.locator(".msg").click()
    page.wait_for_selector("#hl:not([hidden])")
    label = page.locator("#viewer-label").inner_text()
    doc_idx = int(item.get_attribute("data-doc"))
    assert label.startswith(f"document {doc_idx} · malpractice_insurance · page 1")
    geo = page.evaluate("""() => { const i = document.getElementById('page-img'),
        h = document.getElementById('hl');
        return {iw: i.clientWidth, nw: i.naturalWidth, il: i.offsetLeft, it: i.offsetTop,
                hl: h.offsetLeft, ht: h.offsetTop, hw: h.offsetWidth}; }""")
    scale = geo["iw"] / 612.0                                  # letter page, 612 points wide
    assert geo["nw"] > 0
    assert abs(geo["hl"] + 3 - (geo["il"] + bbox[0] * scale)) < 2
    assert abs(geo["ht"] + 3 - (geo["it"] + bbox[1] * scale)) < 2
    assert abs(geo["hw"] - 6 - (bbox[2] - bbox[0]) * scale) < 2
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "review")

    # j / k move between findings
    ids = page.locator("li.finding").evaluate_all("els => els.map(e => e.id)")
    assert len(ids) >= 2
    page.locator("li.finding .msg").first.click()
    page.keyboard.press("j")
    assert page.locator("li.finding.selected").get_attribute("id") == ids[1]
    assert page.evaluate("document.activeElement.id") == ids[1]
    page.keyboard.press("k")
    assert page.locator("li.finding.selected").get_attribute("id") == ids[0]

    # application vs document: disagreements first, matches behind a toggle
    statuses = page.locator("table.compare tbody:not(.matches) .pill").all_inner_texts()
    assert statuses[:2] == ["mismatch"] * 2 and "match" not in statuses
    assert all("_" not in st for st in statuses)            # words, not contract codes
    assert not page.locator("#matches").is_visible()
    page.click("#toggle-matches")
    assert page.locator("#matches tr").count() > 10
    first_match = page.locator("#matches tr.clickable").first
    first_match.click()
    page.wait_for_function("document.getElementById('viewer-label').textContent.includes("
                           f"'document {first_match.get_attribute('data-doc')} ')")

    # correct the document's expiration date: the mismatch clears, the policy is expired
    item = page.locator(f"#finding-{mid}")
    item.locator("details.fix summary").click()
    typed = _typed_malpractice_expiry()            # what the application says (already past)
    item.locator("form.correct input[name=value]").fill(typed)
    item.locator("form.correct input[name=note]").fill("carrier confirmed the 2025 date")
    item.locator("form.correct button").click()
    page.wait_for_url(f"**/ui/packets/{pid}?done=corrected*")
    assert "resolved" in page.locator(f"#finding-{mid} .f-head").inner_text()
    assert "cleared by the correction" in page.locator(f"#finding-{mid}").inner_text()
    assert page.locator(f"#field-{fid} .corrected").inner_text() == typed
    assert "1 open error" in page.locator("#summary").inner_text()   # the policy expired
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "corrected")

    # resolve an open finding with a note
    target = page.locator("li.finding.fs-open").first
    rid = int(target.get_attribute("id").split("-")[1])
    target.locator("form.resolution input[name=note]").fill("verified with the primary source")
    target.locator("button[value=resolve]").click()
    page.wait_for_url(f"**/ui/packets/{pid}?done=resolve*")
    assert "resolved" in page.locator(f"#finding-{rid} .f-head").inner_text()
    assert "verified with the primary source" in page.locator(".decisions").inner_text()
    assert page.dialogs == []  # type: ignore[attr-defined]

    with _db(env).session() as s:
        packet = s.get(Packet, pid)
        mal = packet.result["profile"]["malpractice_insurance"][0]
        assert mal["expiration_date"] == typed
        rules = [(f["rule"], f.get("field")) for f in packet.result["findings"]]
        assert ("reconciliation.mismatch", "malpractice_insurance.expiration_date") not in rules
        assert any(r == "expiration.expired" and (f or "").startswith("malpractice")
                   for r, f in rules)
        # the stored count is of OPEN errors, as the packet page counts them (issue 15)
        assert packet.error_count == len(list(s.scalars(select(FindingRow).where(
            FindingRow.packet_id == pid, FindingRow.severity == "error",
            FindingRow.status == "open"))))
        new = s.scalar(select(FindingRow).where(FindingRow.packet_id == pid,
                                                FindingRow.rule == "expiration.expired",
                                                FindingRow.field.like("malpractice%")))
        assert new is not None and (new.status == "open" or new.id == rid)
        f = s.get(FieldRow, fid)
        assert (f.value, f.corrected, f.corrected_value) == ("2027-09-12", True, typed)
        assert s.get(FindingRow, rid).status == "resolved"
        kinds = [d.kind for d in s.scalars(select(Decision).where(Decision.packet_id == pid))]
        assert kinds == ["field_correction", "finding_resolve"]
        actions = [a.action for a in s.scalars(select(AuditEntry).where(
            AuditEntry.packet_id == pid).order_by(AuditEntry.id))]
        user_a = env.tokens["spec_a"][0]
        actors = {a.actor for a in s.scalars(select(AuditEntry).where(
            AuditEntry.packet_id == pid, AuditEntry.action != "packet.list"))}
    for needed in ("packet.upload", "packet.read", "packet.fields.read", "page.view",
                   "field.correct", "packet.reevaluate", "finding.resolve"):
        assert needed in actions, needed
    assert actions.index("field.correct") < actions.index("packet.reevaluate")
    assert actors <= {user_a, "system"}


def test_api_correction_reruns_the_rules(env: Env) -> None:
    """The API's own correction route re-runs the rules too: putting the extracted date back
    reopens the mismatch the UI correction cleared and clears the expiration error."""
    import httpx
    from sqlalchemy import select

    from credintake.api.store.models import FieldRow, FindingRow, Packet

    pid = env.packet_id or pytest.skip("needs the packet of test_review_flow")
    with _db(env).session() as s:
        fid = next(f.id for f in s.scalars(select(FieldRow).where(
            FieldRow.packet_id == pid, FieldRow.name == "expiration_date")) if f.corrected)
    with httpx.Client(base_url=env.url, timeout=60, headers={
            "Authorization": f"Bearer {env.tokens['spec_a'][1]}"}) as c:
        r = c.post(f"/packets/{pid}/fields/{fid}/correction",
                   json={"value": "2027-09-12", "note": "the letter was right after all"})
        assert r.status_code == 200, r.text
        assert r.json()["corrected_value"] == "2027-09-12"
        findings = {(f["rule"], f["field"]): f for f in c.get(f"/packets/{pid}/findings").json()}
        result = c.get(f"/packets/{pid}/result").json()
    mm = findings[("reconciliation.mismatch", "malpractice_insurance.expiration_date")]
    assert mm["status"] == "open" and mm["note"].startswith("raised again by the correction")
    expired = [f for (rule, field), f in findings.items()
               if rule == "expiration.expired" and (field or "").startswith("malpractice")]
    assert expired and all(f["status"] == "resolved" for f in expired)
    assert result["profile"]["malpractice_insurance"][0]["expiration_date"] == "2027-09-12"
    assert ("reconciliation.mismatch", "malpractice_insurance.expiration_date") in [
        (f["rule"], f.get("field")) for f in result["findings"]]
    with _db(env).session() as s:
        packet = s.get(Packet, pid)
        # the stored count is of OPEN errors, as the packet page counts them (issue 15)
        assert packet.error_count == len(list(s.scalars(select(FindingRow).where(
            FindingRow.packet_id == pid, FindingRow.severity == "error",
            FindingRow.status == "open"))))
        n_rows = len(list(s.scalars(select(FindingRow).where(FindingRow.packet_id == pid))))
    assert n_rows == len(findings)                       # reopened, not duplicated


def test_hostile_text_is_shown_as_text(env: Env, page: Any) -> None:
    """Extracted text and reviewer input are escaped everywhere they are printed."""
    from sqlalchemy import select

    from credintake.api.store.models import FieldRow, FindingRow, Packet

    pid = env.packet_id or pytest.skip("needs the packet of test_review_flow")
    with _db(env).session() as s:         # what an extractor passing markup through would store
        holder = s.scalar(select(FieldRow).where(FieldRow.packet_id == pid,
                                                 FieldRow.name == "holder_name"))
        holder.value = f"NINA {XSS} BARRETT"
        finding = s.scalar(select(FindingRow).where(FindingRow.packet_id == pid))
        finding.message = f"{XSS} <img src=x onerror=alert(2)>"
        finding.evidence = {**(finding.evidence or {}), "file": f"{XSS}.pdf"}
        packet = s.get(Packet, pid)
        packet.name = XSS
        hid, fnid = holder.id, finding.id
    env.login(page, "spec_a")
    assert XSS in page.locator(f"tr[data-packet='{pid}']").inner_text()
    page.goto(env.url + f"/ui/packets/{pid}")
    assert XSS in page.locator(f"#field-{hid}").inner_text()
    assert XSS in page.locator(f"#finding-{fnid} .msg").inner_text()
    # a reviewer's correction with markup goes through the form and comes back as text
    row = page.locator(f"#field-{hid}")
    row.locator("summary").click()
    row.locator("input[name=value]").fill(XSS)
    row.locator("button").click()
    page.wait_for_url(f"**/ui/packets/{pid}?done=corrected*")
    assert page.locator(f"#field-{hid} .corrected").inner_text() == XSS
    html = page.content()
    assert XSS not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    scripts = page.evaluate("() => Array.from(document.scripts).map(s => s.src || s.text)")
    assert all(s.endswith(".js") for s in scripts)            # only our own files
    assert page.locator("img[src=x]").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_forms_need_the_csrf_token(env: Env, page: Any) -> None:
    pid = env.packet_id or pytest.skip("needs the packet of test_review_flow")
    env.login(page, "spec_a")
    page.goto(env.url + f"/ui/packets/{pid}")
    fid = page.locator("li.finding").first.get_attribute("id").split("-")[1]
    hid = page.locator("tr.field").first.get_attribute("id").split("-")[1]
    req = page.request                     # shares the signed-in cookies
    base = f"{env.url}/ui/packets/{pid}"
    for url, form in ((f"{base}/findings/{fid}/resolution", {"action": "accept", "note": "x"}),
                      (f"{base}/fields/{hid}/correction", {"value": "x"}),
                      (f"{base}/assignment", {"assignee": ""})):
        r = req.post(url, form=form, max_redirects=0)
        assert r.status == 403, url
        assert "CSRF" in r.text()
        r = req.post(url, form={**form, "csrf": "forged"}, max_redirects=0)
        assert r.status == 403, url
    r = req.post(f"{env.url}/ui/upload", multipart={"files": {
        "name": "a.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}})
    assert r.status == 403
    r = req.post(f"{env.url}/ui/login", form={"token": env.tokens["spec_a"][1]},
                 max_redirects=0)
    assert r.status == 403
    # nothing happened
    from sqlalchemy import func, select

    from credintake.api.store.models import Decision
    with _db(env).session() as s:
        n = s.scalar(select(func.count()).where(Decision.packet_id == pid,
                                                Decision.note == "x"))
    assert n == 0


def test_pages_never_render_without_access(env: Env, browser: Any, page: Any) -> None:
    pid = env.packet_id or pytest.skip("needs the packet of test_review_flow")
    anon = page.request
    r = anon.get(f"{env.url}/ui/packets/{pid}/documents/0/pages/1.png")
    assert r.status == 401
    r = anon.get(f"{env.url}/ui/packets/{pid}", max_redirects=0)
    assert r.status == 303 and r.headers["location"] == "/ui/login"

    env.login(page, "spec_b")                       # another specialist: not theirs
    assert page.locator(f"tr[data-packet='{pid}']").count() == 0
    for path in (f"/ui/packets/{pid}", f"/ui/packets/{pid}/documents/0/pages/1.png",
                 f"/ui/packets/{pid}/status.json"):
        r = page.request.get(env.url + path)
        assert r.status == 404, path
        assert b"\x89PNG" not in r.body()
    shot_page = page.goto(env.url + f"/ui/packets/{pid}")
    assert shot_page is not None and shot_page.status == 404

    # a coordinator sees it and assigns it to them; then they can open it
    ctx = browser.new_context(viewport={"width": 1360, "height": 860})
    coord = ctx.new_page()
    env.login(coord, "coord")
    coord.goto(env.url + f"/ui/packets/{pid}")
    coord.select_option("form.assign select[name=assignee]", env.tokens["spec_b"][0])
    coord.fill("form.assign input[name=due_date]", "2026-12-01")
    coord.click("form.assign button")
    coord.wait_for_url(f"**/ui/packets/{pid}?done=assigned")
    ctx.close()
    r = page.request.get(f"{env.url}/ui/packets/{pid}/documents/0/pages/1.png")
    assert r.status == 200 and r.body()[:8] == b"\x89PNG\r\n\x1a\n"
    assert float(r.headers["x-page-width"]) == pytest.approx(612, abs=1)
    page.goto(env.url + "/ui/queue?assignee=me")
    assert "2026-12-01" in page.locator(f"tr[data-packet='{pid}']").inner_text()


def test_another_organisation_never_sees_the_packet(env: Env, page: Any) -> None:
    """Even an admin of another organisation: not in the queue, 404 on the review page, its
    page images and its status, and not among the coordinators' assignees."""
    pid = env.packet_id or pytest.skip("needs the packet of test_review_flow")
    env.login(page, "admin_b")
    assert page.locator(f"tr[data-packet='{pid}']").count() == 0
    for path in (f"/ui/packets/{pid}/documents/0/pages/1.png",
                 f"/ui/packets/{pid}/status.json"):
        r = page.request.get(env.url + path)
        assert r.status == 404, path
        assert b"\x89PNG" not in r.body()
    shown = page.goto(env.url + f"/ui/packets/{pid}")
    assert shown is not None and shown.status == 404
    assert "Nina Barrett" not in page.content()
    refused = page.locator("main").inner_text()
    ghost = page.goto(env.url + "/ui/packets/" + "0" * 32)   # the same as no packet at all
    assert ghost is not None and ghost.status == 404
    assert page.locator("main").inner_text().replace("0" * 32, pid) == refused


def test_screenshots_are_commit_sized() -> None:
    pngs = sorted((ROOT / "docs" / "screens").glob("*.png"))
    assert {p.stem for p in pngs} >= {"login", "queue", "upload", "review", "corrected"}
    for p in pngs:
        assert p.stat().st_size < 200_000, p.name


def test_session_cookie_is_signed_and_httponly(env: Env, page: Any) -> None:
    env.login(page, "spec_a")
    cookies = {c["name"]: c for c in page.context.cookies()}
    c = cookies["ci_session"]
    assert c["httpOnly"] and c["sameSite"] == "Strict" and c["path"] == "/ui"
    token = env.tokens["spec_a"][1]
    assert token not in c["value"]
    forged = c["value"][:-2] + ("AA" if not c["value"].endswith("AA") else "BB")
    page.context.add_cookies([{**c, "value": forged}])
    t0 = time.monotonic()
    page.goto(env.url + "/ui/queue")
    assert page.url.endswith("/ui/login") and time.monotonic() - t0 < 10


def test_sign_out_ends_the_session_for_a_copied_cookie(env: Env, browser: Any,
                                                       page: Any) -> None:
    """Shared workstations: the cookie taken before sign-out must open nothing after it."""
    env.login(page, "spec_b")
    copied = next(c for c in page.context.cookies() if c["name"] == "ci_session")
    page.click("form.who button[type=submit]")
    page.wait_for_url("**/ui/login**")
    other = browser.new_context()
    try:
        other.add_cookies([copied])
        replay = other.new_page()
        replay.goto(env.url + "/ui/queue")
        assert replay.url.endswith("/ui/login")
        answer = other.request.get(env.url + "/ui/packets/any/status.json")
        assert answer.status == 401
    finally:
        other.close()
    env.login(page, "spec_b")          # signing in again opens a new session
    assert page.url.endswith("/ui/queue") or "/ui/queue" in page.url


def test_file_names_cannot_spoof_or_overflow_the_screens(env: Env, page: Any) -> None:
    """A right-to-left override shown as what it is, NFC/NFD spellings shown alike, a
    250-character name cut with the whole of it on hover."""
    import httpx
    from PIL import Image

    jpg = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(jpg, format="JPEG")
    spoof = "evil\u202efdp.jpg"
    long_name = "L" * 246 + ".jpg"
    decomposed = "Rene\u0301-card.jpg"            # NFD of René-card.jpg
    files = [("files", (n, jpg.getvalue(), "image/jpeg")) for n in (spoof, long_name,
                                                                     decomposed)]
    token = env.tokens["spec_a"][1]
    r = httpx.post(env.url + "/packets", files=files, data={"name": "names\u202egnp"},
                   headers={"Authorization": f"Bearer {token}"}, timeout=60)
    assert r.status_code == 202, r.text
    pid = r.json()["packet_id"]
    deadline = time.monotonic() + 120
    while httpx.get(f"{env.url}/packets/{pid}", headers={"Authorization": f"Bearer {token}"},
                    timeout=30).json()["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.5)
    env.login(page, "spec_a")
    queue_row = page.locator(f"tr[data-packet='{pid}']").inner_text()
    assert "\u202e" not in queue_row and "names<U+202E>gnp" in queue_row
    page.goto(env.url + f"/ui/packets/{pid}")
    shown = page.locator("span.name").all()
    texts = [s.inner_text() for s in shown]
    titles = [s.get_attribute("title") for s in shown]
    assert "evil<U+202E>fdp.jpg" in texts and not any("\u202e" in t for t in texts)
    assert "Ren\u00e9-card.jpg" in texts                         # NFC, as typed elsewhere
    cut = next(t for t in texts if t.startswith("LLLL"))
    assert len(cut) <= 48 and cut.endswith(".jpg") and "…" in cut
    assert long_name in titles
