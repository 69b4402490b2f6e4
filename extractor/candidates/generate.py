"""Typed candidates: every printed value that could fill a field, wherever it sits.

The label engine (extractor/fields) finds a known label and reads the value beside it;
on a layout whose labels it does not know it finds nothing. Candidate generation asks the
opposite question, as Majumder et al. (ACL 2020) do: which strings on the page *are* a
date, an amount, an identifier, a person's name, an organisation, a state? Each is kept
with its words, box and page; ``models/field_scorer.py`` then scores every candidate for
every field of its kind from its neighbourhood. Recall matters more than precision here:
a wrong candidate costs a row for the scorer, a missing one can never be chosen.

Parsers are the engine's own (``extractor/dates.py``, ``extractor/fields/values.py``) so a
candidate's value has exactly the contract's shape (ISO dates at printed precision,
integer dollars, USPS codes, identifiers without spaces, names as printed).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from credintake.extractor.dates import find_dates
from credintake.extractor.fields.common import org_phrase
from credintake.extractor.fields.values import dea_value, ident_value, money_value, name_value
from credintake.extractor.layout import Line, Page, Word
from credintake.us_states import STATE_CODES, STATE_NAMES

DATA = Path(__file__).resolve().parent / "data"
KINDS = ("date", "money", "ident", "name", "state", "org")


@dataclass(eq=False)
class Candidate:
    """One typed value as printed: its words (on one line of one page) and where it is."""

    kind: str            # one of KINDS
    value: Any           # contract-shaped value
    raw: str             # the printed text
    words: list[Word]
    page: Page
    line: Line
    detail: str = ""     # date precision, identifier shape, ...

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (min(w.x0 for w in self.words), min(w.top for w in self.words),
                max(w.x1 for w in self.words), max(w.bottom for w in self.words))


@lru_cache(maxsize=1)
def field_kinds() -> dict[str, str]:
    """field name -> candidate kind (data/field_kinds.csv); fields not listed are not scored."""
    with (DATA / "field_kinds.csv").open() as f:
        return {row["field"]: row["kind"] for row in csv.DictReader(f)}


@lru_cache(maxsize=1)
def _org_word() -> re.Pattern[str]:
    with (DATA / "org_words.csv").open() as f:
        words = [row["word"] for row in csv.DictReader(f)]
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


_ORG_KEY = re.compile(r"[A-Z][A-Za-z&'’.-]+")
_STATE_NAME = re.compile(r"\b(" + "|".join(sorted((re.escape(v) for v in STATE_NAMES.values()),
                                                  key=len, reverse=True)) + r")\b", re.I)
_STATE_CODE = re.compile(r"(?<![A-Za-z])(" + "|".join(STATE_NAMES) + r")(?![A-Za-z])")
_ID_SHAPE = str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                          "9" * 10 + "A" * 26 + "a" * 26)


def line_text(line: Line) -> tuple[str, list[tuple[int, int, Word]]]:
    """The line's text with each word's character span."""
    spans, pos = [], 0
    for w in line.words:
        spans.append((pos, pos + len(w.text), w))
        pos += len(w.text) + 1
    return " ".join(w.text for w in line.words), spans


def _words(spans: list[tuple[int, int, Word]], start: int, end: int) -> list[Word]:
    return [w for s, e, w in spans if s < end and e > start]


def _dates(text: str) -> Iterator[tuple[Any, int, int, str]]:
    for d in find_dates(text):
        yield d.value, d.start, d.end, d.precision


_MONEY_MARK = re.compile(r"\$|\d[,.\s]\d{3}\b|\d\s*(?:m|mm|k|mil|million|thousand)\b", re.I)


def _money(text: str) -> Iterator[tuple[Any, int, int, str]]:
    """Amounts printed as money ("$1,000,000", "1,000,000", "$1M"); a bare run of digits
    is an identifier, a ZIP code or a year far more often than a limit."""
    pos = 0
    while pos < len(text):
        got = money_value(text[pos:])
        if got is None:
            return
        value, s, e = got
        raw = text[pos + s:pos + e]
        if _MONEY_MARK.search(raw):
            yield value, pos + s, pos + e, "dollar" if "$" in raw else "plain"
        pos += max(e, 1)


def shape(value: str) -> str:
    """An identifier's shape with runs collapsed: 'A1234567' -> 'A9+'; 'MPL-12-34' -> 'AAA-9+-9+'."""
    return re.sub(r"(.)\1+", r"\1+", value.translate(_ID_SHAPE))


