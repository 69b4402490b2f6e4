"""verification.stale: the accreditation profile in force at the decision date judges the
packet's verification records (pure function, no database)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Callable

import pytest

from credintake.contract import Application
from credintake.rules.verification import (RequiredElement, VerificationFact,
                                           required_elements, verification_stale)
from credintake.settings import Settings

LICENSE = [RequiredElement("license", "A12345", "licenses.license_number")]


def _check(decided: date, verified: date, family: str | None = None,
           required: list[RequiredElement] = LICENSE) -> list[Any]:
    profile = Settings().accreditation.in_force(decided, family)
    return verification_stale(profile, decided, required,
                              [VerificationFact("license", "A-12345", verified)])


def test_same_150_day_old_verification_passes_before_july_2025_and_fails_after(
        schema_validator: Callable[[str, Any], None]) -> None:
    before, after = date(2025, 6, 30), date(2025, 7, 2)
    assert _check(before, before - timedelta(days=150)) == []
    (finding,) = _check(after, after - timedelta(days=150))
    assert (finding.rule, finding.severity, finding.field) == \
        ("verification.stale", "error", "licenses.license_number")
    assert finding.evidence["age_days"] == 150 and finding.evidence["max_age_days"] == 120
    assert finding.evidence["profile_effective"] == "2025-07-01"
    schema_validator("result.schema.json", {
        "packet_id": "p", "as_of": "2025-07-02", "service_version": "x", "documents": [],
        "profile": {}, "reconciliation": [],
        "findings": [finding.model_dump(mode="json", exclude_none=True)]})


def test_window_boundary_is_inclusive_and_cvo_is_stricter() -> None:
    decided = date(2025, 9, 1)
    assert _check(decided, decided - timedelta(days=120)) == []
    assert len(_check(decided, decided - timedelta(days=121))) == 1
    assert len(_check(decided, decided - timedelta(days=91), family="ncqa_cvo")) == 1
    assert _check(decided, decided - timedelta(days=90), family="ncqa_cvo") == []


def test_missing_other_subject_or_later_verification_is_reported() -> None:
    decided = date(2025, 9, 1)
    other = [RequiredElement("license", "ZZ999", "licenses.license_number")]
    (missing,) = _check(decided, decided, required=other)
    assert missing.message.startswith("No primary-source verification of license ZZ999")
    # a verification dated after the decision does not count for it
    assert len(_check(decided, decided + timedelta(days=1))) == 1


def test_required_elements_follow_the_profile() -> None:
    profile = Application.model_validate({
        "provider": {"npi": "1234567893"},
        "licenses": [{"license_number": "A1"}, {"license_number": "B2"}],
        "board_certifications": [{"board": "ABIM"}], "work_history": [{"employer": "X"}]})
    got = [(r.element, r.subject) for r in required_elements(profile)]
    assert got == [("license", "A1"), ("license", "B2"), ("board_certification", "ABIM"),
                   ("work_history", None), ("exclusion_screening", None),
                   ("npi", "1234567893")]


def test_profiles_are_date_effective_and_overridable(monkeypatch: pytest.MonkeyPatch) -> None:
    acc = Settings().accreditation
    assert acc.in_force(date(2025, 6, 30)).attestation_max_age_days == 180
    assert acc.in_force(date(2025, 7, 1)).attestation_max_age_days == 120
    assert acc.in_force(date(2025, 7, 1)).recredentialing_months == 36
    tjc = acc.in_force(date(2024, 1, 1), "joint_commission_hospital")
    assert tjc.recredentialing_months == 36
    assert acc.in_force(date(2022, 1, 1), "joint_commission_hospital").recredentialing_months == 24
    with pytest.raises(ValueError, match="no 'ncqa_cvo'"):
        acc.in_force(date(2020, 1, 1), "ncqa_cvo")
    monkeypatch.setenv("CREDINTAKE_ACCREDITATION__FAMILY", "ncqa_cvo")
    assert Settings().accreditation.in_force(date(2025, 8, 1)).family == "ncqa_cvo"
    # the pipeline's attestation.stale keeps the contract's default
    assert Settings().rules.attestation_max_age_days == 180


def test_a_record_without_subject_counts_for_any_licence() -> None:
    decided = date(2025, 9, 1)
    profile = Settings().accreditation.in_force(decided)
    assert verification_stale(profile, decided, LICENSE,
                              [VerificationFact("license", None, decided)]) == []


def test_attestation_is_judged_by_the_profile_window_at_the_decision() -> None:
    from credintake.rules.verification import attestation_stale_at

    acc = Settings().accreditation
    signed = Application.model_validate({"attestation": {"signed_date": "2025-02-01"}})
    june, july = date(2025, 6, 30), date(2025, 7, 2)   # 149 and 151 days after signing
    assert attestation_stale_at(acc.in_force(june), june, signed) == []
    (finding,) = attestation_stale_at(acc.in_force(july), july, signed)
    assert (finding.rule, finding.field) == ("attestation.stale", "attestation.signed_date")
    assert finding.evidence["days"] == 151 and finding.evidence["max_age_days"] == 120
    # exactly the window passes; no signature date is completeness's business
    edge = date(2025, 2, 1) + timedelta(days=120)
    assert attestation_stale_at(acc.in_force(edge), edge, signed) == []
    assert attestation_stale_at(acc.in_force(july), july, Application()) == []


def test_every_element_a_record_can_name_has_a_window_in_every_profile() -> None:
    from credintake.api.verifications import ELEMENTS
    from credintake.settings import VERIFICATION_ELEMENTS

    assert ELEMENTS == VERIFICATION_ELEMENTS
    for profile in Settings().accreditation.profiles:
        assert set(profile.verification_max_age_days) == set(ELEMENTS), profile.family
        assert profile.verification_max_age_days["exclusion_screening"] == 30
