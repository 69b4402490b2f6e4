"""CME certificates and credit statements.

Credits are the ones *claimed / earned / awarded*, never the activity's "maximum of N
credits" designation (the distractor on every AMA PRA certificate); they are a number
(``1.5``). Only when nothing else is printed (Canadian CPD certificates of attendance) is
the designated number kept, with a low confidence. The title follows "activity titled" /
"has successfully completed" / "for the successful completion of" or an "Activity Title"
label, else it is the headline in the largest type (CE badges). Release and credit-expiry
dates of online modules and report print dates are not the completion date.
"""

from __future__ import annotations

import re

from credintake.extractor.dates import find_dates
from credintake.extractor.fields.anchors import (Doc, Hit, Seg, Spec, find_field, hit_from_span, parse_words, put,
                                                 register_labels, search)
from credintake.extractor.fields.common import date_by_label, name_before
from credintake.extractor.fields.prominence import certificate_holder, continuation, title_blocks
from credintake.extractor.fields.registry import Extraction, register
from credintake.extractor.fields.values import date_value, name_value, text_value
from credintake.extractor.layout import Page

NAME_LABELS = ("Participant", "Learner", "Participant Name", "Learner Name", "Name", "Physician", "Attendee",
               "Attendee Name", "Awarded To", "Presented To", "Physician Name", "Name of Participant")
TITLE_LABELS = ("Activity Title", "Title of Activity", "Activity", "Course Title", "Title", "Course", "Program Title",
                "Activity Name", "Course Name", "Session Title", "Event", "Conference", "Program", "Module")
CREDIT_LABELS = ("Credits Earned", "Credits Claimed", "Credit Claimed", "Claimed", "Credits Awarded", "Credit Awarded",
                 "Total Credits Claimed", "Credits", "Credit Hours", "CME Credits", "Hours", "Contact Hours",
                 "Total Credits", "Credit Earned", "Hours Claimed", "Credits Received", "Awarded",
                 "AMA PRA Category 1 Credits", "AMA PRA Category 1 Credit(s)", "Category 1 Credits",
                 "Number of Credits", "CE Hours", "CME Hours", "Credit Amount")
DATE_LABELS = ("Date Completed", "Completion Date", "Completed", "Date of Activity", "Activity Date", "Date Attended",
               "Session Date", "Date of Completion", "Course Date", "Date(s)", "Dates", "Date", "Attended",
               "Date Claimed", "Event Date", "Activity Dates", "Completed On", "Date of Issue", "Issue Date",
               "Date Issued", "Issued On")

_MAX = r"max|maximum|designat|available|offered|up\s+to|possible"
_NUMBER = re.compile(r"(?<![\d/.-])(\d{1,3}(?:\.\d{1,2})?)(?![\d/])")
_PROSE_CREDITS = re.compile(
    r"(?:awarded|claimed|earned|received|is\s+granted|granted|credited\s+with)\s*:?\s*(\d{1,3}(?:\.\d{1,2})?)\s*"
    r"(?:AMA|credit|hour|CME|contact|category|cat\.?|AAFP|prescribed|ANCC|CE\b)", re.I)
#: "1.5 contact hours", "7.5 Mainpro+ credits", "3 RCPSC Section 1 hours" (a credit system's name between)
_PROSE_CREDITS_AFTER = re.compile(r"(\d{1,3}(?:\.\d{1,2})?)\s*(?:AMA\s+PRA\s+Category\s+1\s+Credits?|"
                                  r"(?:[A-Z][\w+\-]*\s+){0,2}(?:credits?|contact\s+hours|CME\s+hours|CE\s+hours|hours))",
                                  re.I)
_TITLE_CUE = re.compile(r"(?:activity|course|program|conference|module|session)\s+(?:titled|entitled)\s*:?|"
                        r"has\s+(?:successfully\s+)?completed(?:\s+the)?(?:\s+(?:online|live|enduring))?"
                        r"(?:\s+(?:activity|course|module))?\s*:?|participated\s+in(?:\s+the)?|"
                        r"attended(?:\s+the)?|for\s+(?:attending|completing|participation\s+in)(?:\s+the)?|"
                        r"for\s+(?:the\s+)?(?:succ+es+ful\s+)?completion\s+of(?:\s+the)?", re.I)
_NOISE = re.compile(r"https?:|www\.|generated|printed|release|valid\s+for\s+credit|expir|birth", re.I)
_NAME_CUE = re.compile(r"has\s+(?:successfully\s+)?(?:completed|participated|attended)|participated\s+in|"
                       r"attended\s+the", re.I)


def _credit_value(text: str) -> tuple[float, int, int] | None:
    m = _NUMBER.match(text.lstrip(" :-–="))
    if m is None:
        return None
    offset = len(text) - len(text.lstrip(" :-–="))
    value = float(m.group(1))
    if not 0 < value <= 200:
        return None
    return value, m.start(1) + offset, m.end(1) + offset
    value = float(m.group(1))
    if not 0 < value <= 200:
        return None
    return value, m.start(1), m.end(1)


