"""Consolidation: documents + application -> one application-shaped profile."""

from __future__ import annotations

import random

from credintake.contract import Application, Dea, License, Provider
from credintake.rules.profile import build_profile
from credintake.settings import RuleSettings
from rules_factories import clean_packet, doc, run

S = RuleSettings()


def test_blank_application_is_filled_from_documents_with_provenance() -> None:
    docs = [
        doc("state_license", "scan_0003.pdf", page=2, holder_name="JANE A DOE, MD",
            profession="Physician and Surgeon", license_number="A12345",
            issuing_state="California", expiration_date="2027-03-31", status="Active"),
        doc("cv", "cv.docx", name="Jane Anne Doe", npi="1234567893", email="jd@example.org",
            entries={"work_history": [{"employer": "Mercy Hospital", "start_date": "2019-07",
                                       "end_date": None, "current": True}]}),
    ]
    ev = run(docs, None)
    p = ev.profile
    assert (p.provider.first_name, p.provider.middle_name, p.provider.last_name) == (
        "Jane", "Anne", "Doe")          # full middle name preferred to the license's initial
    assert p.provider.suffix is None      # "MD" is a credential, not a suffix
    assert p.provider.profession == "MD"
    assert p.provider.npi == "1234567893"
    assert p.provider.practice_state == "CA"
    assert p.licenses[0].license_number == "A12345"
    assert p.licenses[0].issuing_state == "CA"
    assert p.work_history[0].current is True and p.work_history[0].end_date is None
    assert ev.sources["licenses[0].expiration_date"].file == "scan_0003.pdf"
    assert ev.sources["licenses[0].expiration_date"].page == 2
    assert ev.sources["provider.last_name"].file == "scan_0003.pdf"  # license beats CV
    filled = {r.field for r in ev.reconciliation if r.status == "filled_from_document"}
    assert {"licenses.license_number", "provider.npi", "provider.first_name"} <= filled


def test_suffix_jr_is_a_name_suffix() -> None:
    ev = run([doc("state_license", "l.pdf", holder_name="ROBERT T KING JR, DO",
                  license_number="D1", expiration_date="2028-01-01")])
    assert (ev.profile.provider.last_name, ev.profile.provider.suffix,
            ev.profile.provider.profession) == ("King", "Jr", "DO")


def test_two_documents_of_one_license_merge_and_the_later_expiry_wins() -> None:
    docs = [doc("state_license", "old_card.jpg", license_number="A-12345", issuing_state="CA",
                expiration_date="2025-03-31"),
            doc("state_license", "psv.pdf", license_number="A12345", issuing_state="CA",
                expiration_date="2027-03-31", status="Clear")]
    profile = build_profile(docs, Application(), S)
    assert len(profile.application.licenses) == 1
    lic = profile.application.licenses[0]
    assert lic.expiration_date == "2027-03-31" and lic.status == "Clear"
    assert profile.entries["licenses"][0].chosen["expiration_date"].source.file == "psv.pdf"


def test_different_license_numbers_stay_separate() -> None:
    docs = [doc("state_license", "a.pdf", license_number="A12345", issuing_state="CA"),
            doc("state_license", "b.pdf", license_number="B98765", issuing_state="NV")]
    assert len(build_profile(docs, Application(), S).application.licenses) == 2


def test_primary_document_beats_cv_and_typed_value() -> None:
    app = Application(provider=Provider(first_name="Jo", last_name="Roe"),
                      dea=[Dea(dea_number="AR1234563", expiration_date="2026-01-31")])
    docs = [doc("dea_registration", "dea.pdf", registrant_name="ROE, JO", dea_number="AR1234563",
                expiration_date="2028-01-31", confidence=0.9)]
    profile = build_profile(docs, app, S)
    assert profile.application.dea[0].expiration_date == "2028-01-31"
    # a barely-read value does not override what the provider typed
    weak = [doc("dea_registration", "dea.pdf", dea_number="AR1234563",
                expiration_date="2029-01-31", confidence=0.5)]
    assert build_profile(weak, app, S).application.dea[0].expiration_date == "2026-01-31"


