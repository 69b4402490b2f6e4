"""Personal names as credentialing paper prints them, and when two of them are one person.

Documents print "JANE A DOE, MD", "Doe, Jane A." or "Bob Smith Jr."; the application says
"Robert", "Smith", "Jr". A credential after the name (MD, DO, NP, PA-C, RN, CRNA, PharmD...)
is a profession hint, not a name suffix; Jr/Sr/II/III are suffixes. Two names are the
same person when the last names agree (or the document shows a former name listed in
``provider.other_names``), the first names agree as spelled, as a nickname (data table
``data/nicknames.csv``) or as an initial, and the middle names do not contradict.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from nameparser import HumanName
from rapidfuzz import fuzz

from credintake.rules.plausible import ocr_key
from credintake.rules.tables import data_rows

#: Credentials printed after a name, mapped to the profession they hint at (None: no hint).
CREDENTIALS: dict[str, str | None] = {
    "MD": "MD", "DO": "DO", "NP": "NP", "APRN": "NP", "FNP": "NP", "FNPBC": "NP", "FNPC": "NP",
    "ANP": "NP", "ANPBC": "NP", "ACNP": "NP", "AGNP": "NP", "AGACNP": "NP", "AGPCNP": "NP",
    "PMHNP": "NP", "PNP": "NP", "WHNP": "NP", "CNP": "NP", "PA": "PA", "PAC": "PA",
    "RN": "RN", "BSN": None, "MSN": None, "CRNA": "CRNA", "PHARMD": "PharmD", "RPH": "PharmD",
    "DNP": None, "PHD": None, "MPH": None, "MBA": None, "MS": None, "MSC": None, "MBBS": None,
    "FACP": None, "FACS": None, "FAAP": None, "FAAFP": None, "FACC": None, "FACEP": None,
    "FACOG": None, "FCCP": None, "CNM": None, "CNS": None, "LPN": None, "DDS": None,
    "DMD": None, "DPM": None, "OD": None, "DNAP": None, "MMSC": None, "MPAS": None,
    "MHS": None, "BCPS": None, "CCRN": None, "ESQ": None,
}
#: Credentials that are also plausible name words: stripped only when set off by a comma.
_AMBIGUOUS = {"DO", "PA", "MS", "OD", "CNS"}
SUFFIXES = {"JR": "Jr", "SR": "Sr", "II": "II", "III": "III", "IV": "IV", "V": "V"}
#: A generational suffix as OCR reads it: "Ill", "lll", "I1I" for III, "Il" for II, "lV" for
#: IV (capital I, small l, one, bar; never a small i or capital L, so "Li" stays a name).
_OCR_ROMAN = re.compile(r"(?<=\s)(?:([Il1|]{2,3})|[Il1|]V)(?=\s*(?:,|$))")


def _ocr_repairs(text: str) -> str:
    """What scans and faxes do to a printed name, undone: "J.Caner" (a lost space after an
    initial), "Ashley N, Delgado" (a period read as a comma: no surname ends with an
    initial, so this is not "Last, First"), "Brown Ill" (III)."""
    text = re.sub(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]{2,})", ". ", text)
    parts = text.split(",")
    if (len(parts) >= 2 and re.search(r" [A-Za-z]\.?$", parts[0].strip())
            and re.fullmatch(r"[A-Za-z'\-]{2,}", parts[1].strip())
            and not _is_credential_part(parts[1]) and _credential_key(parts[1]) not in SUFFIXES):
        text = ",".join([f"{parts[0].strip()} {parts[1].strip()}", *parts[2:]])
    return _ocr_suffix(text)


def _ocr_suffix(text: str) -> str:
    """"LEONARD SMITH Ill" -> "LEONARD SMITH III": only after two words of a name."""
    if len(re.findall(r"[A-Za-z]{2,}", text)) < 3:
        return text
    return _OCR_ROMAN.sub(lambda m: "I" * len(m[1]) if m[1] else "IV", text)


def fold(text: str | None) -> str:
    """Lower case, accents removed, letters only (O'Brien = OBRIEN, De La Cruz = delacruz)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.casefold() if c.isalpha())


def _credential_key(token: str) -> str:
    return re.sub(r"[^A-Za-z]", "", token).upper()


@dataclass(frozen=True)
class ParsedName:
    """One personal name split into parts, with the credentials printed after it."""

    first: str = ""
    middle: str = ""
    last: str = ""
    suffix: str = ""
    credentials: tuple[str, ...] = ()
    raw: str = ""

    @property
    def profession_hint(self) -> str | None:
        for cred in self.credentials:
            if hint := CREDENTIALS.get(_credential_base(cred) or ""):
                return hint
        return None

    def full(self) -> str:
        return " ".join(p for p in (self.first, self.middle, self.last, self.suffix) if p)


def _credential_base(token: str) -> str | None:
    """The known credential a printed token is: "NP-C" and "FNP-BC" (certified) are NP and
    FNP, "APRN-CNP" is APRN; None when it is no credential."""
    key = _credential_key(token)
    if key in CREDENTIALS:
        return key
    for tail in ("BC", "C"):
        if key.endswith(tail) and key[:-len(tail)] in CREDENTIALS:
            return key[:-len(tail)]
    parts = [_credential_key(p) for p in token.split("-") if p]
    if len(parts) > 1 and all(p in CREDENTIALS for p in parts):
        return parts[0]
    return None


def _is_credential(token: str, *, after_comma: bool) -> bool:
    key = _credential_base(token)
    if key is None:
        return False
    return after_comma or key not in _AMBIGUOUS


def _is_credential_part(part: str) -> bool:
    tokens = [t for t in re.split(r"[\s/]+", part) if t]
    return bool(tokens) and all(_is_credential(t, after_comma=True) for t in tokens)


def parse_name(text: str | None) -> ParsedName:
    """Split a printed name ("JANE A DOE, MD", "Doe, Jane A", "Bob Smith Jr.") into parts."""
    if not text or not text.strip():
        return ParsedName(raw=text or "")
    raw = text
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().strip(",;")
    text = _ocr_repairs(text)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    credentials: list[str] = []
    kept: list[str] = []
    for i, part in enumerate(parts):
        if i > 0 and _is_credential_part(part):
            credentials.extend(t for t in re.split(r"[\s/]+", part) if t)
        else:
            kept.append(part)
    if kept:
        # "JANE DOE MD" (no comma): strip trailing credentials while a name remains.
        tokens = kept[-1].split(" ")
        while len(tokens) > 2 and _is_credential(tokens[-1], after_comma=False):
            credentials.insert(0, tokens.pop())
        kept[-1] = " ".join(tokens)
    name = HumanName(", ".join(kept))
    first, middle, last, suffix = name.first, name.middle, name.last, name.suffix
    suffix_words = []
    for word in re.split(r"[\s,]+", suffix):
        key = _credential_key(word)
        if key in SUFFIXES:
            suffix_words.append(SUFFIXES[key])
        elif _credential_base(word):
            credentials.append(word)
        elif word:
            suffix_words.append(word)
    if suffix_words == ["V"] and not middle and first:
        # "MCCARTHY, ALEXANDRA V": a middle initial V, not "the fifth".
        middle, suffix_words = "V", []
    if not last and first:  # a single word: treat it as the last name
        first, last = "", first
    parsed = ParsedName(first=first, middle=middle, last=last, suffix=" ".join(suffix_words),
                        credentials=tuple(credentials), raw=raw)
    if text.upper() == text or text.lower() == text:
        parsed = ParsedName(first=_title(parsed.first), middle=_title(parsed.middle),
                            last=_title(parsed.last), suffix=parsed.suffix,
                            credentials=parsed.credentials, raw=raw)
    return parsed


def _title(part: str) -> str:
    if not part:
        return part
    name = HumanName(part)
    name.capitalize(force=True)
    out = str(name) or part.title()
    # HumanName may reorder or drop words of a fragment; fall back when it changes the letters.
    return out if fold(out) == fold(part) else part.title()


# --- nicknames --------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _nickname_table() -> dict[str, frozenset[str]]:
    """name -> every formal name it can stand for (itself included)."""
    forms: dict[str, set[str]] = defaultdict(set)
    for row in data_rows("nicknames.csv"):
        nick, formal = fold(row[0]), fold(row[1])
        forms[nick].add(formal)
        forms[formal].add(formal)
    return {k: frozenset(v) for k, v in forms.items()}


def nickname_pairs() -> int:
    """How many names the table knows (tests pin that it is a real table)."""
    return len(_nickname_table())


def is_nickname(a: str, b: str) -> bool:
    """Bob/Robert, Robert/Bob and Bob/Rob (two nicknames of one formal name)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb or fa == fb:
        return False
    table = _nickname_table()
    forms_a = table.get(fa, frozenset()) | {fa}
    forms_b = table.get(fb, frozenset()) | {fb}
    return bool(forms_a & forms_b)


# --- comparing names --------------------------------------------------------------------

@dataclass
class NameMatch:
    """Whether a printed name is the applicant, how (the reason) and a 0-100 score."""

    matches: bool
    score: float
    reason: str
    notes: list[str] = field(default_factory=list)


def _given_compatible(a: str, b: str) -> tuple[bool, str]:
    """Given names: equal, initial vs full, nickname; hyphenated/compound parts count."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return True, "missing"
    if fa == fb:
        return True, "exact"
    if len(fa) > 2 and ocr_key(a) == ocr_key(b):
        return True, "ocr"
    if len(fa) == 1 or len(fb) == 1:
        return (fa[0] == fb[0]), "initial"
    if is_nickname(fa, fb):
        return True, "nickname"
    words_a = [fold(w) for w in re.split(r"[\s\-]+", a) if fold(w)]
    words_b = [fold(w) for w in re.split(r"[\s\-]+", b) if fold(w)]
    if len(words_a) > 1 or len(words_b) > 1:
        if words_a and words_b and (words_a[0] == words_b[0]
                                    or is_nickname(words_a[0], words_b[0])):
            return True, "compound"
    return False, "different"


def _last_compatible(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return True
    if fa == fb or ocr_key(a) == ocr_key(b):
        return True  # "Smlth" / "5mith": OCR's confusions are not another surname
    parts_a = {fold(p) for p in re.split(r"[\s\-]+", a) if len(fold(p)) > 1}
    parts_b = {fold(p) for p in re.split(r"[\s\-]+", b) if len(fold(p)) > 1}
    # "Smith-Jones" vs "Smith": one of a compound surname; "R-Roberts" (an initial glued on
    # by a scan) vs "Roberts": the same words once single letters are left out.
    return bool(parts_a & parts_b) and (len(parts_a) > 1 or len(parts_b) > 1
                                        or parts_a == parts_b)


def _suffix_compatible(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return not fa or not fb or fa == fb or ocr_key(a) == ocr_key(b)


def compare_person(doc: ParsedName, person: ParsedName) -> NameMatch:
    """Compare a document's name with one known name of the applicant."""
    if not doc.last:
        return NameMatch(True, 0.0, "no name on document")
    if not _last_compatible(doc.last, person.last):
        return NameMatch(False, _score(doc, person), "last name differs")
    if not _suffix_compatible(doc.suffix, person.suffix):
        return NameMatch(False, _score(doc, person), "suffix differs")
    ok_first, how = _given_compatible(doc.first, person.first)
    if not ok_first:
        # Goes by the middle name: "Robert Smith" for James Robert Smith.
        ok_mid, how_mid = (_given_compatible(doc.first, person.middle) if person.middle
                           else (False, ""))
        # "James R. Smith" for Robert Smith, whose middle name is not known. When it is known
        # (Robert James Smith) the first name must be it: "Alice R. Smith" is someone else.
        ok_rev, _ = (_given_compatible(doc.middle, person.first) if doc.middle and not person.middle
                     else (False, ""))
        if ok_mid and how_mid != "missing" or (ok_rev and fold(doc.middle)):
            return NameMatch(True, 85.0, "goes by the middle name")
        return NameMatch(False, _score(doc, person), "first name differs")
    ok_middle, how_middle = _given_compatible(doc.middle, person.middle)
    if not ok_middle:
        return NameMatch(False, _score(doc, person), "middle name differs")
    score = {"exact": 100.0, "missing": 95.0, "initial": 90.0, "nickname": 90.0,
             "compound": 90.0, "ocr": 95.0}[how]
    if how_middle in ("initial", "nickname"):
        score = min(score, 95.0)
    return NameMatch(True, score, how if how != "missing" else "exact")


def _score(a: ParsedName, b: ParsedName) -> float:
    return float(fuzz.token_sort_ratio(fold_words(a.full()), fold_words(b.full())))


def fold_words(text: str) -> str:
    return " ".join(fold(w) for w in text.split() if fold(w))


def known_names(first: str | None, middle: str | None, last: str | None, suffix: str | None,
                other_names: list[str] | None) -> list[ParsedName]:
    """The applicant's name plus every former, maiden or alternate name.

    A one-word entry in ``other_names`` is a former last name ("Miller"); given names
    missing from an alias are taken from the applicant's own name.
    """
    names = [ParsedName(first=first or "", middle=middle or "", last=last or "",
                        suffix=suffix or "")]
    for other in other_names or []:
        if not other or not other.strip():
            continue
        words = other.replace(",", " ").split()
        if len(words) == 1:
            names.append(ParsedName(first=first or "", middle=middle or "", last=words[0],
                                    suffix=suffix or ""))
            continue
        alias = parse_name(other)
        names.append(ParsedName(first=alias.first or first or "",
                                middle=alias.middle or ("" if alias.first else middle or ""),
                                last=alias.last, suffix=alias.suffix))
    return names


def match_applicant(doc: ParsedName, names: list[ParsedName]) -> NameMatch:
    """Best comparison of a document's name against all the applicant's known names."""
    if not names or not any(n.last for n in names):
        return NameMatch(True, 0.0, "applicant name unknown")
    best: NameMatch | None = None
    for i, person in enumerate(names):
        if not person.last:
            continue
        result = compare_person(doc, person)
        if result.matches and i > 0:
            result = NameMatch(True, min(result.score, 90.0), "former or alternate name")
        if best is None or (result.matches, result.score) > (best.matches, best.score):
            best = result
    assert best is not None
    return best
