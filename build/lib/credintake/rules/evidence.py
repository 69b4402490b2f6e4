"""The evidence behind a profile: candidate values, entries, and how a value is chosen.

Every value of the profile is an ``Evidence``: the value, its weight (a document's read
confidence times its type's authority for the section, or ``application_authority`` for a
typed value) and its source (file, page, box). An ``Entry`` gathers the evidence of one
credential or activity; ``choose`` picks each field's value (best weight; the latest
expiration among documents of one credential; typed spelling kept when a document
confirms it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from credintake.contract import (Application, BoardCertification, Cme, Dea, Document,
                                 Education, FieldValue, License, LifeSupport, Malpractice,
                                 Provider, Source, WorkHistory)
from credintake.rules.dates import parse_date
from credintake.rules.names import ParsedName, known_names
from credintake.rules.values import FIELD_KINDS, compare, is_blank
from credintake.settings import RuleSettings


#: section -> contract model of one entry
MODELS: dict[str, type] = {
    "licenses": License, "dea": Dea, "board_certifications": BoardCertification,
    "education": Education, "work_history": WorkHistory,
    "malpractice_insurance": Malpractice, "life_support": LifeSupport, "cme": Cme,
}
SECTIONS = tuple(MODELS)


#: doc_type -> (section, {document field: profile field})
DOC_MAP: dict[str, tuple[str, dict[str, str]]] = {
    "state_license": ("licenses", {"profession": "profession", "license_number": "license_number",
                                   "issuing_state": "issuing_state", "issue_date": "issue_date",
                                   "expiration_date": "expiration_date", "status": "status"}),
    "dea_registration": ("dea", {"dea_number": "dea_number", "state": "state",
                                 "schedules": "schedules", "issue_date": "issue_date",
                                 "expiration_date": "expiration_date"}),
    "board_certification": ("board_certifications", {
        "board": "board", "specialty": "specialty", "issue_date": "issue_date",
        "expiration_date": "expiration_date"}),
    "malpractice_insurance": ("malpractice_insurance", {
        "carrier": "carrier", "policy_number": "policy_number",
        "per_claim_limit": "per_claim_limit", "aggregate_limit": "aggregate_limit",
        "effective_date": "effective_date", "expiration_date": "expiration_date"}),
    "diploma": ("education", {"institution": "institution", "degree": "degree",
                              "completion_date": "end_date"}),
    "training_certificate": ("education", {"institution": "institution", "program": "degree",
                                           "training_type": "kind", "start_date": "start_date",
                                           "end_date": "end_date"}),
    "life_support_card": ("life_support", {"course": "course", "issue_date": "issue_date",
                                           "expiration_date": "expiration_date"}),
    "cme_certificate": ("cme", {"activity_title": "activity_title", "credits": "credits",
                                "completion_date": "completion_date"}),
}
CV_ENTRY_MAP: dict[str, dict[str, str]] = {
    "work_history": {"employer": "employer", "title": "title", "city": "city", "state": "state",
                     "start_date": "start_date", "end_date": "end_date", "current": "current"},
    "education": {"institution": "institution", "degree": "degree", "start_date": "start_date",
                  "end_date": "end_date"},
}


#: How much a document type is worth as evidence for its section (x field confidence).
AUTHORITY: dict[str, float] = {
    "state_license": 1.0, "dea_registration": 1.0, "board_certification": 1.0,
    "malpractice_insurance": 1.0, "diploma": 1.0, "training_certificate": 1.0,
    "life_support_card": 1.0, "cme_certificate": 1.0, "cv": 0.6,
}
#: Authority of a document's holder name as the applicant's own name.
NAME_AUTHORITY: dict[str, float] = {
    "state_license": 1.0, "diploma": 0.95, "board_certification": 0.9, "dea_registration": 0.9,
    "training_certificate": 0.85, "cv": 0.8, "life_support_card": 0.7, "cme_certificate": 0.6,
    "malpractice_insurance": 0.5,  # a COI may name the group practice
}
#: The field that carries the holder's name, per document type.
NAME_FIELDS: dict[str, str] = {
    "state_license": "holder_name", "dea_registration": "registrant_name",
    "board_certification": "holder_name", "malpractice_insurance": "insured_name",
    "diploma": "holder_name", "training_certificate": "holder_name",
    "life_support_card": "holder_name", "cme_certificate": "holder_name", "cv": "name",
}
#: Profession evidence read from documents is discounted so a typed profession stands.
PROFESSION_DOC_FACTOR = 0.7
PROVIDER_FROM_CV = {"email": "email", "phone": "phone", "npi": "npi"}


@dataclass
class Evidence:
    """One candidate value with where it came from (doc_index None: the application)."""

    value: Any
    weight: float
    source: Source | None = None
    doc_index: int | None = None
    doc_type: str | None = None

    @property
    def from_document(self) -> bool:
        return self.doc_index is not None


@dataclass
class Entry:
    """One consolidated entry of a section, and everything that backs it."""

    section: str
    app_index: int | None = None
    app_values: dict[str, Any] = field(default_factory=dict)
    docs: dict[str, list[Evidence]] = field(default_factory=dict)
    doc_indexes: list[int] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    chosen: dict[str, Evidence] = field(default_factory=dict)

    def doc_view(self) -> dict[str, Any]:
        """The best document value of every field (for pairing with the application)."""
        return {f: max(evs, key=lambda e: e.weight).value for f, evs in self.docs.items() if evs}

    def source_of(self, name: str) -> Source | None:
        ev = self.chosen.get(name)
        if ev is not None and ev.source is not None:
            return ev.source
        return self.first_source()

    def first_source(self) -> Source | None:
        for evs in self.docs.values():
            for ev in evs:
                if ev.source is not None:
                    return ev.source
        return None


@dataclass
class HolderName:
    """A name printed on a document, parsed."""

    doc_index: int
    doc_type: str
    field: str
    value: FieldValue
    parsed: ParsedName


@dataclass
class Profile:
    """The consolidated application plus the evidence behind it."""

    application: Application
    provider: Entry
    entries: dict[str, list[Entry]]
    holder_names: list[HolderName]
    documents: list[Document]
    submitted: Application

    def sources(self) -> dict[str, Source]:
        """Provenance of every document-backed profile value, keyed by indexed path."""
        out: dict[str, Source] = {}
        for name, ev in self.provider.chosen.items():
            if ev.source is not None:
                out[f"provider.{name}"] = ev.source
        for section, entries in self.entries.items():
            for i, entry in enumerate(entries):
                for name, ev in entry.chosen.items():
                    if ev.source is not None:
                        out[f"{section}[{i}].{name}"] = ev.source
        return out

    def known_names(self) -> list[ParsedName]:
        p = self.application.provider or Provider()
        return known_names(p.first_name, p.middle_name, p.last_name, p.suffix, p.other_names)


def source_of(fv: FieldValue) -> Source:
    """A FieldValue's provenance without its value.

    (``FieldValue.source()`` cannot be used: its serializer re-adds ``value``, which
    ``Source`` forbids.)
    """
    return Source(confidence=fv.confidence, file=fv.file, page=fv.page, bbox=fv.bbox, raw=fv.raw)


def _expiry_key(ev: Evidence) -> dt.date:
    parsed = parse_date(ev.value)
    return parsed.last_day() if parsed else dt.date.min


def choose(entry: Entry, settings: RuleSettings) -> None:
    """Set ``entry.values`` / ``entry.chosen``: the best-weighted evidence of each field."""
    names = set(entry.docs) | {k for k, v in entry.app_values.items() if not is_blank(v)}
    for name in names:
        candidates = list(entry.docs.get(name, []))
        if name == "expiration_date" and len(candidates) > 1:
            top = max(e.weight for e in candidates)
            fresh = [e for e in candidates if e.weight >= 0.5 * top]
            candidates = [max(fresh, key=_expiry_key)]
        app_value = entry.app_values.get(name)
        if not is_blank(app_value):
            candidates.append(Evidence(app_value, settings.application_authority))
        if not candidates:
            continue
        best = max(candidates, key=lambda e: e.weight)
        kind = FIELD_KINDS.get(f"{entry.section}.{name}", "")
        if (best.from_document and not is_blank(app_value) and kind.startswith("text")
                and compare(kind, app_value, best.value,
                            match_threshold=settings.fuzzy_match_threshold).match):
            # The document confirms the typed text: keep the typed spelling ("Doctor of
            # Medicine", not "DOCTOR OF MEDICINE"), cite the document.
            entry.values[name] = app_value
            entry.chosen[name] = Evidence(app_value, best.weight, best.source, best.doc_index,
                                          best.doc_type)
            continue
        entry.values[name] = best.value
        entry.chosen[name] = best
    if entry.section == "work_history" and entry.values.get("current"):
        # "Present" on one side, an end date on the other: the better evidence decides.
        end = entry.chosen.get("end_date")
        if end is not None and end.weight > entry.chosen["current"].weight:
            entry.values["current"] = False
        else:
            entry.values.pop("end_date", None)
            entry.chosen.pop("end_date", None)
