"""DEA registration: certificate (Form DEA-223), wallet card, online validation, renewal mail.

The registration's state is the registered address's state, never the DEA's own address
("Washington D.C. 20537", Springfield VA) printed in the header. When no label names the
DEA number, any two-letters-seven-digits token passing the check digit is taken.
"""

from __future__ import annotations

import re

from credintake.extractor.fields.anchors import (Doc, Hit, Spec, find_field, parse_words, put,
                                                 register_labels, search)
from credintake.extractor.fields.common import date_by_label, holder_name
from credintake.extractor.fields.registry import Extraction, register
from credintake.extractor.fields.values import (address_state_value, dea_checksum_ok, dea_value, name_value,
                                                schedules_value, state_value)
from credintake.extractor.layout import Page

NUMBER_LABELS = ("DEA Registration Number", "DEA Registration No.", "DEA Registration #", "DEA Number",
                 "DEA No.", "DEA #", "DEA Reg. No.", "Registration Number", "Registration No.",
                 "Registration #", "Reg. No.", "Reg No", "Reg. #", "DEA Registration", "DEA")
NAME_LABELS = ("Registrant", "Registrant Name", "Name of Registrant", "Name", "Registered To",
               "Practitioner Name", "Registrant's Name", "Dear")
SCHEDULE_LABELS = ("Schedules", "Schedule", "Sched.", "Sched", "Controlled Substance Schedules",
                   "Drug Schedules", "Authorized Schedules", "Schedules Authorized")
STATE_LABELS = ("Registered State", "State", "Registration State", "State of Registration", "State Registered")
ADDRESS_LABELS = ("Registered Address", "Address", "Address of Record", "Registrant Address",
                  "Business Address", "Mailing Address")
ISSUE_LABELS = ("Issue Date", "Date Issued", "Issued", "Date of Issue", "Registration Date", "Issued On",
                "Effective Date", "Date of Registration", "Approval Date", "Approved")
EXPIRY_LABELS = ("This Registration Expires", "Registration Expires", "Expiration Date", "Expiration",
                 "Expires", "Expires On", "Exp Date", "Exp. Date", "Valid Through", "Valid Until",
                 "Expiry Date", "Registration Expiration", "Expiration Date of Registration")

_NOT_DATES = r"print|fee|paid|transaction|sent|query|receipt|payment|amount|birth"
_DEA_OWN = re.compile(r"drug\s+enforcement|department\s+of\s+justice|washington,?\s+d\.?\s?c|"
                      r"morrissette|springfield,?\s+va|po\s+box\s+28083|diversion|usdoj|dea\.gov", re.I)


def _dea_any(text: str) -> tuple[str, int, int] | None:
    """A DEA number anywhere, preferring one whose check digit holds."""
    first = None
    pos = 0
    while True:
        got = dea_value(text[pos:])
        if got is None:
            break
        value, s, e = got
        hit = (value, s + pos, e + pos)
        if dea_checksum_ok(value):
            return hit
        first = first or hit
        pos += e
    return first


def _name(doc: Doc) -> Hit | None:
    got = find_field(doc, Spec(NAME_LABELS, name_value, exclude=r"business|activity|facility|doing\s+business",
                               directions=("inline", "right", "below", "above")))
    return got or holder_name(doc, ())


def _state(doc: Doc, name: Hit | None) -> Hit | None:
    got = find_field(doc, Spec(STATE_LABELS, state_value, fuzzy=False,
                               directions=("inline", "right", "below", "above")))
    if got:
        return got
    got = find_field(doc, Spec(ADDRESS_LABELS, address_state_value, directions=("inline", "right", "below")))
    if got:
        return got
    # the address block printed under the registrant's name
    if name is not None:
        segs = doc.page_segs(name.page)
        top = max(w.bottom for w in name.words)
        x0 = min(w.x0 for w in name.words)
        for seg in sorted(segs, key=lambda s: s.bbox[1]):
            b = seg.bbox
            if b[1] < top - 1 or b[1] > top + 60 or abs(b[0] - x0) > 30 or _DEA_OWN.search(seg.text):
                continue
            hit = parse_words(seg.words, seg.page, address_state_value, 0.85)
            if hit:
                return hit
    for seg in doc.segs:
        if _DEA_OWN.search(seg.text):
            continue
        hit = parse_words(seg.words, seg.page, address_state_value, 0.7)
        if hit:
            return hit
    return None


_SCHED_CELL = re.compile(r"(?:[2-5]N?|I{2,3}N?|IV|V)(?:\s*,?\s*(?:[2-5]N?|I{2,3}N?|IV|V))*")


def _schedule_cells(doc: Doc, hit: Hit) -> Hit:
    """Schedules printed one per cell across a row ("2  2N  3  3N  4  5" on certificates that
    grid them): the schedule cells on its line that run on from the one read, left and right,
    close together, join it."""
    line_top, line_bottom = min(w.top for w in hit.words), max(w.bottom for w in hit.words)
    mid, height = (line_top + line_bottom) / 2, max(line_bottom - line_top, 4.0)
    row = sorted((s for s in doc.page_segs(hit.page)
                  if abs((s.bbox[1] + s.bbox[3]) / 2 - mid) <= 0.6 * height), key=lambda s: s.bbox[0])
    left, right = min(w.x0 for w in hit.words), max(w.x1 for w in hit.words)
    before = [s for s in row if s.bbox[2] <= left + 0.5]
    after = [s for s in row if s.bbox[0] >= right - 0.5]
    words = list(hit.words)
    for seg in reversed(before):
        if left - seg.bbox[2] > 45 or not _SCHED_CELL.fullmatch(seg.text.strip()):
            break
        words = seg.words + words
        left = seg.bbox[0]
    for seg in after:
        if seg.bbox[0] - right > 45 or not _SCHED_CELL.fullmatch(seg.text.strip()):
            break
        words += seg.words
        right = seg.bbox[2]
    if len(words) == len(hit.words):
        return hit
    joined = parse_words(words, hit.page, schedules_value, hit.confidence)
    return joined if joined is not None and len(joined.value) > len(hit.value) else hit


@register("dea_registration")
def extract_dea_registration(pages: list[Page]) -> Extraction:
    doc = Doc(pages)
    fields: dict = {}
    if not doc.pages:
        return Extraction(fields)
    number = find_field(doc, Spec(NUMBER_LABELS, dea_value, exclude=r"\bnpi\b|license|transaction|control\s+no",
                                  directions=("inline", "right", "below", "above")))
    if number is None:
        number = search(doc, re.compile(r"(.+)"), parser=_dea_any, confidence=0.75)
    put(fields, "dea_number", number)
    name = _name(doc)
    put(fields, "registrant_name", name)
    sched = find_field(doc, Spec(SCHEDULE_LABELS, schedules_value, directions=("inline", "right", "below", "above")))
    if sched is None:
        sched = search(doc, re.compile(r"((?:[2-5]N?\s*,\s*){2,}[2-5]N?)"), parser=schedules_value, confidence=0.75)
    if sched is not None:
        sched = _schedule_cells(doc, sched)
    put(fields, "schedules", sched)
    put(fields, "expiration_date", date_by_label(doc, EXPIRY_LABELS, exclude=_NOT_DATES))
    put(fields, "issue_date", date_by_label(doc, ISSUE_LABELS, exclude=_NOT_DATES + r"|expir"))
    put(fields, "state", _state(doc, name))
    return Extraction(fields)


register_labels(NUMBER_LABELS, NAME_LABELS, SCHEDULE_LABELS, STATE_LABELS, ADDRESS_LABELS, ISSUE_LABELS, EXPIRY_LABELS)
