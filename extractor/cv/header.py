"""The CV's header fields: name, email, phone, NPI.

* ``name``: the most prominent line (largest glyphs) near the top of the first page that
  reads like a person's name and is not a section heading or "Curriculum Vitae". Kept as
  printed, credentials included (contract: ``JANE A DOE, MD``).
* ``email``: the first address; mailto/icon debris trimmed.
* ``phone``: a US number found by ``phonenumbers``, or an international one printed with
  its country code ("+92-306-4125355", "+44 7700 900123": the contact sidebars of
  designed resume templates); a number labelled fax or pager is skipped while another
  exists. The value is the number as printed ("(555) 123-4567"),
  like names and identifiers in the contract; reconciliation compares phone digits, so
  "555.123.4567" on the application matches.
* ``npi``: ten digits after an "NPI" label (check digit not required here; the
  ``identifier.invalid_npi`` rule reports a bad one); without a label, a ten-digit number
  that passes the NPI check digit and sits on a line mentioning NPI (or under a line
  ending in "National Provider").
"""

from __future__ import annotations

import re

import phonenumbers

from credintake.contract import FieldValue
from credintake.extractor.cv.phrases import TITLE_NOUNS, find_place, is_title, score
from credintake.extractor.cv.rows import Row
from credintake.extractor.cv.sections import section_kind
from credintake.extractor.layout import Word
from credintake.extractor.names import clean_name, is_credential, looks_like_name

Fields = dict[str, FieldValue]

# OCR spaces the @ and the dots ("tyler .boyd @ gmail .com")
_EMAIL = re.compile(r"[A-Za-z0-9_%+\-]+(?: ?\.[A-Za-z0-9_%+\-]+)* ?@ ?"
                    r"[A-Za-z0-9\-]+(?: ?\.[A-Za-z0-9\-]+)* ?\.[A-Za-z]{2,}")
# An underscore is a thin low line a fax drops, spaces or OCR reads as '!', '|' or ',':
# the local part then starts one word earlier ("destiny huffman@", "bryan, thompson@").
_LOST_UNDERSCORE = re.compile(r"(?:^|(?<=\s))([A-Za-z0-9.%+\-]*[A-Za-z0-9])[!|,_]? $")
# OCR of a fax often loses the dot before the top-level domain ("jdoe@ gmail com") or
# spaces it ("jdoe@icloud. com").
_EMAIL_DOTLESS = re.compile(r"([A-Za-z0-9._%+\-]+) ?@ ?([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*)"
                            r"(?:[ ,]+|\. +)(com|org|net|edu|gov|us|mil|info|health)\b")
# The '@' itself lost or read as one letter ("kschmidt gmail.com", "thansenagmail.com"):
# only before a large webmail domain, where the split is certain, and only as the whole
# cell (after an "Email:" label at most), where no sentence ("I use gmail.com") can be.
_EMAIL_NO_AT = re.compile(r"(?i:e-?mail\s*:?\s*)?"
                          r"([a-z0-9][a-z0-9_%+\-]*?(?: ?\.[a-z0-9_%+\-]+?)*?)(?: |[a-z@©])"
                          r"(gmail|yahoo|outlook|hotmail|icloud|protonmail|aol)"
                          r" ?\. ?(com)\s*$")
_NPI_LABELLED = re.compile(
    r"\bN\.?P\.?I\.?\b(?:\s*(?:#|no\.?|number|num))?\s*[:#\-]?\s*(\d[\d\s-]{8,14}\d)", re.I)
_TEN = re.compile(r"(?<!\d)(?<!\d-)\d{10}(?![\d-])")  # "Number-1234567893" too
_MONTH_YEAR = re.compile(r"(?<!\d)(?:0?[1-9]|1[0-2])/(?:19|20)\d\d(?!\d)")
_FAX = re.compile(r"fax|facsimile|pager|beeper|f", re.I)
_PHONE_LABEL = re.compile(r"\b(fax|facsimile|pager|beeper|phone|tel|telephone|cell|mobile|office|"
                          r"home|work|ph|p|c|m|f|t)\b\.?\s*[:#]?", re.I)
