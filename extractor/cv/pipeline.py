"""Reading a curriculum vitae: rows -> header fields -> sections -> entries.

``read_cv(pages)`` is what ``extractor/fields/cv.py`` registers for ``doc_type == "cv"``.
Modules of ``credintake.extractor.cv``: ``rows`` (visual rows with word boxes),
``sections`` (headings by name and look), ``entries`` (entries anchored by date ranges,
then employer/title/place/degree), ``schooling`` (education read line by line when its
entries are not each dated), ``lines`` (what both share), ``positions`` (a section's
jobs read together), ``phrases`` (spaCy token patterns for titles, organisations,
places, degrees), ``header`` (name, email, phone, NPI), ``lexicon`` (the vocabularies),
``pipeline`` (this order).
"""

from __future__ import annotations

from credintake.contract import FieldValue
from credintake.extractor.cv.entries import (
    Entry,
    anonymised,
    education_fields,
    headline_fragments,
    segment,
    work_fields,
)
from credintake.extractor.cv.header import header_fields
from credintake.extractor.cv.phrases import find_degree, is_title, score
from credintake.extractor.cv.positions import as_training, inherit, is_trainee, nest
from credintake.extractor.cv.rows import Row, build_rows
from credintake.extractor.cv.sections import split_sections
from credintake.extractor.layout import Page

Fields = dict[str, FieldValue]
Entries = dict[str, list[Fields]]


def read_cv(pages: list[Page]) -> tuple[Fields, Entries]:
    """Fields and entries of one CV; pages without text contribute nothing."""
    rows = build_rows([p for p in pages if p.lines and not p.error])
    if not rows:
        return {}, {"education": [], "work_history": []}
    sections = split_sections(rows)
    top = sections[0].rows if sections[0].kind == "top" else None
    fields = header_fields(rows, top)
    entries: dict[str, list[Fields]] = {"education": [], "work_history": []}
    for section in sections:
        if section.kind == "education":
            entries["education"] += [education_fields(e) for e in segment(section.rows, "education")]
        elif section.kind == "work_history":
            jobs, blank = [], set()
            for entry in segment(section.rows, "work_history"):
                if _is_schooling(entry):  # an education heading lost (OCR) or never printed
                    entries["education"].append(education_fields(entry))
                else:
                    jobs.append(work_fields(entry))
                    if anonymised(entry):
                        blank.add(id(jobs[-1]))
            jobs = inherit(nest(jobs), blank)
            entries["education"] += [as_training(j) for j in jobs if is_trainee(j)]
            entries["work_history"] += [j for j in jobs if not is_trainee(j)]
        elif section.kind == "top":
            _unlabelled(section.rows, entries)
    return fields, {k: _dedupe(v) for k, v in entries.items()}


def _unlabelled(rows: list[Row], entries: Entries) -> None:
    """Dated headlines before any recognised heading (a CV without headings, or one whose
    headings OCR lost): education when they name a degree or program, jobs when they name
    an employer or a title; anything vaguer (a summary's "since 2012") is left out."""
    jobs = []
    for entry in segment(rows, "work_history"):
        if _is_schooling(entry):
            edu = education_fields(entry)
            if "institution" in edu or "degree" in edu:
                entries["education"].append(edu)
            continue
        job = work_fields(entry)
        if "title" in job or ("employer" in job and job["employer"].confidence >= 0.5):
            jobs.append(job)
    entries["work_history"] += inherit(jobs, set())


def _is_schooling(entry: Entry) -> bool:
    """The entry names a degree or training program and no job title ('MD Anderson
    Cancer Center' is an organisation, 'Boston, MA' a place, neither a degree)."""
    texts = [f.text for f in headline_fragments(entry)]
    if not any(find_degree(t) and score(t).org < 2.0 for t in texts):
        return False
    return not any(is_title(t) and not _is_degree_name(t) for t in texts)


def _is_degree_name(text: str) -> bool:
    """The whole fragment is a degree ('Doctor of Pharmacy'): its 'Doctor' is no title."""
    span = find_degree(text)
    return span is not None and span[1] - span[0] >= len(text.strip(" .,;:")) - 1


def _dedupe(items: list[Fields]) -> list[Fields]:
    seen: set[tuple] = set()
    out = []
    for item in items:
        item = {k: v for k, v in item.items() if not (isinstance(v.value, str) and not v.value.strip())}
        if not any(k in item for k in ("employer", "institution", "title", "degree")):
            continue
        key = tuple((k, item[k].value) for k in sorted(item))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
