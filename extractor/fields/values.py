"""Typed value parsers for the label engine: text -> (value, start, end) or None.

Each parser finds its value *inside* a candidate text (what follows a label may hold
more than the value) and returns the span, so the FieldValue's box and raw text are the
value's own. Values follow the contract's conventions: ISO dates at printed precision,
integer dollars, USPS state codes, identifiers without spaces, names as printed.
"""

from __future__ import annotations

import re
from typing import Any

from credintake.extractor.dates import find_dates, parse_date
from credintake.extractor.names import clean_name, looks_like_name
from credintake.us_states import STATE_CODES, STATE_NAMES as STATES

Parsed = tuple[Any, int, int] | None

_STATE_NAME_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(v) for v in STATES.values()), key=len, reverse=True))
    + r")\b", re.I)
_CODE_RE = re.compile(r"(?<![A-Za-z])(" + "|".join(STATES) + r")(?![A-Za-z])")


def date_value(text: str) -> Parsed:
    d = parse_date(text)
    return (d.value, d.start, d.end) if d else None


def day_date_value(text: str) -> Parsed:
    """A date, ignoring bare years (labels in dense forms sit near other numbers)."""
    d = parse_date(text, years=False)
    return (d.value, d.start, d.end) if d else None


_MONEY = re.compile(
    r"\$\s*(?P<n1>\d+(?:\.\d+)?)\s*(?P<u1>MM|M|K|million|mil|thousand)\b"
    r"|(?P<n2>\d+(?:\.\d+)?)\s*(?P<u2>million|MM|mil)\b"
    r"|(?P<cur>\$)?\s*(?P<n3>\d{1,3}(?:(?:,\s?|\.|\s)\d{3})+|\d{4,})(?:\.\d\d)?(?!\d)",
    re.I)


def money_value(text: str) -> Parsed:
    """'$1,000,000', '1,000,000', '$1M', '$1.3 million' -> int dollars."""
    for m in _MONEY.finditer(text):
        if m.group("n1") or m.group("n2"):
            n = float(m.group("n1") or m.group("n2"))
            unit = (m.group("u1") or m.group("u2") or "").lower()
            mult = 1000 if unit in ("k", "thousand") else 1_000_000
            value = int(round(n * mult))
        else:
            digits = re.sub(r"[,.\s]", "", m.group("n3"))
            value = int(digits)
            if value < 1000 and not m.group("cur"):
                continue
        if value <= 0:
            continue
        return value, m.start(), m.end()
    return None


def state_value(text: str) -> Parsed:
    """A state from its name ('Medical Board of California') or a USPS code."""
    m = _STATE_NAME_RE.search(text)
    if m:
        name = m.group(1).lower()
        # "Washington, DC" / "Washington D.C." is the district
        if name == "washington" and re.match(r"\s*,?\s*D\.?\s?C\b", text[m.end():]):
            return "DC", m.start(), m.end()
        return STATE_CODES[name], m.start(), m.end()
    m = _CODE_RE.search(text)
    if m:
        return m.group(1), m.start(), m.end()
    return None


_ADDRESS_STATE = re.compile(r"(?<![A-Za-z])(" + "|".join(STATES) + r")\.?,?\s+\d{5}(?:-\d{4})?\b")


def address_state_value(text: str) -> Parsed:
    """The state of a US address line ('Austin, TX 78701')."""
    m = _ADDRESS_STATE.search(text)
    if m:
        return m.group(1), m.start(1), m.end(1)
    return None


_DEA = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z9])\s?([0-9OoIlSB|]{7})(?![0-9A-Za-z])")
_DEA_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8"})


def dea_value(text: str) -> Parsed:
    """Two letters and seven digits (OCR letters in the digit part repaired)."""
    for m in _DEA.finditer(text):
        digits = m.group(2).translate(_DEA_DIGITS)
        if not digits.isdigit() or sum(c.isdigit() for c in m.group(2)) < 5:
            continue
        return (m.group(1).upper() + digits), m.start(), m.end()
    return None


def dea_checksum_ok(dea: str) -> bool:
    d = [int(c) for c in dea[2:]]
    return len(d) == 7 and (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


_ROMAN = {"II": "2", "IIN": "2N", "III": "3", "IIIN": "3N", "IV": "4", "V": "5"}
_SCHED_TOKEN = r"(?:[1-5]\s?N?|I{2,3}\s?N?|IV|V)"
_SCHEDULES = re.compile(rf"(?<![A-Za-z0-9]){_SCHED_TOKEN}(?:\s*[,;/]?\s*{_SCHED_TOKEN})*(?![A-Za-z0-9])")


def schedules_value(text: str) -> Parsed:
    """'2,2N,3,3N,4,5' (or roman 'II, IIN, ...'), normalised to '2,2N,3,3N,4,5'."""
    best = None
    for m in _SCHEDULES.finditer(text):
        toks = re.findall(_SCHED_TOKEN, m.group(0))
        out = []
        for t in toks:
            t = t.replace(" ", "").upper()
            t = _ROMAN.get(t, t)
            if t not in out:
                out.append(t)
        if not out or any(t == "1" for t in out):
            continue
        if len(out) == 1 and not re.search(r"sched", text[:m.start()], re.I) and len(text) > 4:
            continue
        if best is None or len(out) > len(best[0].split(",")):
            best = (",".join(out), m.start(), m.end())
    return best


_ID_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-./]*")
_LEAD = {"NO", "NUMBER", "NUM", "#", "LIC", "LICENSE", "CERT", "CERTIFICATE", "POLICY", "ID"}


