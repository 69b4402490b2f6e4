"""Tell an employer from a job title from a place in a CV headline fragment.

A headline such as ``Attending Physician, Mercy Hospital, Boston, MA`` is cut into
fragments; each is scored as a title or an organisation with spaCy token patterns
(``spacy.blank("en")`` tokeniser + ``Matcher``: nothing downloaded, no trained weights).
Titles end in a title noun ("Staff Physician", "Medical Director") or open with one
followed by "of" ("Director of Hospital Medicine", "Chief of Staff"); organisations end in
an organisation noun ("Mercy Hospital", "Bay Area Physicians Group") or open with
"University of" / "Department of". Places are ``City, ST`` with a USPS code or a state
name; the state is returned as its USPS code (contract section 3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from credintake.extractor.cv.lexicon import (
    DEGREE_ABBREVIATIONS,
    DEGREE_PATTERNS,
    FIELD_OF_STUDY_WORDS,
    OTHER_HEAD_WORDS,
    ORG_WORDS,
    STATE_ABBREVIATIONS,
    STATES,
    STRONG_ORG_WORDS,
    TITLE_HEADS,
    TITLE_WORDS,
    USPS,
)

#: Nouns a job title ends with (or opens with before "of").
TITLE_NOUNS = frozenset({
    "physician", "hospitalist", "nocturnist", "intensivist", "nurse", "practitioner",
    "director", "chief", "resident", "fellow", "intern", "surgeon", "professor",
    "instructor", "lecturer", "consultant", "partner", "officer", "chair", "chairman",
    "chairperson", "head", "manager", "supervisor", "coordinator", "locum", "locums",
    "tenens", "clinician", "specialist", "president", "dean", "educator", "associate",
    "assistant", "attending", "moonlighter", "extern", "trainee", "administrator",
    "anesthetist", "doctor", "pharmacist", "therapist", "midwife", "crna", "np", "pa-c",
    "pa", "rn", "aprn", "fnp", "cnm", "lpn", "scientist", "researcher", "member",
    "provider", "staff", "leader", "lead", "registrar", "medic", "scribe", "technician",
    "technologist", "volunteer", "dentist", "psychologist", "officer",
    # other jobs healthcare resumes list (aides, clerks, billing and office staff)
    "clerk", "observer", "aide", "agent", "representative", "counselor", "counsellor",
    "worker", "analyst", "investigator", "engineer", "operator", "caregiver",
    "receptionist", "secretary", "sergeant", "teacher", "writer", "tutor", "biller",
    "coder", "auditor", "reviewer", "planner", "liaison", "marketer", "emt", "cna",
    "paramedic", "phlebotomist", "sonographer", "dietitian", "nutritionist", "employee",
    "faculty",
    # jobs before or beside medicine (physicians' and informaticians' CVs)
    "developer", "programmer", "founder", "cofounder", "owner", "executive", "entrepreneur",
    "editor", "designer",
})
#: Nouns a school's name ends with or opens ("Universidad de ...") in an education line.
SCHOOL_NOUNS = frozenset({
    "university", "college", "school", "institute", "academy", "seminary", "polytechnic",
    "conservatory", "hospital", "center", "centre", "clinic", "association", "program",
    "universidad", "universidade", "universite", "université", "universita", "università",
    "universität", "universitat", "instituto", "institut", "escuela", "facultad", "colegio",
})
_ORG_OPENERS = frozenset({"universidad", "universidade", "universite", "université",
                          "universita", "università", "universität", "instituto", "escuela",
                          "facultad", "colegio",
                          "university", "college", "school", "department", "dept", "dept.",
                          "division", "institute", "hospital", "office", "center", "centre",
                          "bureau", "ministry"})


@lru_cache(maxsize=1)
def _nlp() -> tuple[spacy.language.Language, Matcher]:
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    title_noun = {"LOWER": {"IN": sorted(TITLE_NOUNS)}}
    ist = {"LOWER": {"REGEX": r"^[a-z]{4,}(?:ist|ian|ists)$"}, "IS_TITLE": True}
    modifier = {"LOWER": {"IN": sorted(TITLE_WORDS | TITLE_HEADS)}, "OP": "*"}
    matcher.add("TITLE_END", [[modifier, title_noun],
                              [modifier, ist]])
    matcher.add("TITLE_OF", [[modifier, title_noun, {"LOWER": {"IN": ["of", "for", ","]}}]])
    org_noun = {"LOWER": {"IN": sorted(STRONG_ORG_WORDS)}}
    matcher.add("ORG_END", [[org_noun]])
    matcher.add("ORG_OF", [[{"LOWER": {"IN": sorted(_ORG_OPENERS)}},
                            {"LOWER": {"IN": ["of", "de", "del", "di", "da", "do", "des"]}}]])
    matcher.add("ORG_WORD", [[{"LOWER": {"IN": sorted(ORG_WORDS)}}]])
    suffix = r"^(?:llc|l\.l\.c\.?|inc\.?|p\.?c\.?|pllc|llp|ltd\.?)$"
    matcher.add("ORG_SUFFIX", [[{"LOWER": {"REGEX": suffix}}]])
    return nlp, matcher


def _doc(text: str) -> Doc:
    nlp, _ = _nlp()
    return nlp.make_doc(text)


@dataclass(frozen=True)
class Scores:
    title: float
    org: float


def score(text: str) -> Scores:
    """How much a fragment reads like a job title and like an organisation."""
    nlp, matcher = _nlp()
    doc = nlp.make_doc(text.strip(" ,.;:-–—"))
    words = [t for t in doc if not t.is_punct]
    if not words:
        return Scores(0.0, 0.0)
    title = org = 0.0
    last = words[-1].lower_.strip(".")
    first = words[0].lower_
    for match_id, start, end in matcher(doc):
        label = nlp.vocab.strings[match_id]
        if label == "TITLE_END" and end >= len(doc) - 1 and (end - start) >= 0.6 * len(words):
            title = max(title, 3.0)
        elif label == "TITLE_END":
            title = max(title, 1.0)
        elif label == "TITLE_OF" and start == 0:
            title = max(title, 3.5)
        elif label == "ORG_OF" and start == 0:
            org += 3.0
        elif label in ("ORG_END", "ORG_SUFFIX"):
            org += 2.5 if end == len(doc) or doc[end:].text.strip(" .,") == "" else 1.5
        elif label == "ORG_WORD":
            org += 0.5
    if last in TITLE_NOUNS and first in TITLE_HEADS | TITLE_NOUNS:
        title += 1.0
    if last in STRONG_ORG_WORDS:
        org += 1.0
    if last in TITLE_NOUNS and len(words) <= 6 and not any(
            w.lower_ in STRONG_ORG_WORDS for w in words):
        title = max(title, 3.0)  # "Pulmonary/Critical Care Fellow", "Cardiology Resident"
    if last.endswith("s") and last[:-1] in TITLE_NOUNS and last not in TITLE_NOUNS:
        title -= 1.5  # "Emergency Physicians" is a group
        org += 1.5
    return Scores(title, org)


def is_title(text: str) -> bool:
    s = score(text)
    return s.title >= 2.5 and s.title > s.org


def is_org(text: str) -> bool:
    s = score(text)
    return s.org >= 2.0 and s.org >= s.title


# --- places ---------------------------------------------------------------------------

_STATE_NAME = "|".join(sorted((re.escape(n) for n in STATES), key=len, reverse=True))
_STATE_ABBR = "|".join(sorted((re.escape(a) for a in STATE_ABBREVIATIONS), key=len, reverse=True))
_PLACE_TAIL = re.compile(
    rf",\s*(?P<state>[A-Z]{{2}}(?![a-z])|(?i:{_STATE_NAME})|(?i:{_STATE_ABBR})\.)"
    r"(?:\s*,?\s*(?:\d{5}(?:-\d{4})?|USA|U\.S\.A\.|United States))?(?=$|[\s,;|)\t.–—-])"
)
_NO_COMMA_TAIL = re.compile(r"(?<=[a-z.])\s+(?P<state>[A-Z]{2})(?:\s+\d{5}(?:-\d{4})?)?\s*$")
_CITY_WORD = re.compile(r"^(?:[A-Z][A-Za-z'’.\-]*|[A-Z]{2,}|de|la|del|of|upon|on)$")


@dataclass(frozen=True)
class Place:
    city: str | None
    state: str
    start: int  # span in the searched text (city start .. end of state/zip)
    end: int


def state_code(text: str) -> str | None:
    t = text.strip().rstrip(".").lower()
    if t.upper() in USPS and len(t) == 2:
        return t.upper()
    return STATES.get(t) or STATE_ABBREVIATIONS.get(t)


def find_place(text: str) -> Place | None:
    """The last 'City, ST' in ``text`` whose city words are not organisation words."""
    found: Place | None = None
    for m in list(_PLACE_TAIL.finditer(text)) + list(_NO_COMMA_TAIL.finditer(text)):
        code = state_code(m.group("state"))
        if code is None:
            continue
        if len(m.group("state")) > 3 and re.match(r" +[A-Z]", text[m.end():]):
            continue  # "MD, Ohio State University"
        city, city_start = _city_before(text, m.start())
        if city is None:
            continue
        place = Place(city, code, city_start, m.end())
        if found is None or place.start > found.start:
            found = place
    return found


def _city_before(text: str, comma: int) -> tuple[str | None, int]:
    """Up to three capitalised words ending at ``comma``, stopping at a separator or an
    organisation word ("Mercy Hospital Boston, MA" -> "Boston")."""
    head = text[:comma]
    tokens = list(re.finditer(r"[^\s,;|\t()]+", head))
    if not tokens or head[tokens[-1].end():].strip():
        return None, comma
    picked: list[re.Match[str]] = []
    for tok in reversed(tokens):
        word = tok.group()
        between = head[tok.end(): picked[-1].start()] if picked else ""
        if picked and (between.strip() or "\t" in between):
            break
        low = word.lower().strip(".")
        if not _CITY_WORD.match(word) or (low in ORG_WORDS and low not in {"saint", "st"}) \
                or low in TITLE_NOUNS or _ABBREVIATION.fullmatch(word):
            break
        picked.append(tok)
        if len(picked) == 3:
            break
    while picked and picked[-1].group().lower() in {"de", "la", "del", "of", "upon", "on"}:
        picked.pop()
    if not picked:
        return None, comma
    start = picked[-1].start()
    return text[start:comma].strip(), start


# --- degrees --------------------------------------------------------------------------

_ABBREVIATION = re.compile(DEGREE_ABBREVIATIONS)
_DEGREES = [re.compile(p, re.I) for p in DEGREE_PATTERNS] + [_ABBREVIATION]


def find_degree(text: str) -> tuple[int, int] | None:
    """Span of the degree or training program named in ``text``, or None."""
    best: tuple[int, int] | None = None
    for rx in _DEGREES:
        for m in rx.finditer(text):
            span = m.span()
            if best is None or (span[1] - span[0]) > (best[1] - best[0]):
                best = span
    if best is None:
        return None
    start, end = best
    while end > start and text[end - 1] in " ,;:-–—":
        end -= 1
    return start, end


# --- anonymisation placeholders ------------------------------------------------------

# Resume sites and anonymised resume collections print "Company Name", "City , State"
# where the real employer and place were: template text, never a value.
_ORG_PLACEHOLDER = re.compile(
    r"\b(?:Company|Employer|Organi[sz]ation|Hospital|Facility|School|Institution|University)"
    r" Name\b")
_PLACE_PLACEHOLDER = re.compile(
    r"\bCity\s*,\s*State\b(?:\s*,\s*(?:United States|USA|US)\b)?"
    r"|(?<=[–—\-,|:]\s)State\b(?=\s*(?:$|\t|,|\d|–|—|-))"
    r"|\bCity\b(?=\s*(?:$|\t|,|;|\||–|—|-|\(|\d|Expected\b))")


def placeholders(text: str) -> list[tuple[int, int, str]]:
    """(start, end, "org" | "place") of the anonymisation placeholders in ``text``. A lone
    "City" counts only after an organisation word, a separator, a date or nothing
    ("Ridgeline High School City 05/1999"), not after a place name ("Kansas City, MO")."""
    out = [(m.start(), m.end(), "org") for m in _ORG_PLACEHOLDER.finditer(text)]
    for m in _PLACE_PLACEHOLDER.finditer(text):
        if m.group().startswith("City") and "State" not in m.group():
            if re.match(r",\s*(?!State\b)[A-Z][a-z]", text[m.end():]):
                continue  # "King Fahad Medical City, Riyadh": a name's word, then its city
            before = text[:m.start()].rsplit("\t", 1)[-1].split()
            prev = before[-1] if before else ""
            if prev and not prev.endswith(("-", "–", "—", ",", "|", ":")) \
                    and not re.search(r"\d", prev) and prev.lower() not in ORG_WORDS \
                    and prev != "Name":
                continue
        out.append((m.start(), m.end(), "place"))
    return sorted(out)


# --- an organisation inside a run-on line --------------------------------------------------

_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "at", "for", "la", "del", "on", "in"})
_TOKEN = re.compile(r"[^\s,;:|()\t]+")


def org_run(text: str, skip: tuple[int, int] | None = None,
            nouns: frozenset[str] = STRONG_ORG_WORDS) -> tuple[int, int] | None:
    """Span of the organisation named inside a longer run of text, or None: the run of
    capitalised words (joined by "of", "the", "&"...) around the last organisation noun,
    ending at that noun or at the "of ..." after it, and not crossing punctuation, digits
    or the ``skip`` span (the degree); ``nouns`` are the organisation nouns looked for.
    Resume sites print education as one line, "Bachelor of Science : Nursing Lakeside
    College City , State"."""
    runs: list[list[re.Match[str]]] = [[]]
    for tok in _TOKEN.finditer(text):
        word = tok.group()
        inside_skip = skip is not None and tok.start() < skip[1] and skip[0] < tok.end()
        gap = text[runs[-1][-1].end():tok.start()] if runs[-1] else ""
        name_like = word[0].isupper() or (word.lower() in _CONNECTORS and runs[-1])
        if inside_skip or not name_like or gap.strip() or any(c.isdigit() for c in word):
            runs.append([])
            continue
        runs[-1].append(tok)
    best: tuple[float, int, int] | None = None
    for run in runs:
        found = [k for k, t in enumerate(run) if t.group().lower().strip(".") in nouns]
        if not found:
            continue
        last = found[-1]
        end = last
        if last + 1 < len(run) and run[last + 1].group().lower() == "of":
            end = min(len(run) - 1, last + 3)  # "University of Eastern Plains"
            while end > last + 2 and run[end].group().lower() in OTHER_HEAD_WORDS:
                end -= 1  # "School of Nursing Certifications": the next heading run in
        while end > 0 and run[end].group().lower() in _CONNECTORS:
            end -= 1
        start = 0
        while start < end and run[start].group().lower() in _CONNECTORS:
            start += 1
        if skip is not None and ":" in text[skip[1]:run[start].start()]:
            start = _after_major(run, start, end)
        start = _at_the(run, start, end)
        span = (run[start].start(), run[end].end())
        org = score(text[span[0]:span[1]]).org
        if best is None or org >= best[0]:
            best = (org, *span)
    return (best[1], best[2]) if best else None


def _after_major(run: list[re.Match[str]], start: int, end: int) -> int:
    """Past the major that a degree's colon slot prints before the school ("Bachelor of
    Arts : NURSING Gannon University"): the whole leading run of field-of-study words, and
    only when at least two words of the name remain ("Health Sciences University" stays)."""
    k = start
    while k <= end and run[k].group().lower() in FIELD_OF_STUDY_WORDS:
        k += 1
    return k if end - k >= 1 else start


def _at_the(run: list[re.Match[str]], start: int, end: int) -> int:
    """A capitalised "The" inside a run starts the school's name ("... Case Management The
    University of Florida"); after "of" it belongs to it ("College of The Ozarks")."""
    for k in range(start + 1, end):
        if run[k].group() in ("The", "THE") and run[k - 1].group().lower() not in _CONNECTORS:
            return k
    return start
