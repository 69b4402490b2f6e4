"""Reconciliation: where the application and the documents agree, disagree or fill a gap.

One item per field of every consolidated entry that has a value on either side:
``match`` (equal after normalisation for the field's kind: identifiers exact after
removing punctuation, dates at the coarser precision, free text by fuzzy score, names
with nicknames and initials), ``mismatch`` (a probable typo when identifiers are one
edit apart), ``filled_from_document`` (blank in the application) and
``missing_in_documents`` (typed in, but no document shows it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from credintake.contract import ReconciliationItem, Source
from credintake.rules.names import fold, match_applicant
from credintake.rules.evidence import (MODELS, NAME_AUTHORITY, Entry, Evidence, HolderName,
                                       Profile, source_of)
from credintake.rules.values import FIELD_KINDS, Comparison, compare, is_blank
from credintake.settings import RuleSettings

#: The field that names an entry when the whole entry is missing from the documents.
IDENTITY_FIELD = {
    "licenses": "license_number", "dea": "dea_number", "board_certifications": "board",
    "education": "institution", "work_history": "employer",
    "malpractice_insurance": "policy_number", "life_support": "course", "cme": "activity_title",
}
NAME_PARTS = {"first_name": "first", "middle_name": "middle", "last_name": "last",
              "suffix": "suffix"}


@dataclass
class Record:
    """A reconciliation item with what the rules need to word a finding."""

    item: ReconciliationItem
    kind: str
    note: str = ""
    section: str = ""
    entry: Entry | None = None
    doc_type: str | None = None


def _item(path: str, status: str, app: Any, doc: Any, score: float | None,
          source: Source | None) -> ReconciliationItem:
    return ReconciliationItem(field=path, application_value=app, document_value=doc,
                              status=status, score=None if score is None else round(score, 1),
                              source=source)


def _compare_all(kind: str, app: Any, docs: list[Evidence], settings: RuleSettings
                 ) -> tuple[Comparison, Evidence]:
    """Compare with every document value: any agreeing document makes it a match."""
    results = [(compare(kind, app, ev.value, match_threshold=settings.fuzzy_match_threshold), ev)
               for ev in docs]
    matches = [r for r in results if r[0].match]
    if matches:
        return max(matches, key=lambda r: (r[0].score, r[1].weight))
    return max(results, key=lambda r: (r[1].weight, r[0].score))


def reconcile_entry(section: str, entry: Entry, settings: RuleSettings,
                    fields: tuple[str, ...] | None = None) -> list[Record]:
    """Records for one entry; an application entry no document backs gets one record."""
    out: list[Record] = []
    fields = fields or tuple(MODELS[section].model_fields)
    if section in IDENTITY_FIELD and not entry.doc_indexes and entry.app_values:
        name = IDENTITY_FIELD[section]
        if is_blank(entry.app_values.get(name)):
            name = next(iter(entry.app_values))
        kind = FIELD_KINDS.get(f"{section}.{name}", "text")
        out.append(Record(_item(f"{section}.{name}", "missing_in_documents",
                                entry.app_values[name], None, None, None),
                          kind, "no document shows this entry", section, entry))
        return out
    for name in fields:
        path = f"{section}.{name}"
        kind = FIELD_KINDS.get(path, "text")
        app = entry.app_values.get(name)
        docs = [ev for ev in entry.docs.get(name, [])
                if ev.source is not None or (name == "kind" and entry.doc_indexes)]
        if is_blank(app) and not docs:
            continue
        if is_blank(app):
            chosen = entry.chosen.get(name)
            if chosen is not None and chosen.from_document and chosen.source is not None:
                out.append(Record(_item(path, "filled_from_document", None, chosen.value,
                                        chosen.source.confidence * 100, chosen.source),
                                  kind, "", section, entry, chosen.doc_type))
            continue
        if not docs:
            if name == "kind":
                continue  # derived from the wording, never printed: nothing to be missing
            out.append(Record(_item(path, "missing_in_documents", app, None, None, None),
                              kind, "", section, entry))
            continue
        result, ev = _compare_all(kind, app, docs, settings)
        status = "match" if result.match else "mismatch"
        # A derived value (education kind from a diploma) cites the entry's document.
        source = ev.source or entry.first_source()
        out.append(Record(_item(path, status, app, ev.value, result.score, source),
                          kind, result.note, section, entry, ev.doc_type))
    return out


def _best_holder(profile: Profile) -> tuple[HolderName | None, str]:
    """The document name reconciled against the applicant's: the most authoritative one
    that is the applicant, else the most authoritative one."""
    names = sorted(profile.holder_names,
                   key=lambda h: h.value.confidence * NAME_AUTHORITY.get(h.doc_type, 0.5),
                   reverse=True)
    known = profile.known_names()
    for h in names:
        result = match_applicant(h.parsed, known)
        if result.matches:
            return h, result.reason
    return (names[0], "") if names else (None, "")


def reconcile_names(profile: Profile, settings: RuleSettings) -> list[Record]:
    p = profile.submitted.provider
    out: list[Record] = []
    holder, reason = _best_holder(profile)
    if p is None or not (p.first_name or p.last_name):
        return reconcile_fill_only(profile, ("first_name", "middle_name", "last_name", "suffix"))
    if holder is None:
        for part in ("first_name", "last_name"):
            value = getattr(p, part)
            if value:
                out.append(Record(_item(f"provider.{part}", "missing_in_documents", value, None,
                                        None, None), "name", "", "provider"))
        return out
    source = source_of(holder.value)
    former = {fold(n.last) for n in profile.known_names()[1:]}
    for part, attr in NAME_PARTS.items():
        app = getattr(p, part)
        doc = getattr(holder.parsed, attr)
        doc = doc[:-1] if len(doc) == 2 and doc.endswith(".") else doc
        if is_blank(app) and is_blank(doc):
            continue
        path = f"provider.{part}"
        if is_blank(app):
            out.append(Record(_item(path, "filled_from_document", None, doc,
                                    source.confidence * 100, source), "name", "", "provider",
                              None, holder.doc_type))
            continue
        if is_blank(doc):
            if part in ("first_name", "last_name"):
                out.append(Record(_item(path, "missing_in_documents", app, None, None, None),
                                  "name", "", "provider"))
            continue
        result = compare("name", app, doc, match_threshold=settings.fuzzy_match_threshold)
        note = result.note
        if not result.match and part == "last_name" and fold(doc) in former:
            result, note = Comparison(True, 90.0, "former name"), "former name"
        if not result.match and part == "first_name" and reason == "goes by the middle name":
            result, note = Comparison(True, 85.0), reason
        out.append(Record(_item(path, "match" if result.match else "mismatch", app, doc,
                                result.score, source), "name", note, "provider", None,
                          holder.doc_type))
    return out


def reconcile_fill_only(profile: Profile, parts: tuple[str, ...]) -> list[Record]:
    out = []
    for part in parts:
        chosen = profile.provider.chosen.get(part)
        if chosen is not None and chosen.from_document and chosen.source is not None:
            out.append(Record(_item(f"provider.{part}", "filled_from_document", None,
                                    chosen.value, chosen.source.confidence * 100,
                                    chosen.source), "name", "", "provider", None,
                              chosen.doc_type))
    return out


def reconcile(profile: Profile, settings: RuleSettings) -> list[Record]:
    """Every reconciliation record of a profile, provider first, then section by section."""
    records = reconcile_names(profile, settings)
    provider = profile.provider
    for record in reconcile_entry("provider", provider, settings,
                                  ("profession", "npi", "email", "phone")):
        if (record.item.status == "missing_in_documents"
                and record.item.field == "provider.profession"):
            continue  # no document states a profession outright; not worth an item
        records.append(record)
    for section, entries in profile.entries.items():
        for entry in entries:
            records.extend(reconcile_entry(section, entry, settings))
    return records


def items(records: list[Record]) -> list[ReconciliationItem]:
    return [r.item for r in records]
