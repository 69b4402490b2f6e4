"""completeness.missing_document / completeness.missing_field."""

from __future__ import annotations

import random

import pytest

from credintake.contract import Application, Attestation, Dea, Provider
from rules_factories import clean_packet, doc, only, run


def _missing(ev) -> list[str]:
    return sorted(f.evidence["doc_type"] for f in only(ev, "completeness.missing_document"))


@pytest.mark.parametrize("profession, expected", [
    ("MD", ["cv", "diploma", "malpractice_insurance", "state_license", "training_certificate"]),
    ("M.D.", ["cv", "diploma", "malpractice_insurance", "state_license", "training_certificate"]),
    ("DO", ["cv", "diploma", "malpractice_insurance", "state_license", "training_certificate"]),
    ("NP", ["board_certification", "cv", "diploma", "malpractice_insurance", "state_license"]),
    ("PA", ["board_certification", "cv", "diploma", "malpractice_insurance", "state_license"]),
    ("CRNA", ["board_certification", "cv", "diploma", "malpractice_insurance", "state_license"]),
    ("PharmD", ["cv", "diploma", "state_license"]),
    ("RN", ["cv", "life_support_card", "state_license"]),
    ("Registered Nurse", ["cv", "life_support_card", "state_license"]),
    (None, ["cv", "state_license"]),
])
def test_required_documents_per_profession(profession, expected) -> None:
    ev = run([], Application(provider=Provider(first_name="A", last_name="B",
                                               profession=profession)))
    assert _missing(ev) == expected
    for f in only(ev, "completeness.missing_document"):
        assert f.severity == "error" and "Request a copy from the provider" in f.message


def test_dea_required_only_when_claimed() -> None:
    packet = clean_packet(random.Random(1), dea=False)
    assert only(run(packet.documents, packet.application), "completeness.missing_document") == []
    app = packet.application.model_copy(update={"dea": [Dea(dea_number="BB1388568")]})
    (f,) = only(run(packet.documents, app), "completeness.missing_document")
    assert f.evidence["doc_type"] == "dea_registration" and "BB1388568" in f.message


def test_claimed_board_certification_requires_the_certificate() -> None:
    packet = clean_packet(random.Random(2))
    docs = [d for d in packet.documents if d.doc_type != "board_certification"]
    (f,) = only(run(docs, packet.application), "completeness.missing_document")
    assert f.evidence["doc_type"] == "board_certification"
    app = packet.application.model_copy(update={"board_certifications": None})
    assert only(run(docs, app), "completeness.missing_document") == []


def test_profession_from_the_documents_when_not_typed() -> None:
    ev = run([doc("state_license", "l.pdf", holder_name="JANE DOE, NP", license_number="N1")])
    assert ev.profile.provider.profession == "NP"
    assert "board_certification" in _missing(ev)


def test_required_documents_are_a_setting() -> None:
    ev = run([], Application(provider=Provider(profession="RN")),
             required_documents={"RN": ["state_license"]})
    assert _missing(ev) == ["state_license"]


def test_missing_fields() -> None:
    ev = run([], Application(provider=Provider(first_name="Ann", last_name="Lee",
                                               profession="RN")))
    fields = sorted(f.field for f in only(ev, "completeness.missing_field"))
    assert fields == ["attestation.signed_date", "licenses.license_number", "provider.npi"]
    npi = [f for f in only(ev, "completeness.missing_field") if f.field == "provider.npi"][0]
    assert "NPPES" in npi.message and npi.severity == "error"


def test_missing_field_filled_by_a_document_is_not_missing() -> None:
    app = Application(provider=Provider(first_name="Ann", last_name="Lee", profession="RN"),
                      attestation=Attestation(signed_date="2026-11-01"))
    docs = [doc("cv", "cv.pdf", name="Ann Lee", npi="1234567893"),
            doc("state_license", "l.pdf", holder_name="ANN LEE, RN", license_number="RN1")]
    assert only(run(docs, app), "completeness.missing_field") == []


def test_missing_document_points_at_its_section() -> None:
    ev = run([], Application(provider=Provider(first_name="A", last_name="B", profession="MD")))
    fields = {f.evidence["doc_type"]: f.field for f in only(ev, "completeness.missing_document")}
    assert fields == {"state_license": "licenses", "diploma": "education",
                      "training_certificate": "education",
                      "malpractice_insurance": "malpractice_insurance", "cv": "work_history"}
