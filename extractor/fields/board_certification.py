"""Board certification: diplomate wall certificates, verification printouts and letters, cards.

The board is an organisation phrase ("American Board of ...", "National Commission on
...", "... Credentialing Center"); the specialty comes from a label or the certificate's
prose ("certified as a Diplomate in X", "certified by the Board in X"). Lifetime
certificates print no expiry ("Valid Through: Lifetime"): the field is then absent.
Signature-line names (board chair, CEO) are never the holder.
"""

from __future__ import annotations

import re
from functools import lru_cache

from credintake.extractor.fields.anchors import Doc, Hit, Spec, find_field, put, register_labels, search
from credintake.extractor.fields.common import date_by_label, org_search, range_by_label, vocab_search
from credintake.extractor.fields.prominence import certificate_holder
from credintake.extractor.fields.registry import Extraction, register
from credintake.extractor.fields.values import date_value, text_value
from credintake.extractor.dates import month_number, parse_date
from credintake.extractor.layout import Page
from credintake.extractor.names import looks_like_name

NAME_LABELS = ("Name", "Diplomate", "Diplomate Name", "Physician Name", "Certificant", "Certificant Name",
               "Candidate Name", "Physician", "Certificate Holder", "Provider Name", "Name of Diplomate",
               "Practitioner Name")
# not "Certification Board": it closes real board names ("... Nurse Practitioners Certification
# Board"), and as a registered label it would cut them short
BOARD_LABELS = ("Certifying Board", "Member Board", "Certifying Body", "Issuing Board",
                "Board Name", "Board", "Certifying Organization", "Certified By")
SPECIALTY_LABELS = ("Specialty", "Certification", "Certified In", "Specialty/Subspecialty", "Board Certification",
                    "Area of Certification", "Certification Area", "Subspecialty", "Primary Certification",
                    "Certificate", "Specialty Certification", "Certification Type", "Credential",
                    "Board Specialty")
ISSUE_LABELS = ("Certified Since", "Initial Certification Date", "Initial Certification", "Original Certification Date",
                "Original Certification", "Certification Date", "Date Certified", "Date of Certification",
                "Certified On", "Certified", "Effective Date", "Issue Date", "Date Issued", "Issued",
                "Certification Effective", "Initially Certified", "Date of Issue", "Eff. Date", "Eff Date",
                "Certification Start Date", "Start Date")
EXPIRY_LABELS = ("Valid Through", "Valid Thru", "Valid Until", "Expiration Date", "Expires", "Expiration",
                 "This certificate expires", "Certificate Expires", "Certification Expires", "Certified Through",
                 "Expires On", "Exp Date", "Recertification Due", "Recertification Date", "Good Through",
                 "Expiry Date", "Certification Valid Through", "Valid To", "Certification End Date",
                 "Certification Expiration Date", "Certification Expiration", "End Date", "MOC Due Date",
                 "Expiration of Certification", "Expiration/Duration", "Expiration / Duration", "Duration")
_NONE = r"(lifetime|permanent|indefinite|time[- ]unlimited|continuous|non[- ]?expiring|does\s+not\s+expire|" \
        r"no\s+expiration|none|n/?a\b|not\s+applicable)"
_NOT_DATES = r"print|last\s+moc|moc\s+activity|query|generated|as\s+of|birth|verif"

# Certifying bodies are boards, commissions, councils and colleges, and also associations
# and registries (allied-health certifiers such as a healthcareer association, the national
# registry of EMTs).
_BOARD_KEY = re.compile(r"Board|BOARD|Commission|COMMISSION|Center|CENTER|Corporation|CORPORATION|Council|"
                        r"COUNCIL|College|COLLEGE|Specialties|SPECIALTIES|Association|ASSOCIATION|"
                        r"Registry|REGISTRY")