_EMAIL_LABEL_WORDS = frozenset({"e", "mail", "at", "contact", "personal", "work", "home",
                                "primary", "office", "via", "to", "or", "and"})
_NOT_NAME_LINE = re.compile(r"curriculum|vitae|resume|résumé|\bcv\b|address|phone|email|e-mail", re.I)


def _value(row: Row, start: int, end: int, value: object, confidence: float) -> FieldValue:
    return FieldValue(value=value, confidence=round(confidence * row.conf(start, end), 3),
                      file=row.page.file, page=row.page.number, bbox=row.bbox(start, end),
                      raw=row.text[start:end])


def header_fields(rows: list[Row], top: list[Row] | None = None) -> Fields:
    """``top``: the rows above the CV's first section heading, where its owner's name is
    printed; without it (no heading found) the first page's upper rows are searched."""
    out: Fields = {}
    if not rows:
        return out
    name = _name(top or rows)
    if name is not None:
        out["name"] = name
    for key, fn in (("email", _email), ("phone", _phone), ("npi", _npi)):
        value = fn(rows)
        if value is not None:
            out[key] = value
    return out


def _name(rows: list[Row]) -> FieldValue | None:
    first_page = rows[0].page
    page_rows = [r for r in rows if r.page is first_page]
    limit = first_page.height * 0.3 if first_page.height > 0 else None
    top = [r for r in page_rows if limit is None or r.top <= limit][:15] or page_rows[:8]
    best: tuple[float, Row, int, int] | None = None
    for order, row in enumerate(top):
        for cell_start, cell_end in _cell_spans(row):
            text = row.text[cell_start:cell_end]
            candidate = _strip_vitae(text)
            if candidate is None:
                continue
            off = text.index(candidate)
            if not looks_like_name(candidate) or section_kind(candidate)[0] is not None:
                continue
            if _NOT_NAME_LINE.search(candidate) or _EMAIL.search(candidate):
                continue
            place = find_place(candidate)
            if place is not None and place.start <= 1 and not is_credential(
                    candidate[place.end - 2:place.end]):
                continue  # "Evanston, IL" (but "Jane Doe, MD" is a name)
            if score(candidate).org >= 2.0 or not _reads_like_person(candidate):
                continue
            height = max(w.height for w in row.words_in(cell_start + off, cell_start + off + len(candidate)))
            key = height - 0.01 * order  # largest, then earliest
            if best is None or key > best[0]:
                best = (key, row, cell_start + off, cell_start + off + len(candidate))
    stacked = _stacked_name(top)
    if stacked is not None and (best is None or stacked[1] > 1.05 * best[0]
                                or best[1] in stacked[2]):
        return stacked[0]
    if best is None:
        return None
    _, row, start, end = best
    text = _closed_text(row.words_in(start, end)) if len(row.cells) == 1 and row.page.ocr \
        else row.text[start:end]
    value = clean_name(text) or text
    return _value(row, start, end, value, 0.85)


_NAME_PARTICLES = frozenset({"de", "da", "del", "della", "di", "van", "von", "der", "den", "la",
                             "le", "du", "dos", "das", "bin", "ibn", "al", "el", "y"})


def _reads_like_person(text: str) -> bool:
    """A person's name, not a skill or a job title printed where a name would be
    (anonymised resumes print "MEDICAL RECORDS CLERK" or "Time Management" at
    the top): every word capitalised (particles aside) and no job-title head noun."""
    words = re.findall(r"[^\s,]+", text)
    if any(w[0].islower() and w.lower() not in _NAME_PARTICLES for w in words):
        return False
    core = [w for w in words if not is_credential(w.strip("."))]
    return not (is_title(" ".join(core)) or any(w.lower().strip(".") in TITLE_NOUNS
                                                 for w in core[1:]))


