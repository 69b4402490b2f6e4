"""Life-support cards: AHA eCards (BLS, ACLS, PALS), AAP NRP, Red Cross certificates.

The course is normalised to BLS / ACLS / PALS / NRP from its name or acronym; a card for
another course (Standard First Aid & CPR/AED) has no course. AHA prints "Issue Date" and
"Recommended Renewal Date" / "Renew By" as month and year only, which the values keep
(``YYYY-MM``); CPR e-certificates print "Date: ... Renew: ...". The holder of an
e-certificate is often the unlabelled name in large type (see ``prominence``). Training-
center, instructor and eCard codes are not fields.
"""

from __future__ import annotations

import re

from credintake.extractor.dates import find_dates
from credintake.extractor.fields.anchors import (Doc, Hit, Spec, find_field, hit_from_span, parse_words, put,
                                                 register_labels, search)
from credintake.extractor.fields.common import PROSE_EXPIRY, date_by_label, name_before, signature_line
from credintake.extractor.fields.prominence import certificate_holder
from credintake.extractor.fields.registry import Extraction, register
from credintake.extractor.fields.values import date_value, name_value
from credintake.extractor.layout import Page

NAME_LABELS = ("Name", "Student Name", "Holder", "Card Holder", "Cardholder", "Participant", "Student",
               "Provider Name", "Participant Name", "Issued To", "Rescuer", "Learner")
ISSUE_LABELS = ("Issue Date", "Issued", "Date Issued", "Issued On", "Date Completed", "Completion Date",
                "Course Date", "Date of Course", "Class Date", "Course Completion Date", "Completed",
                "Date of Issue", "Training Date", "Date")
EXPIRY_LABELS = ("Recommended Renewal Date", "Renew By", "Renewal Date", "Renewal Due", "Expiration Date", "Expires",
                 "Expiration", "Valid Until", "Valid Through", "Exp Date", "Exp. Date", "Expiry Date", "Renew Before",
                 "Recommended Renewal", "Renew", "Expiry", "Recertification Due", "Recertification Date")

_COURSES = (
    ("ACLS", r"advanced\s+cardi(?:ovascular|ac)\s+life\s+support|\bACLS\b"),
    ("PALS", r"pediatric\s+advanced\s+life\s+support|\bPALS\b"),
    ("NRP", r"neonatal\s+resuscitation(?:\s+program)?|\bNRP\b"),
    ("BLS", r"basic\s+life\s+support|\bBLS\b|\bCPR\s*(?:and|&|/)\s*AED\s+for\s+(?:health\s*care|professional\s+rescuers)|"
            r"health\s*care\s+provider\s+CPR|\bCPR[\s\-–]*(?:level\s+)?HCP\b"),
)
_COURSE_RE = re.compile("|".join(f"(?P<{code}>{pat})" for code, pat in _COURSES), re.I)
_PROSE_ISSUE = re.compile(r"(?:completed|issued|attended|passed)[^.]{0,120}?\b(?:on|dated)\s+([^.]{0,30}(?:\.\d[^.]{0,10})?)",
                          re.I)
_NAME_CUE = re.compile(r"has\s+successfully\s+completed|successfully\s+completed|has\s+completed", re.I)


def _course_value(text: str) -> tuple[str, int, int] | None:
    m = _COURSE_RE.search(text)
    if m is None:
        return None
    return m.lastgroup, m.start(), m.end()


def _holder(doc: Doc) -> Hit | None:
    got = find_field(doc, Spec(NAME_LABELS, name_value, exclude=r"center|instructor|tc\b|course|program|signature",
                               directions=("inline", "right", "below", "above"), at_start=True))
    return got or _name_above_cue(doc) or name_before(doc, _NAME_CUE) or certificate_holder(doc, ())


