"""State license: wallet cards, wall certificates, renewal forms and board look-up printouts.

The state is often printed only as the board's name, so it comes from a "State" label,
else the issuer heading. Browser print dates and URLs on verification printouts carry
no label of ours and are ignored; "Printed"/"Last Renewal"/"Fee" rows are excluded.
"""

from __future__ import annotations

import re
from statistics import median

from credintake.extractor.fields.anchors import (ALL_LABELS, Doc, Hit, Seg, Spec, find_field, find_labels, norm,
                                                 put, register_labels, search, starts_with_label)
from credintake.extractor.fields.common import date_by_label, holder_name, state_from_issuer, vocab_search
from credintake.extractor.fields.registry import Extraction, register
from credintake.extractor.fields.values import date_value, ident_value, state_value, status_value, text_value
from credintake.extractor.fields.context import applicant_name
from credintake.extractor.layout import Page, Word, build_lines
from credintake.extractor.names import looks_like_name, name_similarity

NAME_LABELS = ("Name", "Licensee", "Licensee Name", "Name of Licensee", "Licensee's Name", "Full Name",
               "Practitioner Name", "Provider Name", "Name of Practitioner", "Holder", "License Holder",
               "Issued To", "Physician Name", "Nurse Name")
NUMBER_LABELS = ("License No.", "License Number", "License #", "License No", "Lic #", "Lic. No.",
                 "Lic No", "Lic. #", "License ID", "Certificate Number", "Certificate No.", "Cert #",
                 "Cert. No.", "Permit No.", "Permit Number", "Permit #", "Registration No.",
                 "Registration Number", "Credential Number", "Credential #", "Credential No.",
                 "License/Certificate Number", "Number", "License")
ISSUE_LABELS = ("Original Issue Date", "Original Issue", "Issue Date", "Date Issued", "Issued",
                "Date of Issue", "Issued On", "Original License Date", "Date of Original Licensure",
                "Initial License Date", "Initial Licensure Date", "First Issued", "Licensed Since",
                "Date Licensed", "Licensure Date", "Original Date", "Effective Date", "Granted",
                "Original Licensure", "Original Licensure Date", "Initial Licensure", "Date of Licensure",
                "Licensed On", "Issue", "Issuance Date", "Date of Issuance", "License Issue Date", "Issued Date",
                "Original Issuance Date")
EXPIRY_LABELS = ("Expiration Date", "Expiration", "Expires", "Expires On", "Exp Date", "Exp. Date",
                 "Exp", "Valid Through", "Valid Thru", "Valid Until", "Renewal Date", "Renew By",
                 "Expiry Date", "Expiry", "Good Through", "Licensed Through", "Current Through",
                 "License Expires", "Expiration Date of License", "Paid Through", "Active Through",
                 "Next Renewal", "License Expiration Date", "Expire Date", "Registered Through",
                 "Registered Thru", "Registration Expires", "Registered through last day of", "Expiration Date of License")
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
    if got is None or re.search(r"\d", got[0]) or norm(got[0]) in ALL_LABELS:
        return None  # another column's caption beside this one in a look-up page's header row
    words = got[0].split()
    if not 1 <= len(words) <= 6 or all(w.lower() in _FUNCTION_WORDS for w in words) \
            or not words[0][:1].isupper() or got[0].endswith("."):
        return None
    return got


_NAME_KEYS = {norm(label) for label in NAME_LABELS}
# What OCR makes of letters in a name cell ("HENRY, MARY $"), for telling name rows only.
_OCR_NAME_LETTERS = str.maketrans({"$": "S", "0": "O", "1": "I", "5": "S", "|": "I"})


def _result_rows(doc: Doc) -> tuple[Seg, list[Seg]] | None:
    """A search-results table: a header row of labels and two or more name rows under it.

    The header is found by its Name label, or, when OCR lost that one (a shaded cell), by
    its License # label; the rows are then the name-like cells of one left-aligned column."""
    hits = [*find_labels(doc, NAME_LABELS, fuzzy=False), *find_labels(doc, NUMBER_LABELS, fuzzy=False)]
    for hit in hits:
        if hit.first != 0 or hit.last != len(hit.seg.words):
            continue
        segs = doc.page_segs(hit.seg.page)
        cells = _header_cells(segs, hit.seg)
        if len(cells) < 3:
            continue
        below = max(c.bbox[3] for c in cells)
        names = [s for s in segs if s.bbox[1] > below
                 and looks_like_name(s.text.translate(_OCR_NAME_LETTERS))
                 and not starts_with_label(s.words) and _aligned_cells(segs, s, cells) >= 2]
        if norm(hit.seg.text) in _NAME_KEYS:  # the rows' names stand under the Name caption
            names = [n for n in names if abs(n.bbox[0] - hit.seg.bbox[0]) < 15]
        column = max(([n for n in names if abs(n.bbox[0] - m.bbox[0]) < 15] for m in names),
                     key=len, default=[])
        if len(column) >= 2:
            return hit.seg, column
    return None


def _aligned_cells(segs: list[Seg], row: Seg, cells: list[Seg]) -> int:
    """How many other cells on ``row``'s line start under a header cell: a result row fills
    the table's columns, while a later band of a field grid (look-up pages that wrap their
    label row, "Public Complaint | Address of Record") has its own column positions."""
    mid = (row.bbox[1] + row.bbox[3]) / 2
    starts = [c.bbox[0] for c in cells]
    return sum(1 for s in segs if s is not row and abs((s.bbox[1] + s.bbox[3]) / 2 - mid) < 0.6 * row.height
               and any(abs(s.bbox[0] - x) < 8 for x in starts))


