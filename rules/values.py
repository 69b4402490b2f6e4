"""Value kinds of the application shape, their normal form, and how two values compare.

Each application field has a kind (identifier, date, money, state, free text of some
sort, name, ...). ``clean`` turns what a document printed into the contract's form for
the profile; ``compare`` says whether an application value and a document value agree
after normalisation, with a 0-100 score and a note ("probable typo", "nickname").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from credintake.rules.dates import normalise_date, parse_date, same_date
from credintake.rules.equivalents import profession_code, status_standing
from credintake.rules.identifiers import edit_distance, normalise_identifier
from credintake.rules.names import fold, is_nickname
from credintake.rules.plausible import ocr_key
from credintake.rules.text import normalise_text, text_score
from credintake.us_states import STATE_CODES

STATES = STATE_CODES
_CODES = set(STATES.values())

#: Field kinds of the application shape (section.field, without indexes).
FIELD_KINDS: dict[str, str] = {
    "provider.first_name": "name", "provider.middle_name": "name", "provider.last_name": "name",
    "provider.suffix": "name", "provider.profession": "provider_profession", "provider.npi": "id",
    "provider.email": "email", "provider.phone": "phone", "provider.specialty": "text",
    "provider.practice_state": "state",
    "licenses.profession": "profession", "licenses.license_number": "id",
    "licenses.issuing_state": "state", "licenses.issue_date": "date",
    "licenses.expiration_date": "date", "licenses.status": "status",
    "dea.dea_number": "id", "dea.state": "state", "dea.schedules": "schedules",
    "dea.issue_date": "date", "dea.expiration_date": "date",
    "board_certifications.board": "text:board", "board_certifications.specialty": "text:specialty",
    "board_certifications.issue_date": "date", "board_certifications.expiration_date": "date",
    "education.kind": "enum", "education.institution": "text:institution",
    "education.degree": "text:degree", "education.start_date": "date",
    "education.end_date": "date",
    "work_history.employer": "text:institution", "work_history.title": "text",
    "work_history.city": "text", "work_history.state": "state",
    "work_history.start_date": "date", "work_history.end_date": "date",
    "work_history.current": "bool",
    "malpractice_insurance.carrier": "text:carrier", "malpractice_insurance.policy_number": "id",
    "malpractice_insurance.per_claim_limit": "money",
    "malpractice_insurance.aggregate_limit": "money",
    "malpractice_insurance.effective_date": "date",
    "malpractice_insurance.expiration_date": "date",
    "life_support.course": "text:course", "life_support.issue_date": "date",
    "life_support.expiration_date": "date",
    "cme.activity_title": "text", "cme.credits": "number", "cme.completion_date": "date",
}


#: Professions whose holders also hold an RN license.
ADVANCED_NURSING = {"NP", "CRNA"}
#: Free-text kinds where one more word names another thing (compared strictly).
STRICT_TEXT = {"specialty"}


def state_code(value: Any) -> str | None:
    """USPS code from "CA", "ca", "California", "State of California"; None otherwise."""
    if value is None:
        return None
    text = re.sub(r"[^a-z ]", " ", str(value).lower())
    text = re.sub(r"\s+", " ", text).strip()
    if text.upper() in _CODES:
        return text.upper()
    text = re.sub(r"^(state|commonwealth) of ", "", text)
    return STATES.get(text)


_MONEY = re.compile(r"(\d+(?:\.\d+)?)\s*(mm|m|million|k|thousand)?")
#: Words a certificate prints around an amount ("$1,000,000 each claim", "USD 1M per occurrence").
_MONEY_WORDS = re.compile(r"\b(us|dollars?|each|per|claim|occurrence|aggregate|annual|"
                          r"limit|of|liability)\b")


def parse_money(value: Any) -> int | None:
    """Integer dollars from 1000000, "$1,000,000", "$1M", "1 million", "$1MM", "$1,000,000.00",
    "USD 1 000 000", "$1,000,000 each claim"."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(round(value)) if value >= 0 else None
    text = str(value).strip().lower().replace(",", "").replace("$", "").replace("usd", " ")
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", "", _MONEY_WORDS.sub(" ", text)).strip()
    m = _MONEY.fullmatch(text)
    if not m:
        return None
    amount = float(m[1])
    unit = m[2] or ""
    if unit in ("mm", "m", "million"):
        amount *= 1_000_000
    elif unit in ("k", "thousand"):
        amount *= 1_000
    return int(round(amount))


def parse_number(value: Any) -> float | None:
    """A number as printed: 1.5, "1.5", "1.50 AMA PRA Category 1 Credit(s)" (the first number)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    m = re.search(r"\d+(?:\.\d+)?", str(value).replace(",", "."))
    return float(m[0]) if m else None


def clean(kind: str, value: Any) -> Any:
    """The contract's form of a value for the profile; None when it cannot be one."""
    if value is None:
        return None
    if kind == "date":
        return normalise_date(value)
    if kind == "money":
        return parse_money(value)
    if kind == "state":
        return state_code(value)
    if kind == "provider_profession":
        return profession_code(value) or (str(value).strip() or None)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("true", "yes", "1", "present", "current")
    if kind == "number":
        return parse_number(value)
    if kind == "id":
        text = re.sub(r"\s+", "", str(value))
        return text or None
    if kind == "enum":
        text = str(value).strip().lower()
        return text if text in ("degree", "internship", "residency", "fellowship") else None
    text = str(value).strip()
    return text or None