_BOARD_SKIP = re.compile(r"medical\s+board\s+of|board\s+of\s+(medicine|nursing|medical|osteopathic\s+medicine|"
                         r"pharmacy$|registration)|^board\s+of\s+directors|joint\s+commission|"
                         r"verification\s+center|medical\s+center|hospital|"
                         # signature-line titles ("Chair of the Board", "President, Board of ...")
                         r"(?:chair(?:man|woman|person)?|president|secretary|treasurer|director)\s*,?\s+"
                         r"of\s+the\s+board|"
                         # look-up page titles and questions ("Is Your Doctor Board Certified?")
                         r"\?|board\s+certification\s+(?:status|verification|credentials|profile|search)", re.I)

SPECIALTIES = (
    "Allergy and Immunology", "Anesthesiology", "Colon and Rectal Surgery", "Dermatology", "Emergency Medicine",
    "Family Medicine", "Family Practice", "Internal Medicine", "Medical Genetics and Genomics", "Neurological Surgery",
    "Nuclear Medicine", "Obstetrics and Gynecology", "Ophthalmology", "Orthopaedic Surgery", "Orthopedic Surgery",
    "Otolaryngology", "Otolaryngology - Head and Neck Surgery", "Pathology", "Anatomic and Clinical Pathology",
    "Pediatrics", "Physical Medicine and Rehabilitation", "Plastic Surgery", "Preventive Medicine", "Psychiatry",
    "Neurology", "Psychiatry and Neurology", "Radiology", "Diagnostic Radiology", "Interventional Radiology",
    "Radiation Oncology", "Surgery", "General Surgery", "Thoracic Surgery", "Urology", "Vascular Surgery",
    "Cardiovascular Disease", "Critical Care Medicine", "Gastroenterology", "Hematology", "Medical Oncology",
    "Hematology and Oncology", "Infectious Disease", "Nephrology", "Pulmonary Disease", "Rheumatology",
    "Endocrinology, Diabetes and Metabolism", "Geriatric Medicine", "Hospice and Palliative Medicine",
    "Sports Medicine", "Pain Medicine", "Sleep Medicine", "Neonatal-Perinatal Medicine", "Child and Adolescent Psychiatry",
    "Clinical Neurophysiology", "Neuroradiology", "Medical Toxicology", "Addiction Medicine", "Hospital Medicine",
    "Family Nurse Practitioner", "Adult-Gerontology Primary Care Nurse Practitioner",
    "Adult-Gerontology Acute Care Nurse Practitioner", "Psychiatric-Mental Health Nurse Practitioner",
    "Pediatric Nurse Practitioner", "Women's Health Nurse Practitioner", "Physician Assistant", "Nurse Anesthesia",
    "Nurse Anesthetist", "Pharmacotherapy", "Ambulatory Care Pharmacy", "Medical-Surgical Nursing",
    "Critical Care Nursing", "Osteopathic Manipulative Medicine", "Neuromusculoskeletal Medicine",
)