def _header_cells(segs: list[Seg], header: Seg) -> list[Seg]:
    """The column labels on the header's row."""
    mid = (header.bbox[1] + header.bbox[3]) / 2
    return [s for s in segs if abs((s.bbox[1] + s.bbox[3]) / 2 - mid) < 0.6 * header.height
            and starts_with_label(s.words)]


def _keep_rows(doc: Doc, header: Seg, row: Seg | None) -> tuple[list[Page], float, float]:
    """The page with only the header row, what is above it and one result row, that row
    moved up under the header (so "value below the label" reads it). Returns the pages,
    the row's new top and how far it moved, to put the boxes back afterwards."""
    # the header row's cells, not the one label found: on a scan one box may be stretched
    # by a speck, and the other labels would fall below its top or the row below its bottom
    cells = _header_cells(doc.page_segs(header.page), header)
    top_of_header = max(c.bbox[1] for c in cells)
    keep_words: list[Word] = []
    moved: list[Word] = []
    for seg in doc.page_segs(header.page):
        b = seg.bbox
        if b[1] <= top_of_header + 2:
            keep_words.extend(seg.words)
        elif row is not None and abs((b[1] + b[3]) / 2 - (row.bbox[1] + row.bbox[3]) / 2) < 0.6 * row.height:
            moved.extend(seg.words)
    shift = 0.0
    if moved:
        bottom = median(c.bbox[3] for c in cells)
        shift = min(w.top for w in moved) - (bottom + 0.5 * median(c.height for c in cells))
        keep_words += [Word(w.text, w.x0, w.top - shift, w.x1, w.bottom - shift, w.conf) for w in moved]
    p = header.page
    others = [pg for pg in doc.pages if pg is not p]
    page = Page(file=p.file, number=p.number, width=p.width, height=p.height, words=keep_words,
                lines=build_lines(keep_words), ocr=p.ocr, text_confidence=p.text_confidence)
    return [page, *others], header.bbox[3], shift


def _row_fields(doc: Doc, header: Seg, row: Seg | None) -> dict:
    pages, row_top, shift = _keep_rows(doc, header, row)
    fields = _fields(Doc(pages))
    if row is not None and "holder_name" not in fields:  # the Name label itself unreadable
        fields["holder_name"] = Hit(row.text, row.page, row.words, row.text, 0.7).field()
    for fv in fields.values():  # boxes of the moved row back where the row is printed
        if shift and fv.bbox is not None and fv.page == header.page.number and fv.bbox[1] > row_top:
            x0, y0, x1, y1 = fv.bbox
            fv.bbox = (x0, round(y0 + shift, 2), x1, round(y1 + shift, 2))
    return fields


@register("state_license")
def extract_state_license(pages: list[Page]) -> Extraction:
    doc = Doc(pages)
    if not doc.pages:
        return Extraction({})
    table = _result_rows(doc)
    if table is not None:
        header, rows = table
        wanted = applicant_name.get()
        row = None
        if wanted:
            def score(seg: Seg) -> float:  # the applicant's name may be a CV's "JANE A DOE, MD"
                return name_similarity(wanted, seg.text)

            def shared(seg: Seg) -> tuple[int, int]:  # two MARY ROSSes: the middle name decides
                mine = set(re.findall(r"[a-z]+", wanted.lower()))
                theirs = set(re.findall(r"[a-z]+", seg.text.lower()))
                hits = {t for t in theirs if t in mine or (len(t) == 1 and any(m[0] == t for m in mine))}
                return len(hits), -len(theirs - hits)
            best = max(rows, key=lambda seg: (score(seg), shared(seg)))
            if score(best) >= 80:
                row = best
        if row is not None:
            return Extraction(_row_fields(doc, header, row))
        # no way to tell which row is the holder's: keep only what every row agrees on
        per_row = [_row_fields(doc, header, r) for r in rows]
        shared = {k: v for k, v in per_row[0].items()
                  if all(k in other and other[k].value == v.value for other in per_row[1:])}
        return Extraction(shared)
    return Extraction(_fields(doc))


def _fields(doc: Doc) -> dict:
    fields: dict = {}
    put(fields, "holder_name", holder_name(doc, NAME_LABELS, exclude=r"board|business|facility|employer"))
    put(fields, "license_number", find_field(doc, Spec(
        NUMBER_LABELS, ident_value, exclude=r"\bdea\b|\bnpi\b|application|receipt|transaction|control|"
        r"phone|fax|zip|telephone|ecard|policy",
        directions=("inline", "right", "below", "above"))))
    expiry = date_by_label(doc, EXPIRY_LABELS, exclude=_NOT_DATES)
    put(fields, "expiration_date", expiry)
    put(fields, "issue_date", date_by_label(doc, ISSUE_LABELS, exclude=_NOT_DATES + r"|expir|renew", avoid=expiry))
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
    return fields




def _prose_issue_date(doc: Doc) -> Hit | None:
    """Wall certificates date the grant in prose ("affixed this twentieth day of May, ...")."""
    text_pattern = re.compile(r"(?:witness\s+whereof|given\s+(?:under|at|this)|affixed|"
                              r"issued\s+(?:on|this)|granted\s+(?:on|this)|dated?\s+(?:at|this)|"
                              r"signed\s+(?:at|this))(.{0,220})", re.I | re.S)
    return search(doc, text_pattern, parser=date_value, confidence=0.8)


register_labels(NAME_LABELS, NUMBER_LABELS, ISSUE_LABELS, EXPIRY_LABELS, PROFESSION_LABELS, STATUS_LABELS, STATE_LABELS)
