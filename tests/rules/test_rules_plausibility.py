"""Plausibility before comparison: a form label, a placeholder, a given-names fragment or an
OCR confusion is never evidence of a different person or number."""

from __future__ import annotations

import pytest

from credintake.contract import Application, BoardCertification, Cme, Dea, License, Provider, WorkHistory
from credintake.rules.names import parse_name
from credintake.rules.plausible import implausible, ocr_digits, ocr_key
from rules_factories import doc, only, run

APP = Application(provider=Provider(first_name="Timothy", middle_name="Dustin",
                                    last_name="Washington", profession="MD"),
                  licenses=[License(profession="MD", license_number="A12345",
                                    issuing_state="CA", status="Active")])


@pytest.mark.parametrize("value, why", [
    ("Licensee Name", "a form label"), ("Status", "a form label"), ("Name", "a form label"),
    ("Name:", "a form label"), ("License No.", "a form label"), ("Date Issued", "a form label"),
    ("Certificate Holder", "a form label"), ("Physician Name", "a form label"),
    ("Licensee Narne", "a form label"), ("Renew By", "a form label"),
    ("Reuew By", "a form label"), ("Licensse Name", "a form label"),
    ("Company Name", "a placeholder"), ("City, State", "a placeholder"), ("N/A", "a placeholder"),
    ("XXXX", "a placeholder"), ("XXX-XX-XXXX", "a placeholder"), ("00/00/0000", "a placeholder"),
    ("MM/DD/YYYY", "a placeholder"), ("TBD", "a placeholder"),
    ("Certifications", "a form label"),  # a CV's section heading read as a degree
    ("UCENSE TYPE", "a form label"),     # a fax merged "LI" of LICENSE into "U"
])
def test_labels_and_placeholders_are_not_values(value: str, why: str) -> None:
    assert implausible(value) == why


@pytest.mark.parametrize("value", ["Active", "Physician", "Valid", "Jane Doe", "Timothy Dustin",
                                   "Doe, John", "The Doctors Company", "A12345", 1_000_000,
                                   "Li", "Internal Medicine", "Attending Physician",
                                   "Kate Holder", "Dane Cole", "Nate Dates",
                                   "Medical Assistant Certification", "Millie Holder",
                                   "Eddie Holder"])
def test_real_values_are_plausible(value: object) -> None:
    assert implausible(value) is None


def test_label_read_as_the_holder_name_raises_nothing() -> None:
    docs = [doc("state_license", "l.pdf", holder_name="Licensee Name", profession="Status",
                license_number="A12345", issuing_state="CA", status="Active")]
    ev = run(docs, APP)
    assert ev.findings == [] or {f.rule for f in ev.findings} <= {"completeness.missing_field",
                                                                  "completeness.missing_document"}
    assert only(ev, "identity.name_mismatch") == []
    assert only(ev, "reconciliation.mismatch") == []
    assert only(ev, "extraction.low_confidence") == []


def test_placeholders_are_not_compared() -> None:
    docs = [doc("state_license", "l.pdf", holder_name="N/A", license_number="XXXX",
                issuing_state="CA", status="Active"),
            doc("state_license", "l2.pdf", holder_name="Timothy D. Washington, MD",
                license_number="A12345", issuing_state="CA", status="Active")]
    ev = run(docs, APP)
    assert only(ev, "identity.name_mismatch") == []
    assert only(ev, "reconciliation.mismatch") == []


def test_given_names_fragment_completed_by_another_document_is_nothing() -> None:
    docs = [doc("cv", "cv.pdf", name="Timothy Dustin"),
            doc("state_license", "l.pdf", holder_name="TIMOTHY DUSTIN WASHINGTON",
                license_number="A12345", issuing_state="CA", status="Active")]
    ev = run(docs, APP)
    assert only(ev, "identity.name_mismatch") == []
    assert only(ev, "extraction.low_confidence") == []


def test_given_names_fragment_alone_is_one_doubt_not_a_former_name() -> None:
    ev = run([doc("cv", "cv.pdf", name="Timothy Dustin")], APP)
    assert only(ev, "identity.name_mismatch") == []
    (f,) = only(ev, "extraction.low_confidence")
    assert f.evidence["value"] == "Timothy Dustin" and f.evidence["file"] == "cv.pdf"
    assert "given names only" in f.message


@pytest.mark.parametrize("printed", ["LEONARD SMITH Ill", "Leonard A. Smith lll, MD",
                                     "SMITH, LEONARD Ill", "Leonard Smith 1II"])
def test_ocr_roman_suffix_is_the_suffix(printed: str) -> None:
    assert parse_name(printed).suffix == "III" and parse_name(printed).last == "Smith"


