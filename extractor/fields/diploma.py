"""Diploma: classic and Latin wall diplomas, modern certificates, registrar verifications.

The holder follows a conferral cue ("has conferred upon", "hereby certifies that",
"Notum sit quod"); the degree is a "Doctor/Master/Bachelor of ..." phrase (prose "the
degree of ..." first); the institution is the university/college heading, never the
"President of the University" under a signature; the date may be written out in words.
"""

from __future__ import annotations

import re

from credintake.extractor.dates import find_dates
from credintake.extractor.fields.anchors import (Doc, Hit, Spec, find_field, hit_from_span, put,
                                                 register_labels, search)
from credintake.extractor.fields.common import SIGNATURE_TITLES, date_by_label, org_search, reread_poor_words
from credintake.extractor.fields.prominence import certificate_holder
from credintake.extractor.fields.registry import Extraction, register
from credintake.extractor.fields.values import text_value
from credintake.extractor.layout import Page

NAME_LABELS = ("Student Name", "Graduate Name", "Name of Graduate", "Name", "Graduate", "Recipient",
               "Awarded To", "Student", "Degree Recipient", "Name on Diploma")
INSTITUTION_LABELS = ("School", "Institution", "School Name", "Institution Name", "Awarding Institution",
                      "University Name", "College Name", "Conferred By", "Degree Granting Institution",
                      "Name of Institution", "Name of School")
DEGREE_LABELS = ("Degree Title", "Degree", "Degree Awarded", "Degree Conferred", "Degree Earned", "Award",
                 "Credential Awarded", "Degree Name")
DATE_LABELS = ("Date Awarded", "Date Conferred", "Conferred", "Degree Date", "Graduation Date", "Date of Graduation",
               "Awarded", "Completion Date", "Date of Degree", "Conferral Date", "Degree Conferred Date",
               "Date Degree Conferred", "Datum", "Graduated", "Date of Award", "Date of Issue", "Date Issued",
               "Issued On")

_DEGREE = re.compile(
    r"\b((?:Doctor|Master|Bachelor|Associate|Doctorate|DOCTOR|MASTER|BACHELOR|ASSOCIATE)[ \t]+(?:of|OF|in|IN)[ \t]+"
    r"(?:[A-Z][\w'\-]*)(?:[ \t]+(?:(?:of|in|and|OF|IN|AND|&)[ \t]+)?(?!Conferred|CONFERRED|Awarded|AWARDED|Given)"
    r"[A-Z][\w'\-]*){0,5}"
    r"|Medicinae\s+Doctor(?:is)?|Doctor\s+Medicinae|Doctoris\s+in\s+Medicina|Juris\s+Doctor"
    # nursing and college diplomas: "Diploma in General Nursing", "DIPLOMA IN MIDWIFERY"
    r"|(?:Diploma|DIPLOMA)[ \t]+(?:in|IN)[ \t]+[A-Z][\w'\-]*(?:[ \t]+(?:(?:and|AND|&)[ \t]+)?[A-Z][\w'\-]*){0,4})")
#: "has awarded this Ontario College Diploma", "confers the Advanced Diploma" (college credentials
#: named by their type, the program of study printed apart)
_AWARD_NOUN = re.compile(r"(?:award(?:ed|s)?|confer(?:red|s)?|grant(?:ed|s)?)\s+(?:this|the|a|an)\s+"
                         r"((?:[A-Z][\w'\-]*\s+){0,4}(?:Diploma|Degree|Certificate|DIPLOMA|DEGREE|CERTIFICATE))\b")
_INSTITUTION_KEY = re.compile(r"University|UNIVERSITY|College|COLLEGE|School|SCHOOL|Institute|INSTITUTE|"
                              r"Academy|ACADEMY|Universitas|UNIVERSITAS|Collegium|Polytechnic|Center|CENTER|"
                              r"Board|BOARD")  # examining boards award nursing diplomas (Pakistan, India)
_INSTITUTION_SKIP = re.compile(r"^(president|dean|chancellor|registrar|provost|secretary|board|trustees|regents|"
                               r"faculty|seal)\b|^the\s+(university|college|school)$|^(university|college|school)$|"
                               r"\b(diploma|degree|certificate)$",
                               re.I)
_DEGREE_PROSE = re.compile(r"(?:degree\s+of|gradum|title\s+of|awarded\s+the)\s*:?\s+([^\n]{3,80}(?:\n[^\n]{0,60})?)",
                           re.I)
_DATE_CUES = re.compile(r"(?:given|dated?|datum|conferred|awarded|witness\s+whereof|granted|this|on)\b([^\n]{0,160})",
                        re.I)
_NOISE_LINE = re.compile(r"https?:|www\.|transaction|requested|printed|attendance|\d{1,2}:\d{2}", re.I)


def _degree_value(text: str) -> tuple[str, int, int] | None:
    m = _DEGREE.search(text)
    if m:
        value = re.sub(r"\s+", " ", m.group(1)).strip()
        return value, m.start(1), m.start(1) + len(m.group(1).rstrip())
    return None


