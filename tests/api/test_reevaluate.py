"""Corrections as the rules see them: the corrected value, read by a person, fully trusted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from credintake.api.reevaluate import _documents
from credintake.api.store.blobs import BlobStore
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


def test_a_corrected_npi_is_screened_against_the_imported_lists(tmp_path: Path) -> None:
    """The CV's NPI misread: the listed person's NPI disagrees, no finding; once a reviewer
    corrects it to the listed NPI, exclusion.match (error) is added like any finding."""
    from credintake.api.reevaluate import reevaluate
    from credintake.api.store.models import FindingRow, User
    from credintake.api.lists.importer import import_list
    from credintake.api.lists.samples import LEIE_HEADER, write_csv

    settings = make_settings(tmp_path)
    db = Database(settings)
    db.migrate()
    leie = dict.fromkeys(LEIE_HEADER, "") | {"LASTNAME": "KOWALSKI", "FIRSTNAME": "ROBERT",
                                              "NPI": "1234567893", "EXCLDATE": "20200115"}
    import_list(db, "oig-leie", write_csv(tmp_path / "UPDATED.csv", LEIE_HEADER, [leie]),
                file_date=dt.date(2026, 11, 1))
    try:
        result = {"documents": [{
            "file": "cv.pdf", "sha256": "0" * 64, "pages": [1], "doc_type": "cv",
            "doc_type_confidence": 0.9, "ocr": False,
            "fields": {"name": _field("Robert Kowalski", 0.95),
                       "npi": _field("1234567894", 0.95)}}], "findings": []}
        with db.session() as session:
            org = Organization(name="north")
            session.add(org)
            session.flush()
            user = User(name="rev", organization_id=org.id, role="specialist",
                        token_hash="1" * 64, token_prefix="x")
            packet = Packet(id="p1", name="p1", organization_id=org.id, digest="d",
                            source="api", as_of=dt.date(2026, 11, 22), result=result)
            session.add_all([user, packet])
            session.flush()
            row = DocumentRow(packet_id="p1", idx=0, file="cv.pdf", sha256="0" * 64,
                              pages=[1], doc_type="cv", doc_type_confidence=0.9, ocr=False)
            session.add(row)
            session.flush()
            npi = FieldRow(packet_id="p1", document_id=row.id, name="npi", value="1234567894",
                           confidence=0.95, page=1, corrected=True, corrected_value="1234567893")
            session.add(npi)
            session.flush()
            counts = reevaluate(session, user, "p1", npi.id, before="1234567894",
                                settings=settings, blobs=BlobStore(tmp_path / "blobs"))
            added = session.query(FindingRow).filter_by(packet_id="p1",
                                                        rule="exclusion.match").all()
        assert counts["added"] >= 1
        [f] = added
        assert f.severity == "error" and f.evidence["matched"] == ["name", "npi"]
        assert f.evidence["list"] == "oig-leie" and f.evidence["file_date"] == "2026-11-01"
    finally:
        db.dispose()