def test_ill_for_iii_is_no_name_mismatch() -> None:
    app = Application(provider=Provider(first_name="Leonard", last_name="Smith", suffix="III"))
    ev = run([doc("state_license", "l.pdf", holder_name="LEONARD SMITH Ill",
                  license_number="A1")], app)
    assert only(ev, "identity.name_mismatch") == []


def test_a_name_li_is_not_a_suffix() -> None:
    assert parse_name("Bruce Li").last == "Li"


def test_ocr_key_folds_confusions() -> None:
    assert ocr_key("jane_doe@mail.org") == ocr_key("janedoe@mail.org")
    assert ocr_key("A1O345") == ocr_key("Al0345")
    assert ocr_key("5mith") == ocr_key("Smith")
    assert ocr_key("A12345") != ocr_key("A12346")
    assert ocr_digits("1O2345678S") == "1023456785"


def test_email_that_lost_its_underscore_and_licence_number_with_o_for_zero_match() -> None:
    app = Application(provider=Provider(first_name="Timothy", last_name="Washington",
                                        email="tim_washington@mail.org"),
                      licenses=[License(license_number="OS93978", issuing_state="CA")])
    docs = [doc("cv", "cv.pdf", name="Timothy Washington", email="timwashington@mail.org"),
            doc("state_license", "l.pdf", holder_name="Timothy Washington",
                license_number="0S93978", issuing_state="CA")]
    assert only(run(docs, app), "reconciliation.mismatch") == []


@pytest.mark.parametrize("read", ["washington@mail.org", "tim.washington@mail"])
def test_email_read_as_a_part_of_the_typed_one_is_a_doubt(read: str) -> None:
    app = Application(provider=Provider(first_name="Timothy", last_name="Washington",
                                        email="tim.washington@mail.org"))
    ev = run([doc("cv", "cv.pdf", name="Timothy Washington", email=read)], app)
    assert only(ev, "reconciliation.mismatch") == []
    (f,) = only(ev, "extraction.low_confidence")
    assert f.field == "provider.email" and f.evidence["value"] == read


@pytest.mark.parametrize("read", ["tim.washburn@mail.org", "ington@mail.org"])
def test_another_email_is_still_a_mismatch(read: str) -> None:
    app = Application(provider=Provider(first_name="Timothy", last_name="Washington",
                                        email="tim.washington@mail.org"))
    ev = run([doc("cv", "cv.pdf", name="Timothy Washington", email=read)], app)
    assert [f.field for f in only(ev, "reconciliation.mismatch")] == ["provider.email"]


def test_a_real_licence_number_typo_is_still_a_mismatch() -> None:
    app = Application(licenses=[License(license_number="A12345", issuing_state="CA")])
    ev = run([doc("state_license", "l.pdf", license_number="A12346", issuing_state="CA")], app)
    (f,) = only(ev, "reconciliation.mismatch")
    assert f.evidence["probable_typo"]


def test_cme_credits_misread_is_not_the_applicants_error() -> None:
    app = Application(cme=[Cme(activity_title="Sepsis Update", credits=1.5)])
    ev = run([doc("cme_certificate", "cme.pdf", activity_title="Sepsis Update", credits=25.0)],
             app)
    assert only(ev, "reconciliation.mismatch") == []
    (f,) = only(ev, "extraction.low_confidence")
    assert f.field == "cme.credits" and f.evidence["value"] == 25.0
    assert f.evidence["file"] == "cme.pdf" and f.evidence["page"] == 1


def test_npi_with_a_letter_for_a_digit_is_a_misreading() -> None:
    from credintake.rules.identifiers import npi_check_digit

    npi = "123456789" + str(npi_check_digit("123456789"))
    misread = npi.replace("0", "O") if "0" in npi else "l" + npi[1:]
    ev = run([doc("cv", "cv.pdf", name="Timothy Washington", npi=misread)])
    assert only(ev, "identifier.invalid_npi") == []
    (f,) = only(ev, "extraction.low_confidence")
    assert f.field == "provider.npi"


@pytest.mark.parametrize("junk", ["Licensee Name", "Status", "Company Name", "N/A", "XXXX"])
def test_no_rule_fires_on_a_label_or_placeholder_in_any_field(junk: str) -> None:
    """Every text field of every document of a clean packet read as a label or placeholder,
    one at a time: nothing but completeness (a value really is missing) may follow."""
    import random

    from rules_factories import clean_packet

    packet = clean_packet(random.Random(7))
    for d in packet.documents:
        for name, value in list(d.fields.items()):
            if not isinstance(value.value, str):
                continue
            d.fields[name] = value.model_copy(update={"value": junk})
            rules = {f.rule for f in run(packet.documents, packet.application).findings}
            assert rules <= {"completeness.missing_field", "completeness.missing_document"}, \
                (d.doc_type, name, rules)
            d.fields[name] = value