def _closed_text(words: list[Word]) -> str:
    """Words joined as printed: on an OCR'd page a gap far narrower than a space (under a
    fifth of the glyph height) is a letter-spaced or OCR-split word ('CAM ERON',
    'CHRISTOPHE R'), not two words. A word space is about a third of the capital height
    (a text layer's words are split where the PDF put spaces: never closed)."""
    out = words[0].text if words else ""
    for prev, word in zip(words, words[1:]):
        height = min(prev.height, word.height)
        out += ("" if word.x0 - prev.x1 < 0.2 * height else " ") + word.text
    return out


def _stacked_name(rows: list[Row]) -> tuple[FieldValue, float, tuple[Row, Row]] | None:
    """'SHAUN' over 'COLLIER' in large type (a sidebar header): one name on two rows.
    The two heights may differ by a quarter: a fax's 98 dpi rows and specks make glyph
    boxes of the same type size vary that much."""
    for a, b in zip(rows, rows[1:]):
        if len(a.cells) != 1 or len(b.cells) != 1 or a.page is not b.page:
            continue
        if not a.page.ocr:
            ta, tb = a.text.strip(), b.text.strip()
        else:
            ta, tb = _closed_text(a.words).strip(), _closed_text(b.words).strip()
        if not (re.fullmatch(r"[A-Za-z'’.-]+", ta) and re.fullmatch(r"[A-Za-z'’.,\s-]+", tb)):
            continue
        if abs(a.height - b.height) > 0.25 * max(a.height, b.height):
            continue
        if b.top - a.bottom > a.height:
            continue
        joined = f"{ta} {tb}"
        if not looks_like_name(joined) or any(section_kind(t)[0] is not None for t in (ta, tb)):
            continue
        if not _reads_like_person(joined) or score(joined).org >= 2.0:
            continue
        words = a.words + b.words
        bbox = (min(w.x0 for w in words), min(w.top for w in words),
                max(w.x1 for w in words), max(w.bottom for w in words))
        value = FieldValue(value=joined, confidence=round(0.75 * min(a.conf(), b.conf()), 3),
                           file=a.page.file, page=a.page.number, bbox=bbox, raw=joined)
        return value, max(w.height for w in words), (a, b)
    return None


def _strip_vitae(text: str) -> str | None:
    """'Jane Doe, MD — Curriculum Vitae' -> 'Jane Doe, MD'."""
    t = re.split(r"\s+[-–—|:]\s+(?=curriculum|vitae|cv\b|resume)", text, flags=re.I)[0].strip()
    return t or None


def _cell_spans(row: Row) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for cell in row.cells:
        n = len(cell.text)
        spans.append((pos, pos + n))
        pos += n + 1
    return spans


def _email(rows: list[Row]) -> FieldValue | None:
    for row in rows:
        m = _EMAIL.search(row.text)
        if m:
            value = m.group().replace(" ", "").rstrip(".").lower()
            if value.startswith("mailto:"):
                value = value[7:]
            return _email_value(row, m.start(), m.end(), value, 0.95)
    for row in rows:
        m = _EMAIL_DOTLESS.search(row.text)
        if m:
            value = f"{m.group(1)}@{m.group(2)}.{m.group(3)}".lower()
            return _email_value(row, m.start(), m.end(), value, 0.6)
    for row in rows:
        for start, end in _cell_spans(row):
            m = _EMAIL_NO_AT.fullmatch(row.text, start, end)
            if m:
                value = f"{m.group(1).replace(' ', '')}@{m.group(2)}.{m.group(3)}"
                return _value(row, m.start(1), end, value, 0.5)
    return None


def _email_value(row: Row, start: int, end: int, value: str, confidence: float) -> FieldValue:
    """The address, with the first half of its local part when a lost underscore split it."""
    lost = _lost_underscore(row, start)
    if lost is None:
        return _value(row, start, end, value, confidence)
    return _value(row, lost.start(1), end, f"{lost.group(1).lower()}_{value}", 0.6)


