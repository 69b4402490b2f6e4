"""Findings and profile-fill scoring (credintake.findings_eval) on hand-made results."""

from __future__ import annotations

from typing import Any

from credintake.findings_eval import FillScores, FindingScores, score_findings, score_profile, value_eq


def _f(rule: str, fld: str, severity: str = "error") -> dict[str, Any]:
    return {"rule": rule, "field": fld, "severity": severity, "message": "m", "evidence": {}}


def _labels(scenarios: list[str], expected: list[tuple[str, str]], forbidden: list[tuple[str, str]] = (),
            pid: str = "pkt-1") -> dict[str, Any]:
    return {"packet_id": pid, "scenarios": scenarios,
            "expected_findings": [{"rule": r, "field": f, "severity": "error", "scenario": "s"} for r, f in expected],
            "forbidden_findings": [{"rule": r, "field": f, "scenario": "look"} for r, f in forbidden]}


def test_tp_fn_fp_and_scope() -> None:
    s = FindingScores()
    labels = _labels(["expired_license"], [("expiration.expired", "licenses.expiration_date")])
    result = {"findings": [_f("expiration.expired", "licenses.expiration_date"),
                           _f("expiration.expired", "licenses.expiration_date"),  # duplicate: counts once
                           _f("expiration.expired", "dea.expiration_date"),       # in scope: false positive
                           _f("reconciliation.mismatch", "licenses.status", "warning")]}  # out of scope
    score_findings(result, labels, s)
    prf = s.per_rule["expiration.expired"]
    assert (prf.tp, prf.fn, prf.fp) == (1, 0, 1)
    assert s.out_of_scope["reconciliation.mismatch"] == 1
    assert "reconciliation.mismatch" not in s.per_rule
    assert s.severity_agree == 1 and s.severity_total == 1

    score_findings({"findings": []}, labels, s)
    assert s.per_rule["expiration.expired"].fn == 1
    assert s.per_rule["expiration.expired"].recall == 0.5


def test_clean_packet_scores_every_rule_and_lookalikes_count() -> None:
    s = FindingScores()
    score_findings({"findings": [_f("reconciliation.mismatch", "licenses.status", "warning")]}, _labels([], []), s)
    assert s.per_rule["reconciliation.mismatch"].fp == 1 and s.clean_packets == 1
    look = _labels(["gap_4_months"], [], [("work_history.gap", "work_history")])
    score_findings({"findings": [_f("work_history.gap", "work_history", "warning")]}, look, s)
    assert s.lookalike_fp == 1 and s.lookalike_checks == 1
    assert s.per_rule["work_history.gap"].fp == 1
    assert s.total().fp == 2


def test_low_confidence_is_counted_apart_and_false_findings_per_packet() -> None:
    s = FindingScores()
    doubt = {**_f("extraction.low_confidence", "licenses.expiration_date", "warning"),
             "evidence": {"value": "2020-01-01", "confidence": 0.4, "file": "f.tif", "page": 2}}
    result = {"documents": [{"fields": {"a": {}, "b": {}}, "entries": {"work_history": [{"c": {}, "d": {}}]}}],
              "findings": [doubt, _f("reconciliation.mismatch", "licenses.status", "warning")]}
    score_findings(result, _labels([], []), s)
    score_findings({"findings": []}, _labels([], [], pid="pkt-2"), s)
    assert "extraction.low_confidence" not in s.per_rule
    assert s.low_confidence == 1 and s.document_values == 4 and s.low_confidence_share == 0.25
    assert s.false_per_packet == 0.5
    assert "f.tif p.2" in s.low_confidence_values[0]


def test_merge_adds_conditions_together() -> None:
    a, b = FindingScores(), FindingScores()
    labels = _labels(["expired_license"], [("expiration.expired", "licenses.expiration_date")])
    score_findings({"findings": [_f("expiration.expired", "licenses.expiration_date")]}, labels, a)
    score_findings({"findings": [_f("expiration.expired", "dea.expiration_date")]}, labels, b)
    a.merge(b)
    prf = a.per_rule["expiration.expired"]
    assert (prf.tp, prf.fn, prf.fp) == (1, 1, 1)
    assert a.packets == 2 and a.false_per_packet == 0.5
    assert len(a.misses) == 1 and len(a.false_alarms) == 1


def test_value_eq() -> None:
    assert value_eq("expiration_date", "2027-03-31", "2027-03")
    assert not value_eq("expiration_date", "2027-03-31", "2027-04")
    assert value_eq("phone", "(312) 555-0101", "312-555-0101")
    assert value_eq("license_number", "MD 12345", "md12345")
    assert value_eq("last_name", "O'Brien", "O BRIEN")
    assert value_eq("per_claim_limit", 1000000, 1000000.0)
    assert value_eq("institution", "University of Michigan Medical School", "UNIVERSITY OF MICHIGAN MEDICAL SCHOOL")
    assert not value_eq("npi", "1234567893", None)


def _fill_labels() -> dict[str, Any]:
    return {"packet_id": "pkt-2",
            "profile": {"provider": {"first_name": "Jane", "middle_name": "Ann", "last_name": "Doe", "suffix": None,
                                     "profession": "MD", "npi": "1234567893", "email": "j@x.org",
                                     "phone": "(312) 555-0101", "specialty": "Neurology", "practice_state": "IL"},
                        "licenses": [{"license_number": "036.123456", "issuing_state": "IL",
                                      "expiration_date": "2027-03-31", "status": "Active"},
                                     {"license_number": "MD999", "issuing_state": "WI",  # no document: not scored
                                      "expiration_date": "2028-01-01", "status": "Active"}]},
            "documents": [
                {"doc_type": "state_license", "fields": {"holder_name": "JANE A DOE, MD", "license_number": "036.123456",
                                                         "issuing_state": "IL", "expiration_date": "2027-03-31"}},
                {"doc_type": "cv", "fields": {"name": "Jane Ann Doe", "npi": "1234567893"},
                 "entries": {"work_history": [], "education": []}},
                {"doc_type": "cme_certificate", "other_person": True, "fields": {"holder_name": "Zed Q Public"}}]}


def test_profile_fill_counts_only_printed_values() -> None:
    s = FillScores()
    got = {"provider": {"first_name": "JANE", "middle_name": "Ann", "last_name": "Doe", "profession": "MD",
                        "npi": "1234567893", "practice_state": "IL"},
           "licenses": [{"license_number": "036123456", "issuing_state": "IL", "expiration_date": "2027-03-31"}]}
    score_profile(got, _fill_labels(), s)
    # provider: first, middle, last, profession, npi, practice_state (email/phone/specialty not printed)
    # license 0: number (wrong: dot dropped), state, expiration; license 1 not printed
    assert s.compared == 9
    assert s.correct == 8
    assert s.per_field["licenses.license_number"] == [0, 1]
    assert s.accuracy == 8 / 9


def test_profile_fill_empty_profile_counts_as_wrong() -> None:
    s = FillScores()
    score_profile({}, _fill_labels(), s)
    assert s.correct == 0 and s.empty == s.compared == 9
