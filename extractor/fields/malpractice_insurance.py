"""Malpractice insurance: ACORD 25 certificates, carrier certificates, declarations, letters.

A certificate with a coverage grid (ACORD 25, a carrier's certificate on the same plan) is
read by its columns (acord_grid.py): the professional-liability / medical-malpractice /
E&O row when there is one, else the first filled row (general liability on an ACORD 25),
which also yields a ``not_professional_liability`` notice: such a certificate does not
prove malpractice cover. The insured and the row's insurer come from their boxes
(certificate_parties.py). The certificate's own date, the producer, the certificate
holder and the other rows are never read.

Other layouts are read by labels ("Named Insured", "Policy Period", "Each Claim") and
by the prose of coverage letters ("$1,000,000 each claim and $3,000,000 aggregate").
"""

from __future__ import annotations

import re

from credintake.extractor.dates import find_dates
from credintake.extractor.fields.acord_grid import KIND_NAMES, Grid, Row, find_grid, read_rows
from credintake.extractor.fields.anchors import (Doc, Hit, LabelHit, Parser, Spec, find_field,
                                                 hit_from_span, norm, parse_words, put, register_labels, search)
from credintake.extractor.fields.common import date_range, holder_name, org_phrase, org_search
from credintake.extractor.fields.certificate_parties import insured, insurer
from credintake.extractor.fields.registry import Extraction, Notice, register
from credintake.extractor.fields.values import date_value, ident_value, money_value, name_value, text_value
from credintake.extractor.layout import Page

INSURED_LABELS = ("Named Insured", "Insured", "Insured Name", "Name of Insured", "Insured Physician",
                  "Insured Provider", "Covered Provider", "Policyholder", "Policy Holder", "Physician",
                  "Provider", "Named Insured(s)", "Insured Party")
CARRIER_LABELS = ("Carrier", "Insurer", "Insurance Company", "Insurance Carrier", "Issuing Company",
                  "Underwritten By", "Insurer Name", "Writing Company")
POLICY_LABELS = ("Policy Number", "Policy No.", "Policy No", "Policy #", "Policy ID", "Policy",
                 "Policy Num", "Certificate Number", "Certificate No.", "Certificate #", "Coverage Number",
                 "Member Number", "Participant Number")
EFFECTIVE_LABELS = ("Policy Effective Date", "Policy Effective", "Effective Date", "Effective", "Coverage Begins",
                    "Coverage Start", "Policy Start", "Inception Date", "Policy Inception", "Eff Date",
                    "Effective From", "Period Start")
EXPIRY_LABELS = ("Policy Expiration Date", "Policy Expiration", "Expiration Date", "Expiration", "Expires",
                 "Coverage Ends", "Coverage End", "Policy End", "Exp Date", "Expiry Date", "Period End",
                 "Policy Expires", "Valid Through", "Valid Until")
PERIOD_LABELS = ("Policy Period", "Period of Insurance", "Coverage Period", "Policy Term", "Term")
PER_CLAIM_LABELS = ("Each Claim", "Per Claim", "Limit - Each Claim", "Each Claim Limit", "Limit Each Claim",
                    "Each Occurrence", "Per Occurrence", "Each Incident", "Per Incident", "Each Medical Incident",
                    "Limit per Claim", "Per Claim Limit", "Limit of Liability Each Claim",
                    "Each Claim/Occurrence", "Each Wrongful Act")
AGGREGATE_LABELS = ("Aggregate", "Annual Aggregate", "Aggregate Limit", "Policy Aggregate", "Limit - Aggregate",
                    "Aggregate Limit of Liability", "Annual Aggregate Limit", "Policy Year Aggregate",
                    "Limit Aggregate")
LIMITS_LABELS = ("Limits of Liability", "Limit of Liability", "Limits", "Coverage Limits", "Policy Limits")

_PROF_TEXT = re.compile(r"prof(?:essional|\.|l)?\s*liab|malpractice|\bE\s?&\s?O\b|errors\s+(?:and|&)\s+omissions|"
                        r"medical\s+prof|physicians?\s+(?:and|&)\s+surgeons|healthcare\s+prof|"
                        r"medical\s+liab|professional", re.I)
