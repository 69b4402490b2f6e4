"""Training certificate: residency / fellowship / internship completion, and training
verification forms.

The training type is read from the role the certificate gives ("as a Resident", "served
as Clinical Fellow", a ticked box on a form) and normalised to internship / residency /
fellowship. Dates are the first "A to/through/until B" pair of the prose, else labelled
From/To cells. The program director and DIO signing the certificate are not the holder.
"""

from __future__ import annotations

import re

from credintake.extractor.dates import find_dates
from credintake.extractor.fields.anchors import (Doc, Hit, Spec, find_field, hit_from_span, parse_words, put,
                                                 register_labels, search)
from credintake.extractor.fields.common import date_by_label, org_search
from credintake.extractor.fields.prominence import certificate_holder
from credintake.extractor.fields.registry import Extraction, register
from credintake.extractor.fields.values import text_value
from credintake.extractor.layout import Page

NAME_LABELS = ("Trainee Name", "Trainee", "Resident Name", "Fellow Name", "Name of Trainee", "Name",
               "Resident", "Physician Name", "Participant Name", "Intern Name", "Name of Resident")
INSTITUTION_LABELS = ("Institution / Sponsor", "Sponsoring Institution", "Institution", "Training Institution",
                      "Hospital", "Program Sponsor", "Sponsor", "Institution Name", "Hospital Name",
                      "Facility")
PROGRAM_LABELS = ("Specialty / Program", "Program", "Training Program", "Program Name", "Specialty", "Discipline",
                  "Field of Training", "Program / Specialty", "Department", "Program Specialty")
TYPE_LABELS = ("Type of Training", "Training Type", "Type of Program", "Position", "Level of Training",
               "Appointment Type", "Program Type")
START_LABELS = ("Dates Attended From", "Start Date", "From", "Date Started", "Beginning Date", "Training Start",
                "Dates From", "Began", "Start")
END_LABELS = ("End Date", "To", "Completion Date", "Date Completed", "Ending Date", "Training End", "Dates To",
              "Completed", "End", "Through")

CERTIFICATE_DATE_LABELS = ("Date", "Date Issued", "Issued On", "Date of Issue", "Certificate Date")

_TYPE_WORDS = (
    (re.compile(r"\bfellow(?:ship)?s?\b", re.I), "fellowship"),
    (re.compile(r"\b(?:chief\s+)?residen(?:t|cy|ts)\b", re.I), "residency"),
    (re.compile(r"\bintern(?:ship)?\b|\bPGY-?1\b|transitional\s+year", re.I), "internship"),
)
_ROLE = re.compile(r"(?:as\s+an?|served\s+as|appointed\s+as|position\s+of|capacity\s+of)\s+"
                   r"((?:chief\s+|clinical\s+|senior\s+|junior\s+)?(?:intern(?:ship)?|resident(?:\s+physician)?|"
                   r"fellow(?:ship)?)\b)", re.I)
_PROGRAM_NOUN = re.compile(r"\b((?:internship|residency|fellowship))\s+(?:program|training)\b", re.I)
_CHECKED = re.compile(r"(?:\[\s*[xX✓✔]\s*\]|☒|☑|■|\b[xX]\b)\s*(internship|residency|fellowship|intern|resident|fellow)",
                      re.I)
_PROGRAM_PROSE = (
    re.compile(r"(?i:trained|training|enrolled|participated|completed)\s+in\s+(?i:our|the|its|their)\s+(.+?)\s+"
               r"(?:residency|fellowship|internship|training)\s+program\b", re.S),
    re.compile(r"(?i:trained|training|enrolled|participated|completed)\s+in\s+(?i:our|the|its|their)\s+"
               r"([A-Z].+?\bProgram)\b", re.S),
    re.compile(r"(?:served|trained|training|appointed)[^.]{0,60}?\bdepartment\s+of\s+(.+?)\s+(?:from|during|,|\.|as\s+an?)\b",
               re.I | re.S),
    # "for successfully completing the Virtual Interprofessional Internship in X with the ..."
    re.compile(r"(?i:completing|completed|completion\s+of)\s+(?i:the|an?|our|its)\s+([A-Z][^.]*?\b"
               r"(?i:internship|residency|fellowship)\b[^.]*?)(?:\s+(?i:with|at|from|under|during)\s+|[.,;]|$)"),
    re.compile(r"(?:education|training|program|residency|fellowship|internship)\s+in\s+(.+?)\s*"
               r"(?:\bas\s+an?\b|\bfrom\b|,|\.|\bduring\b|\bfor\s+the\b|\n\s*\n|$)", re.I | re.S),
    re.compile(r"\bprogram\s+in\s*:?\s*\n?\s*([^\n]+)", re.I),
    re.compile(r"\bdepartment\s+of\s+(.+?)\s+(?:from|during|,|\.)", re.I | re.S),
)
_RANGE_GAP = re.compile(r"^\s*,?\s*(?:to|through|thru|until|till|and|-|–|—)\s*$", re.I)
_NOISE_LINE = re.compile(r"https?:|www\.|printed|date\s*:|signed|phone|fax", re.I)
_INSTITUTION_KEY = re.compile(r"Hospital|HOSPITAL|Hospitals|Clinic|CLINIC|Center|CENTER|Centre|University|UNIVERSITY|"
                              r"College|COLLEGE|School|SCHOOL|Institute|INSTITUTE|Health|HEALTH|System|SYSTEM|"
                              r"Foundation|FOUNDATION|Medicine|MEDICINE")
