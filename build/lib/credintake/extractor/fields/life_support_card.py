"""Life-support cards: AHA eCards (BLS, ACLS, PALS), AAP NRP, Red Cross certificates.

The course is normalised to BLS / ACLS / PALS / NRP from its name or acronym. AHA prints
"Issue Date" and "Recommended Renewal Date" / "Renew By" as month and year only, which the
values keep (``YYYY-MM``). Training-center, instructor and eCard codes are not fields.
"""

from __future__ import annotations

import re

from credintake.extractor.fields.anchors import Doc, Hit, Spec, find_field, put, register_labels, search
from credintake.extractor.fields.common import PROSE_EXPIRY, date_by_label, holder_name, name_before
from credintake.extractor.fields.registry import Extraction, register
from credintake.extractor.fields.values import date_value, name_value
from credintake.extractor.layout import Page

NAME_LABELS = ("Name", "Student Name", "Holder", "Card Holder", "Cardholder", "Participant", "Student",
               "Provider Name", "Participant Name", "Issued To", "Rescuer", "Learner")
ISSUE_LABELS = ("Issue Date", "Issued", "Date Issued", "Issued On", "Date Completed", "Completion Date",
                "Course Date", "Date of Course", "Class Date", "Course Completion Date", "Completed",
                "Date of Issue", "Training Date")
EXPIRY_LABELS = ("Recommended Renewal Date", "Renew By", "Renewal Date", "Renewal Due", "Expiration Date", "Expires",
                 "Expiration", "Valid Until", "Valid Through", "Exp Date", "Exp. Date", "Expiry Date", "Renew Before",
                 "Recommended Renewal")

_COURSES = (
    ("ACLS", r"advanced\s+cardi(?:ovascular|ac)\s+life\s+support|\bACLS\b"),
    ("PALS", r"pediatric\s+advanced\s+life\s+support|\bPALS\b"),
    ("NRP", r"neonatal\s+resuscitation(?:\s+program)?|\bNRP\b"),
    ("BLS", r"basic\s+life\s+support|\bBLS\b|\bCPR\s+(?:and|&)\s+AED\s+for\s+healthcare|healthcare\s+provider\s+CPR"),
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
    return got or name_before(doc, _NAME_CUE) or holder_name(doc, ())


@register("life_support_card")
def extract_life_support_card(pages: list[Page]) -> Extraction:
    doc = Doc(pages)
    fields: dict = {}
    if not doc.pages:
        return Extraction(fields)
    put(fields, "course", search(doc, re.compile(r"([^\n]+)"), parser=_course_value, confidence=0.9))
    put(fields, "holder_name", _holder(doc))
    put(fields, "issue_date", date_by_label(doc, ISSUE_LABELS, exclude=r"print|birth|renew|expir"))
    put(fields, "expiration_date", date_by_label(doc, EXPIRY_LABELS, exclude=r"print|birth|issue"))
    put(fields, "expiration_date", search(doc, PROSE_EXPIRY, parser=date_value, confidence=0.8))
    put(fields, "issue_date", search(doc, _PROSE_ISSUE, parser=date_value, confidence=0.8))
    return Extraction(fields)


register_labels(NAME_LABELS, ISSUE_LABELS, EXPIRY_LABELS)