def test_document_types_map_to_sections() -> None:
    docs = [doc("diploma", "d.pdf", holder_name="X Y", institution="Univ. of Iowa",
                degree="Doctor of Medicine", completion_date="2012-05-20"),
            doc("training_certificate", "t.pdf", institution="Univ. of Iowa Hospitals",
                program="Internal Medicine", training_type="Residency",
                start_date="2012-07-01", end_date="2015-06-30"),
            doc("board_certification", "b.pdf", board="ABIM", specialty="Internal Medicine",
                expiration_date="2030-12-31"),
            doc("malpractice_insurance", "m.pdf", carrier="MagMutual", policy_number="P 77",
                per_claim_limit="$1,000,000", aggregate_limit=3000000),
            doc("life_support_card", "c.jpg", course="ACLS", expiration_date="2027-04"),
            doc("cme_certificate", "cme.pdf", activity_title="Sepsis update", credits=2.5,
                completion_date="2026-02-01")]
    p = run(docs).profile
    kinds = sorted((e.kind, e.degree) for e in p.education)
    assert kinds == [("degree", "Doctor of Medicine"), ("residency", "Internal Medicine")]
    assert p.board_certifications[0].board == "ABIM"
    assert p.malpractice_insurance[0].per_claim_limit == 1_000_000
    assert p.malpractice_insurance[0].policy_number == "P77"
    assert p.life_support[0].expiration_date == "2027-04"
    assert p.cme[0].credits == 2.5


def test_cv_education_and_diploma_merge() -> None:
    docs = [doc("diploma", "d.pdf", institution="University of Iowa Carver College of Medicine",
                degree="Doctor of Medicine", completion_date="2012-05-20"),
            doc("cv", "cv.pdf", entries={"education": [
                {"institution": "Univ. of Iowa Carver College of Med.", "degree": "MD",
                 "start_date": "2008-08", "end_date": "2012-05"}]})]
    p = run(docs).profile
    assert len(p.education) == 1
    assert (p.education[0].start_date, p.education[0].end_date) == ("2008-08", "2012-05-20")


def test_application_entries_pair_with_their_documents() -> None:
    app = Application(licenses=[License(license_number="A12345", issuing_state="CA"),
                                License(license_number="G55555", issuing_state="NY")])
    docs = [doc("state_license", "ny.pdf", license_number="G55555", issuing_state="NY",
                expiration_date="2027-01-31")]
    p = build_profile(docs, app, S)
    assert [e.license_number for e in p.application.licenses] == ["A12345", "G55555"]
    assert p.application.licenses[1].expiration_date == "2027-01-31"
    assert p.entries["licenses"][0].doc_indexes == []


def test_low_confidence_values_are_ignored() -> None:
    docs = [doc("state_license", "l.pdf", license_number="A1", confidence=0.1)]
    assert run(docs).profile.licenses is None


def test_profile_validates_against_the_application_schema(schema_validator) -> None:
    for seed in range(5):
        packet = clean_packet(random.Random(seed))
        ev = run(packet.documents, packet.application)
        schema_validator("application.schema.json",
                         ev.profile.model_dump(mode="json", exclude_none=True))


def test_unparseable_values_do_not_break_the_profile() -> None:
    docs = [doc("state_license", "l.pdf", license_number="A1", issuing_state="Atlantis",
                expiration_date="soon"),
            doc("malpractice_insurance", "m.pdf", per_claim_limit="lots")]
    p = run(docs).profile
    assert p.licenses[0].issuing_state is None and p.licenses[0].expiration_date is None
    assert p.malpractice_insurance is None


def test_typed_end_date_beats_an_outdated_present_on_the_cv() -> None:
    from credintake.contract import WorkHistory
    app = Application(work_history=[WorkHistory(employer="Mercy Hospital", start_date="2019-07-01",
                                                 end_date="2024-01-31")])
    docs = [doc("cv", "cv.pdf", entries={"work_history": [
        {"employer": "Mercy Hosp.", "start_date": "2019-07", "end_date": None, "current": True}]})]
    (job,) = run(docs, app).profile.work_history
    assert (job.end_date, job.current) == ("2024-01-31", False)
    (job,) = run(docs, None).profile.work_history
    assert (job.end_date, job.current) == (None, True)


def test_near_numbers_of_one_state_merge_unless_professions_differ() -> None:
    ocr_slip = [doc("state_license", "card.jpg", license_number="A123456", issuing_state="CA",
                    confidence=0.7),
                doc("state_license", "psv.pdf", license_number="A123458", issuing_state="CA")]
    lic = build_profile(ocr_slip, Application(), S).application.licenses
    assert [x.license_number for x in lic] == ["A123458"]          # the better reading
    nurse = [doc("state_license", "rn.pdf", license_number="123456", issuing_state="CA",
                 profession="Registered Nurse"),
             doc("state_license", "np.pdf", license_number="123457", issuing_state="CA",
                 profession="Nurse Practitioner")]
    assert len(build_profile(nurse, Application(), S).application.licenses) == 2
