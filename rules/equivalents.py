"""Values that are written differently and mean the same: professions, licence standing,
carriers' legal forms.

Boards print "Physician and Surgeon", "Physician (MD)" or "Doctor of Medicine" where the
application says MD; "Current", "Clear" or "Active - Clear" where it says Active; an
insurer is "The Doctors Company" on the certificate and "The Doctors Co" in the
application. The vocabularies are data (``data/professions.csv``,
``data/license_status.csv``, ``data/legal_suffixes.csv``); this module only reads them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from credintake.rules.tables import data_rows


def _plain(text: Any) -> str:
    """Lower case, apostrophes dropped, other punctuation as single spaces."""
    text = str(text).lower().replace("'", "").replace("\u2019", "")
    return " ".join(re.split(r"[^0-9a-z]+", text)).strip()


def _has_words(text: str, term: str) -> bool:
    return f" {term} " in f" {text} "


# --- professions ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _professions() -> list[tuple[str, str, str]]:
    return [(r[0], r[1], r[2]) for r in data_rows("professions.csv", min_columns=3)]


def profession_code(value: Any) -> str | None:
    """MD, DO, NP, PA, CRNA, PharmD or RN from a profession, licence type, degree or credential."""
    if not value:
        return None
    text = _plain(value)
    if not text:
        return None
    for code, how, term in _professions():
        if ((how == "whole" and text == term) or (how == "word" and _has_words(text, term))
                or (how == "prefix" and any(w.startswith(term) for w in text.split()))):
            return code
    return None


# --- licence status ---------------------------------------------------------------------

GOOD_STANDING = "good"


@lru_cache(maxsize=1)
def _statuses() -> dict[str, str]:
    return {_plain(r[0]): r[1] for r in data_rows("license_status.csv")}


def status_standing(value: Any) -> str | None:
    """good / expired / restricted / inactive for a printed licence status; None when unknown."""
    if value is None:
        return None
    text = _plain(value)
    table = _statuses()
    if text in table:
        return table[text]
    found = [standing for term, standing in table.items() if _has_words(text, term)]
    bad = [s for s in found if s != GOOD_STANDING]
    return bad[0] if bad else (found[0] if found else None)


# --- legal suffixes -----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _suffixes() -> dict[str, tuple[tuple[str, ...], ...]]:
    """kind -> suffix phrases as word tuples, longest first."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for kind, phrase in data_rows("legal_suffixes.csv"):
        table.setdefault(kind, []).append(tuple(phrase.split()))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


def strip_legal_suffixes(words: str, kind: str | None) -> str:
    """``words`` (normalised, space-separated) without the legal-form words ending it (and
    a leading "the"); the first word always stays, so a name is never emptied."""
    phrases = _suffixes().get(kind or "")
    if not phrases:
        return words
    tokens = words.split()
    if tokens[:1] == ["the"] and len(tokens) > 1:
        tokens = tokens[1:]
    changed = True
    while changed and tokens:
        changed = False
        for phrase in phrases:
            n = len(phrase)
            if len(tokens) > n and tuple(tokens[-n:]) == phrase:
                tokens = tokens[:-n]
                changed = True
                break
    return " ".join(tokens) or words


def known_terms() -> frozenset[str]:
    """Every status and profession term of the tables (lower case, punctuation as spaces)."""
    return frozenset(_statuses()) | frozenset(term for _, _, term in _professions())
