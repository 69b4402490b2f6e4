"""Corrections as the rules see them: the corrected value, read by a person, fully trusted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from credintake.api.reevaluate import _documents
from credintake.api.store.db import Database
from credintake.api.store.models import DocumentRow, FieldRow, Organization, Packet
from service_helpers import make_settings


def _field(value: str, confidence: float) -> dict:
    return {"value": value, "confidence": confidence, "file": "fax.tif", "page": 1,
            "bbox": [1, 2, 3, 4], "raw": value}


def test_a_corrected_value_carries_full_confidence(tmp_path: Path) -> None:
    """A value doubted at 0.4 (extraction.low_confidence) must not stay doubted once a
    reviewer has corrected it; uncorrected values keep their read confidence."""
    db = Database(make_settings(tmp_path))
    db.migrate()
    try:
        result = {"documents": [{
            "file": "fax.tif", "sha256": "0" * 64, "pages": [1], "doc_type": "state_license",
            "doc_type_confidence": 0.9, "ocr": True, "text_confidence": 0.7,
            "fields": {"license_number": _field("A12E45", 0.4),
                       "expiration_date": _field("2027-01-31", 0.5)}}]}
        with db.session() as session:
            org = Organization(name="north")
            session.add(org)
            session.flush()
            packet = Packet(id="p1", name="p1", organization_id=org.id, digest="d",
                            source="api", as_of=dt.date(2026, 11, 22), result=result)
            session.add(packet)
            session.flush()
            row = DocumentRow(packet_id="p1", idx=0, file="fax.tif", sha256="0" * 64,
                              pages=[1], doc_type="state_license", doc_type_confidence=0.9,
                              ocr=True, text_confidence=0.7)
            session.add(row)
            session.flush()
            fixed = FieldRow(packet_id="p1", document_id=row.id, name="license_number",
                             value="A12E45", confidence=0.4, page=1)
            other = FieldRow(packet_id="p1", document_id=row.id, name="expiration_date",
                             value="2027-01-31", confidence=0.5, page=1)
            session.add_all([fixed, other])
            session.flush()
            (doc,) = _documents(session, packet, {fixed.id: "A12345"})
        assert (doc.fields["license_number"].value, doc.fields["license_number"].confidence) \
            == ("A12345", 1.0)
        assert doc.fields["expiration_date"].confidence == 0.5
    finally:
        db.dispose()