_OTHER_LINES = re.compile(r"general\s+liability|auto(?:mobile)?\s+(?:liability|insurance|policy)|property|"
                          r"homeowners|renters|cargo|workers'?\s+compensation|umbrella|pet\s+liability", re.I)
_CARRIER_KEY = re.compile(r"Company|COMPANY|Insurance|INSURANCE|Mutual|MUTUAL|Assurance|ASSURANCE|Indemnity|"
                          r"INDEMNITY|Exchange|EXCHANGE|Reciprocal|RECIPROCAL|Underwriters|UNDERWRITERS|"
                          r"Casualty|CASUALTY|Co\.?|RRG|Trust|TRUST|MedPro|MEDPRO|Protective|PROTECTIVE|Group|GROUP|"
                          r"ProAssurance|PROASSURANCE|Coverys|COVERYS|NORCAL|MLMIC|ISMIE|MagMutual|CNA|Curi|CURI")
_CARRIER_SKIP = re.compile(r"certificate\s+of|liability\s+insurance$|^insurance$|agency|brokers?|"
                           r"insurance\s+(?:services|agency|brokerage)|^professional|way$|^policyholder", re.I)


def _nth_date(n: int) -> Parser:
    def parse(text: str) -> tuple[str, int, int] | None:
        dates = find_dates(text, years=False)
        if len(dates) > n:
            d = dates[n]
            return d.value, d.start, d.end
        return None
    return parse


def _nth_money(n: int) -> Parser:
    def parse(text: str) -> tuple[int, int, int] | None:
        pos, got = 0, None
        for _ in range(n + 1):
            got = money_value(text[pos:])
            if got is None:
                return None
            value, s, e = got
            got = (value, s + pos, e + pos)
            pos += e
        return got
    return parse


def _insured_value(text: str) -> tuple[str, int, int] | None:
    got = name_value(text)
    if got:
        return got
    got = text_value(text)
    if got and re.search(r"[A-Za-z]{2}", got[0]) and not re.search(r"\d{3,}", got[0]):
        return got
    return None


# --- certificates with a coverage grid (ACORD 25, carriers' grids) ---------------------------

def _is_acord(doc: Doc) -> bool:
    text = doc.text.lower()
    return ("certificate of liability insurance" in text or "acord" in text) and "policy" in text


def _chosen_row(rows: list[Row]) -> Row | None:
    """The professional-liability row; without one, the first filled row (general
    liability on an ACORD 25, whatever line a carrier's certificate lists first)."""
    filled = [r for r in rows if r.filled]
    return next((r for r in filled if r.kind == "professional"), filled[0] if filled else None)


def _from_grid(grid: Grid, fields: dict, notices: list[Notice]) -> None:
    """Read the chosen row of the coverage grid, its insurer and the insured's box; a blank
    form yields nothing."""
    rows = read_rows(grid)
    row = _chosen_row(rows)
    if row is None:
        return
    for name, hit in (("policy_number", row.policy), ("effective_date", row.effective),
                      ("expiration_date", row.expiration), ("per_claim_limit", row.per_claim),
                      ("aggregate_limit", row.aggregate)):
        put(fields, name, hit)
    put(fields, "carrier", insurer(grid.page, row.letter))
    put(fields, "insured_name", insured(grid.page, grid.top))
    # no row recognised as any line of coverage (a fax or scan garbled the printed labels):
    # the grid cannot show that professional liability is absent, so nothing is claimed
    if row.kind != "professional" and any(r.kind != "other" for r in rows):
        kinds = list(dict.fromkeys(KIND_NAMES[r.kind] for r in rows if r.filled))
        notices.append(Notice("not_professional_liability",
                              f"the certificate's coverage lines are {', '.join(kinds)}; none is "
                              f"professional (medical malpractice / E&O) liability", grid.page.number))


# --- other layouts -----------------------------------------------------------------------------

_PROSE_PERIOD = re.compile(r"(?:policy\s+period|period\s+of\s+insurance|coverage\s+period|effective|in\s+force|"
                           r"from|period)\s+(?:is\s+|from\s+)?([^.]{0,80}?)\s+(?:to|through|thru|until|-|–)\s+([^.]{0,40})",
                           re.I)
