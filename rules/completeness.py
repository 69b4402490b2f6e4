"""completeness.*: required documents per profession, and required fields.

The profession is the profile's (typed in, else read from a license type, a credential
after the holder's name or a diploma). A section the provider claims in the application
(a DEA number means they prescribe; a board certification "if claimed") also requires
its document even when the profession's list does not.

A required field that the packet's own document of that credential should print (the
licence number of a licence in the packet) but that was not read from it is not missing:
the reading failed, so extraction.low_confidence asks a person to read it on the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from credintake.contract import Finding
from credintake.contract import Source
from credintake.rules.context import DOC_LABELS, RuleContext
from credintake.rules.evidence import DOC_MAP
from credintake.rules.registry import get, register
from credintake.rules.values import is_blank, profession_code

_FIELD_LABELS = {
    "provider.first_name": "first name", "provider.last_name": "last name",
    "provider.npi": "NPI", "provider.profession": "profession",
    "licenses.license_number": "state license number",
    "attestation.signed_date": "signed attestation date",
}
_FIELD_HELP = {
    "provider.npi": "ask the provider for their NPI and confirm it in the NPPES registry",
    "attestation.signed_date": "ask the provider to sign and date the attestation",
    "licenses.license_number": "request a copy of the state license or verify it with the board",
    "provider.profession": "confirm the provider's profession (MD, DO, NP, PA, CRNA, PharmD, RN)",
}


#: The application section a missing document would have backed (the finding's field).
DOC_SECTIONS = {
    "state_license": "licenses", "dea_registration": "dea",
    "board_certification": "board_certifications", "malpractice_insurance": "malpractice_insurance",
    "diploma": "education", "training_certificate": "education",
    "life_support_card": "life_support", "cme_certificate": "cme", "cv": "work_history",
}


def profession_key(profession: str | None, keys: list[str]) -> str | None:
    """The settings key for a profession ("M.D.", "Physician and Surgeon" -> "MD")."""
    if not profession:
        return None
    by_fold = {k.casefold(): k for k in keys}
    if profession.strip().casefold() in by_fold:
        return by_fold[profession.strip().casefold()]
    code = profession_code(profession)
    return by_fold.get(code.casefold()) if code else None


@register("completeness.missing_document", severity="error",
          reads=("required_documents", "required_documents_default",
                 "documents_required_when_claimed"))
def missing_document(ctx: RuleContext) -> Iterator[Finding]:
    """A document type required for the provider's profession is not in the packet."""
    rule = get("completeness.missing_document")
    settings = ctx.settings
    provider = ctx.profile.application.provider
    raw_profession = provider.profession if provider else None
    key = profession_key(raw_profession, list(settings.required_documents))
    required: dict[str, str] = {}
    for doc_type in (settings.required_documents[key] if key
                     else settings.required_documents_default):
        required.setdefault(doc_type, f"required for {key} applicants" if key else
                            "required for every applicant (profession unknown)")
    for section, doc_type in settings.documents_required_when_claimed.items():
        claimed = [e for e in (getattr(ctx.application, section, None) or [])
                   if any(not is_blank(v) for v in e.model_dump().values())]
        if claimed:
            required.setdefault(doc_type, f"the application lists {_claim(section, claimed[0])}")
    present = {d.doc_type for d in ctx.documents}
    for doc_type, reason in required.items():
        if doc_type in present:
            continue
        label = DOC_LABELS.get(doc_type, doc_type)
        yield rule.finding(
            field=DOC_SECTIONS.get(doc_type),
            message=(f"{label} missing: no {label.lower()} was found among the packet's "
                     f"documents ({reason}). Request a copy from the provider."),
            evidence={"doc_type": doc_type, "profession": key or raw_profession,
                      "reason": reason, "documents_present": sorted(present)})


def _claim(section: str, entry: Any) -> str:
    if section == "dea":
        return f"DEA number {entry.dea_number}" if entry.dea_number else "a DEA registration"
    if section == "board_certifications":
        what = " ".join(x for x in (entry.board, entry.specialty) if x)
        return f"board certification {what}".strip()
    return section.replace("_", " ")


def _present(profile_app: Any, path: str) -> bool:
    section, _, name = path.partition(".")
    value = getattr(profile_app, section, None)
    if value is None:
        return False
    if isinstance(value, list):
        return any(not is_blank(getattr(e, name, None)) for e in value)
    return not is_blank(getattr(value, name, None)) if name else True


def _unread(ctx: RuleContext, path: str, rule: str) -> bool:
    """Documents that print ``path`` are in the packet but it was not read from them: each
    is doubted (value None, confidence 0) for a person to read the value on the page."""
    section, _, name = path.partition(".")
    holders = [d for d in ctx.documents if d.doc_type in DOC_MAP
               and DOC_MAP[d.doc_type][0] == section and name in DOC_MAP[d.doc_type][1].values()]
    for d in holders:
        ctx.doubts.add(field=path, value=None, doc_type=d.doc_type, rule=rule,
                       source=Source(confidence=0.0, file=d.file, page=d.pages[0] if d.pages else None),
                       reason="not read from the document")
    return bool(holders)


@register("completeness.missing_field", severity="error", reads=("required_fields",))
def missing_field(ctx: RuleContext) -> Iterator[Finding]:
    """A required application field is empty and no document supplies it."""
    rule = get("completeness.missing_field")
    for path in ctx.settings.required_fields:
        if _present(ctx.profile.application, path) or _unread(ctx, path, rule.id):
            continue
        label = _FIELD_LABELS.get(path, path.replace(".", " ").replace("_", " "))
        advice = _FIELD_HELP.get(path, "ask the provider to complete it")
        yield rule.finding(
            field=path,
            message=(f"The {label} is blank in application.json and no document in the packet "
                     f"shows it: {advice}."),
            evidence={"field": path, "file": "application.json", "page": None})
