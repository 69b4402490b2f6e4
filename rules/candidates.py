"""Documents as candidate entries of the application's sections.

A state license becomes a ``licenses`` entry, a diploma an ``education`` entry of kind
"degree", a training certificate one of its training type, each CV line a
``work_history`` or ``education`` entry (its kind read from the wording).
"""

from __future__ import annotations

import re
from typing import Any

from credintake.contract import Document, FieldValue
from credintake.rules.evidence import (AUTHORITY, CV_ENTRY_MAP, DOC_MAP, SECTIONS, Entry,
                                       Evidence, source_of)
from credintake.rules.plausible import implausible
from credintake.rules.values import FIELD_KINDS, clean
from credintake.settings import RuleSettings


def evidence_from(kind: str, fv: FieldValue, doc_index: int, doc_type: str,
                  settings: RuleSettings) -> Evidence | None:
    """A document value as evidence (None when read too poorly, not a valid value, or the
    form's label or a placeholder read as the value: rules/plausible.py)."""
    if fv.confidence < settings.min_field_confidence or implausible(fv.value):
        return None
    value = clean(kind, fv.value)
    if value is None:
        return None
    return Evidence(value=value, weight=fv.confidence * AUTHORITY.get(doc_type, 0.5),
                    source=source_of(fv), doc_index=doc_index, doc_type=doc_type)


def _candidate(section: str, mapping: dict[str, str], fields: dict[str, FieldValue],
               doc_index: int, doc_type: str, settings: RuleSettings) -> Entry | None:
    entry = Entry(section=section, doc_indexes=[doc_index], doc_types=[doc_type])
    for doc_field, prof_field in mapping.items():
        fv = fields.get(doc_field)
        if fv is None:
            continue
        ev = evidence_from(FIELD_KINDS[f"{section}.{prof_field}"], fv, doc_index, doc_type,
                           settings)
        if ev is not None:
            entry.docs.setdefault(prof_field, []).append(ev)
    if not entry.docs:
        return None
    if section == "education" and "kind" not in entry.docs:
        degree = entry.doc_view().get("degree")
        kind = "degree" if doc_type == "diploma" else _education_kind(degree)
        if kind is not None:
            entry.docs["kind"] = [Evidence(kind, 0.5, None, doc_index, doc_type)]
    if section == "work_history":
        # An open-ended job: "end_date: null, current: true".
        fv = fields.get("current")
        if fv is not None and fv.value is True and "end_date" not in entry.docs:
            entry.docs["current"] = [Evidence(True, fv.confidence * AUTHORITY[doc_type],
                                              source_of(fv), doc_index, doc_type)]
    return entry


_DEGREE_WORDS = re.compile(
    r"\b(doctor|bachelor|master|associate|degree|diploma|md|do|ba|bs|bsn|ms|msn|ma|mba|mph|"
    r"phd|pharmd|dnp|dnap|mpas|mspas|mhs|mbbs|adn|m\.d|d\.o|b\.s|b\.a|m\.s)\b", re.I)


def _education_kind(degree: Any) -> str | None:
    """A CV education line's kind from its wording; None when it names only a programme
    ("Neurology"), which can then pair with a residency or a fellowship certificate."""
    text = str(degree or "").lower()
    for word, kind in (("fellow", "fellowship"), ("residen", "residency"),
                       ("intern", "internship"), ("transitional year", "internship")):
        if word in text:
            return kind
    return "degree" if _DEGREE_WORDS.search(text) else None


def document_candidates(documents: list[Document],
                        settings: RuleSettings) -> dict[str, list[Entry]]:
    """Every document (and every CV line) as a candidate entry of its section."""
    out: dict[str, list[Entry]] = {s: [] for s in SECTIONS}
    for i, doc in enumerate(documents):
        if doc.doc_type in DOC_MAP:
            section, mapping = DOC_MAP[doc.doc_type]
            if (entry := _candidate(section, mapping, doc.fields, i, doc.doc_type, settings)):
                out[section].append(entry)
        elif doc.doc_type == "cv":
            for section, mapping in CV_ENTRY_MAP.items():
                for line in (doc.entries or {}).get(section, []) or []:
                    if (entry := _candidate(section, mapping, line, i, "cv", settings)):
                        out[section].append(entry)
    return out