_PROSE_POLICY = re.compile(r"(?:policy|certificate|coverage)\s+(?:number|no\.?|#)\s*:?\s*([A-Z0-9][A-Z0-9\- ]{3,24}[0-9A-Z])", re.I)
_PROSE_PER_CLAIM = re.compile(r"(\$?\s?\d[\d,.]*\s*(?:million|M|MM|K)?)\s*(?:each|per)\s+(?:claim|occurrence|incident|"
                              r"medical\s+incident)", re.I)
_PROSE_AGG = re.compile(r"(\$?\s?\d[\d,.]*\s*(?:million|M|MM|K)?)\s*(?:in\s+the\s+)?(?:annual\s+|policy\s+|"
                        r"general\s+)?aggregate", re.I)
_PROSE_INSURED_FIRST = re.compile(
    r"(?:^|\n|\.\s)([A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]*){1,4}(?:,\s*[A-Z][A-Za-z.\-]{1,8}){0,3})\s+"
    r"(?:is|was|has\s+been)\s+(?:an?\s+)?(?:employee|insured|covered|member|named|enrolled|participant)")
_PROSE_CARRIER = re.compile(r"(?:insured|covered|coverage|underwritten|issued|provided|written)\s+(?:[a-z]+\s+){0,3}"
                            r"(?:under|by|with|through)\s+(?:the\s+)?([A-Z][^\n,;()]{3,90})")
_PROSE_INSURED = re.compile(
    r"(?:confirms?\s+that|certif(?:y|ies)\s+that|verif(?:y|ies)\s+that)\s+"
    r"([A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]*){1,4}(?:,\s*[A-Z][A-Za-z.]{1,8}(?:-[A-Z]{1,2})?){0,3})"
    r"(?:\s+|-)(?:is|was|has)\b",
)


def _labelled(doc: Doc, fields: dict) -> None:
    put(fields, "insured_name", find_field(doc, Spec(INSURED_LABELS, _insured_value,
                                                     exclude=r"address|holder|signature|additional",
                                                     directions=("inline", "right", "below"), at_start=True)))
    put(fields, "insured_name", search(doc, _PROSE_INSURED, parser=name_value, confidence=0.85))
    put(fields, "insured_name", search(doc, _PROSE_INSURED_FIRST, parser=name_value, confidence=0.8))
    put(fields, "policy_number", find_field(doc, Spec(POLICY_LABELS, ident_value,
                                                      exclude=r"period|effective|expir|limit|form|type|renewal\s+of|"
                                                              r"holder|premium|prior",
                                                      directions=("inline", "right", "below"))))
    put(fields, "policy_number", search(doc, _PROSE_POLICY, parser=ident_value, confidence=0.8))
    put(fields, "effective_date", find_field(doc, Spec(EFFECTIVE_LABELS, date_value, exclude=r"retro|issued|print")))
    put(fields, "expiration_date", find_field(doc, Spec(EXPIRY_LABELS, date_value, exclude=r"retro|issued|print")))
    put(fields, "effective_date", find_field(doc, Spec(PERIOD_LABELS, _nth_date(0))))
    put(fields, "expiration_date", find_field(doc, Spec(PERIOD_LABELS, _nth_date(1))))
    if "effective_date" not in fields or "expiration_date" not in fields:
        for page in doc.pages:
            text, _ = doc.page_text(page)
            for m in _PROSE_PERIOD.finditer(text):
                a, b = date_value(m.group(1)), date_value(m.group(2))
                if a and b:
                    put(fields, "effective_date", hit_from_span(doc, page, m.start(1) + a[1], m.start(1) + a[2],
                                                                a[0], 0.8))
                    put(fields, "expiration_date", hit_from_span(doc, page, m.start(2) + b[1],
                                                                 m.start(2) + b[2], b[0], 0.8))
                    break
    rng = date_range(doc, 0.75)
    if rng and "effective_date" not in fields and "expiration_date" not in fields:
        put(fields, "effective_date", rng[0])
        put(fields, "expiration_date", rng[1])
    limit_exclude = r"premium|deductible|retention|general\s+aggregate|products"
    put(fields, "per_claim_limit", find_field(doc, Spec(PER_CLAIM_LABELS, money_value, exclude=limit_exclude,
                                                        directions=("inline", "right", "below"), at_start=True)))
    put(fields, "aggregate_limit", find_field(doc, Spec(AGGREGATE_LABELS, money_value, exclude=limit_exclude,
                                                        directions=("inline", "right", "below"), at_start=True)))
    put(fields, "per_claim_limit", search(doc, _PROSE_PER_CLAIM, parser=money_value, confidence=0.8))
    put(fields, "aggregate_limit", search(doc, _PROSE_AGG, parser=money_value, confidence=0.8))
    # "Limits: $1,000,000 / $3,000,000"
    put(fields, "per_claim_limit", find_field(doc, Spec(LIMITS_LABELS, _nth_money(0), base=0.8)))
    put(fields, "aggregate_limit", find_field(doc, Spec(LIMITS_LABELS, _nth_money(1), base=0.8)))
    put(fields, "carrier", find_field(doc, Spec(CARRIER_LABELS, _carrier_value, at_start=True, fuzzy=False)))
    put(fields, "carrier", search(doc, _PROSE_CARRIER, parser=_prose_carrier_value, confidence=0.8))


