"""The provider section of the profile: name, profession, NPI, e-mail, phone.

The applicant's typed legal name stands; blanks (middle name, suffix) are filled from
documents whose holder is the applicant (a full middle name beats an initial). Without a
typed name, the most authoritative document name is used (license > diploma > board /
DEA > training > CV > life-support card > CME > malpractice certificate). The profession
comes from the application, else the license type, the credential after a name or a
diploma's degree (an NP or CRNA hint beats an RN one). NPI, e-mail and phone come from
the CV when not typed.
"""

from __future__ import annotations

from credintake.contract import Application, Document, Provider
from credintake.rules.candidates import evidence_from
from credintake.rules.evidence import (NAME_AUTHORITY, NAME_FIELDS, PROFESSION_DOC_FACTOR,
                                       PROVIDER_FROM_CV, Entry, Evidence, HolderName, choose,
                                       source_of)
from credintake.rules.names import known_names, match_applicant, parse_name
from credintake.rules.plausible import implausible
from credintake.rules.values import FIELD_KINDS, is_blank, profession_code
from credintake.settings import RuleSettings


def holder_names(documents: list[Document], settings: RuleSettings) -> list[HolderName]:
    out = []
    for i, doc in enumerate(documents):
        name_field = NAME_FIELDS.get(doc.doc_type)
        fv = doc.fields.get(name_field) if name_field else None
        if (fv is None or is_blank(fv.value) or fv.confidence < settings.min_field_confidence
                or implausible(fv.value)):
            continue
        parsed = parse_name(str(fv.value))
        if parsed.last:
            out.append(HolderName(i, doc.doc_type, name_field,  # type: ignore[arg-type]
                                  fv, parsed))
    return out


def _name_weight(h: HolderName) -> float:
    return h.value.confidence * NAME_AUTHORITY.get(h.doc_type, 0.5)


def _strip_initial(part: str) -> str:
    return part[:-1] if len(part) == 2 and part.endswith(".") else part


def provider_entry(application: Application, documents: list[Document],
                   names: list[HolderName], profile_entries: dict[str, list[Entry]],
                   settings: RuleSettings) -> Entry:
    """The provider's consolidated values with their evidence."""
    p = application.provider or Provider()
    entry = Entry(section="provider",
                  app_values={k: v for k, v in p.model_dump().items() if not is_blank(v)})
    has_app_name = bool(p.first_name or p.last_name)
    matching = _matching_names(p, names)
    _name_evidence(entry, p, matching, has_app_name)
    _profession_evidence(entry, matching, profile_entries)
    _cv_evidence(entry, documents, settings)
    entry.doc_indexes = sorted({ev.doc_index for evs in entry.docs.values() for ev in evs
                                if ev.doc_index is not None})
    choose(entry, settings)
    if p.first_name and p.last_name:
        # The applicant's legal name is what they typed; documents only fill blanks.
        for part in ("first_name", "last_name"):
            entry.values[part] = getattr(p, part)
            entry.chosen[part] = Evidence(getattr(p, part), settings.application_authority)
    return entry


def _matching_names(p: Provider, names: list[HolderName]) -> list[HolderName]:
    """Document names that are the applicant (typed name, or else the best document name),
    most authoritative first."""
    if p.first_name or p.last_name:
        applicant = known_names(p.first_name, p.middle_name, p.last_name, p.suffix, p.other_names)
        matching = [h for h in names if match_applicant(h.parsed, applicant).matches]
    else:
        best = max(names, key=_name_weight, default=None)
        matching = ([h for h in names if match_applicant(h.parsed, [best.parsed]).matches]
                    if best else [])
    return sorted(matching, key=_name_weight, reverse=True)


def _name_evidence(entry: Entry, p: Provider, matching: list[HolderName],
                   has_app_name: bool) -> None:
    attr = {"first_name": "first", "middle_name": "middle", "last_name": "last", "suffix": "suffix"}
    for part, name_attr in attr.items():
        if part in ("first_name", "last_name") and p.first_name and p.last_name:
            continue
        for h in matching:
            value = _strip_initial(getattr(h.parsed, name_attr))
            if not value:
                continue
            if part == "middle_name" and len(value) == 1:
                # Prefer a full middle name to an initial among the names that agree.
                full = [m for m in matching if len(_strip_initial(m.parsed.middle)) > 1
                        and m.parsed.middle[:1].lower() == value.lower()]
                if full:
                    h, value = full[0], full[0].parsed.middle
            # With a typed name, documents only fill blanks (their weight stays below it).
            weight = _name_weight(h) * (0.5 if has_app_name else 1.0)
            entry.docs.setdefault(part, []).append(
                Evidence(value, weight, source_of(h.value), h.doc_index, h.doc_type))
            break


def _profession_evidence(entry: Entry, matching: list[HolderName],
                         profile_entries: dict[str, list[Entry]]) -> None:
    """Profession hints: license type, credential after the name, MD/DO/PharmD diploma."""
    found: list[Evidence] = []
    for e in profile_entries.get("licenses", []):
        for ev in e.docs.get("profession", []):
            if (code := profession_code(ev.value)):
                found.append(Evidence(code, ev.weight, ev.source, ev.doc_index, ev.doc_type))
    for h in matching:
        if (code := h.parsed.profession_hint):
            found.append(Evidence(code, _name_weight(h) * 0.9, source_of(h.value), h.doc_index,
                                  h.doc_type))
    for e in profile_entries.get("education", []):
        for ev in e.docs.get("degree", []):
            code = profession_code(ev.value)
            if code in ("MD", "DO", "PharmD") and ev.doc_type == "diploma":
                found.append(Evidence(code, ev.weight * 0.8, ev.source, ev.doc_index,
                                      ev.doc_type))
    # An NP or CRNA also holds an RN license, so RN evidence yields to theirs; a typed
    # profession wins over any document hint.
    if {ev.value for ev in found} & {"NP", "CRNA"}:
        found = [ev for ev in found if ev.value != "RN"]
    for ev in found:
        ev.weight *= PROFESSION_DOC_FACTOR
    if found:
        entry.docs["profession"] = found


def _cv_evidence(entry: Entry, documents: list[Document], settings: RuleSettings) -> None:
    """NPI, e-mail and phone printed on a CV."""
    for i, doc in enumerate(documents):
        if doc.doc_type != "cv":
            continue
        for doc_field, prof_field in PROVIDER_FROM_CV.items():
            fv = doc.fields.get(doc_field)
            if fv is None:
                continue
            ev = evidence_from(FIELD_KINDS[f"provider.{prof_field}"], fv, i, "cv", settings)
            if ev is not None:
                entry.docs.setdefault(prof_field, []).append(ev)
