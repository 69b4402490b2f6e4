"""The insured and the insurers of a liability certificate, read from their boxes.

Family: ACORD 25 certificates (every edition) and carriers' certificates on the same
plan: an INSURED box on the left under the producer, its first line the insured's name and
the next lines the address; an "INSURER(S) AFFORDING COVERAGE" (or "Companies Providing
Coverage") box on the right with one line per letter, "INSURER A : <name> <NAIC #>". A
blank box stays blank: the form's own captions and fine print are never values. Boxes are
read from the words' coordinates (acord_grid.visual_rows), never from the text layer's order.
"""

from __future__ import annotations

import re

from credintake.extractor.fields.acord_grid import upright, visual_lines, visual_rows
from credintake.extractor.fields.anchors import Hit, norm, parse_words
from credintake.extractor.fields.values import name_value, text_value
from credintake.extractor.layout import Page, Word

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
    xs = [line[0].x0 for line in visual_lines(page)
          if re.search(r"insurers?\s*(?:\(s\))?\s*affording|providing\s+coverage",
                       " ".join(w.text for w in line), re.I)
          or _letter_at(line) is not None]
    return min(xs) if xs else page.width * 0.5


def _letter_at(words: list[Word]) -> int | None:
    """Index of the insurer letter in "INSURER A :" / "Company A" / "Co. A"."""
    for i in range(1, len(words)):
        letter = words[i].text.rstrip(":.")
        before = "".join(norm(w.text) for w in words[:i])
        if re.fullmatch(r"[A-F]", letter) and (_caption_word(words, i) and len(before) <= 13
                                               or _collided(before[-13:], "company", "letter")):
            return i
    return None


def _caption_word(words: list[Word], i: int) -> bool:
    """The word before the letter is the caption ("INSURER", "Company", "Co.", "Company
    Letter"), not a name that ends like one ("Marco C. Hernandez" in the contact box)."""
    last = norm(words[i - 1].text)
    return last in _INSURER_LINE or (last == "letter" and i >= 2 and norm(words[i - 2].text) in _INSURER_LINE)


def _collided(text: str, first: str, second: str) -> bool:
    """``text`` is ``first`` and ``second`` interleaved letter by letter: a two-line caption
    ("Company / Letter" on carriers' own certificates, Farmers-style) whose lines the text
    layer draws at one height, so their letters come out merged ("CLeomtterpany")."""
    if len(text) != len(first) + len(second):
        return False
    rest, k = [], 0
    for ch in text:
        if k < len(first) and ch == first[k]:
            k += 1
        else:
            rest.append(ch)
    return k == len(first) and "".join(rest) == second


def insurer(page: Page, letter: str | None) -> Hit | None:
    """The insurer named on the line of ``letter``; without a letter, the only insurer
    the box names (a certificate with one carrier)."""
    named = []
    for line in visual_lines(page):
        i = _letter_at(line)
        if i is None:
            continue
        mark = line[i]
        cy = (mark.top + mark.bottom) / 2
        # by centre: loose glyph boxes of letter-spaced text layers overlap the letter's
        rest = sorted((w for w in page.words if (w.x0 + w.x1) / 2 > mark.x1
                       and min(w.top, w.bottom) < cy < max(w.top, w.bottom)
                       and w.text not in (":", "-")), key=lambda w: w.x0)
        rest = rest[:next((k for k, w in enumerate(rest) if re.fullmatch(r"\d{4,6}", w.text)), len(rest))]
        hit = parse_words(rest, page, _carrier_text, 0.85) if rest else None
        if hit is not None:
            named.append((line[i].text.rstrip(":."), hit))
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
    label = _insured_label(page, stop)
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


def _height(w: Word) -> float:
    return max(abs(w.bottom - w.top), 4.0)


def _mid(w: Word) -> float:
    return (w.top + w.bottom) / 2


def _insured_label(page: Page, stop: float) -> list[Word] | None:
    """The INSURED caption's words, topmost first: one to three words reading as the
    caption ("INSURED", "NAMED INSURED", "INSURED NAME & ADDRESS"), with no word close
    before them on their row and no sentence going on after them (the fine print says
    "issued to the insured named above"); a name may follow on the caption's own row."""
    for row in visual_rows([w for w in page.words if w.top < stop]):
        for i, w in enumerate(row):
            if "insured" not in norm(w.text):
                continue
            for start in range(max(0, i - 1), i + 1):
                for end in range(i + 1, min(len(row), i + 4) + 1):
                    run = row[start:end]
                    if not _INSURED_LABEL.match(" ".join(x.text for x in run)):
                        continue
                    h = _height(run[0])
                    if start and run[0].x0 - row[start - 1].x1 < 1.6 * h:
                        continue
                    if end < len(row) and row[end].x0 - run[-1].x1 < 1.6 * h and _sentence_goes_on(row[end]):
                        continue
                    return run
    return None


_SENTENCE_WORDS = frozenset("named above shown listed under for is are and or of the by with in to as "
                            "who whose shall must may".split())


def _sentence_goes_on(word: Word) -> bool:
    return word.text[:1].islower() or norm(word.text) in _SENTENCE_WORDS


def _box_lines(page: Page, label: list[Word], stop: float) -> list[list[Word]]:
    """The INSURED box's lines under (or level with, right of) its label, left of the insurers."""
    x_left, right = label[0].x0 - 6, insurer_column(page) - 2
    top, lh = min(w.top for w in label), _height(label[0])
    box = [w for w in map(upright, page.words) if w not in label and w.x0 >= x_left and w.x1 <= right
           and top - 0.8 * lh <= w.top and _mid(w) < stop
           and not (abs(_mid(w) - _mid(label[0])) <= 0.45 * lh and w.x1 <= label[-1].x1)
           and not _customer_code(w, x_left, right)]
    out: list[list[Word]] = []
    for words in visual_rows(box):
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
