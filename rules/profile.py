"""Consolidate the packet's documents and the application into one profile.

The profile has the application's shape. Each document becomes a candidate entry of one
section (a state license -> ``licenses``, a diploma -> ``education`` with kind "degree",
each CV line -> ``work_history`` or ``education``); candidates that describe the same
credential (same license number, same board and specialty, same school...) are merged,
and each merged entry is paired with the application's entry for it, if any.

For every field the best evidence wins: a document value weighs its confidence times the
authority of its document type for that section (a license for a license number, a DEA
certificate for a DEA number, a diploma for a degree; a CV less), the application's value
weighs ``settings.application_authority``. Blank application fields are therefore filled
from documents, and a confident primary document overrides a typed value it contradicts
(reconciliation reports the disagreement). Expiration dates are the exception among
several documents of one credential: the latest date wins (a renewal card beats the old
one). Every profile value keeps its evidence, so findings can cite file and page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from credintake.contract import (Application, Attestation, BoardCertification, Cme, Dea,
                                 Document, Education, FieldValue, GapExplanation, License,
                                 LifeSupport, Malpractice, Provider, Source, WorkHistory)
from credintake.rules.dates import parse_date, same_date
from credintake.rules.identifiers import edit_distance, normalise_identifier
from credintake.rules.names import ParsedName, match_applicant, known_names, parse_name
from credintake.rules.text import normalise_text, text_score
from credintake.rules.values import FIELD_KINDS, clean, is_blank, profession_code, state_code
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


# --- building candidates ------------------------------------------------------------------

def source_of(fv: FieldValue) -> Source:
    """A FieldValue's provenance without its value.

    (``FieldValue.source()`` cannot be used: its serializer re-adds ``value``, which
    ``Source`` forbids.)
    """
    return Source(confidence=fv.confidence, file=fv.file, page=fv.page, bbox=fv.bbox, raw=fv.raw)


def _evidence(kind: str, fv: FieldValue, doc_index: int, doc_type: str,
              settings: RuleSettings) -> Evidence | None:
    if fv.confidence < settings.min_field_confidence:
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
        ev = _evidence(FIELD_KINDS[f"{section}.{prof_field}"], fv, doc_index, doc_type, settings)
        if ev is not None:
            entry.docs.setdefault(prof_field, []).append(ev)
    if not entry.docs:
        return None
    if section == "education" and "kind" not in entry.docs:
        kind = "degree" if doc_type == "diploma" else _training_kind(entry.doc_view().get("degree"))
        entry.docs["kind"] = [Evidence(kind, 0.5, None, doc_index, doc_type)]
    if section == "work_history":
        # An open-ended job: "end_date: null, current: true".
        fv = fields.get("current")
        if fv is not None and fv.value is True and "end_date" not in entry.docs:
            entry.docs["current"] = [Evidence(True, fv.confidence * AUTHORITY[doc_type],
                                              source_of(fv), doc_index, doc_type)]
    return entry


def _training_kind(degree: Any) -> str:
    text = str(degree or "").lower()
    for word, kind in (("fellow", "fellowship"), ("residen", "residency"),
                       ("intern", "internship")):
        if word in text:
            return kind
    return "degree"


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


# --- pairing ------------------------------------------------------------------------------

def _id_score(a: Any, b: Any, same_place: bool | None) -> float | None:
    """Identifiers: equal 100; one edit 80; two edits (a transposition of non-neighbours)
    in a number of six or more characters 65. +10 when the state (or carrier) agrees, so a
    mistyped number of the same credential still pairs (and shows as a mismatch)."""
    na, nb = normalise_identifier(a), normalise_identifier(b)
    if not na or not nb:
        return None
    if na == nb:
        return 100.0
    distance = edit_distance(na, nb)
    if distance == 1:
        score = 80.0
    elif distance == 2 and min(len(na), len(nb)) >= 6:
        score = 65.0
    else:
        return 0.0
    return score + (10.0 if same_place else 0.0)


def _same(a: Any, b: Any) -> bool | None:
    if is_blank(a) or is_blank(b):
        return None
    return a == b


def _date_penalty(a: Any, b: Any) -> float:
    """0 when two dates agree (at the coarser precision), more the further apart they are."""
    same = same_date(a, b)
    if same is None or same:
        return 0.0
    pa, pb = parse_date(a), parse_date(b)
    assert pa and pb
    # Enough to prefer the right one of two jobs at one employer, not enough to stop a
    # typed start date that is a year off from pairing with its CV line.
    return 10.0 if abs(pa.first_day().year - pb.first_day().year) <= 1 else 20.0


def pair_score(section: str, a: dict[str, Any], b: dict[str, Any],
               match_threshold: float = 88.0) -> float:
    """0-100: how likely two entries of a section describe the same credential or activity.

    ``match_threshold`` is ``settings.fuzzy_match_threshold`` (two carriers are one above it).
    """
    if section in ("licenses", "dea", "malpractice_insurance"):
        key = {"licenses": "license_number", "dea": "dea_number",
               "malpractice_insurance": "policy_number"}[section]
        if section == "malpractice_insurance":
            same_place = (text_score(a["carrier"], b["carrier"], "carrier") >= match_threshold
                          if a.get("carrier") and b.get("carrier") else None)
        else:
            where_key = "issuing_state" if section == "licenses" else "state"
            same_place = _same(a.get(where_key), b.get(where_key))
        score = _id_score(a.get(key), b.get(key), same_place)
        if score is not None:
            return score
        if section == "malpractice_insurance":
            if a.get("carrier") and b.get("carrier"):
                same = text_score(a["carrier"], b["carrier"], "carrier") >= match_threshold
                return 90.0 if same else 0.0
            return 60.0
        same = _same(a.get("issuing_state" if section == "licenses" else "state"),
                     b.get("issuing_state" if section == "licenses" else "state"))
        return {True: 90.0, False: 0.0, None: 60.0}[same]
    if section == "board_certifications":
        scores = [text_score(a[f], b[f], f, strict=f == "specialty")
                  for f in ("board", "specialty") if a.get(f) and b.get(f)]
        return min(scores) if scores else 50.0
    if section == "life_support":
        ca = normalise_text(a.get("course"), "course")
        cb = normalise_text(b.get("course"), "course")
        if not ca or not cb:
            return 50.0
        if ca != cb:
            return 0.0
        return 100.0 - _date_penalty(a.get("expiration_date"), b.get("expiration_date"))
    if section == "cme":
        if not a.get("activity_title") or not b.get("activity_title"):
            return 50.0
        return text_score(a["activity_title"], b["activity_title"]) - 2 * _date_penalty(
            a.get("completion_date"), b.get("completion_date"))
    if section == "education":
        if a.get("kind") and b.get("kind") and a["kind"] != b["kind"]:
            return 0.0
        if a.get("institution") and b.get("institution"):
            score = text_score(a["institution"], b["institution"], "institution")
        elif a.get("degree") and b.get("degree"):
            score = text_score(a["degree"], b["degree"], "degree")
        else:
            score = 50.0
        return score - _date_penalty(a.get("end_date"), b.get("end_date"))
    if section == "work_history":
        if a.get("employer") and b.get("employer"):
            score = text_score(a["employer"], b["employer"], "institution")
        else:
            score = 50.0
        return score - _date_penalty(a.get("start_date"), b.get("start_date"))
    return 0.0


def pair(left: list[dict[str, Any]], right: list[dict[str, Any]], section: str,
         threshold: float, match_threshold: float = 88.0) -> list[tuple[int, int, float]]:
    """Greedy best-first one-to-one pairing of two lists of entries (score >= threshold)."""
    scored = sorted(((pair_score(section, a, b, match_threshold), i, j) for i, a in enumerate(left)
                     for j, b in enumerate(right)), key=lambda t: (-t[0], t[1], t[2]))
    used_l: set[int] = set()
    used_r: set[int] = set()
    out = []
    for score, i, j in scored:
        if score < threshold or i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        out.append((i, j, score))
    return out


def _merge_docs(section: str, candidates: list[Entry], settings: RuleSettings) -> list[Entry]:
    """Merge candidates that describe one credential (several documents of one license)."""
    clusters: list[Entry] = []
    for cand in candidates:
        best, best_score = None, -1.0
        for cluster in clusters:
            if set(cluster.doc_indexes) & set(cand.doc_indexes):
                continue  # two lines of one CV are two activities
            score = pair_score(section, cluster.doc_view(), cand.doc_view(),
                               settings.fuzzy_match_threshold)
            if score > best_score:
                best, best_score = cluster, score
        if best is not None and best_score >= settings.fuzzy_match_threshold:
            for name, evs in cand.docs.items():
                best.docs.setdefault(name, []).extend(evs)
            best.doc_indexes.extend(cand.doc_indexes)
            best.doc_types.extend(cand.doc_types)
        else:
            clusters.append(cand)
    return clusters


# --- choosing values ----------------------------------------------------------------------

def _expiry_key(ev: Evidence) -> dt.date:
    parsed = parse_date(ev.value)
    return parsed.last_day() if parsed else dt.date.min


def _choose(entry: Entry, settings: RuleSettings) -> None:
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


def _app_entries(application: Application, section: str) -> list[dict[str, Any]]:
    items = getattr(application, section) or []
    out = []
    for item in items:
        values = {k: v for k, v in item.model_dump().items() if not is_blank(v)}
        out.append(values)
    return out


def consolidate_section(section: str, app_items: list[dict[str, Any]], candidates: list[Entry],
                        settings: RuleSettings) -> list[Entry]:
    """Merge a section's document candidates and pair them with the application's entries."""
    clusters = _merge_docs(section, candidates, settings)
    pairs = pair(app_items, [c.doc_view() for c in clusters], section,
                 settings.fuzzy_probable_threshold, settings.fuzzy_match_threshold)
    by_app = {i: j for i, j, _ in pairs}
    paired_docs = set(by_app.values())
    entries: list[Entry] = []
    for i, values in enumerate(app_items):
        if not values:
            continue
        if i in by_app:
            entry = clusters[by_app[i]]
            entry.app_index, entry.app_values = i, values
        else:
            entry = Entry(section=section, app_index=i, app_values=values)
        entries.append(entry)
    entries.extend(c for j, c in enumerate(clusters) if j not in paired_docs)
    for entry in entries:
        _choose(entry, settings)
    return entries


# --- provider -------------------------------------------------------------------------------

def holder_names(documents: list[Document], settings: RuleSettings) -> list[HolderName]:
    out = []
    for i, doc in enumerate(documents):
        name_field = NAME_FIELDS.get(doc.doc_type)
        fv = doc.fields.get(name_field) if name_field else None
        if fv is None or is_blank(fv.value) or fv.confidence < settings.min_field_confidence:
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


def _provider(application: Application, documents: list[Document], names: list[HolderName],
              profile_entries: dict[str, list[Entry]], settings: RuleSettings) -> Entry:
    p = application.provider or Provider()
    entry = Entry(section="provider",
                  app_values={k: v for k, v in p.model_dump().items() if not is_blank(v)})
    parts = ("first_name", "middle_name", "last_name", "suffix")
    attr = {"first_name": "first", "middle_name": "middle", "last_name": "last", "suffix": "suffix"}
    has_app_name = bool(p.first_name or p.last_name)
    if has_app_name:
        applicant = known_names(p.first_name, p.middle_name, p.last_name, p.suffix, p.other_names)
        matching = [h for h in names if match_applicant(h.parsed, applicant).matches]
    else:
        best = max(names, key=_name_weight, default=None)
        matching = ([h for h in names if match_applicant(
            h.parsed, [best.parsed]).matches] if best else [])
    matching.sort(key=_name_weight, reverse=True)
    for part in parts:
        if has_app_name and part in ("first_name", "last_name"):
            # The applicant's legal name is what they typed; documents only fill a blank.
            if p.first_name and p.last_name:
                continue
        for h in matching:
            value = _strip_initial(getattr(h.parsed, attr[part]))
            if not value:
                continue
            if part == "middle_name":
                # Prefer a full middle name to an initial among the names that agree.
                full = [m for m in matching if len(_strip_initial(m.parsed.middle)) > 1
                        and m.parsed.middle[:1].lower() == value[:1].lower()]
                if len(value) == 1 and full:
                    h, value = full[0], full[0].parsed.middle
            entry.docs.setdefault(part, []).append(Evidence(
                value, _name_weight(h) * 0.5 if has_app_name else _name_weight(h),
                source_of(h.value), h.doc_index, h.doc_type))
            break
    # Profession: license type, credential after the name, degree.
    for e in profile_entries.get("licenses", []):
        for ev in e.docs.get("profession", []):
            if (code := profession_code(ev.value)):
                entry.docs.setdefault("profession", []).append(
                    Evidence(code, ev.weight, ev.source, ev.doc_index, ev.doc_type))
    for h in matching:
        if (code := h.parsed.profession_hint):
            entry.docs.setdefault("profession", []).append(
                Evidence(code, _name_weight(h) * 0.9, source_of(h.value), h.doc_index, h.doc_type))
    for e in profile_entries.get("education", []):
        for ev in e.docs.get("degree", []):
            code = profession_code(ev.value)
            if code in ("MD", "DO", "PharmD") and ev.doc_type == "diploma":
                entry.docs.setdefault("profession", []).append(
                    Evidence(code, ev.weight * 0.8, ev.source, ev.doc_index, ev.doc_type))
    # Typed profession wins over what documents suggest; an NP or CRNA also holds an RN
    # license, so RN evidence yields to theirs.
    found = entry.docs.get("profession", [])
    codes = {ev.value for ev in found}
    if codes & {"NP", "CRNA"}:
        found = [ev for ev in found if ev.value != "RN"]
    for ev in found:
        ev.weight *= PROFESSION_DOC_FACTOR
    if found:
        entry.docs["profession"] = found
    for i, doc in enumerate(documents):
        if doc.doc_type != "cv":
            continue
        for doc_field, prof_field in PROVIDER_FROM_CV.items():
            fv = doc.fields.get(doc_field)
            if fv is None:
                continue
            ev = _evidence(FIELD_KINDS[f"provider.{prof_field}"], fv, i, "cv", settings)
            if ev is not None:
                entry.docs.setdefault(prof_field, []).append(ev)
    entry.doc_indexes = sorted({ev.doc_index for evs in entry.docs.values() for ev in evs
                                if ev.doc_index is not None})
    _choose(entry, settings)
    if has_app_name and p.first_name and p.last_name:
        for part in ("first_name", "last_name"):
            if p.model_dump().get(part):
                entry.values[part] = getattr(p, part)
                entry.chosen[part] = Evidence(getattr(p, part), settings.application_authority)
    return entry


# --- the profile ------------------------------------------------------------------------------

def _to_model(section: str, values: dict[str, Any]) -> Any:
    model = MODELS[section]
    allowed = set(model.model_fields)
    data = {k: v for k, v in values.items() if k in allowed}
    for key in ("state", "issuing_state"):
        if key in data:
            data[key] = state_code(data[key])
    return model(**data)


def build_profile(documents: list[Document], application: Application | None,
                  settings: RuleSettings) -> Profile:
    """The consolidated, application-shaped profile with the evidence behind every value."""
    application = application or Application()
    candidates = document_candidates(documents, settings)
    entries = {section: consolidate_section(section, _app_entries(application, section),
                                            candidates[section], settings)
               for section in SECTIONS}
    names = holder_names(documents, settings)
    provider = _provider(application, documents, names, entries, settings)
    p = application.provider or Provider()
    provider_values = {k: v for k, v in provider.values.items() if k in Provider.model_fields}
    provider_values["other_names"] = p.other_names
    provider_values["specialty"] = p.specialty
    provider_values["practice_state"] = p.practice_state
    if not provider_values.get("specialty"):
        specialties = {e.values.get("specialty") for e in entries["board_certifications"]
                       if e.values.get("specialty")}
        if len(specialties) == 1:
            provider_values["specialty"] = specialties.pop()
    if not provider_values.get("practice_state"):
        states = {e.values.get("issuing_state") for e in entries["licenses"]
                  if e.values.get("issuing_state")}
        if len(states) == 1:
            provider_values["practice_state"] = states.pop()
    profile_app = Application(
        application_id=application.application_id,
        provider=Provider(**{k: v for k, v in provider_values.items() if v is not None})
        if any(v for v in provider_values.values()) else None,
        gap_explanations=[GapExplanation(**g.model_dump()) for g in application.gap_explanations]
        if application.gap_explanations else None,
        attestation=Attestation(**application.attestation.model_dump())
        if application.attestation else None,
        **{section: [_to_model(section, e.values) for e in section_entries] or None
           for section, section_entries in entries.items()},
    )
    return Profile(application=profile_app, provider=provider, entries=entries,
                   holder_names=names, documents=documents, submitted=application)