@dataclass(frozen=True)
class Comparison:
    """Outcome of comparing an application value with a document value."""

    match: bool
    score: float
    note: str = ""


def compare(kind: str, app: Any, doc: Any, *, match_threshold: float) -> Comparison:
    """Whether two values of one kind agree after normalisation."""
    if kind == "id":
        a, b = normalise_identifier(app), normalise_identifier(doc)
        if a == b:
            return Comparison(True, 100.0)
        if ocr_key(a) == ocr_key(b):
            return Comparison(True, 95.0, "same but for characters OCR confuses (O/0, I/1, S/5)")
        if edit_distance(a, b) == 1:
            return Comparison(False, 90.0, "probable typo (one character differs)")
        if len(a) == len(b) and sorted(a) == sorted(b) and edit_distance(a, b) == 2:
            return Comparison(False, 85.0, "probable typo (two characters swapped)")
        return Comparison(False, _ratio(a, b))
    if kind == "date":
        same = same_date(app, doc)
        if same is None:
            return Comparison(False, 0.0, "not a date")
        if same:
            return Comparison(True, 100.0)
        pa, pb = parse_date(app), parse_date(doc)
        assert pa and pb
        days = abs((pa.first_day() - pb.first_day()).days)
        return Comparison(False, max(0.0, 100.0 - days / 3.65), f"{days} days apart")
    if kind == "money":
        a_m, b_m = parse_money(app), parse_money(doc)
        if a_m is None or b_m is None:
            return Comparison(False, 0.0, "not an amount")
        if a_m == b_m:
            return Comparison(True, 100.0)
        return Comparison(False, 100.0 * min(a_m, b_m) / max(a_m, b_m, 1))
    if kind == "state":
        a_s, b_s = state_code(app), state_code(doc)
        ok = a_s is not None and a_s == b_s
        return Comparison(ok, 100.0 if ok else 0.0)
    if kind in ("bool", "enum"):
        ok = clean(kind, app) == clean(kind, doc)
        return Comparison(ok, 100.0 if ok else 0.0)
    if kind == "number":
        na, nb = parse_number(app), parse_number(doc)
        ok = na is not None and nb is not None and abs(na - nb) < 0.01
        return Comparison(ok, 100.0 if ok else 0.0)
    if kind == "status":
        sa, sb = status_standing(app), status_standing(doc)
        if sa and sb:
            same = sa == sb
            note = "same standing" if same and normalise_text(app) != normalise_text(doc) else ""
            return Comparison(same, 100.0 if same else 0.0, note)
        score = text_score(str(app), str(doc))
        return Comparison(score >= match_threshold, score)
    if kind == "provider_profession":
        ca, cb = profession_code(app), profession_code(doc)
        if ca in ADVANCED_NURSING and cb == "RN":
            # NPs and CRNAs hold an RN license too: it does not contradict the profession.
            return Comparison(True, 80.0, "RN license of an advanced practice nurse")
        kind = "profession"
    if kind == "profession":
        ca, cb = profession_code(app), profession_code(doc)
        if ca and cb:
            return Comparison(ca == cb, 100.0 if ca == cb else 0.0)
        score = text_score(str(app), str(doc))
        return Comparison(score >= match_threshold, score)
    if kind == "schedules":
        sa, sb = _schedules(app), _schedules(doc)
        return Comparison(sa == sb, 100.0 if sa == sb else _ratio(" ".join(sa), " ".join(sb)))
    if kind == "email":
        ok = (str(app).strip().casefold() == str(doc).strip().casefold()
              or ocr_key(app) == ocr_key(doc))  # a lost underscore, "rn" read for "m"
        return Comparison(ok, 100.0 if ok else _ratio(str(app).casefold(), str(doc).casefold()))
    if kind == "phone":
        da, db = re.sub(r"\D", "", str(app))[-10:], re.sub(r"\D", "", str(doc))[-10:]
        return Comparison(da == db and bool(da), 100.0 if da == db else _ratio(da, db))
    if kind == "name":
        fa, fb = fold(str(app)), fold(str(doc))
        if fa == fb:
            return Comparison(True, 100.0)
        if ocr_key(app) == ocr_key(doc):
            return Comparison(True, 95.0, "same but for characters OCR confuses")
        if fa and fb and (len(fa) == 1 or len(fb) == 1) and fa[0] == fb[0]:
            return Comparison(True, 90.0, "initial")
        if is_nickname(fa, fb):
            return Comparison(True, 90.0, "nickname")
        return Comparison(False, _ratio(fa, fb))
    sub = kind.split(":", 1)[1] if ":" in kind else None
    score = text_score(str(app), str(doc), sub, strict=sub in STRICT_TEXT)
    return Comparison(score >= match_threshold, score)


def _schedules(value: Any) -> list[str]:
    return sorted({t for t in re.split(r"[^0-9A-Za-z]+", str(value).upper()) if t})


def schedule_set(value: Any) -> frozenset[str]:
    """The DEA schedules a value lists ("2, 2N, 3" -> {"2", "2N", "3"})."""
    return frozenset(_schedules(value))


def _ratio(a: str, b: str) -> float:
    return float(fuzz.ratio(a, b))


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


__all__ = ["FIELD_KINDS", "Comparison", "clean", "compare", "is_blank", "normalise_text",
           "parse_money", "parse_number", "profession_code", "state_code"]
