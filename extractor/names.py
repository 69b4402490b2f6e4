"""Person names as credentials print them.

The contract wants a holder name *as printed* (``JANE A DOE, MD``), so ``clean_name`` only
removes what is not part of the name (a leading "Dr."/"Name:", stray punctuation, OCR
spacing). Matching and the profile need the parts, so ``split_name`` separates
credentials (MD, DO, FACP, PA-C...) and generational suffixes before handing the rest to
``nameparser``, which would otherwise read "MD" as a last name, and understands the
"DOE, JANE A" order of verification printouts and DEA certificates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nameparser import HumanName

__all__ = ["NameParts", "clean_name", "split_name", "is_credential", "looks_like_name", "name_similarity",
           "CREDENTIALS"]

#: Professional credentials and honours printed after a name (compared without dots).
CREDENTIALS: frozenset[str] = frozenset({
    "MD", "DO", "MBBS", "MBCHB", "PHD", "DPM", "DDS", "DMD", "OD", "PHARMD", "DNP", "DNAP",
    "PA", "PAC", "PA-C", "NP", "APRN", "APN", "ARNP", "CRNP", "CNP", "FNP", "FNP-BC", "FNP-C",
    "AGNP", "AGNP-C", "AGACNP", "AGACNP-BC", "AGPCNP-BC", "ACNP", "ACNP-BC", "ANP", "ANP-BC",
    "PMHNP", "PMHNP-BC", "WHNP", "WHNP-BC", "PNP", "CPNP", "NNP", "NNP-BC", "CNM", "CNS",
    "CRNA", "RN", "BSN", "MSN", "LPN", "LVN", "MPH", "MS", "MSC", "MA", "MBA", "MHA", "MHS",
    "MPAS", "MSPAS", "MMS", "MHSA", "JD", "BS", "BA", "FACP", "FACS", "FAAP", "FAAFP", "FACC",
    "FACOG", "FACEP", "FCCP", "FAANP", "FAAN", "FASA", "FACR", "FAHA", "FHM", "FRCPC",
    "FRCSC", "DABFM", "LCSW", "LMFT", "LPC", "PSYD", "EDD", "DC", "DPT", "PT", "OT", "OTR",
    "SLP", "CCC-SLP", "AUD", "RD", "CPA", "CCRN", "CEN", "MSPH", "SCD", "MPP", "RPH",
})
_SUFFIXES = {"JR", "SR", "II", "III", "IV", "V", "2ND", "3RD"}
_TITLES = re.compile(r"^\s*(?:(?:dr|doctor|mr|mrs|ms|miss|prof|professor)\b\.?\s*)+", re.I)
_LABEL = re.compile(r"^\s*(?:name|licensee|holder|registrant|insured|physician|provider|"
                    r"certificant|diplomate|participant|student)\s*(?:name)?\s*[:\-]\s*", re.I)


@dataclass(frozen=True)
class NameParts:
    first: str = ""
    middle: str = ""
    last: str = ""
    suffix: str = ""
    credentials: tuple[str, ...] = ()


def _key(token: str) -> str:
    return token.upper().replace(".", "").strip(",;() ")


def is_credential(token: str) -> bool:
    """True for 'MD', 'M.D.', 'PA-C', 'FACP' (case and dots ignored)."""
    k = _key(token)
    return bool(k) and (k in CREDENTIALS or k.replace("-", "") in CREDENTIALS)


def clean_name(raw: str) -> str:
    """The name as printed, minus a leading title/label and stray punctuation or spaces."""
    text = re.sub(r"\s+", " ", raw or "").strip()
    text = _LABEL.sub("", text)
    text = _TITLES.sub("", text)
    text = re.sub(r"\s+([,.])", r"\1", text)
    return text.strip(" ,;:-_*|")


def split_name(raw: str) -> NameParts:
    """Split a printed name into first/middle/last/suffix plus the credentials after it."""
    text = clean_name(raw)
    creds: list[str] = []
    suffix = ""
    # peel credentials and suffixes off the end: "Doe, Jane A., M.D., FACP"
    tokens = [t for t in re.split(r"[\s,]+", text) if t]
    while tokens and (is_credential(tokens[-1]) or _key(tokens[-1]) in _SUFFIXES):
        tok = tokens.pop()
        if _key(tok) in _SUFFIXES and not suffix:
            suffix = tok.strip(",")
        elif is_credential(tok):
            creds.insert(0, tok.strip(",;() "))
    if not tokens:
        return NameParts(credentials=tuple(creds), suffix=suffix)
    # the remaining prefix of the cleaned text, keeping a "Last, First" comma
    pos = 0
    for tok in tokens:
        pos = text.find(tok, pos) + len(tok)
    core = text[:pos]
    human = HumanName(core)
    if not suffix and human.suffix:
        parts = human.suffix.replace(",", " ").split()
        for p in parts:
            if is_credential(p) and _key(p) not in _SUFFIXES:
                creds.append(p)
            elif not suffix:
                suffix = p
    return NameParts(first=human.first, middle=human.middle, last=human.last,
                     suffix=suffix, credentials=tuple(creds))


_NOT_NAME = re.compile(
    r"\b(?:board|medical|medicine|license|licence|number|date|state|department|university|"
    r"college|school|hospital|center|centre|program|certif\w*|registration|expir\w*|issue\w*|"
    r"status|address|signature|director|president|secretary|chair\w*|insurance|"
    r"company|policy|limit|schedule|practitioner|controlled|substance|council|"
    r"incorporated|inc|ltd|limited|llp|pllc|assistants|practitioners|examiners|boards|"
    r"association|american|national|credit|course|provider|valid|www|http|inc|llc|"
    r"physicians?|surgeons?|nurse|nursing|registered|osteopathic|anesthetist|pharmacist|"
    r"assistant|doctor|master|bachelor|science|arts|certified|diplomate|residency|"
    r"fellowship|internship|training|seal|official|instructions|verification|details|"
    r"wallet|pocket|card|renewal|rules|practice|office|authority|commission|"
    r"given|witness|whereof|hereby|that|this|the|of|and|in|for|to|has|is|be|as|on|at|"
    r"presented|awarded|conferred|degree|completion|completed|program|faculty|trustees|"
    r"regents|life|support|advanced|basic|cardiovascular|pediatric|neonatal|resuscitation|"
    r"heart|instructor|center|training|code|ecard|activity|title|category|ama|pra|"
    r"accredited|accreditation|designates|claimed|hours|cme|continuing|education|"
    r"liability|coverage|carrier|insurer|producer|certificate|insured|active|clear|"
    r"inactive|expired|probation|lapsed|suspended|revoked|status|none|lic|no|fee|paid|date|"
    r"drug|enforcement|administration|justice|united|states|business|services|health|clinic|"
    r"group|associates|corporation|corp|company|foundation|institute|society|academy|agency|"
    r"division|bureau|diversion|results|validation|query|form|section|sections|copy|receipt|"
    r"confirmation|subject|sent|from|dear|sincerely|regards|attn|attention|re|memorial|"
    r"regional|community|general|county|city|street|avenue|suite|road|drive|boulevard|"
    r"department|federal|government|republic|commonwealth|schedules?|substances?|"
    r"diploma|honors|laude|summa|magna|cum|degree|doctor|bachelor|master|student|graduate|"
    r"transaction|id|amount|code|total|balance|payment|invoice|reference|account|serial|"
    r"cpr|aed|heartsaver|bls|acls|pals|nrp|rescuers?|defibrillation|webinar|workshop|module)\b",
    re.I)


_USPS = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR".split())
_NAME_TOKEN = re.compile(r"[^\W\d_][^\W\d_.'’\-]*(?:[.'’\-][^\W\d_]*)*\.?")


def looks_like_name(text: str) -> bool:
    """A cheap guard: 2-6 word-ish tokens, mostly letters, none of the usual label words."""
    text = clean_name(text)
    if not text or _NOT_NAME.search(text) or re.search(r"\d{2,}|@", text):
        return False
    tokens = [t for t in re.split(r"[\s,]+", text) if t and not is_credential(t)]
    if not 2 <= len(tokens) <= 6 or not all(_NAME_TOKEN.fullmatch(t) for t in tokens):
        return False
    if sum(len(t.strip(".")) >= 2 for t in tokens) < 2 and len(tokens) < 3:
        return False
    tail = re.search(r",\s*([A-Z]{2})\.?$", text)
    if tail and tail.group(1) in _USPS and not is_credential(tail.group(1)):
        return False  # "Aurora, CO": a city and state
    letters = sum(c.isalpha() for c in text)
    return letters >= 0.7 * len(text.replace(" ", ""))


def _core_name(raw: str) -> str:
    """The name without what a CV or signature prints after it ("Jane A. Doe, M.D., FACP",
    "Jane Doe, Physician Assistant-Certified"): in "First Last, ..." order everything after
    the first comma except a generational suffix; in "LAST, FIRST M, ..." order the first
    two parts."""
    text = clean_name(raw)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return ""
    name_first = len([t for t in parts[0].split() if _key(t) not in _SUFFIXES]) >= 2
    keep = parts[:1] if name_first else parts[:2]
    rest = parts[len(keep):]
    keep += [p for p in rest if _key(p) in _SUFFIXES]
    tokens = [t for t in " , ".join(keep).split() if not is_credential(t)]
    return " ".join(tokens).replace(" , ", ", ").strip(" ,")


def _initial_match(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a[0].lower() == b[0].lower()


def name_similarity(a: str, b: str) -> float:
    """0..100: are two printed names the same person's? Tolerates the forms the same name
    takes on different documents ("JANE A DOE, MD" on a CV, "DOE, JANE A" on a board's
    search results, "Jane Ann Doe"): credentials and order are ignored, a middle name may
    be an initial or missing, but the last and first names must agree."""
    from rapidfuzz import fuzz

    pa, pb = split_name(_core_name(a)), split_name(_core_name(b))
    if not (pa.last and pb.last and pa.first and pb.first):
        from rapidfuzz.utils import default_process
        return fuzz.token_sort_ratio(_core_name(a), _core_name(b), processor=default_process)
    low = str.lower
    last = fuzz.ratio(low(pa.last), low(pb.last))
    fa, fb = low(pa.first.strip(".")), low(pb.first.strip("."))
    if min(len(fa), len(fb)) == 1:
        first = 100.0 if _initial_match(fa, fb) else 0.0
    else:
        first = fuzz.ratio(fa, fb)
        if first < 90:
            first *= 0.5  # Jane is not Janet
    conflict = bool(pa.middle and pb.middle and not _initial_match(pa.middle, pb.middle))
    return 0.45 * last + 0.4 * first + (-10.0 if conflict else 15.0)  # Jane A is not Jane B


_GLUED_CAMEL = re.compile(r"[A-Z][a-z'\-]+")


def unglue_name(word: str, known: set[str] | frozenset[str] = frozenset()) -> str | None:
    """A person's name that OCR read without its spaces, split back into its words.

    Scanned certificates and diplomas set the holder's name in wide or ornate type whose
    word gaps OCR loses: "JaneMarieDoe" splits at its capitals when every part is a name
    shape (a prefix such as "Mc" stays with the part after it); an all-capitals "JANEDOE"
    splits only where a part is a name word the page prints elsewhere (``known``, in
    capitals: the parent's name under the holder's on South Asian diplomas, a name typed
    twice), because nothing else says where its words end. None when no split is shown."""
    word = word.strip(" .,;:_-")
    if not word.isalpha() or len(word) < 6:
        return None
    parts = _GLUED_CAMEL.findall(word)
    if "".join(parts) == word and len(parts) >= 2:
        merged: list[str] = []
        for part in parts:
            if merged and len(merged[-1]) < 3:
                merged[-1] += part
            else:
                merged.append(part)
        if 2 <= len(merged) <= 4 and all(len(p) >= 2 for p in merged):
            return " ".join(merged)
        return None
    if not word.isupper():
        return None
    for name in sorted((k for k in known if len(k) >= 3 and k != word), key=len, reverse=True):
        if word.endswith(name) and len(word) - len(name) >= 3:
            return f"{word[:-len(name)]} {name}"
        if word.startswith(name) and len(word) - len(name) >= 3:
            return f"{name} {word[len(name):]}"
    return None