def _idents(text: str) -> Iterator[tuple[Any, int, int, str]]:
    """Every identifier reading starting at a word (ident_value reads the first one after a
    position), plus DEA-shaped numbers; a string of 3+ characters holding 2+ digits."""
    seen: set[tuple[str, int]] = set()
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    for pos in starts:
        got = ident_value(text[pos:])
        if got is None:
            continue
        value, s, e = got
        key = (value, pos + s)
        if key in seen or sum(c.isdigit() for c in value) < 2:
            continue
        seen.add(key)
        yield value, pos + s, pos + e, shape(value)
    got = dea_value(text)
    if got is not None and (got[0], got[1]) not in seen:
        yield got[0], got[1], got[2], shape(got[0])


def _names(text: str) -> Iterator[tuple[Any, int, int, str]]:
    """Name readings of the line, of the text after each colon and from each of its first
    words on ("Licensee Jane Doe", "This certifies that Jane Doe")."""
    seen: set[tuple[str, int]] = set()
    starts = {0} | {m.end() for m in re.finditer(r":\s*", text)} | \
        {m.start() for m in re.finditer(r"(?<=\s)\S", text)}
    for pos in sorted(starts):
        got = name_value(text[pos:])
        if got is None:
            continue
        value, s, e = got
        if (value, pos + s) in seen:
            continue
        seen.add((value, pos + s))
        n = len(value.split())
        yield value, pos + s, pos + e, f"t{min(n, 5)}{'U' if value.isupper() else ''}"


#: USPS codes that are also words or credentials on this paper ("Transaction ID", "Jane
#: Doe, MD", "PA-C", "IN FORCE"): their detail tells the scorer to want more evidence.
_AMBIGUOUS_CODES = {"AL", "CO", "DE", "HI", "ID", "IN", "LA", "MA", "MD", "ME", "MS", "OH", "OK",
                    "OR", "PA", "DC", "GU"}
_ZIP_AFTER = re.compile(r"\.?,?\s+\d{5}(?:-\d{4})?\b")


def _states(text: str) -> Iterator[tuple[Any, int, int, str]]:
    """State names and USPS codes; a code's detail says whether a ZIP code follows it (an
    address) and whether it is also a common word."""
    for m in _STATE_NAME.finditer(text):
        yield STATE_CODES[m.group(1).lower()], m.start(), m.end(), "name"
    for m in _STATE_CODE.finditer(text):
        code = m.group(1)
        detail = "code" + ("_zip" if _ZIP_AFTER.match(text, m.end()) else "") + \
            ("_amb" if code in _AMBIGUOUS_CODES else "")
        yield code, m.start(), m.end(), detail


def _orgs(text: str) -> Iterator[tuple[Any, int, int, str]]:
    """The capitalised phrase around an organisation word, and the whole line when it holds
    one (a heading that is the issuer's name)."""
    key = _org_word()
    if not key.search(text):
        return
    seen: set[str] = set()
    sub = 0
    while sub < len(text):
        got = org_phrase(text[sub:], key)
        if got is None:
            break
        value, s, e = got
        seen.add(value)
        yield value, sub + s, sub + e, "phrase"
        sub += max(e, 1)
    whole = text.strip(" :;-_|,.")
    if whole and whole not in seen and len(whole.split()) <= 10 and whole[:1].isupper():
        start = text.find(whole)
        yield whole, start, start + len(whole), "line"


_FINDERS: dict[str, Callable[[str], Iterator[tuple[Any, int, int, str]]]] = {
    "date": _dates, "money": _money, "ident": _idents, "name": _names, "state": _states,
    "org": _orgs,
}


def generate(pages: list[Page], kinds: set[str] | None = None) -> list[Candidate]:
    """Every candidate of ``kinds`` (all by default) on the pages, in reading order."""
    out: list[Candidate] = []
    wanted = [k for k in KINDS if kinds is None or k in kinds]
    for page in pages:
        for line in page.lines:
            text, spans = line_text(line)
            for kind in wanted:
                for value, start, end, detail in _FINDERS[kind](text):
                    words = _words(spans, start, end)
                    if words and value not in (None, ""):
                        out.append(Candidate(kind, value, text[start:end], words, page, line, detail))
    return out