@pytest.mark.parametrize("printed, first, middle, last", [
    ("Ashley N, Delgado", "Ashley", "N", "Delgado"),      # a period read as a comma
    ("Francisco J.Caner, MD", "Francisco", "J.", "Caner"),  # a space lost after an initial
    ("Doe, Jane A", "Jane", "A", "Doe"),                   # a real "Last, First M" stays so
    ("DOE, JANE A, MD", "Jane", "A", "Doe"),
])
def test_scanned_name_punctuation_is_repaired(printed: str, first: str, middle: str,
                                              last: str) -> None:
    name = parse_name(printed)
    assert (name.first, name.middle, name.last) == (first, middle, last)


def test_initial_glued_to_the_surname_is_the_same_surname() -> None:
    app = Application(provider=Provider(first_name="Leah", middle_name="Rose", last_name="Roberts"))
    ev = run([doc("state_license", "l.pdf", holder_name="Leah R-Roberts", license_number="A1")],
             app)
    assert only(ev, "identity.name_mismatch") == []


def _scanned(doc_type: str, **fields: object):
    d = doc(doc_type, "fax_0001.tif", **fields)
    assert d.ocr
    return d


def test_free_text_a_letter_off_on_a_faxed_page_is_a_doubt() -> None:
    app = Application(provider=Provider(first_name="Timothy", last_name="Washington"),
                      work_history=[WorkHistory(employer="Short Physicians Group", city="Jackson",
                                                state="MS", start_date="2019-07", current=True)])
    line = {"employer": "Physician Short Physicians Gtoup", "city": "Jackgon", "state": "MS",
            "start_date": "2019-07", "current": True}
    ev = run([_scanned("cv", name="Timothy Washington", entries={"work_history": [line]})], app)
    assert only(ev, "reconciliation.mismatch") == []
    assert {f.field for f in only(ev, "extraction.low_confidence")} == {"work_history.employer",
                                                                        "work_history.city"}
    # the same reading off a text layer is the applicant's difference
    text = doc("cv", "cv.pdf", name="Timothy Washington", entries={"work_history": [line]})
    assert {f.field for f in only(run([text], app), "reconciliation.mismatch")} == {
        "work_history.employer", "work_history.city"}


def test_another_place_on_a_faxed_page_is_still_a_mismatch() -> None:
    app = Application(provider=Provider(first_name="Timothy", last_name="Washington"),
                      work_history=[WorkHistory(employer="Short Physicians Group", city="Jackson",
                                                state="MS", start_date="2019-07", current=True)])
    line = {"employer": "Short Physicians Group", "city": "Biloxi", "state": "MS",
            "start_date": "2019-07", "current": True}
    ev = run([_scanned("cv", name="Timothy Washington", entries={"work_history": [line]})], app)
    assert [f.field for f in only(ev, "reconciliation.mismatch")] == ["work_history.city"]


def test_a_partial_date_on_a_faxed_page_is_a_doubt_a_full_one_a_mismatch() -> None:
    app = Application(provider=Provider(first_name="Timothy", last_name="Washington"),
                      board_certifications=[BoardCertification(board="ABIM", specialty="Internal Medicine",
                                                               issue_date="2019-02-17")])
    fields = dict(holder_name="Timothy Washington", board="ABIM", specialty="Internal Medicine")
    ev = run([_scanned("board_certification", issue_date="2019-07", **fields)], app)
    assert only(ev, "reconciliation.mismatch") == []
    assert [f.field for f in only(ev, "extraction.low_confidence")] == ["board_certifications.issue_date"]
    ev = run([_scanned("board_certification", issue_date="2019-07-17", **fields)], app)
    assert [f.field for f in only(ev, "reconciliation.mismatch")] == ["board_certifications.issue_date"]


def test_schedules_read_as_a_part_of_the_typed_ones_on_a_photo_are_a_doubt() -> None:
    app = Application(provider=Provider(first_name="Timothy", last_name="Washington"),
                      dea=[Dea(dea_number="BW1234563", state="CA", schedules="2,2N,3,3N,4,5")])
    fields = dict(registrant_name="Timothy Washington", dea_number="BW1234563", state="CA")
    ev = run([_scanned("dea_registration", schedules="2", **fields)], app)
    assert only(ev, "reconciliation.mismatch") == []
    assert [f.field for f in only(ev, "extraction.low_confidence")] == ["dea.schedules"]
    # other schedules than typed are a mismatch, scanned or not
    ev = run([_scanned("dea_registration", schedules="2,3,4,5,6", **fields)], app)
    assert [f.field for f in only(ev, "reconciliation.mismatch")] == ["dea.schedules"]