def _carrier_value(text: str) -> tuple[str, int, int] | None:
    got = org_phrase(text, _CARRIER_KEY, keep_the=True)
    if got and not _CARRIER_SKIP.search(got[0]):
        return got
    got = text_value(text)
    if got and not re.search(r"\d", got[0]) and len(got[0].split()) <= 8:
        return got
    return None


def _prose_carrier_value(text: str) -> tuple[str, int, int] | None:
    got = org_phrase(text, _CARRIER_KEY, keep_the=True)
    if got and got[1] == 0 and not _CARRIER_SKIP.search(got[0]):
        return got
    return None


def _carrier_fallback(doc: Doc) -> Hit | None:
    """The issuing company's name, normally the letterhead."""
    return org_search(doc, _CARRIER_KEY, skip=_CARRIER_SKIP, confidence=0.75, keep_the=True)


def _carrier_in_full(doc: Doc, fields: dict) -> None:
    """The carrier as the letterhead spells it when the labelled or prose name is only its
    beginning: a letter's sentence may wrap inside the name ("insured under ISMIE Mutual
    Insurance / Company's policy"), which a scan reads as two lines."""
    whole = _carrier_fallback(doc)
    got = fields.get("carrier")
    if got is None:
        put(fields, "carrier", whole)
    elif whole is not None and isinstance(whole.value, str) and isinstance(got.value, str) \
            and len(whole.value) > len(got.value) \
            and whole.value.casefold().startswith(got.value.casefold()):
        fields["carrier"] = whole.field()


def _other_lines_only(doc: Doc) -> Notice | None:
    """A certificate or declarations page without a grid that names only other lines
    (general liability, auto, property, ...) and no professional liability anywhere."""
    text = doc.text
    if _PROF_TEXT.search(text):
        return None
    found = list(dict.fromkeys(m.group(0).lower() for m in _OTHER_LINES.finditer(text)))
    if not found:
        return None
    return Notice("not_professional_liability",
                  f"the document names only {', '.join(found[:4])} coverage; none is professional "
                  f"(medical malpractice / E&O) liability", doc.pages[0].number)


@register("malpractice_insurance")
def extract_malpractice_insurance(pages: list[Page]) -> Extraction:
    doc = Doc(pages)
    fields: dict = {}
    notices: list[Notice] = []
    if not doc.pages:
        return Extraction(fields)
    form = _is_acord(doc)
    grid = find_grid(doc.pages, form=form)
    if grid is not None:
        _from_grid(grid, fields, notices)
    elif form:
        # a certificate form whose grid header could not be read: only its boxes
        put(fields, "insured_name", insured(doc.pages[0], doc.pages[0].height))
    else:
        _labelled(doc, fields)
        _carrier_in_full(doc, fields)
        if "insured_name" not in fields:
            put(fields, "insured_name", holder_name(doc, ()))
        notice = _other_lines_only(doc)
        if notice is not None:
            notices.append(notice)
    return Extraction(fields, notices=notices)


__all__ = ["extract_malpractice_insurance", "LabelHit"]


register_labels(INSURED_LABELS, CARRIER_LABELS, POLICY_LABELS, EFFECTIVE_LABELS, EXPIRY_LABELS, PERIOD_LABELS, PER_CLAIM_LABELS, AGGREGATE_LABELS, LIMITS_LABELS)
