"""Decide on evidence you can trust: below min_confidence_to_flag a rule abstains and
extraction.low_confidence names the value once (field, value, confidence, file, page)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from credintake.contract import Application, License, Provider, Result
from credintake.rules.identifiers import npi_check_digit
from rules_factories import AS_OF, clean_packet, doc, fv, only, run

EXPIRED = (AS_OF - dt.timedelta(days=30)).isoformat()
APP = Application(provider=Provider(first_name="Margaret", last_name="Doe"))


def _low(ev):  # type: ignore[no-untyped-def]
    return only(ev, "extraction.low_confidence")


def test_expired_date_read_poorly_is_one_doubt_not_an_error() -> None:
    ev = run([doc("state_license", "fax.tif", page=3, confidence=0.4, license_number="A1",
                  expiration_date=EXPIRED)])
    assert only(ev, "expiration.expired") == []
    (f,) = _low(ev)
    assert f.severity == "warning" and f.field == "licenses.expiration_date"
    assert f.evidence["value"] == EXPIRED and f.evidence["confidence"] == 0.4
    assert f.evidence["file"] == "fax.tif" and f.evidence["page"] == 3
    assert f.evidence["rules"] == ["expiration.expired"]
    assert "fax.tif p.3" in f.message


def test_expired_date_read_confidently_is_an_error() -> None:
    ev = run([doc("state_license", "l.pdf", confidence=0.9, license_number="A1",
                  expiration_date=EXPIRED)])
    assert len(only(ev, "expiration.expired")) == 1 and _low(ev) == []


def test_poor_reading_confirmed_by_the_application_is_decided() -> None:
    app = Application(licenses=[License(license_number="A1", expiration_date=EXPIRED)])
    ev = run([doc("state_license", "fax.tif", confidence=0.4, license_number="A1",
                  expiration_date=EXPIRED)], app)
    assert len(only(ev, "expiration.expired")) == 1 and _low(ev) == []


def test_one_doubt_per_value_however_many_rules_need_it() -> None:
    """A poorly read NPI that fails its check digit and disagrees with the typed one: the
    NPI rule and the reconciliation both abstain, and the value is named once."""
    good = "123456789" + str(npi_check_digit("123456789"))
    misread = "123456780" + good[-1]
    app = Application(provider=Provider(first_name="Margaret", last_name="Doe", npi=good))
    ev = run([doc("cv", "cv.tif", page=2, confidence=0.4, name="Margaret Doe", npi=misread)], app)
    assert only(ev, "identifier.invalid_npi") == [] and only(ev, "reconciliation.mismatch") == []
    (f,) = _low(ev)
    assert f.field == "provider.npi" and f.evidence["value"] == misread
    assert sorted(f.evidence["rules"]) == ["identifier.invalid_npi", "reconciliation.mismatch"]


def test_poor_reading_agreed_by_a_second_document_is_decided() -> None:
    ev = run([doc("state_license", "fax.tif", confidence=0.4, license_number="A1",
                  expiration_date=EXPIRED),
              doc("state_license", "verif.pdf", confidence=0.45, license_number="A1",
                  expiration_date=EXPIRED)])
    assert len(only(ev, "expiration.expired")) == 1 and _low(ev) == []


def test_mismatch_on_a_poorly_read_number_is_a_doubt() -> None:
    app = Application(licenses=[License(license_number="A12345", issuing_state="CA")])
    ev = run([doc("state_license", "fax.tif", confidence=0.3, license_number="A12845",
                  issuing_state="CA")], app)
    assert only(ev, "reconciliation.mismatch") == []
    (f,) = _low(ev)
    assert f.field == "licenses.license_number" and f.evidence["value"] == "A12845"


def test_invalid_npi_read_poorly_is_a_doubt_typed_invalid_npi_is_an_error() -> None:
    bad = "123456789" + str((npi_check_digit("123456789") + 1) % 10)
    ev = run([doc("cv", "cv.tif", confidence=0.4, name="Margaret Doe", npi=bad)], APP)
    assert only(ev, "identifier.invalid_npi") == [] and len(_low(ev)) == 1
    typed = Application(provider=Provider(first_name="Margaret", last_name="Doe", npi=bad))
    assert len(only(run([], typed), "identifier.invalid_npi")) == 1


def test_gap_bounded_by_a_poorly_read_date_is_a_doubt() -> None:
    start = f"{AS_OF.year - 4}-09"
    lines = [{"employer": "Mercy Hospital", "start_date": f"{AS_OF.year - 7}-01",
              "end_date": f"{AS_OF.year - 4}-01", "current": False},
             {"employer": "Saint Mary Hospital", "start_date": start, "end_date": None,
              "current": True}]
    cv = doc("cv", "cv.tif", confidence=0.95, name="Margaret Doe", entries={"work_history": lines})
    assert len(only(run([cv], APP), "work_history.gap")) == 1
    cv.entries["work_history"][1]["start_date"] = fv(start, file="cv.tif", confidence=0.35)
    ev = run([cv], APP)
    assert only(ev, "work_history.gap") == []
    (f,) = _low(ev)
    assert f.field == "work_history.start_date" and f.evidence["value"] == start


@pytest.mark.parametrize("confidence, rule", [(0.95, "identity.name_mismatch"),
                                              (0.3, "extraction.low_confidence")])
def test_someone_elses_name_needs_a_confident_reading(confidence: float, rule: str) -> None:
    ev = run([doc("board_certification", "b.pdf", confidence=confidence,
                  holder_name="John Smith, MD", board="ABIM")], APP)
    assert [f.rule for f in ev.findings if f.rule in ("identity.name_mismatch",
                                                      "extraction.low_confidence")] == [rule]


def test_one_garbled_page_is_outweighed_by_the_licence_dea_and_board() -> None:
    docs = [doc("state_license", "l.pdf", holder_name="MARGARET DOE, MD", license_number="A1"),
            doc("dea_registration", "dea.pdf", registrant_name="DOE, MARGARET"),
            doc("board_certification", "b.pdf", holder_name="Margaret Doe", board="ABIM"),
            doc("life_support_card", "fax.tif", confidence=0.8, holder_name="Margarct Dae",
                course="BLS")]
    ev = run(docs, APP)
    assert only(ev, "identity.name_mismatch") == []
    (f,) = _low(ev)
    assert f.evidence["value"] == "Margarct Dae" and f.evidence["file"] == "fax.tif"


def test_another_person_is_still_reported_when_the_others_are_the_applicant() -> None:
    docs = [doc("state_license", "l.pdf", holder_name="MARGARET DOE, MD", license_number="A1"),
            doc("board_certification", "b.pdf", holder_name="Peter Parker", board="ABIM")]
    (f,) = only(run(docs, APP), "identity.name_mismatch")
    assert f.severity == "error" and f.evidence["document_name"] == "Peter Parker"


def test_threshold_is_a_setting() -> None:
    docs = [doc("state_license", "fax.tif", confidence=0.4, license_number="A1",
                expiration_date=EXPIRED)]
    assert len(only(run(docs, min_confidence_to_flag=0.3), "expiration.expired")) == 1


def test_clean_packet_read_confidently_has_no_doubts() -> None:
    for seed in range(5):
        packet = clean_packet(random.Random(seed))
        assert run(packet.documents, packet.application).findings == []


def test_result_with_a_doubt_validates_against_the_contract(schema_validator) -> None:  # type: ignore[no-untyped-def]
    ev = run([doc("state_license", "fax.tif", confidence=0.4, license_number="A1",
                  expiration_date=EXPIRED)])
    result = Result(packet_id="p", as_of=AS_OF.isoformat(), service_version="t",
                    profile=ev.profile, reconciliation=ev.reconciliation, findings=ev.findings)
    schema_validator("result.schema.json", result.to_json_dict())


def test_required_value_not_read_from_its_document_is_a_doubt_not_missing() -> None:
    ev = run([doc("state_license", "fax.tif", page=4, holder_name="Margaret Doe",
                  issuing_state="NY")], APP, required_fields=["licenses.license_number"])
    assert only(ev, "completeness.missing_field") == []
    (f,) = _low(ev)
    assert f.field == "licenses.license_number" and f.evidence["value"] is None
    assert f.evidence["file"] == "fax.tif" and f.evidence["page"] == 4
    assert f.message.startswith("The license number on the state license (fax.tif p.4)")
    without = run([], APP, required_fields=["licenses.license_number"])
    assert len(only(without, "completeness.missing_field")) == 1


def test_poorly_read_invalid_npi_that_the_application_also_shows_is_judged() -> None:
    bad = "123456789" + str((npi_check_digit("123456789") + 1) % 10)
    typed = Application(provider=Provider(first_name="Margaret", last_name="Doe", npi=bad))
    ev = run([doc("cv", "cv.tif", confidence=0.4, name="Margaret Doe", npi=bad)], typed)
    (f,) = only(ev, "identifier.invalid_npi")
    assert f.evidence["file"] == "cv.tif" and _low(ev) == []


def test_dea_read_a_digit_off_a_valid_typed_number_is_a_misreading() -> None:
    """The typed DEA passes its check digit, the certificate's reading (one digit off) does
    not: neither reconciliation.mismatch nor identifier.invalid_dea, one doubt."""
    from credintake.contract import Dea
    from credintake.rules.identifiers import dea_check_digit

    typed = f"AD428486{dea_check_digit('428486')}"
    misread = typed[:4] + ("6" if typed[4] != "6" else "5") + typed[5:]
    app = Application(provider=Provider(first_name="Margaret", last_name="Doe"),
                      dea=[Dea(dea_number=typed, state="CA")])
    ev = run([doc("dea_registration", "fax.tif", page=9, registrant_name="DOE, MARGARET",
                  dea_number=misread, state="CA")], app)
    assert only(ev, "reconciliation.mismatch") == [] and only(ev, "identifier.invalid_dea") == []
    (f,) = _low(ev)
    assert f.field == "dea.dea_number" and f.evidence["value"] == misread
    assert sorted(f.evidence["rules"]) == ["identifier.invalid_dea", "reconciliation.mismatch"]


def test_typed_dea_typo_against_a_valid_certificate_is_still_a_mismatch() -> None:
    from credintake.contract import Dea
    from credintake.rules.identifiers import dea_check_digit

    printed = f"AD428486{dea_check_digit('428486')}"
    typo = printed[:4] + ("6" if printed[4] != "6" else "5") + printed[5:]
    app = Application(provider=Provider(first_name="Margaret", last_name="Doe"),
                      dea=[Dea(dea_number=typo, state="CA")])
    ev = run([doc("dea_registration", "dea.pdf", registrant_name="DOE, MARGARET",
                  dea_number=printed, state="CA")], app)
    assert len(only(ev, "reconciliation.mismatch")) == 1
    assert len(only(ev, "identifier.invalid_dea")) == 1  # the typed number fails its digit


def test_coverage_limit_read_poorly_is_a_doubt_not_a_shortfall() -> None:
    policy = dict(policy_number="P1", per_claim_limit=100000, aggregate_limit=3000000)
    poor = run([doc("malpractice_insurance", "fax.tif", confidence=0.4, **policy)])
    assert only(poor, "malpractice.insufficient_coverage") == []
    (f,) = _low(poor)
    assert f.field == "malpractice_insurance.per_claim_limit"
    assert f.evidence["rules"] == ["malpractice.insufficient_coverage"]
    sure = run([doc("malpractice_insurance", "coi.pdf", confidence=0.9, **policy)])
    assert len(only(sure, "malpractice.insufficient_coverage")) == 1 and _low(sure) == []