def _name_above_cue(doc: Doc) -> Hit | None:
    """The name printed just above "has successfully completed" in the same column. An eCard
    printed front and back side by side puts the back's instructor name on the same text
    row as the front's completion sentence, so reading order alone would take it."""
    for seg in doc.segs:
        if not _NAME_CUE.search(seg.text):
            continue
        cb = seg.bbox
        above = [s for s in doc.page_segs(seg.page)
                 if s.bbox[3] <= cb[1] + 1 and cb[1] - s.bbox[3] < 40 and s.bbox[0] < cb[2] and s.bbox[2] > cb[0]]
        for prev in sorted(above, key=lambda s: cb[1] - s.bbox[3])[:2]:
            got = parse_words(prev.words, prev.page, name_value, 0.85)
            if got is not None and not signature_line(doc, prev):
                return got
    return None


@register("life_support_card")
def extract_life_support_card(pages: list[Page]) -> Extraction:
    doc = Doc(pages)
    fields: dict = {}
    if not doc.pages:
        return Extraction(fields)
    # over the page text, not line by line: prose wraps a course name ("Advanced Cardiovascular Life\nSupport")
    put(fields, "course", search(doc, _COURSE_RE, group=0, parser=_course_value, confidence=0.9))
    put(fields, "holder_name", _holder(doc))
    expiry = date_by_label(doc, EXPIRY_LABELS, exclude=r"print|birth|issue")
    # "Date" alone is the last issue synonym (NCPRF-style "Date: ... Renew: ..." rows)
    issue = date_by_label(doc, ISSUE_LABELS, exclude=r"print|birth|renew|expir|valid|recert", avoid=expiry)
    put(fields, "expiration_date", _same_format_expiry(doc, expiry, issue))
    put(fields, "issue_date", issue)
    put(fields, "expiration_date", search(doc, PROSE_EXPIRY, parser=date_value, confidence=0.8))
    put(fields, "issue_date", search(doc, _PROSE_ISSUE, parser=date_value, confidence=0.8))
    if "issue_date" not in fields and "expiration_date" not in fields:
        pair = _unlabelled_pair(doc)
        if pair:
            put(fields, "issue_date", pair[0])
            put(fields, "expiration_date", pair[1])
    return Extraction(fields)


def _same_format_expiry(doc: Doc, expiry: Hit | None, issue: Hit | None) -> Hit | None:
    """A card prints its issue and renewal dates in one format. A bare year against a
    month-precise issue date is another line's year (the copyright line under an "Issued /
    Recommended Renewal" caption row whose dates sit above it): look above the caption
    instead, and leave the date absent rather than keep the year."""
    if expiry is None or issue is None or len(str(expiry.value)) >= len(str(issue.value)):
        return expiry
    above = date_by_label(doc, EXPIRY_LABELS, exclude=r"print|birth|issue", avoid=issue,
                          directions=("inline", "right", "above"))
    return above if above is not None and len(str(above.value)) == len(str(issue.value)) else None


_NOT_CARD_DATE = re.compile(r"print|birth|dob|generated|https?:|www\.", re.I)


def _unlabelled_pair(doc: Doc) -> tuple[Hit, Hit] | None:
    """Exactly two dates one to five years apart on a card whose captions OCR lost (faded
    wallet cards, photos): the earlier is the issue, the later the renewal date. A guess,
    so its confidence is low."""
    found = []
    for page in doc.pages:
        text, _ = doc.page_text(page)
        pos = 0
        for line in text.split("\n"):
            if not _NOT_CARD_DATE.search(line):
                found += [(page, pos, d) for d in find_dates(line, years=False)]
            pos += len(line) + 1
    by_value = {d.value: (page, base, d) for page, base, d in found}
    if len(by_value) != 2:
        return None
    (pa, ba, a), (pb, bb, b) = sorted(by_value.values(), key=lambda t: t[2].value)
    if a.precision != b.precision or not 1 <= int(b.value[:4]) - int(a.value[:4]) <= 5:
        return None
    ha = hit_from_span(doc, pa, ba + a.start, ba + a.end, a.value, 0.5)
    hb = hit_from_span(doc, pb, bb + b.start, bb + b.end, b.value, 0.5)
    return (ha, hb) if ha and hb else None


register_labels(NAME_LABELS, ISSUE_LABELS, EXPIRY_LABELS)