def ident_value(text: str) -> Parsed:
    """A license / certificate / policy identifier; spaces inside it are removed."""
    toks = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    i = 0
    while i < len(toks) and (toks[i][0].strip(":#.").upper() in _LEAD or not toks[i][0].strip(":#.")):
        i += 1
    toks = toks[i:]
    date_spans = [(d.start, d.end) for d in find_dates(text, years=False)]
    for k, (tok, s, e) in enumerate(toks):
        core = tok.strip(":;,()")
        if not any(c.isdigit() for c in core) or not _ID_TOKEN.fullmatch(core):
            continue
        if any(ds <= s and e <= de for ds, de in date_spans) or (
                re.fullmatch(r"(?:19|20)\d\d", core) and len(toks) == k + 1 and k == 0):
            continue  # a date or a lone year is not an identifier
        if find_dates(core, years=False) and re.search(r"[/]", core):
            continue
        start, end = s + tok.index(core), s + tok.index(core) + len(core)
        parts = [core]
        # a short letter prefix printed apart: "A 123456", "MD 12345"
        if k > 0:
            prev = toks[k - 1][0].strip(":#")
            if re.fullmatch(r"[A-Z]{1,3}-?", prev) and prev.upper() not in _LEAD:
                parts.insert(0, prev)
                start = toks[k - 1][1]
        # digit groups printed apart: "1234 5678", "MPL 1234567 01"
        for tok2, s2, e2 in toks[k + 1:]:
            c2 = tok2.rstrip(",;.")
            if re.fullmatch(r"\d{1,6}|[A-Z]{1,3}\d*|\d+[A-Z]{0,2}", c2) \
                    and not any(ds <= s2 < de for ds, de in date_spans):
                if not any(ch.isdigit() for ch in c2) and len(parts) > 1:
                    break
                parts.append(c2)
                end = s2 + len(c2)
            else:
                break
        value = "".join(parts).strip(".-")
        if len(value) < 3:
            continue
        return value, start, end
    return None


_PARTICLES = {"de", "la", "del", "van", "von", "der", "den", "du", "di", "da", "le", "bin", "al", "dos", "das", "y"}


def _name_prefix(text: str) -> str:
    """Cut a name candidate where the name ends: a colon, a lower-case word, or a number
    printed after it ("Jane Doe (251147)", a participant or member ID)."""
    text = re.split(r"[:;|]|\s{3,}", text, maxsplit=1)[0]
    out = []
    for i, tok in enumerate(text.split()):
        lower_word = tok[:1].islower() and tok.lower() not in _PARTICLES
        if i and (lower_word or re.match(r"[(#]?\d(?!(?:st|nd|rd|th)\b)", tok)):
            break
        out.append(tok)
    return " ".join(out)


_JUNK_TOKEN = re.compile(r"^[^A-Za-z0-9]+$")


def name_value(text: str) -> Parsed:
    """A person's name as printed (titles and label words dropped, OCR specks around it)."""
    toks = text.split()
    while toks and _JUNK_TOKEN.match(toks[0]):
        toks.pop(0)
    while toks and _JUNK_TOKEN.match(toks[-1]):
        toks.pop()
    stripped = _name_prefix(" ".join(toks))
    cleaned = clean_name(stripped)
    if not cleaned or not looks_like_name(cleaned):
        return None
    start = text.find(cleaned)
    if start < 0:
        start = 0
    return cleaned, start, start + len(cleaned)


STATUS_WORDS = ("active", "clear", "current", "inactive", "expired", "probation", "lapsed",
                "suspended", "revoked", "surrendered", "delinquent", "retired", "cancelled",
                "canceled", "restricted", "pending", "renewed", "valid", "voluntary surrender")
_STATUS = re.compile(r"\b(" + "|".join(STATUS_WORDS) + r")\b(?:\s*[-/,]\s*(?:" +
                     "|".join(STATUS_WORDS) + r")\b)?", re.I)


def status_value(text: str) -> Parsed:
    """A license status as printed: a short cell holding a status word ("License Renewed &
    Current", "Active - Clear") is kept whole, else the status words themselves."""
    m = _STATUS.search(text)
    if m is None:
        return None
    cell = text.strip(" :;-=|~_—–*")
    words = cell.split()
    while words and not re.fullmatch(r"[A-Z][a-z]+|[A-Z]+|[a-z]+|[&/\-–]", words[-1]):
        words.pop()  # OCR debris after the status ("ACTIVE - CLEAR gTaTus")
    cell = " ".join(words)
    if cell and len(words) <= 5 and not re.search(r"\d", cell) and not re.search(r"[.;]\s", cell):
        start = text.find(cell)
        return cell, start, start + len(cell)
    return m.group(0), m.start(), m.end()


def text_value(text: str) -> Parsed:
    """Any non-empty text, trimmed of label punctuation."""
    s = text.strip(" :;-_|")
    if not s or not re.search(r"[A-Za-z0-9]", s):
        return None
    start = text.find(s)
    return s, start, start + len(s)
