"""State license: wallet cards, wall certificates, renewal forms and board look-up printouts.

The state is often printed only as the board's name, so it comes from a "State" label,
else the issuer heading. Browser print dates and URLs on verification printouts carry
no label of ours and are ignored; "Printed"/"Last Renewal"/"Fee" rows are excluded.
"""

from __future__ import annotations

import re

from credintake.extractor.fields.anchors import Doc, Spec, find_field, put, search
from credintake.extractor.fields.common import date_by_label, holder_name, state_from_issuer, vocab_search
from credintake.extractor.fields.registry import Extraction, register
from credintake.extractor.fields.values import date_value, ident_value, state_value, status_value, text_value
from credintake.extractor.layout import Page

NAME_LABELS = ("Name", "Licensee", "Licensee Name", "Name of Licensee", "Licensee's Name", "Full Name",
               "Practitioner Name", "Provider Name", "Name of Practitioner", "Holder", "License Holder",
               "Issued To", "Physician Name", "Nurse Name")
NUMBER_LABELS = ("License No.", "License Number", "License #", "License No", "Lic #", "Lic. No.",
                 "Lic No", "Lic. #", "License ID", "Certificate Number", "Certificate No.", "Cert #",
                 "Cert. No.", "Permit No.", "Permit Number", "Permit #", "Registration No.",
                 "Registration Number", "Credential Number", "Credential #", "Credential No.",
                 "License/Certificate Number", "Number")
ISSUE_LABELS = ("Original Issue Date", "Original Issue", "Issue Date", "Date Issued", "Issued",
                "Date of Issue", "Issued On", "Original License Date", "Date of Original Licensure",
                "Initial License Date", "Initial Licensure Date", "First Issued", "Licensed Since",
                "Date Licensed", "Licensure Date", "Original Date", "Effective Date", "Granted")
EXPIRY_LABELS = ("Expiration Date", "Expiration", "Expires", "Expires On", "Exp Date", "Exp. Date",
                 "Exp", "Valid Through", "Valid Thru", "Valid Until", "Renewal Date", "Renew By",
                 "Expiry Date", "Expiry", "Good Through", "Licensed Through", "Current Through",
                 "License Expires", "Expiration Date of License", "Paid Through", "Active Through",
                 "Next Renewal")
PROFESSION_LABELS = ("License Type", "Profession", "Credential Type", "Type of License", "License Category",
                     "Licensed As", "Occupation", "Type", "Board/Profession", "License Class")
STATUS_LABELS = ("Status", "License Status", "Current Status", "Standing", "Primary Status")
STATE_LABELS = ("State", "Issuing State", "State of Issue", "Jurisdiction", "Licensing State",
                "State of Licensure", "Issuing Jurisdiction")

PROFESSIONS = (
    "Physician and Surgeon", "Osteopathic Physician and Surgeon", "Osteopathic Physician", "Medical Doctor",
    "Doctor of Medicine", "Doctor of Osteopathic Medicine", "Physician", "Registered Nurse",
    "Advanced Practice Registered Nurse", "Advanced Registered Nurse Practitioner", "Nurse Practitioner",
    "Certified Nurse Practitioner", "Physician Assistant", "Physician Assistant-Certified",
    "Certified Registered Nurse Anesthetist", "Nurse Anesthetist", "Pharmacist", "Licensed Practical Nurse",
    "Licensed Vocational Nurse", "Certified Nurse Midwife", "Nurse Midwife", "Clinical Nurse Specialist",
    "Psychologist", "Dentist", "Podiatrist", "Optometrist", "Chiropractor", "Physical Therapist",
    "Occupational Therapist", "Licensed Clinical Social Worker", "Marriage and Family Therapist",
    "Respiratory Therapist", "Midwife", "Doctor of Podiatric Medicine", "Medicine and Surgery",
    "Osteopathic Medicine and Surgery",
)

_NOT_DATES = r"print|printed|fee|receipt|last\s+renewal|previous|birth|dob|data\s+current|as\s+of|today"


_PROFESSION_RE = re.compile(r"\b(" + "|".join(re.escape(p).replace(r"\ ", r"\s+")
                                            for p in sorted(PROFESSIONS, key=len, reverse=True)) + r")\b", re.I)
_FUNCTION_WORDS = {"as", "a", "an", "the", "of", "to", "in", "and", "for", "is", "this", "by"}


def _profession_value(text: str) -> tuple[str, int, int] | None:
    """A known profession phrase, else a short title-like text (not a sentence)."""
    m = _PROFESSION_RE.search(text)
    if m:
        return m.group(0), m.start(), m.end()
    got = text_value(text)
    if got is None or re.search(r"\d", got[0]):
        return None
    words = got[0].split()
    if not 1 <= len(words) <= 6 or all(w.lower() in _FUNCTION_WORDS for w in words) \
            or not words[0][:1].isupper() or got[0].endswith("."):
        return None
    return got


@register("state_license")
def extract_state_license(pages: list[Page]) -> Extraction:
    doc = Doc(pages)
    fields: dict = {}
    if not doc.pages:
        return Extraction(fields)
    put(fields, "holder_name", holder_name(doc, NAME_LABELS, exclude=r"board|business|facility|employer"))
    put(fields, "license_number", find_field(doc, Spec(
        NUMBER_LABELS, ident_value, exclude=r"\bdea\b|\bnpi\b|application|receipt|transaction|control|"
        r"phone|fax|zip|telephone|ecard|policy",
        directions=("inline", "right", "below", "above"))))
    put(fields, "expiration_date", date_by_label(doc, EXPIRY_LABELS, exclude=_NOT_DATES))
    put(fields, "issue_date", date_by_label(doc, ISSUE_LABELS, exclude=_NOT_DATES + r"|expir|renew"))
    if "issue_date" not in fields:
        put(fields, "issue_date", _prose_issue_date(doc))
    put(fields, "status", find_field(doc, Spec(STATUS_LABELS, status_value,
                                               directions=("inline", "right", "below", "above"))))
    put(fields, "profession", find_field(doc, Spec(PROFESSION_LABELS, _profession_value,
                                                   exclude=r"\bdea\b|business|card|specialty",
                                                   directions=("inline", "right", "below", "above"))))
    if "profession" not in fields:
        put(fields, "profession", vocab_search(doc, PROFESSIONS))
    put(fields, "issuing_state", find_field(doc, Spec(STATE_LABELS, state_value,
                                                      exclude=r"address|city|mailing|practice|residence",
                                                      fuzzy=False)))
    if "issuing_state" not in fields:
        put(fields, "issuing_state", state_from_issuer(doc))
    return Extraction(fields)




def _prose_issue_date(doc: Doc):  # noqa: ANN202
    """Wall certificates date the grant in prose ("affixed this twentieth day of May, ...")."""
    text_pattern = re.compile(r"(?:witness\s+whereof|given\s+(?:under|at|this)|affixed|"
                              r"issued\s+(?:on|this)|granted\s+(?:on|this)|dated?\s+(?:at|this)|"
                              r"signed\s+(?:at|this))(.{0,220})", re.I | re.S)
    return search(doc, text_pattern, parser=date_value, confidence=0.8)
