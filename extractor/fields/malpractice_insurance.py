"""Malpractice insurance: ACORD 25 certificates, carrier certificates, declarations, letters.

An ACORD 25 is a grid of coverage rows (general liability, auto, umbrella, workers comp,
professional liability). Only the professional-liability / medical-malpractice / E&O row
counts: its policy number, dates and EACH CLAIM / AGGREGATE limits are read inside that
row's band, by the grid's column headers when they are found, and its insurer letter
names the carrier in the INSURER(S) AFFORDING COVERAGE box. The certificate's own date,
the producer, the certificate holder and the other rows are never read.

Other layouts are read by labels ("Named Insured", "Policy Period", "Each Claim") and
by the prose of coverage letters ("$1,000,000 each claim and $3,000,000 aggregate").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from credintake.extractor.dates import find_dates
from credintake.extractor.fields.anchors import (Doc, Hit, LabelHit, Parser, Seg, Spec, find_field, find_labels,
                                                 hit_from_span, norm, parse_words, put, register_labels, search)
from credintake.extractor.fields.common import date_range, holder_name, org_phrase, org_search
from credintake.extractor.fields.registry import Extraction, register
from credintake.extractor.fields.values import date_value, ident_value, money_value, name_value, text_value
from credintake.extractor.layout import Page, Word

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

_PROF_ROW = re.compile(r"prof(?:essional|\.|l)?\s*liab|malpractice|\bE\s?&\s?O\b|errors\s+(?:and|&)\s+omissions|"
                       r"medical\s+prof|physicians?\s+(?:and|&)\s+surgeons|healthcare\s+prof|"
                       r"medical\s+liab|prof(?:essional)?\s+liability", re.I)
_OTHER_ROW = re.compile(r"general\s+liab|automobile|\bauto\b|umbrella|excess|workers|compensation|"
                        r"commercial|property|crime|cyber|description\s+of\s+operations|employers", re.I)
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


# --- ACORD 25 -------------------------------------------------------------------------------

def _is_acord(doc: Doc) -> bool:
    text = doc.text.lower()
    return ("certificate of liability insurance" in text or "acord" in text) and "policy" in text


def _row_words(doc: Doc, page: Page, top: float, bottom: float) -> list[Word]:
    return [w for s in doc.page_segs(page) for w in s.words if top - 1 <= (w.top + w.bottom) / 2 < bottom]


def _header_x(doc: Doc, page: Page, names: Sequence[str]) -> float | None:
    """x of a grid column header; only a header standing alone ("LIMITS"), never a word of a
    caption ("COMBINED SINGLE LIMIT")."""
    hits = [h for h in find_labels(doc, names, pages=[page]) if h.first == 0 and h.last == len(h.seg.words)]
    return hits[0].bbox[0] if hits else None


def _acord(doc: Doc, fields: dict) -> bool:
    """Read the professional-liability row of an ACORD 25; False when there is none."""
    row: Seg | None = None
    for seg in doc.segs:
        if _PROF_ROW.search(seg.text) and not re.search(r"description|services\s+in|applies", seg.text, re.I):
            row = seg
            break
    if row is None:
        return False
    page = row.page
    rb = row.bbox
    h = max(rb[3] - rb[1], 5.0)
    # the band ends where the next coverage row (or the description box) starts
    bottom = rb[1] + 6 * h
    for seg in doc.page_segs(page):
        b = seg.bbox
        if b[1] > rb[1] + 0.8 * h and b[1] < bottom and abs(b[0] - rb[0]) < 40 and _OTHER_ROW.search(seg.text):
            bottom = b[1]
    top = rb[1] - 0.5 * h
    words = sorted(_row_words(doc, page, top, bottom), key=lambda w: (round(w.top / 3), w.x0))
    # columns from the grid header
    x_pol = _header_x(doc, page, ("POLICY NUMBER", "POLICY NO", "POLICY #"))
    x_eff = _header_x(doc, page, ("POLICY EFF", "POLICY EFF DATE", "EFFECTIVE DATE", "POLICY EFFECTIVE"))
    x_exp = _header_x(doc, page, ("POLICY EXP", "POLICY EXP DATE", "EXPIRATION DATE", "POLICY EXPIRATION"))
    x_lim = _header_x(doc, page, ("LIMITS",))
    first_line = [w for w in words if abs((w.top + w.bottom) / 2 - (rb[1] + rb[3]) / 2) < 0.7 * h]

    # policy number: the id in the policy-number column, else the first id right of the type text
    pol_words = [w for w in first_line if w.x0 >= rb[2] - 1]
    if x_pol is not None:
        right_edge = min(x for x in (x_eff, x_lim, 1e9) if x is not None and x > x_pol)
        pol_words = [w for w in first_line if x_pol - 15 <= w.x0 < right_edge - 3]
    pol_words = [w for w in pol_words if not find_dates(w.text, years=False) and "$" not in w.text]
    put(fields, "policy_number", parse_words(pol_words, page, ident_value, 0.9))

    # dates: the two dates of the row's first line (a RETRO DATE below is not one of them)
    dated = [w for w in first_line if find_dates(w.text, years=False)]
    if x_eff is not None and x_exp is not None:
        eff = [w for w in dated if abs(w.x0 - x_eff) < abs(w.x0 - x_exp)]
        exp = [w for w in dated if abs(w.x0 - x_exp) <= abs(w.x0 - x_eff)]
    else:
        eff, exp = dated[:1], dated[1:2]
    put(fields, "effective_date", parse_words(eff[:1], page, date_value, 0.9))
    put(fields, "expiration_date", parse_words(exp[:1], page, date_value, 0.9))

    # limits: money on the row of each limit caption, inside the band
    # caption runs per text line of the band (OCR tops wobble; segments keep a row's words together)
    band_segs = [sg for sg in doc.page_segs(page) if top - 1 <= (sg.bbox[1] + sg.bbox[3]) / 2 < bottom]
    lim_words = [w for sg in sorted(band_segs, key=lambda sg: (sg.bbox[1], sg.bbox[0])) for w in sg.words
                 if x_lim is None or w.x0 >= x_lim - 15]
    for name, labels in (("per_claim_limit", PER_CLAIM_LABELS), ("aggregate_limit", AGGREGATE_LABELS)):
        caption = _caption_in(lim_words, labels)
        if caption is None:
            continue
        cy = (caption.top + caption.bottom) / 2
        row_money = sorted((w for w in words if w.x0 > caption.x1 and abs((w.top + w.bottom) / 2 - cy) < 0.7 * h),
                           key=lambda w: w.x0)
        put(fields, name, parse_words(row_money, page, money_value, 0.9))

    # carrier: the insurer letter of the row -> INSURER X : name
    letter = None
    m = re.match(r"\s*([A-F])\b\s", row.text)
    if m:
        letter = m.group(1)
    else:
        left = [w for w in first_line if w.x1 <= rb[0] + 1 and re.fullmatch(r"[A-F]", w.text)]
        letter = left[-1].text if left else None
    carrier = _insurer(doc, page, letter)
    put(fields, "carrier", carrier)

    # insured: the person's name in the INSURED box, else its first line
    put(fields, "insured_name", _acord_insured(doc))
    return True


def _caption_in(words: list[Word], labels: Sequence[str]) -> Word | None:
    """The first word that starts one of ``labels`` (OCR-tolerant, word runs joined)."""
    keys = [norm(lbl) for lbl in labels]
    for i in range(len(words)):
        acc = ""
        for j in range(i, min(i + 5, len(words))):
            if j > i and abs(words[j].top - words[i].top) > 0.6 * max(words[i].height, 4.0):
                break
            acc += norm(words[j].text)
            close = acc in keys or any(len(k) >= 8 and Levenshtein.distance(acc, k, score_cutoff=2) <= 1
                                       for k in keys)
            if close and not (j == i and norm(words[i].text) == "aggregate" and i > 0
                                    and norm(words[i - 1].text) in ("general", "products")):
                return words[j]
    return None


def _insurer(doc: Doc, page: Page, letter: str | None) -> Hit | None:
    pattern = re.compile(r"INSURER\s*" + (re.escape(letter) if letter else r"[A-F]") + r"\s*[:.]?\s*(.+)", re.I)
    if letter is None:
        # only when the certificate lists a single insurer can it be the carrier
        text, _ = doc.page_text(page)
        if len(re.findall(r"INSURER\s*[A-F]\s*[:.]?\s*\S", text, re.I)) != 1:
            return None
    return search(doc, pattern, parser=text_value, confidence=0.85, pages=[page])


def _acord_insured(doc: Doc) -> Hit | None:
    hits = [h for h in find_labels(doc, ("INSURED",), fuzzy=False) if h.last == len(h.seg.words)]
    for hit in hits:
        segs = [s for s in doc.page_segs(hit.seg.page)
                if 0 <= s.bbox[1] - hit.bbox[3] <= 45 and abs(s.bbox[0] - hit.bbox[0]) < 30]
        segs.sort(key=lambda s: s.bbox[1])
        for s in segs[:3]:
            got = parse_words(s.words, s.page, name_value, 0.9)
            if got:
                return got
        if segs:
            return parse_words(segs[0].words, segs[0].page, text_value, 0.6)
    return None


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


@register("malpractice_insurance")
def extract_malpractice_insurance(pages: list[Page]) -> Extraction:
    doc = Doc(pages)
    fields: dict = {}
    if not doc.pages:
        return Extraction(fields)
    if _is_acord(doc):
        _acord(doc, fields)
    else:
        _labelled(doc, fields)
        _carrier_in_full(doc, fields)
        if "insured_name" not in fields:
            put(fields, "insured_name", holder_name(doc, ()))
    return Extraction(fields)


__all__ = ["extract_malpractice_insurance", "LabelHit"]


register_labels(INSURED_LABELS, CARRIER_LABELS, POLICY_LABELS, EFFECTIVE_LABELS, EXPIRY_LABELS, PERIOD_LABELS, PER_CLAIM_LABELS, AGGREGATE_LABELS, LIMITS_LABELS)