def _credits(doc: Doc) -> Hit | None:
    got = find_field(doc, Spec(CREDIT_LABELS, _credit_value, exclude=_MAX + r"|type|category\s*$",
                               directions=("inline", "right", "below")))
    if got:
        return got
    for page in doc.pages:
        text, _ = doc.page_text(page)
        for pattern in (_PROSE_CREDITS, _PROSE_CREDITS_AFTER):
            for m in pattern.finditer(text):
                before = text[max(0, m.start() - 40):m.start()]
                if re.search(_MAX, before + m.group(0), re.I):
                    continue
                value = float(m.group(1))
                if 0 < value <= 200:
                    return hit_from_span(doc, page, m.start(1), m.end(1), value, 0.8)
    return _designated_only(doc)


def _designated_only(doc: Doc) -> Hit | None:
    """No claimed credits printed, only the activity's "up to N credits": a certificate of
    attendance for the whole activity (Canadian CPD certificates) means N, but the value
    is a guess a person should confirm, so its confidence is low."""
    for page in doc.pages:
        text, _ = doc.page_text(page)
        for m in _PROSE_CREDITS_AFTER.finditer(text):
            value = float(m.group(1))
            if 0 < value <= 200:
                return hit_from_span(doc, page, m.start(1), m.end(1), value, 0.45)
    return None


#: A phrase that leads into a value rather than being one: "... the enduring material titled",
#: "Grand Rounds in" (a title cut at the line end), "activity titled:".
_LEADS_ON = re.compile(r"(?:\b(?:titled|entitled|named|called|of|the|in|for|on|at|to|and|by|an?|with|"
                       r"from)|[:\-–—])\s*$", re.I)


def _title_value(text: str) -> tuple[str, int, int] | None:
    got = text_value(text)
    if got is None:
        return None
    value = got[0].strip("\"“”'")
    if find_dates(value, years=False) or re.search(r"\bcredit|\bAMA\s+PRA|certif(?:y|icate)\b", value, re.I):
        return None
    if _LEADS_ON.search(value):  # a label phrase whose value is printed on the next line
        return None
    if len(value.split()) > 18 or len(value) < 3:
        return None
    start = text.find(value)
    return value, start, start + len(value)


def _title(doc: Doc) -> Hit | None:
    got = find_field(doc, Spec(TITLE_LABELS, _title_value, at_start=True,
                               exclude=r"type|location|director|provider|date|credit|accredit"))
    if got:
        return got
    for i, seg in enumerate(doc.segs):
        cues = list(_TITLE_CUE.finditer(seg.text))
        if not cues:
            continue
        m = cues[-1]
        tail = seg.text[m.end():].strip(" :")
        if tail and len(tail) > 3:
            words = [w for w in seg.words if seg.text.find(w.text) >= m.end()]
            got = parse_words(words, seg.page, _title_value, 0.85) if words else None
            if got:
                return got
        for nxt in doc.segs[i + 1:i + 3]:
            if nxt.page is not seg.page:
                break
            got = _wrapped_title(doc, nxt)
            if got:
                return got
    for block in title_blocks(doc):  # a CE badge or e-learning certificate: the title is the headline
        got = parse_words(block.words, block.page, _title_value, 0.6)
        if got:
            return got
    return None


def _wrapped_title(doc: Doc, seg: Seg) -> Hit | None:
    """The title on ``seg``, with its next line when the title visibly wraps onto it."""
    more = continuation(doc, seg)
    if more is not None:
        got = parse_words(seg.words + more.words, seg.page, _title_value, 0.85)
        if got:
            return got
    return parse_words(seg.words, seg.page, _title_value, 0.85)


def _completion(doc: Doc) -> Hit | None:
    got = date_by_label(doc, DATE_LABELS, exclude=r"release|expir|valid|generated|print|report|birth|max|"
                                                  r"issue\s+date\s+of\s+report",
                        directions=("inline", "right", "below"))
    if got:
        return got
    got = search(doc, re.compile(r"\b(?:on|held|dated?|completed)\s+([^\n]{0,60})", re.I), parser=date_value,
                 confidence=0.75)
    if got:
        return got
    for page in doc.pages:
        text, _ = doc.page_text(page)
        pos = 0
        for line in text.split("\n"):
            if not _NOISE.search(line):
                for d in find_dates(line, years=False):
                    return hit_from_span(doc, page, pos + d.start, pos + d.end, d.value, 0.6)
            pos += len(line) + 1
    return None


@register("cme_certificate")
def extract_cme_certificate(pages: list[Page]) -> Extraction:
    doc = Doc(pages)
    fields: dict = {}
    if not doc.pages:
        return Extraction(fields)
    holder = find_field(doc, Spec(NAME_LABELS, name_value,
                                  exclude=r"director|provider|faculty|speaker|planner|coach|instructor|presenter",
                                  directions=("inline", "right", "below"), at_start=True))
    holder = holder or name_before(doc, _NAME_CUE) or certificate_holder(doc, ())
    title = _title(doc)
    # one printed phrase is never two fields: a headline title read as a name is no holder
    if holder is not None and title is not None and {id(w) for w in holder.words} & {id(w) for w in title.words}:
        holder = None
    put(fields, "holder_name", holder)
    put(fields, "activity_title", title)
    put(fields, "credits", _credits(doc))
    put(fields, "completion_date", _completion(doc))
    return Extraction(fields)


register_labels(NAME_LABELS, TITLE_LABELS, CREDIT_LABELS, DATE_LABELS)
