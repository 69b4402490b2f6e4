"""The packet page's verification form, driven by Chromium: a specialist records a
verification, it is listed (hostile text shown as text) and stored as the API stores it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from credintake.api.store.models import AuditEntry, Organization, Packet, Verification
from service_helpers import ServerThread, make_settings

XSS = "<script>alert(1)</script>"



@pytest.fixture(scope="module")
def server(module_tmp: Path) -> Iterator[tuple[ServerThread, str, str, str]]:
    from credintake.api.users import add_user

    with ServerThread(make_settings(module_tmp)) as srv:
        with srv.db.session() as s:
            name = f"spec-{uuid.uuid4().hex[:4]}"
            user, token = add_user(s, name=name, role="specialist", organization="default")
            org = s.scalar(select(Organization).where(Organization.name == "default"))
            pid = f"pkt-{uuid.uuid4().hex[:8]}"
            s.add(Packet(id=pid, name=pid, organization_id=org.id, digest=pid, source="api",
                         status="done", as_of=dt.date(2025, 7, 1), assignee_id=user.id,
                         result={"packet_id": pid, "documents": [], "findings": [],
                                 "profile": {"licenses": [{"license_number": "A12345"}]}}))
        yield srv, name, token, pid


def test_a_specialist_records_a_verification_on_the_packet_page(
        server: tuple[ServerThread, str, str, str], browser: Any) -> None:
    srv, name, token, pid = server
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(srv.url + "/ui/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=token]", token)
    page.click("button[type=submit]")
    page.wait_for_url("**/ui/queue**")
    page.goto(f"{srv.url}/ui/packets/{pid}")
    assert "No verifications recorded." in page.inner_text("#verifications")
    before = page.inner_text(".verification-check")
    page.click("#verifications summary")
    form = page.locator("form.verify-form")
    form.locator("select[name=element]").select_option("license")
    form.locator("input[name=subject]").fill("A12345")
    form.locator("input[name=source]").fill(XSS)
    form.locator("select[name=method]").select_option("lookup_printout")
    form.locator("input[name=verified_on]").fill("2025-02-02")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**done=verified**")
    row = page.inner_text("#verifications tbody tr")
    after = page.inner_text(".verification-check")
    page.close()
    assert XSS in row and "A12345" in row and "2025-02-02" in row and name in row
    assert dialogs == []
    # today's check: the licence unverified, then verified but long stale (2025-02-02)
    assert "under ncqa" in before and "No primary-source verification of license A12345" \
        in before
    assert "The verification of license A12345 is" in after and "ncqa allows 120" in after
    with srv.db.session() as s:
        (v,) = s.scalars(select(Verification).where(Verification.packet_id == pid))
        assert (v.element, v.method, v.verified_on, v.verified_by) == \
            ("license", "lookup_printout", dt.date(2025, 2, 2), name)
        audit: Any = s.scalar(select(AuditEntry).where(
            AuditEntry.action == "verification.create", AuditEntry.packet_id == pid))
        assert audit.detail["element"] == "license" and XSS not in str(audit.detail)