def _award_value(text: str) -> tuple[str, int, int] | None:
    """A named credential ('Ontario College Diploma'), not the bare noun ('this Diploma')."""
    value = re.sub(r"\s+", " ", text).strip()
    return (value, 0, len(text)) if len(value.split()) >= 2 else None


def _degree_label_value(text: str) -> tuple[str, int, int] | None:
    got = _degree_value(text)
    if got:
        return got
    got = text_value(text)
    if got and not re.search(r"\d", got[0]) and len(got[0].split()) <= 8 and got[0][:1].isupper():
        return got
    return None


def _institution_value(text: str) -> tuple[str, int, int] | None:
    got = text_value(text)
    if got and not re.search(r"\d{3,}", got[0]) and len(got[0].split()) <= 12:
        return got
    return None


def _completion_date(doc: Doc) -> Hit | None:
    got = date_by_label(doc, DATE_LABELS, exclude=r"attendance|requested|transaction|print|birth|enroll")
    if got:
        return got
    # a date in the diploma's own prose: "Given at ..., on May 13, 2010", "this twentieth day of ..."
    for page in doc.pages:
        text, _ = doc.page_text(page)
        lines = text.split("\n")
        pos = 0
        candidates = []
        for line in lines:
            if not _NOISE_LINE.search(line):
                for d in find_dates(line):
                    candidates.append((d, pos))
            pos += len(line) + 1
        day_level = [c for c in candidates if c[0].precision != "year"] or candidates
        if day_level:
            d, base = day_level[-1] if len(day_level) > 1 and _prefers_last(text) else day_level[0]
            hit = hit_from_span(doc, page, base + d.start, base + d.end, d.value, 0.7)
            # a year OCR could barely read off a stamp or seal is noise, not the date
            if hit is not None and min(w.conf for w in hit.words) >= 0.2:
                return hit
    return None


def _prefers_last(text: str) -> bool:
    return bool(re.search(r"given|dated|datum|witness", text, re.I))


def _institution(doc: Doc) -> Hit | None:
    got = find_field(doc, Spec(INSTITUTION_LABELS, _institution_value, at_start=True, fuzzy=True))
    if got:
        return got
    got = org_search(doc, _INSTITUTION_KEY, skip=_INSTITUTION_SKIP, confidence=0.8, strip=_GOVERNING)
    # a phrase on a signature caption line is an officer's title, not the school
    if got is not None and not SIGNATURE_TITLES.search(" ".join(w.text for w in got.words)):
        return reread_poor_words(got)
    return _logo_lockup(doc)


_KEY_ALONE = re.compile(r"(?:university|college|institute|academy|polytechnic)", re.I)


def _logo_lockup(doc: Doc) -> Hit | None:
    """A college logo at the top: the name in large type with 'COLLEGE' small beneath it
    (Canadian and US college diplomas). OCR specks of the emblem (short tokens) are dropped."""
    for seg in doc.segs[:8]:
        if not _KEY_ALONE.fullmatch(seg.text.strip(" .,")) or seg.index == 0:
            continue
        above = doc.segs[seg.index - 1]
        a, b = above.bbox, seg.bbox
        stacked = above.page is seg.page and 0 <= b[1] - a[3] <= above.height and a[0] < b[2] and a[2] > b[0]
        name = [w for w in above.words if re.fullmatch(r"[A-Z][A-Za-z'\-]{2,}", w.text)]
        if stacked and 1 <= len(name) <= 4:
            words = name + seg.words
            value = " ".join(w.text for w in words)
            return Hit(value, seg.page, words, value, 0.6)
    return None


_GOVERNING = re.compile(r"^(?:the\s+)?(?:regents|trustees|board\s+of\s+(?:trustees|regents|governors|visitors|"
                        r"curators|supervisors)|president\s+and\s+(?:fellows|trustees)|faculty|corporation|"
                        r"governing\s+board)\s+of\s+(?:the\s+)?", re.I)


@register("diploma")
def extract_diploma(pages: list[Page]) -> Extraction:
    doc = Doc(pages)
    fields: dict = {}
    if not doc.pages:
        return Extraction(fields)
    put(fields, "holder_name", certificate_holder(doc, NAME_LABELS, exclude=r"school|institution|program|parent"))
    put(fields, "institution", _institution(doc))
    degree = find_field(doc, Spec(DEGREE_LABELS, _degree_label_value, at_start=True,
                                  exclude=r"verification|date|type\s+of\s+document"))
    degree = degree or search(doc, _DEGREE_PROSE, parser=_degree_value, confidence=0.85)
    degree = degree or search(doc, _AWARD_NOUN, parser=_award_value, confidence=0.75)
    degree = degree or search(doc, re.compile(r"(.+)"), parser=_degree_value, confidence=0.75)
    put(fields, "degree", degree)
    put(fields, "completion_date", _completion_date(doc))
    return Extraction(fields)


register_labels(NAME_LABELS, INSTITUTION_LABELS, DEGREE_LABELS, DATE_LABELS)
