"""Is a read value a value at all, and which characters could OCR have confused in it?

Readers of imperfect paper hand the rules things that are not values: the form's label
("Licensee Name", "Status"), a sample form's placeholder ("Company Name", "N/A", "XXXX").
Such a value is dropped before it can become evidence of another person or number
(``implausible``). Strings that differ only where OCR confuses characters (I/l/1, O/0,
S/5, "Ill" for "III", a lost underscore or hyphen) compare under ``ocr_key``.
The vocabularies are data: ``data/form_labels.csv``, ``data/placeholders.csv``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA

from credintake.rules.equivalents import known_terms
from credintake.rules.tables import data_rows


def _plain(text: str) -> str:
    return " ".join(re.split(r"[^0-9a-z]+", text.lower())).strip()


@lru_cache(maxsize=1)
def _label_words() -> frozenset[str]:
    """Label words under the OCR key, so "Licensee Narne" is still a label."""
    return frozenset(ocr_key(r[0]) for r in data_rows("form_labels.csv", min_columns=1))


@lru_cache(maxsize=1)
def _placeholders() -> tuple[frozenset[str], frozenset[str]]:
    """(exact placeholder values, characters a placeholder may be made of)."""
    rows = data_rows("placeholders.csv")
    exact = frozenset(_plain(r[1]) for r in rows if r[0] == "exact")
    chars = frozenset("".join(r[1] for r in rows if r[0] == "chars").lower() + " ")
    return exact, chars


def is_label(value: Any) -> bool:
    """The value is the form's label: "Licensee Name", "Status", "Name:", "License No."."""
    text = str(value).strip()
    words = _plain(text).split()
    if not words:
        return False
    labels = _label_words()
    keys = [ocr_key(w) for w in words]
    if text.endswith(":") and any(k in labels for k in keys):
        return True
    if " ".join(words) in known_terms():
        return False  # "Physician", "Valid": a whole value that a label word can also be
    exact = [k in labels for k in keys]
    # A label garbled by a scan ("Reuew By", "UCENSE TYPE"): every other word one letter off
    # a long label word, or two off a label word of seven letters or more (a fax merges "LI"
    # into "U").
    return all(exact) or (any(exact) and all(
        hit or (len(k) >= 5 and any(_garbled_label(k, label) for label in labels))
        for hit, k in zip(exact, keys)))


def _garbled_label(word: str, label: str) -> bool:
    edits = 2 if len(label) >= 7 and len(word) >= 6 else 1
    return abs(len(word) - len(label)) <= edits and 0 < OSA.distance(word, label) <= edits


def is_placeholder(value: Any) -> bool:
    """The value stands in for one: "Company Name", "City, State", "N/A", "XXXX", "00/00/0000"."""
    text = str(value).strip()
    exact, chars = _placeholders()
    if _plain(text) in exact and _plain(text):
        return True
    return len(text.replace(" ", "")) >= 3 and set(text.lower()) <= chars


def implausible(value: Any) -> str | None:
    """Why a read text value cannot be the value ("a form label", "a placeholder"), else None.

    Only strings are judged: a number, a date or a boolean the reader produced has a type.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    if is_placeholder(value):
        return "a placeholder"
    if is_label(value):
        return "a form label"
    return None


#: Characters OCR confuses, each mapped to one representative (I/l/1/|, O/0, S/5, B/8, Z/2).
_OCR_FOLD = str.maketrans({"1": "l", "i": "l", "|": "l", "!": "l", "0": "o", "5": "s",
                           "$": "s", "8": "b", "2": "z"})


def ocr_key(text: Any) -> str:
    """A comparison key under which OCR's usual confusions are equal: case, I/l/1, O/0, S/5,
    B/8, Z/2, "rn"/"m", and every character that is not a letter or digit (a lost underscore,
    hyphen, dot or space) ignored. "Leonard Ill" = "Leonard III"; "jane_doe@x.org" = "janedoe@x.org"."""
    if text is None:
        return ""
    folded = str(text).lower().replace("rn", "m")
    return re.sub(r"[^0-9a-z]", "", folded.translate(_OCR_FOLD))


#: Letters OCR reads where a number prints a digit (O/0, I/l/1, S/5, B/8, Z/2, G/6).
_DIGIT_FOLD = str.maketrans({"o": "0", "O": "0", "D": "0", "Q": "0", "I": "1", "l": "1",
                             "i": "1", "|": "1", "!": "1", "S": "5", "s": "5", "B": "8",
                             "Z": "2", "z": "2", "G": "6"})


def ocr_digits(text: Any) -> str:
    """``text`` with the letters OCR confuses with digits read as those digits, spaces and
    hyphens dropped: "1O2345678S" -> "1023456785" (for numbers that are digits only)."""
    return re.sub(r"[\s-]", "", str(text or "")).translate(_DIGIT_FOLD)
