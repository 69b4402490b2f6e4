"""The insured and the insurers of a liability certificate, read from their boxes.

Family: ACORD 25 certificates (every edition) and carriers' certificates on the same
plan: an INSURED box on the left under the producer, its first line the insured's name and
the next lines the address; an "INSURER(S) AFFORDING COVERAGE" (or "Companies Providing
Coverage") box on the right with one line per letter, "INSURER A : <name> <NAIC #>". A
blank box stays blank: the form's own captions and fine print are never values.
"""

from __future__ import annotations

import re

from credintake.extractor.fields.anchors import Hit, norm, parse_words
from credintake.extractor.fields.values import name_value, text_value
from credintake.extractor.layout import Line, Page, Word

_INSURED_LABEL = re.compile(r"^(?:named\s+)?insured(?:\s+name)?(?:\s*(?:&|and)\s*address)?:?$", re.I)
_INSURER_LINE = ("insurer", "company", "co")
_BOX_END = re.compile(r"^(?:coverages|certificate\s+number|producer|certificate\s+holder)", re.I)
_ADDRESS = re.compile(r"^(?:\d|p\.?\s?o\.?\s+box|suite\b|ste\b|attn)", re.I)
_ORG = re.compile(r"\b(?:LLC|PLLC|P\.?C|P\.?A|Inc|Corp|Group|Practice|Partners|Associates|Clinic|"
                  r"Company|Co|LLP|Ltd)\b\.?(?!-)", re.I)  # not the credential "PA-C"
_JUNK = re.compile(r"^[^A-Za-z0-9(]+$")
_CODE = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")


def insurer_column(page: Page) -> float:
    """x where the insurers' box starts (the insured box ends there)."""
    xs = [line.bbox[0] for line in page.lines
          if re.search(r"insurers?\s*(?:\(s\))?\s*affording|providing\s+coverage", line.text, re.I)
          or _letter_at(line.words) is not None]
    return min(xs) if xs else page.width * 0.5


def _letter_at(words: list[Word]) -> int | None:
    """Index of the insurer letter in "INSURER A :" / "Company A" / "Co. A"."""
    for i in range(1, len(words)):
        letter = words[i].text.rstrip(":.")
        before = "".join(norm(w.text) for w in words[:i])
        if re.fullmatch(r"[A-F]", letter) and before.endswith(_INSURER_LINE) and len(before) <= 12:
            return i
    return None


def insurer(page: Page, letter: str | None) -> Hit | None:
    """The insurer named on the line of ``letter``; without a letter, the only insurer
    the box names (a certificate with one carrier)."""
    named = []
    for line in page.lines:
        i = _letter_at(line.words)
        if i is None:
            continue
        mark = line.words[i]
        cy = (mark.top + mark.bottom) / 2
        rest = sorted((w for w in page.words if w.x0 > mark.x1 and w.top < cy < w.bottom
                       and w.text not in (":", "-")), key=lambda w: w.x0)
        rest = rest[:next((k for k, w in enumerate(rest) if re.fullmatch(r"\d{4,6}", w.text)), len(rest))]
        hit = parse_words(rest, page, _carrier_text, 0.85) if rest else None
        if hit is not None:
            named.append((line.words[i].text.rstrip(":."), hit))
    if letter is not None:
        return next((hit for ltr, hit in named if ltr == letter), None)
    return named[0][1] if len(named) == 1 else None


def _carrier_text(text: str) -> tuple[str, int, int] | None:
    got = text_value(text)
    if got and len(re.findall(r"[A-Za-z]", got[0])) >= 3:
        return got
    return None


def insured(page: Page, stop: float) -> Hit | None:
    """The insured's name: the first line of the INSURED box (the line after it when the
    box is a group practice then a person: the person holds the malpractice cover), never
    an address line; a name whose parenthesis runs onto the next line keeps that line."""
    label = next((ln for ln in sorted(page.lines, key=lambda ln: ln.bbox[1])
                  if _INSURED_LABEL.match(ln.text.strip()) and ln.bbox[1] < stop), None)
    if label is None:
        return None
    lines = _box_lines(page, label, stop)
    if not lines or _ADDRESS.match(" ".join(w.text for w in lines[0])):
        return None
    first = lines[0]
    if first and " ".join(w.text for w in first).count("(") > " ".join(w.text for w in first).count(")") \
            and len(lines) > 1:
        first = first + lines[1]
    second = " ".join(w.text for w in lines[1]) if len(lines) > 1 else ""
    if second and _ORG.search(" ".join(w.text for w in first)) and not _ADDRESS.match(second):
        person = parse_words(lines[1], page, _name_text, 0.85)
        if person is not None and name_value(second) and not _ORG.search(str(person.value)):
            return person
    return parse_words(first, page, _name_text, 0.85)


def _name_text(text: str) -> tuple[str, int, int] | None:
    got = name_value(text)
    if got and got[1] == 0 and got[2] >= len(text.rstrip()) - 1:
        return got
    return _carrier_text(text)


def _box_lines(page: Page, label: Line, stop: float) -> list[list[Word]]:
    """The INSURED box's lines under (or level with) its label, left of the insurers."""
    x_left, right = label.bbox[0] - 6, insurer_column(page) - 2
    lh = label.bbox[3] - label.bbox[1]
    out: list[list[Word]] = []
    for line in sorted(page.lines, key=lambda ln: ln.bbox[1]):
        if line is label or line.bbox[1] < label.bbox[1] - 0.8 * lh or line.bbox[1] >= stop:
            continue
        words = [w for w in line.words if w.x0 >= x_left and w.x1 <= right
                 and not _customer_code(w, x_left, right)]
        while words and _JUNK.match(words[0].text):
            words = words[1:]
        if not words:
            continue
        if _BOX_END.match(" ".join(w.text for w in words)):
            break
        out.append(words)
    return out


def _customer_code(word: Word, x_left: float, right: float) -> bool:
    """An agency's customer code printed at the right end of the insured box ("ABCDEF-01",
    ACORD 25 certificates from agency management systems): digits with a hyphen or no
    vowel, in the box's right half; names start at the box's left edge."""
    text = word.text.strip()
    return (word.x0 > (x_left + right) / 2 and any(c.isdigit() for c in text)
            and any(c.isalpha() for c in text) and bool(_CODE.fullmatch(text))
            and ("-" in text or not re.search(r"[AEIOU]", text)))