def _lost_underscore(row: Row, start: int) -> re.Match[str] | None:
    """The word before an address whose cell holds nothing else: the first half of a
    local part whose underscore the fax lost ('destiny huffman@...'). Words are never
    split by a space inside an address, and a cell of its own is the address alone."""
    cell_start = row.text.rfind("\t", 0, start) + 1
    m = _LOST_UNDERSCORE.search(row.text, cell_start, start)
    if m is None or m.start(1) != cell_start or not m.group(1).islower():
        return None
    if _NOT_NAME_LINE.search(m.group(1)) or m.group(1) in _EMAIL_LABEL_WORDS:
        return None  # a label: "email jdoe@...", "contact jdoe@..."
    return m


def _phone_as_printed(raw: str) -> str:
    """The number as printed, without what OCR adds: spaces around a hyphen
    ("349- 4312"), an opening parenthesis read as 1, l or [ ("1720) 868-0827") and a
    speck after the closing one ("(713). 961-4430")."""
    raw = re.sub(r"\s*-\s*", "-", raw.strip())
    raw = re.sub(r"(?<=\d\))[.,'`](?=\s)", "", raw)
    return re.sub(r"^[1lI\[{](\d{3}\))", r"(\1", raw)


def _phone(rows: list[Row]) -> FieldValue | None:
    found: list[tuple[int, FieldValue]] = []
    for row in rows[:200]:
        text = row.text
        for m in phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.POSSIBLE):
            if not _is_phone_number(m):
                continue
            if _looks_like_other_number(text, m.start, m.end):
                continue
            value = _phone_as_printed(m.raw_string)
            labels = _PHONE_LABEL.findall(text[max(0, m.start - 30):m.start])
            rank = 1 if labels and _FAX.fullmatch(labels[-1]) else 0
            found.append((rank, _value(row, m.start, m.end, value, 0.9 if rank == 0 else 0.5)))
    if not found:
        return None
    return min(found, key=lambda rv: rv[0])[1]


def _is_phone_number(m: phonenumbers.PhoneNumberMatch) -> bool:
    """A ten-digit North American number, or a possible number of another country
    printed with its "+" country code (a sidebar's "+44 7700 900123"); a foreign number
    without the "+" is too easily a run of other digits."""
    num = m.number
    if num.country_code == 1:
        return len(str(num.national_number)) == 10
    return m.raw_string.lstrip().startswith("+") and phonenumbers.is_possible_number(num)


def _looks_like_other_number(text: str, start: int, end: int) -> bool:
    """A ten-digit NPI (digits without separators and no phone label) or a date range is
    not a phone number ("3/2011-8/2015" and "2012-01/2016" hold ten digits too)."""
    raw = text[start:end]
    if _MONTH_YEAR.search(raw):
        return True
    if re.fullmatch(r"\+?1?\d{10}", raw):  # printed without separators: an identifier
        before = text[max(0, start - 30):start]
        labels = _PHONE_LABEL.findall(before)
        return not labels or bool(re.search(r"\bNPI\b|identifier|license|#", before, re.I))
    return bool(re.fullmatch(r"[\d\s]*(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d[\d\s]*", raw))


def _npi(rows: list[Row]) -> FieldValue | None:
    for row in rows:
        m = _NPI_LABELLED.search(row.text)
        if m:
            digits = re.sub(r"\D", "", m.group(1))
            if len(digits) == 10:
                return _value(row, m.start(1), m.end(1), digits, 0.95 if npi_valid(digits) else 0.6)
    for i, row in enumerate(rows):
        label = (rows[i - 1].text[-40:] + " " if i else "") + row.text  # a label wrapped above
        if not re.search(r"\bNPI\b|national provider", label, re.I):
            continue
        for m in _TEN.finditer(row.text):
            if npi_valid(m.group()):
                return _value(row, m.start(), m.end(), m.group(), 0.8)
    return None


def npi_valid(npi: str) -> bool:
    """Luhn over '80840' + the first nine digits equals the tenth (DOMAIN.md)."""
    if not re.fullmatch(r"\d{10}", npi):
        return False
    digits = [int(c) for c in "80840" + npi[:9]]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10 == int(npi[9])
