"""Values written differently that mean the same: licence standing, professions, carriers,
money and credits as printed (tables in rules/data/*.csv)."""

from __future__ import annotations

import random

import pytest

from credintake.contract import Application, License, Malpractice, Cme
from credintake.rules.equivalents import profession_code, status_standing, strip_legal_suffixes
from credintake.rules.text import text_score
from credintake.rules.values import compare, parse_money, parse_number
from rules_factories import clean_packet, doc, only, run


@pytest.mark.parametrize("status", ["Active", "Current", "Clear", "Active - Clear",
                                    "In good standing", "Renewed", "Active/Renewable", "ACTIVE",
                                    "Licensed", "Valid", "Unrestricted"])
def test_good_standing_wordings(status: str) -> None:
    assert status_standing(status) == "good"


@pytest.mark.parametrize("status, standing", [
    ("Expired", "expired"), ("Lapsed", "expired"), ("Suspended", "restricted"),
    ("Probation", "restricted"), ("Active - Probation", "restricted"), ("Revoked", "restricted"),
    ("Surrendered", "restricted"), ("Inactive", "inactive"), ("Retired", "inactive"),
    ("Not in good standing", "restricted"),
])
def test_not_in_good_standing(status: str, standing: str) -> None:
    assert status_standing(status) == standing


@pytest.mark.parametrize("app, doc_value, same", [
    ("Active", "Current", True), ("Active", "Clear", True), ("Active", "Active - Clear", True),
    ("Active", "In good standing", True), ("Active", "Suspended", False),
    ("Active", "Expired", False), ("Expired", "Lapsed", True),
])
def test_status_compares_by_standing(app: str, doc_value: str, same: bool) -> None:
    assert compare("status", app, doc_value, match_threshold=88).match is same


def test_current_licence_status_is_no_mismatch_with_active() -> None:
    app = Application(licenses=[License(license_number="A12345", issuing_state="CA",
                                        status="Active")])
    ev = run([doc("state_license", "l.pdf", license_number="A12345", issuing_state="CA",
                  status="Current")], app)
    assert only(ev, "reconciliation.mismatch") == []


def test_suspended_licence_is_a_mismatch_with_active() -> None:
    app = Application(licenses=[License(license_number="A12345", issuing_state="CA",
                                        status="Active")])
    ev = run([doc("state_license", "l.pdf", license_number="A12345", issuing_state="CA",
                  status="Suspended")], app)
    (f,) = only(ev, "reconciliation.mismatch")
    assert f.field == "licenses.status"


def test_lapsed_status_without_a_date_is_expired() -> None:
    ev = run([doc("state_license", "l.pdf", license_number="A1", status="LAPSED")])
    assert [f.field for f in only(ev, "expiration.expired")] == ["licenses.status"]


@pytest.mark.parametrize("printed, code", [
    ("MD", "MD"), ("Physician and Surgeon", "MD"), ("Physician (MD)", "MD"),
    ("Doctor of Medicine", "MD"), ("M.D.", "MD"), ("DO", "DO"), ("D.O.", "DO"),
    ("Osteopathic Physician", "DO"), ("Osteopathic Physician and Surgeon", "DO"),
    ("NP", "NP"), ("APRN", "NP"), ("CRNP", "NP"), ("ARNP", "NP"), ("Nurse Practitioner", "NP"),
    ("Certified Registered Nurse Practitioner", "NP"), ("RN", "RN"), ("Registered Nurse", "RN"),
    ("PA", "PA"), ("PA-C", "PA"), ("Physician Assistant", "PA"), ("Physician's Assistant", "PA"),
    ("Certified Registered Nurse Anesthetist", "CRNA"), ("Pharmacist", "PharmD"),
    ("Status", None), ("", None),
])
def test_profession_names_and_degrees(printed: str, code: str | None) -> None:
    assert profession_code(printed) == code


@pytest.mark.parametrize("a, b", [
    ("The Doctors Company", "The Doctors Co"), ("The Doctors Company", "Doctors Co."),
    ("Coverys RRG, Inc.", "Coverys"), ("ProAssurance Casualty Company", "ProAssurance"),
    ("MedPro Group Inc", "MedPro Group"), ("NORCAL Mutual Insurance Company", "NORCAL Mutual"),
    ("Physicians Insurance A Mutual Company", "Physicians Insurance"),
    ("Medical Protective Company", "The Medical Protective Co"),
    ("Positive Physicians Insurance Exchange", "Positive Physicians"),
    ("MLMIC Insurance Company", "MLMIC"),
    ("ISMIE Mutual Insurance Company", "Mutual Insurance Company"),  # a reading that lost a word
])
def test_carrier_names_with_and_without_legal_suffixes(a: str, b: str) -> None:
    assert text_score(a, b, "carrier") >= 88


