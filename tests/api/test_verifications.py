"""Verification records over the API and the service function, the verification check at a
decision date, and the packet's FHIR/CSV exports; real SQLite (and one PostgreSQL round trip)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from pathlib import Path
from typing import Any, Callable

from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import select

from credintake.api.store.db import Database
from credintake.api.store.models import Organization, Packet, User
from credintake.api.verifications import (VerificationIn, record_verification,
                                          verification_findings)
from service_helpers import Service, make_settings

PROFILE = {"provider": {"first_name": "Ann", "last_name": "=Lee", "npi": "1234567893"},
           "licenses": [{"license_number": "A12345", "issuing_state": "CA",
                         "issue_date": "2010-01-01", "expiration_date": "2027-01-31"}]}


def _result(pid: str) -> dict[str, Any]:
    return {"packet_id": pid, "as_of": "2025-07-01", "service_version": "x",
            "documents": [{"file": "lic.pdf", "sha256": "0" * 64, "pages": [1],
                           "doc_type": "state_license", "doc_type_confidence": 0.9, "ocr": False,
                           "fields": {}}],
            "profile": PROFILE, "reconciliation": [],
            "findings": [{"rule": "attestation.stale", "severity": "error",
                          "message": "+cmd"}]}


def _packet(db: Database, organization: str) -> str:
    pid = f"pkt-{uuid.uuid4().hex[:8]}"
    with db.session() as session:
        org = session.scalar(select(Organization).where(Organization.name == organization))
        if org is None:
            org = Organization(name=organization)
            session.add(org)
            session.flush()
        specialist = session.scalar(select(User.id).where(
            User.organization_id == org.id, User.role == "specialist"))
        session.add(Packet(id=pid, name=pid, organization_id=org.id, digest=pid,
                           source="api", status="done", as_of=dt.date(2025, 7, 1),
                           assignee_id=specialist, result=_result(pid)))
    return pid


def _screenings(db: Database, pid: str, on: dt.date) -> None:
    """What the list-screening worker records: the other required elements, verified."""
    with db.session() as session:
        packet = session.get(Packet, pid)
        for element, subject in (("exclusion_screening", None), ("npi", "1234567893")):
            record_verification(session, packet, VerificationIn(
                element=element, subject=subject, source="HHS-OIG LEIE 2025-06",
                method="list_screening", verified_on=on), verified_by="list screening")


def test_the_same_150_day_old_verification_passes_in_june_and_is_stale_in_july(
        service: Service, schema_validator: Callable[[str, Any], None]) -> None:
    pid = _packet(service.server.db, "default")
    with service.client("specialist") as c:
        created = c.post(f"/packets/{pid}/verifications", json={
            "element": "license", "subject": "A-12345", "source": "Medical Board of California",
            "method": "online_primary_source", "verified_on": "2025-02-02",
            "document_index": 0, "note": "look-up printout saved"})
        assert created.status_code == 201, created.text
        assert created.json()["verified_by"].startswith("specialist-")
        bad_doc = c.post(f"/packets/{pid}/verifications", json={
            "element": "license", "source": "x", "method": "phone", "verified_on": "2025-02-02",
            "document_index": 5})
        assert bad_doc.status_code == 422 and "not a document of this packet" in bad_doc.text
        assert c.post(f"/packets/{pid}/verifications", json={
            "element": "license", "source": "x", "method": "telepathy",
            "verified_on": "2025-02-02"}).status_code == 422
        _screenings(service.server.db, pid, dt.date(2025, 6, 25))
        _screenings(service.server.db, pid, dt.date(2025, 6, 25))   # a re-run adds nothing
        listed = c.get(f"/packets/{pid}/verifications").json()
        assert [v["element"] for v in listed] == ["license", "exclusion_screening", "npi"]

        june = c.get(f"/packets/{pid}/verification-check",
                     params={"decision_date": "2025-06-30"}).json()
        assert june["profile"] == {"family": "ncqa", "effective": "2018-07-01"}
        assert june["findings"] == []
        july = c.get(f"/packets/{pid}/verification-check",
                     params={"decision_date": "2025-07-02"}).json()
        assert july["profile"]["effective"] == "2025-07-01"
        assert [(f["rule"], f["field"], f["evidence"]["age_days"]) for f in july["findings"]] \
            == [("verification.stale", "licenses.license_number", 150)]
        schema_validator("result.schema.json", {**_result(pid), "findings": july["findings"]})
        assert c.get(f"/packets/{pid}/verification-check",
                     params={"decision_date": "2025-13-01"}).status_code == 422


def test_another_organisation_sees_no_verifications(service: Service) -> None:
    from service_helpers import add_users

    pid = _packet(service.server.db, "default")
    other = add_users(service.server.db, "elsewhere")
    with service.client(token=other["coordinator"]) as c:
        assert c.get(f"/packets/{pid}/verifications").status_code == 404
        assert c.post(f"/packets/{pid}/verifications", json={
            "element": "npi", "source": "NPPES", "method": "online_primary_source",
            "verified_on": "2025-02-02"}).status_code == 404
        assert c.get(f"/packets/{pid}/export/fhir").status_code == 404
    with service.client(None) as anon:
        assert anon.get(f"/packets/{pid}/verification-check",
                        params={"decision_date": "2025-06-30"}).status_code == 401


def test_fhir_and_csv_exports_of_a_stored_packet(service: Service) -> None:
    pid = _packet(service.server.db, "default")
    with service.client("specialist") as c:
        fhir = c.get(f"/packets/{pid}/export/fhir")
        assert fhir.status_code == 200
        assert fhir.headers["content-type"].startswith("application/fhir+json")
        practitioner = Bundle.model_validate(fhir.json()).entry[0].resource
        assert [i.value for i in practitioner.identifier] == ["1234567893", "A12345"]
        profile = list(csv.reader(io.StringIO(c.get(f"/packets/{pid}/export/profile.csv").text)))
        assert ["provider", "", "last_name", "'=Lee"] == profile[2][1:]
        findings = list(csv.reader(io.StringIO(c.get(f"/packets/{pid}/export/findings.csv").text)))
        assert findings[1] == [pid, "attestation.stale", "error", "", "'+cmd"]
        assert c.get(f"/packets/{pid}/export/other.csv").status_code == 422


def test_coordinator_csv_exports_of_every_packet_of_the_organisation(service: Service) -> None:
    mine, theirs = _packet(service.server.db, "default"), _packet(service.server.db, "far")
    with service.client("coordinator") as c:
        profiles = list(csv.DictReader(io.StringIO(c.get("/exports/profiles.csv").text)))
        findings = list(csv.DictReader(io.StringIO(c.get("/exports/findings.csv").text)))
    assert {"packet_id": mine, "section": "licenses", "index": "0",
            "field": "license_number", "value": "A12345"} in profiles
    assert [(f["rule"], f["message"]) for f in findings if f["packet_id"] == mine] == \
        [("attestation.stale", "'+cmd")]
    assert theirs not in {r["packet_id"] for r in profiles + findings}
    with service.client("admin") as c:
        entries = c.get("/audit", params={"packet_id": mine}).json()
    assert {e["detail"]["format"] for e in entries if e["action"] == "packet.export"} == \
        {"csv:profiles", "csv:findings"}


def _round_trip(db: Database) -> None:
    db.migrate()
    pid = _packet(db, "north")
    _screenings(db, pid, dt.date(2025, 6, 15))
    with db.session() as session:
        packet = session.get(Packet, pid)
        found = verification_findings(session, packet, dt.date(2025, 7, 2))
        assert [(f.field, f.message.startswith("No primary-source")) for f in found] == \
            [("licenses.license_number", True)]
        found = verification_findings(session, packet, dt.date(2025, 11, 1))
        assert sorted(f.evidence["element"] for f in found) == \
            ["exclusion_screening", "license", "npi"]
        packet.result = {**packet.result, "profile": {
            **PROFILE, "attestation": {"signed_date": "2025-07-01"}}}
        found = verification_findings(session, packet, dt.date(2025, 11, 1))
        assert [f.rule for f in found].count("attestation.stale") == 1


def test_record_and_check_on_sqlite(tmp_path: Path) -> None:
    db = Database(make_settings(tmp_path))
    try:
        _round_trip(db)
    finally:
        db.dispose()


def test_record_and_check_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    db = Database(make_settings(tmp_path, database_url=pg_url))
    try:
        _round_trip(db)
    finally:
        db.dispose()
