"""Free-text comparison for institutions, employers, boards, carriers and courses.

"Univ. of Michigan Med. Ctr" and "University of Michigan Medical Center" are one place;
"ABIM" is the American Board of Internal Medicine. Values are normalised (case, accents,
punctuation, word abbreviations from ``data/abbreviations.csv``, whole-value acronyms
from ``data/acronyms.csv``, a carrier's legal form from ``data/legal_suffixes.csv``) and then scored with rapidfuzz token ratios (0-100). A guard
keeps "University of Michigan" and "University of Minnesota" apart: when the distinctive
words of the two values have nothing in common, the score is capped low.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz

from credintake.rules.equivalents import strip_legal_suffixes
from credintake.rules.tables import data_rows

#: Words that say what kind of place a value is, not which one.
GENERIC = frozenset("""
the of and at for in a an university college school institute hospital hospitals medical
medicine center centers health healthcare system services clinic clinics group department
division program association society board american national saint mount company
corporation incorporated insurance mutual llc pc pllc pa physicians faculty practice foundation
regional community general memorial of residency fellowship internship graduate education
""".split())
_DISTINCT_CAP = 60.0


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    return {r[0].strip().lower(): r[1].strip().lower() for r in data_rows("abbreviations.csv")}


@lru_cache(maxsize=1)
def acronyms() -> dict[str, dict[str, str]]:
    """kind -> folded short or long form -> canonical long form (folded)."""
    table: dict[str, dict[str, str]] = defaultdict(dict)
    for row in data_rows("acronyms.csv"):
        if len(row) < 3:
            continue
        kind, short, long_ = row[0].strip(), row[1].strip(), row[2].strip()
        # A second long form of a known acronym ("Advanced Cardiac Life Support") maps to
        # the first one listed.
        canonical = table[kind].get(_words(short), _words(long_))
        table[kind][_words(short)] = canonical
        table[kind][canonical] = canonical
        table[kind][_words(long_)] = canonical
    return dict(table)


def _words(text: str) -> str:
    """Case-folded, accent-free words with punctuation removed, abbreviations not expanded."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join(re.split(r"[^0-9a-z]+", text)).strip()


def normalise_text(text: str | None, kind: str | None = None, *,
                   keep_legal_form: bool = False) -> str:
    """Comparable form: folded words, abbreviations expanded, a known acronym as its long
    form, a carrier's legal form dropped (unless ``keep_legal_form``)."""
    if not text:
        return ""
    words = _words(text)
    table = acronyms().get(kind or "", {})
    if words in table:
        return table[words]
    if kind == "board":
        # "ABIM - Internal Medicine": expand an acronym that is one word of a longer value.
        words = " ".join(table.get(w, w) for w in words.split())
    abbr = abbreviations()
    expanded = " ".join(abbr.get(w, w) for w in words.split())
    if expanded in table:
        return table[expanded]
    if keep_legal_form:
        return expanded
    # Carriers: "The Doctors Company" = "The Doctors Co" = "The Doctors" (data/legal_suffixes.csv).
    bare = strip_legal_suffixes(expanded, kind)
    return table.get(bare, bare)


def text_score(a: str | None, b: str | None, kind: str | None = None, *,
               strict: bool = False) -> float:
    """0-100 similarity of two free-text values after normalisation.

    The default is lenient with extra words ("University of Michigan" = "University of
    Michigan Medical School"), right for places. ``strict`` compares the distinctive words
    in full, for specialties where one more word is another thing ("Surgery" vs
    "Vascular Surgery").

    Carriers are scored with and without their legal form, the better of the two: "Coverys
    RRG" = "Coverys", and a reading that kept only "Mutual Insurance Company" of "ISMIE
    Mutual Insurance Company" is still no evidence of another carrier.
    """
    score = _score(normalise_text(a, kind), normalise_text(b, kind), kind, strict)
    if kind in _INITIALISMS and score < _INITIALISM_SCORE and (initialism(a, b) or initialism(b, a)):
        score = _INITIALISM_SCORE
    if kind == "carrier" and score < 100.0:
        score = max(score, _score(normalise_text(a, kind, keep_legal_form=True),
                                  normalise_text(b, kind, keep_legal_form=True), kind, strict))
    return score


#: Kinds whose names are often printed as their initials: carriers on certificates of
#: insurance ("MLMIC", a regional mutual's initials and its state), institutions on CVs.
_INITIALISMS = frozenset({"carrier", "institution"})
_INITIALISM_SCORE = 90.0
_LINKING = frozenset({"of", "the", "and", "for", "at", "in"})


def initialism(short: str | None, long_: str | None) -> bool:
    """``short`` is ``long_`` written as its initials, maybe with a state or region after
    them: "MLMIC" / "MLMIC New York" for "Medical Liability Mutual Insurance Company".
    The initials must be printed in capitals, at least three of them, and stand for every
    word of the long name (or every word but "of", "the", "and", ...)."""
    if not short or not long_:
        return False
    printed = str(short).split()
    words = _words(str(long_)).split()
    if not printed or len(printed) > 3 or len(words) < 3:
        return False
    head = re.sub(r"[^A-Za-z]", "", printed[0])
    if len(head) < 3 or not head.isupper() or head.lower() in _LINKING:
        return False
    initials = {"".join(w[0] for w in words), "".join(w[0] for w in words if w not in _LINKING)}
    return head.lower() in initials


def _score(na: str, nb: str, kind: str | None, strict: bool) -> float:
    """text_score of two normalised values."""
    if not na or not nb:
        return 0.0
    if na == nb:
        return 100.0
    if strict:
        da = " ".join(w for w in na.split() if w not in GENERIC) or na
        db = " ".join(w for w in nb.split() if w not in GENERIC) or nb
        return float(fuzz.token_sort_ratio(da, db))
    canonical = set(acronyms().get(kind or "", {}).values())
    if na in canonical and nb in canonical:
        # Two different known names ("Doctor of Medicine" / "Doctor of Osteopathic Medicine"):
        # one containing the other's words is no evidence they are the same.
        return min(float(fuzz.token_sort_ratio(na, nb)), _DISTINCT_CAP)
    score = max(fuzz.token_set_ratio(na, nb), fuzz.token_sort_ratio(na, nb))
    da = [w for w in na.split() if w not in GENERIC]
    db = [w for w in nb.split() if w not in GENERIC]
    if da and db and not any(fuzz.ratio(x, y) >= 80 for x in da for y in db):
        score = min(score, _DISTINCT_CAP)
    return float(score)