def test_different_carriers_stay_different() -> None:
    assert text_score("The Doctors Company", "Medical Protective Company", "carrier") < 88
    assert text_score("Coverys RRG", "Curi RRG", "carrier") < 88


@pytest.mark.parametrize("long_, short, kind", [
    ("Lakeshore Physicians Indemnity Company", "LPIC", "carrier"),
    ("Lakeshore Physicians Indemnity Company", "LPIC OHIO", "carrier"),   # initials and a state
    ("Keystone Medical Mutual Insurance Co", "KMMIC New Jersey", "carrier"),
    ("University of Northfield Medical School", "UNMS", "institution"),  # without "of"
])
def test_a_name_printed_as_its_initials_is_the_same_name(long_: str, short: str, kind: str) -> None:
    assert text_score(long_, short, kind) >= 88
    assert text_score(short, long_, kind) >= 88


@pytest.mark.parametrize("long_, short", [
    ("Lakeshore Physicians Indemnity Company", "LPX"),       # other initials
    ("Lakeshore Physicians Indemnity Company", "lpic"),      # not printed as initials
    ("Lakeshore Physicians Indemnity Company", "LPIC Holdings Group Trust"),  # a longer name
    ("Physicians Indemnity", "PI"),                          # too short to be initials
])
def test_other_initials_are_not_the_name(long_: str, short: str) -> None:
    assert text_score(long_, short, "carrier") < 88


def test_carrier_printed_as_its_initials_is_no_mismatch() -> None:
    app = Application(malpractice_insurance=[Malpractice(carrier="Lakeshore Physicians Indemnity Company",
                                                         policy_number="P77")])
    ev = run([doc("malpractice_insurance", "coi.pdf", carrier="LPIC OHIO", policy_number="P77",
                  per_claim_limit=1_000_000, aggregate_limit=3_000_000)], app)
    assert only(ev, "reconciliation.mismatch") == []


def test_legal_suffixes_never_leave_an_empty_name() -> None:
    assert strip_legal_suffixes("insurance company", "carrier") == "insurance"
    assert strip_legal_suffixes("company", "carrier") == "company"
    assert strip_legal_suffixes("the doctors company", "carrier") == "doctors"
    assert strip_legal_suffixes("the doctors company", "institution") == "the doctors company"


def test_carrier_written_with_legal_suffix_is_no_mismatch() -> None:
    app = Application(malpractice_insurance=[Malpractice(carrier="Coverys", policy_number="P77")])
    ev = run([doc("malpractice_insurance", "coi.pdf", carrier="Coverys RRG, Inc.",
                  policy_number="P77", per_claim_limit=1_000_000, aggregate_limit=3_000_000)],
             app)
    assert only(ev, "reconciliation.mismatch") == []


@pytest.mark.parametrize("printed, dollars", [
    ("$1,000,000", 1_000_000), ("$1M", 1_000_000), ("1 million", 1_000_000),
    ("$1,000,000.00", 1_000_000), ("USD 3,000,000", 3_000_000), ("USD1,000,000", 1_000_000), ("$1 000 000", 1_000_000),
    ("$1,000,000 each claim", 1_000_000), ("$3MM aggregate", 3_000_000), ("$250K", 250_000),
    ("one", None),
])
def test_money_as_printed(printed: str, dollars: int | None) -> None:
    assert parse_money(printed) == dollars


@pytest.mark.parametrize("printed, credits", [
    ("1.5", 1.5), (1.5, 1.5), ("1.50 AMA PRA Category 1 Credits", 1.5), ("2 credits", 2.0),
    ("none", None),
])
def test_credits_as_printed(printed: object, credits: float | None) -> None:
    assert parse_number(printed) == credits


def test_credits_printed_with_their_unit_match_the_application() -> None:
    app = Application(cme=[Cme(activity_title="Sepsis Update", credits=1.5)])
    ev = run([doc("cme_certificate", "cme.pdf", activity_title="Sepsis Update",
                  credits="1.5 AMA PRA Category 1 Credits")], app)
    assert only(ev, "reconciliation.mismatch") == []


def test_clean_packet_written_with_other_vocabularies_has_no_findings() -> None:
    """A clean packet whose licence says 'Current' and whose COI says 'The Doctors Co'."""
    packet = clean_packet(random.Random(13))
    for d in packet.documents:
        if d.doc_type == "state_license":
            d.fields["status"] = d.fields["status"].model_copy(update={"value": "Current"})
        if d.doc_type == "malpractice_insurance":
            d.fields["carrier"] = d.fields["carrier"].model_copy(update={"value": "The Doctors Co."})
    packet.application.licenses[0].status = "Active"
    assert run(packet.documents, packet.application).findings == []
