"""verification.stale: required primary-source verifications missing or too old at decision.

Pure (no database): the caller passes the accreditation profile in force at the decision
date, the elements the packet requires and the verification records it has. A record counts
for an element when its element kind matches and, where the element names an identifier
(licence number, board), the record's ``subject`` names the same one. A record verified
after the decision date does not count; exactly the window's age still passes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from credintake.contract import Application, Finding
from credintake.rules.dates import parse_date
from credintake.settings import AccreditationProfile


@dataclass(frozen=True)
class RequiredElement:
    """One thing to verify: an element kind and, optionally, which one (licence number);
    ``field`` is the contract's dotted path without indexes (``licenses.license_number``)."""

    element: str
    subject: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class VerificationFact:
    """The parts of a verification record the rule reads."""

    element: str
    subject: str | None
    verified_on: date


def required_elements(profile: Application) -> list[RequiredElement]:
    """Each licence, DEA, board certificate, degree, the work history, malpractice, the NPI
    and the exclusion screening: what a credentialing file must have verified."""
    out: list[RequiredElement] = []
    for lic in profile.licenses or []:
        out.append(RequiredElement("license", lic.license_number, "licenses.license_number"))
    for dea in profile.dea or []:
        out.append(RequiredElement("dea", dea.dea_number, "dea.dea_number"))
    for bc in profile.board_certifications or []:
        out.append(RequiredElement("board_certification", bc.board, "board_certifications.board"))
    if profile.education:
        out.append(RequiredElement("education", None, "education"))
    if profile.work_history:
        out.append(RequiredElement("work_history", None, "work_history"))
    if profile.malpractice_insurance:
        out.append(RequiredElement("malpractice_history", None, "malpractice_insurance"))
    out.append(RequiredElement("exclusion_screening", None, None))
    if profile.provider and profile.provider.npi:
        out.append(RequiredElement("npi", profile.provider.npi, "provider.npi"))
    return out


def _norm(text: str | None) -> str:
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def _same(required: str | None, recorded: str | None) -> bool:
    """A record names the required identifier (A-12345 = A12345); a record without one
    counts for any."""
    return required is None or recorded is None or _norm(required) == _norm(recorded)


def verification_stale(accreditation: AccreditationProfile, decision_date: date,
                       required: Iterable[RequiredElement],
                       records: Iterable[VerificationFact]) -> list[Finding]:
    """One error per required element with no verification, or only ones older than the
    profile's window for that element at ``decision_date``."""
    facts = [r for r in records if r.verified_on <= decision_date]
    findings: list[Finding] = []
    for req in required:
        limit = accreditation.verification_max_age_days.get(req.element)
        if limit is None:
            continue
        matching = [f for f in facts if f.element == req.element and _same(req.subject, f.subject)]
        evidence = {"element": req.element, "subject": req.subject, "max_age_days": limit,
                    "profile": accreditation.family,
                    "profile_effective": accreditation.effective.isoformat(),
                    "decision_date": decision_date.isoformat()}
        what = req.element.replace("_", " ") + (f" {req.subject}" if req.subject else "")
        if not matching:
            findings.append(Finding(rule="verification.stale", severity="error", field=req.field,
                                    message=f"No primary-source verification of {what}.",
                                    evidence=evidence))
            continue
        newest = max(f.verified_on for f in matching)
        age = (decision_date - newest).days
        if age > limit:
            findings.append(Finding(
                rule="verification.stale", severity="error", field=req.field,
                message=(f"The verification of {what} is {age} days old at the decision; "
                         f"{accreditation.family} allows {limit}."),
                evidence={**evidence, "verified_on": newest.isoformat(), "age_days": age}))
    return findings


def attestation_stale_at(accreditation: AccreditationProfile, decision_date: date,
                         profile: Application) -> list[Finding]:
    """``attestation.stale`` judged at the decision by the profile's attestation window (NCQA
    2025: 120 days), where the pipeline's copy uses the configured 180 days at ``as_of``.
    Same reading as the pipeline rule: a partial date counts as its last day, exactly the
    window passes, a missing date is completeness's business."""
    signed = parse_date(profile.attestation.signed_date) if profile.attestation else None
    if signed is None:
        return []
    age = (decision_date - signed.last_day()).days
    limit = accreditation.attestation_max_age_days
    if age <= limit:
        return []
    return [Finding(
        rule="attestation.stale", severity="error", field="attestation.signed_date",
        message=(f"The attestation was signed on {signed.iso()}, {age} days before the "
                 f"decision on {decision_date.isoformat()}; {accreditation.family} allows "
                 f"{limit}: ask the provider to re-attest."),
        evidence={"signed_date": signed.iso(), "days": age, "max_age_days": limit,
                  "decision_date": decision_date.isoformat(), "profile": accreditation.family,
                  "profile_effective": accreditation.effective.isoformat()})]