_INSTITUTION_SKIP = re.compile(r"^(?:department|office|division|graduate\s+medical|program|president|dean|"
                               r"chair|director)\b|^(?:internal|family|emergency)\s+medicine$|"
                               r"^(?:[A-Z][a-z]+\s+)?Medicine$|^school\s+of\s+medicine$", re.I)


def training_kind(text: str) -> str | None:
    """'Resident Physician' -> 'residency', 'Clinical Fellow' -> 'fellowship', 'Intern' -> 'internship'."""
    for pattern, kind in _TYPE_WORDS:
        if pattern.search(text):
            return kind
    return None


def _kind_value(text: str) -> tuple[str, int, int] | None:
    m = _CHECKED.search(text)
    if m:
        kind = training_kind(m.group(1))
        return (kind, m.start(1), m.end(1)) if kind else None
    if re.search(r"\[\s*\]|☐", text):
        return None  # a row of unticked boxes says nothing by itself
    for pattern, kind in _TYPE_WORDS:
        m = pattern.search(text)
        if m:
            return kind, m.start(), m.end()
    return None


_OPTION = re.compile(r"^(\S{0,4}?)\s*(internship|residency|fellowship|intern|resident|fellow)$", re.I)
_EMPTY_BOX = {"", "o", "oo", "0", "d", "[]", "[ ]", "()", "☐", "□", "口", "q", "c", "{}", "{ }"}


def _checkbox_kind(doc: Doc) -> tuple[Hit | None, bool]:
    """A row of type options with boxes: (the ticked one, whether such a row exists).

    OCR reads an empty box as 'O', 'Oo', '[ ]'; a ticked one as 'X', '[X]', or as some
    other ink ('Fa]'). The option with the most ink before it wins when it is unique."""
    for seg in doc.segs:
        m = _OPTION.match(seg.text.strip())
        if not m:
            continue
        row = [s for s in doc.page_segs(seg.page) if abs(s.bbox[1] - seg.bbox[1]) < 4 and _OPTION.match(s.text.strip())]
        if len({training_kind(_OPTION.match(s.text.strip()).group(2)) for s in row}) < 2:
            continue
        scored = []
        for s in row:
            mark = _OPTION.match(s.text.strip()).group(1)
            key = mark.lower().replace(" ", "")
            score = 0 if key in _EMPTY_BOX else 2 if re.search(r"[xX✓✔☒☑■●]", mark) else 1
            scored.append((score, s))
        scored.sort(key=lambda t: -t[0])
        if scored[0][0] >= 1 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            best = scored[0][1]
            return parse_words(best.words[-1:], best.page, _kind_value_plain, 0.85 if scored[0][0] == 2 else 0.6), True
        return None, True
    return None, False


def _training_type(doc: Doc) -> Hit | None:
    got = search(doc, _CHECKED, group=1, parser=_kind_value_plain, confidence=0.9)
    if got:
        return got
    ticked, options_row = _checkbox_kind(doc)
    if ticked:
        return ticked
    if not options_row:  # a label followed by an undecided row of boxes says nothing
        got = find_field(doc, Spec(TYPE_LABELS, _kind_value, directions=("inline", "right", "below")))
        if got:
            return got
    got = search(doc, _ROLE, parser=_kind_value_plain, confidence=0.9)
    if got:
        return got
    got = search(doc, _PROGRAM_NOUN, parser=_kind_value_plain, confidence=0.85)
    if got:
        return got
    return search(doc, re.compile(r"\b(fellowship|residency|internship|fellow|resident|intern)\b", re.I),
                  parser=_kind_value_plain, confidence=0.7)


def _kind_value_plain(text: str) -> tuple[str, int, int] | None:
    kind = training_kind(text)
    return (kind, 0, len(text)) if kind else None


_PROGRAM_BAD = re.compile(r"\b\d+\b|\d[/.-]\d|\b(program|certif\w*|graduate\s+medical\s+education|completion|department|"
                          r"hereby|requirements|institution)\b", re.I)


def _program_value(text: str) -> tuple[str, int, int] | None:
    value = re.sub(r"\s+", " ", text).strip(" ,.:;")
    value = re.sub(r"\bPGY-?[lI|](?=\b|\s)", lambda m: m.group(0)[:-1] + "1", value)  # OCR: PGYl
    value = re.split(r"\s+(?:from|as\s+an?|during|through|until|at|with|under)\s+", value, maxsplit=1)[0]
    if not value or len(value.split()) > 10 or not value[:1].isupper() or re.search(r"\b\d+\b|\d[/.-]\d", value):
        return None
    if re.search(r"\b(certif\w*|hereby|requirements|completed|satisfactorily|the\s+program)\b|[|]", value, re.I):
        return None
    start = text.find(value.split()[0])
    # map back to the raw span (the value may have been re-spaced across a line break)
    end = start
    for word in value.split():
        end = text.find(word, end) + len(word)
    return value, start, end