_SPEC_STOP = re.compile(r"\s+(?:on|since|from|effective|through|until|with|as\s+of|by\s+the|valid|and\s+is|"
                        r"given|dated|this|certified|expires?|issued|awarded|the|in\s+witness|"
                        r"effective)\b|[.;(]|\d|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
_SPEC_BAD = re.compile(r"\b(verification|results?|status|number|no\.?|date|board|certif\w*|diplomate|"
                       r"requirements?|examination|expires?|valid|since|moc|maintenance|www|http|"
                       r"certificate|letter|active|lifetime)\b", re.I)


_MEDICAL = re.compile(r"olog|iatr|medicine|surgery|surgical|care|disease|health|nurs|pharm|anesthe|genetic|"
                      r"imaging|practi|physician|assistant|emergenc|internal|family|pediatric|obstetric|"
                      r"gynecolog|rehabilitation|dermatolog|urolog|psychiatr|critical|hospice|palliative|sleep|"
                      r"pain|sports|addiction|allerg|endocrin|diabetes|hematolog|infectious", re.I)


def specialty_value(text: str) -> tuple[str, int, int] | None:
    """A specialty phrase: title-like words, cut before 'on <date>', never a sentence."""
    m = _SPEC_STOP.search(text)
    chunk = text[:m.start()] if m else text
    got = text_value(chunk)
    if got is None:
        return None
    value = re.sub(r"\s+", " ", got[0]).strip(" ,")
    words = value.split()
    if not 1 <= len(words) <= 9 or _SPEC_BAD.search(value) or not value[:1].isupper():
        return None
    if (looks_like_name(value) and not _MEDICAL.search(value)) or parse_date(value) or month_number(words[0]):
        return None
    if sum(w[:1].islower() and w not in ("and", "of", "in", "the", "&", "with") for w in words):
        return None
    start = text.find(words[0])
    return value, start, got[1] + len(got[0].rstrip().rstrip(" ,"))


_PROSE_SPECIALTY = re.compile(
    r"(?:diplomate\s+in|certified\s+in|certified\s+as\s+an?\s+(?:[a-z]+\s+){0,3}in|certification\s+in|certified\s+as\s+a\s+specialist\s+in|"
    r"board[- ]certified\s+in|subspecialty\s+of|specialty\s+of|certified\s+by\s+the\s+[^.]{0,120}?\s+in)"
    r"\s*:?\s+((?:[A-Z][\w'\-]*,?(?:\s+(?:and|of|in|&|-)\s+|\s+|-)?){1,8})", re.S)
#: "... completed the requirements set forth by the NHA as a Certified Billing and Coding Specialist":
#: the credential's own title is the specialty (allied-health and nursing certifications)
_PROSE_CREDENTIAL = re.compile(r"\bas\s+an?\s+((?:Certified|Registered|Licensed|CERTIFIED|REGISTERED)\s+[^.\n]{3,80})")
#: "Hereby certifies <name> as an / Emergency Medical Technician": the credential printed on
#: its own line under the holder's name (registries' wall certificates)
_PROSE_AS_TITLE = re.compile(r"\b(?:as|AS)\s+(?:an?|AN?)\s*\n\s*([A-Z][^\n.]{3,80})")


def _credential_title_value(text: str) -> tuple[str, int, int] | None:
    """'Certified Billing and Coding Specialist' ('Certified ' + a specialty phrase)."""
    head = re.match(r"\S+\s+", text)
    got = specialty_value(text[head.end():]) if head else None
    if got is None:
        return None
    return text[:head.end()] + got[0], 0, head.end() + got[2]


_PROSE_ISSUE = re.compile(r"(?:certified|certification|diplomate)[^.]{0,160}?\s(?:on|since|effective|as\s+of)\s+"
                          r"([^.]{0,100})", re.I)
_PROSE_EXPIRY = re.compile(r"(?:(?:valid|good|effective|certified|active|current)\s+(?:through|thru|until)|"
                           r"expires?(?:\s+on)?)\s+([^.]{0,40})", re.I)
_GIVEN = re.compile(r"(?:given|dated|(?:witness|testimony)\s+whereof|awarded|conferred|affixed)[^\n]{0,40}?((?:this|the|on)\s+.{0,120})",
                    re.I | re.S)


@register("board_certification")
def extract_board_certification(pages: list[Page]) -> Extraction:
    doc = Doc(pages)
    fields: dict = {}
    if not doc.pages:
        return Extraction(fields)
    put(fields, "holder_name", certificate_holder(doc, NAME_LABELS, exclude=r"board|supervis|director"))
    board = find_field(doc, Spec(BOARD_LABELS, _board_in, fuzzy=False, at_start=True))
    # a heading line first: a verification printout's browser title prints the board inside
    # a longer line ("Verify a Physician National Commission on ...")
    put(fields, "board", board or org_search(doc, _BOARD_KEY, skip=_BOARD_SKIP, whole_line=True)
        or org_search(doc, _BOARD_KEY, skip=_BOARD_SKIP)
        or search(doc, _board_acronym_pattern(), parser=_board_by_acronym, confidence=0.8))
    specialty = find_field(doc, Spec(SPECIALTY_LABELS, specialty_value, at_start=True,
                                     exclude=r"number|no\.|#|date|status|verification|expir|valid",
                                     directions=("inline", "right", "below")))
    if specialty is None:
        specialty = search(doc, _PROSE_SPECIALTY, parser=specialty_value, confidence=0.85)
    if specialty is None:
        specialty = search(doc, _PROSE_CREDENTIAL, parser=_credential_title_value, confidence=0.75)
    if specialty is None:
        specialty = search(doc, _PROSE_AS_TITLE, parser=specialty_value, confidence=0.7)
    if specialty is None:
        specialty = vocab_search(doc, SPECIALTIES, confidence=0.7)
    put(fields, "specialty", specialty)
    put(fields, "issue_date", date_by_label(doc, ISSUE_LABELS, exclude=_NOT_DATES + r"|expir|valid|through"))
    start, end = range_by_label(doc)
    put(fields, "issue_date", start)
    if "issue_date" not in fields:
        put(fields, "issue_date", search(doc, _PROSE_ISSUE, parser=date_value, confidence=0.8)
            or search(doc, _GIVEN, parser=date_value, confidence=0.75))
    expiry_spec = Spec(EXPIRY_LABELS, date_value, exclude=_NOT_DATES, none=_NONE,
                       directions=("inline", "right", "below", "above"))
    expiry = find_field(doc, expiry_spec, avoid=_hit_of(doc, fields.get("issue_date")))
    if expiry_spec.said_none:  # a lifetime certificate: no expiration, whatever else is printed
        return Extraction(fields)
    if expiry is None and end is not None:
        expiry = end
    if expiry is None:
        expiry = search(doc, _PROSE_EXPIRY, parser=date_value, confidence=0.8)
    put(fields, "expiration_date", expiry)
    return Extraction(fields)


def _hit_of(doc: Doc, fv) -> Hit | None:  # noqa: ANN001
    """The words of an already stored value, so another field does not read them again."""
    if fv is None or fv.bbox is None:
        return None
    x0, y0, x1, y1 = fv.bbox
    for page in doc.pages:
        if page.number != fv.page:
            continue
        words = [w for seg in doc.page_segs(page) for w in seg.words
                 if w.x0 >= x0 - 0.5 and w.x1 <= x1 + 0.5 and w.top >= y0 - 0.5 and w.bottom <= y1 + 0.5]
        if words:
            return Hit(fv.value, page, words, fv.raw or "", 1.0)
    return None


@lru_cache(maxsize=1)
def _board_acronyms() -> dict[str, str]:
    """Certifying bodies' acronyms and their names (rules/data/acronyms.csv, kind board)."""
    from credintake.rules.tables import data_rows

    return {row[1]: row[2] for row in data_rows("acronyms.csv", min_columns=3)
            if row[0] == "board"}


@lru_cache(maxsize=1)
def _board_acronym_pattern() -> re.Pattern[str]:
    """A known acronym named as the certifier in the certificate's prose ("set forth by the
    NHA", "certified by the NCCPA"): allied-health certificates often print the body's
    full name only inside its logo."""
    names = "|".join(sorted(map(re.escape, _board_acronyms()), key=len, reverse=True))
    return re.compile(rf"\b(?:by|from|of)\s+(?:the\s+)?({names})\b")


def _board_by_acronym(text: str) -> tuple[str, int, int] | None:
    name = _board_acronyms().get(text.strip())
    return (name, 0, len(text)) if name else None


def _board_in(text: str) -> tuple[str, int, int] | None:
    from credintake.extractor.fields.common import org_phrase
    return org_phrase(text, _BOARD_KEY)


register_labels(NAME_LABELS, BOARD_LABELS, SPECIALTY_LABELS, ISSUE_LABELS, EXPIRY_LABELS)