def _program(doc: Doc) -> Hit | None:
    got = find_field(doc, Spec(PROGRAM_LABELS, _program_label_value, at_start=True,
                               exclude=r"director|coordinator|phone|address"))
    if got:
        return got
    for pattern in _PROGRAM_PROSE:
        got = search(doc, pattern, parser=_program_value, confidence=0.85)
        if got:
            return got
    return None


def _program_label_value(text: str) -> tuple[str, int, int] | None:
    got = text_value(text)
    if got is None or _PROGRAM_BAD.search(got[0]) or len(got[0].split()) > 10:
        return None
    value = re.sub(r"\bPGY(-?)[lI|]\b", r"PGY\g<1>1", got[0])  # OCR reads PGY1 as PGYl
    return value, got[1], got[2]


def _date_range(doc: Doc) -> tuple[Hit, Hit] | None:
    """The first 'A to B' pair of dates in the text, outside print headers and signature dates."""
    for page in doc.pages:
        text, _ = doc.page_text(page)
        dates = [d for d in find_dates(text, years=False)]
        for a, b in zip(dates, dates[1:]):
            if not _RANGE_GAP.match(text[a.end:b.start]):
                continue
            line = text[text.rfind("\n", 0, a.start) + 1:text.find("\n", b.end) if "\n" in text[b.end:] else None]
            if _NOISE_LINE.search(line):
                continue
            ha = hit_from_span(doc, page, a.start, a.end, a.value, 0.9)
            hb = hit_from_span(doc, page, b.start, b.end, b.value, 0.9)
            if ha and hb:
                return ha, hb
    return None


def _institution(doc: Doc) -> Hit | None:
    got = find_field(doc, Spec(INSTITUTION_LABELS, _institution_value, at_start=True))
    if got:
        return got
    # the host named in the certificate's sentence beats a keyword phrase picked in page order
    got = search(doc, _INSTITUTION_PROSE, parser=_prose_institution_value, confidence=0.75)
    return got or org_search(doc, _INSTITUTION_KEY, skip=_INSTITUTION_SKIP, confidence=0.8)


#: "... Internship in X with the Northfield Centre for Learning and Innovation in Long-Term
#: Care at Lakeside Hospital." (certificates of completion naming the host in their prose;
#: the name may wrap over lines and hold commas)
_INSTITUTION_PROSE = re.compile(r"\b(?:with|at|by)\s+the\s+((?:[A-Z][\w'&\-]*,?\s+(?:(?:of|for|and|in|at|on|&)\s+)*)"
                                r"{1,14}[A-Z][\w'\-]*)")
_HOST_KEY = re.compile(r"\b(?:Hospitals?|Clinics?|Cent(?:er|re)s?|University|College|Institutes?|Foundation|"
                       r"Health|Home|Academy|School)\b", re.I)


def _prose_institution_value(text: str) -> tuple[str, int, int] | None:
    value = re.sub(r"\s+", " ", text).strip(" ,")
    if not _HOST_KEY.search(value) or len(value.split()) < 2:
        return None
    return value, 0, len(text.rstrip(" ,"))


def _institution_value(text: str) -> tuple[str, int, int] | None:
    got = text_value(text)
    if got and not re.search(r"\d{3,}", got[0]) and len(got[0].split()) <= 12:
        return got
    return None


@register("training_certificate")
def extract_training_certificate(pages: list[Page]) -> Extraction:
    doc = Doc(pages)
    fields: dict = {}
    if not doc.pages:
        return Extraction(fields)
    put(fields, "holder_name", certificate_holder(doc, NAME_LABELS, exclude=r"program|director|institution|hospital"))
    put(fields, "institution", _institution(doc))
    put(fields, "program", _program(doc))
    put(fields, "training_type", _training_type(doc))
    rng = _date_range(doc)
    if rng:
        put(fields, "start_date", rng[0])
        put(fields, "end_date", rng[1])
    put(fields, "start_date", date_by_label(doc, START_LABELS, exclude=r"print|birth|signed",
                                           directions=("inline", "right", "below")))
    put(fields, "end_date", date_by_label(doc, END_LABELS, exclude=r"print|birth|signed|be\s+completed",
                                         directions=("inline", "right", "below")))
    if "start_date" not in fields:
        # a certificate of completion dated over a "Date" caption: the training ended then
        put(fields, "end_date", date_by_label(doc, CERTIFICATE_DATE_LABELS, exclude=r"print|birth|start|from|begin",
                                             directions=("inline", "right", "above")))
    return Extraction(fields)


register_labels(NAME_LABELS, INSTITUTION_LABELS, PROGRAM_LABELS, TYPE_LABELS, START_LABELS, END_LABELS,
                CERTIFICATE_DATE_LABELS)
