"""Finders several credential extractors share: the holder's name, the issuing state,
dates by label, phrases from a vocabulary.

Each finder tries the strongest evidence first (a label), then prose cues ("This is to
certify that"), then layout heuristics (a name-shaped line that is not on a signature
line), and lowers the confidence at each step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from credintake.extractor.dates import find_dates
from credintake.extractor.fields.anchors import (Doc, Hit, Parser, Seg, Spec, find_field, hit_from_span,
                                                 parse_words, register_labels, search)
from credintake.extractor.fields.values import date_value, name_value, state_value
from credintake.extractor.names import unglue_name

#: Words of the caption under a signature line: the name above is not the holder.
SIGNATURE_TITLES = re.compile(
    r"\b(president|secretary|director|chair(?:man|person)?|dean|registrar|chancellor|provost|"
    r"signature|signed|officer|executive|treasurer|vice|instructor|coordinator|administrator|"
    r"designated institutional official|dio|chief|ceo|authorized|representative|agent|"
    r"examiner|commissioner|superintendent|governor|trustee|member|course director|manager|"
    r"supervisor|specialist|analyst|sincerely|regards|program director|witness|notary)\b", re.I)

#: Prose that introduces the holder's name on certificates and diplomas.
NAME_INTRO = re.compile(
    r"(?:certif(?:y|ies)\s+that|this\s+is\s+to\s+certify|presented\s+to|awarded\s+to|conferred\s+(?:up)?on|"
    r"confers\s+(?:up)?on|be\s+it\s+known\s+that|know\s+(?:all|ye)[^\n]*?that|hereby\s+(?:certifies|confers)|"
    r"recogni[sz]es|acknowledges\s+that|has\s+been\s+granted\s+to|issued\s+to|granted\s+to|"
    r"this\s+(?:is\s+to\s+)?(?:acknowledge|attest)\s+that|notum\s+sit\s+quod|testamur|"
    r"hereby\s+(?:certify|certifies|confirm|confirms)\s+that|upon|to)\s*:?\s*$",
    re.I)


#: A name label inside an organisation's name ("... of Physician Assistants, Incorporated")
#: is a word of a heading, not a caption.
_ORG_WORDS = (r"\b(?:commission|association|council|college|academy|society|incorporated|inc|"
              r"corporation|university|institute|foundation|federation|assistants|board)\b")


def name_by_label(doc: Doc, labels: Sequence[str], *, exclude: str | None = None) -> Hit | None:
    exclude = f"{exclude}|{_ORG_WORDS}" if exclude else _ORG_WORDS
    spec = Spec(labels, name_value, exclude=exclude, directions=("inline", "right", "below", "above"))
    return find_field(doc, spec)


def signature_line(doc: Doc, seg: Seg) -> bool:
    """Is ``seg`` a name printed on or next to a signature caption?"""
    text = seg.text
    tail = text.split(",", 1)[1] if "," in text else (text.split(" ", 1)[1] if " " in text else "")
    if SIGNATURE_TITLES.search(tail):
        return True  # "Jane Roe, President" (a name like "Dean" or "Robert E Dean, MD" is not a title)
    i = seg.index
    if i > 0 and doc.segs[i - 1].page is seg.page and re.search(
            SIGNATURE_TITLES.pattern + r"\s*(?:name|id|#)?\s*:\s*$", doc.segs[i - 1].text, re.I):
        return True  # "Instructor:" printed at the end of the line before
    b = seg.bbox
    h = max(b[3] - b[1], 6.0)
    # the caption is the line right under the name; a title-like word further down is prose
    # ("Jane Doe / has completed ... / by the NHA as a Certified Coding Specialist")
    under = [s for s in doc.page_segs(seg.page) if s is not seg and 0 <= s.bbox[1] - b[3] <= 1.6 * h
             and s.bbox[0] < b[2] + 4 and s.bbox[2] > b[0] - 4]
    if under and SIGNATURE_TITLES.search(min(under, key=lambda s: s.bbox[1]).text):
        return True
    for other in doc.page_segs(seg.page):
        if other is seg:
            continue
        o = other.bbox
        # "Name, Title" in one row: a caption to the right on the same row
        same_row = abs((o[1] + o[3]) / 2 - (b[1] + b[3]) / 2) < 0.5 * h and o[0] > b[2]
        if same_row and SIGNATURE_TITLES.search(other.text) and o[0] - b[2] < 40:
            return True
    return False


#: "Daughter/wife/son of", "S/O", "D/O": the relative's name printed after it is not the
#: holder's (diplomas and certificates from Pakistan and India)
_KIN = re.compile(r"\b(?:daught\w*|son|wife|husband|father|mother|guardian)\b[\w/ ]*\bof\b|\b[SDW]\s?/\s?O\b|"
                  r"daught|wife\s*/", re.I)


def kin_line(doc: Doc, seg: Seg) -> bool:
    """Is ``seg`` a relative's name, captioned 'Daughter of' / 'S/O' on its row or the line above?"""
    b = seg.bbox
    for other in doc.page_segs(seg.page):
        if other is seg or not _KIN.search(other.text):
            continue
        o = other.bbox
        same_row = abs((o[1] + o[3]) / 2 - (b[1] + b[3]) / 2) < 0.8 * seg.height and o[2] <= b[0] + 4
        just_above = 0 <= b[1] - o[3] <= 1.2 * seg.height and o[0] < b[2] and o[2] > b[0]
        if same_row or just_above:
            return True
    return False


def name_after_intro(doc: Doc, confidence: float = 0.85) -> Hit | None:
    """The name-shaped line right after 'This is to certify that' or similar."""
    for i, seg in enumerate(doc.segs):
        text = seg.text
        m = NAME_INTRO.search(text)
        if not m or (m.group(0).strip().lower() in ("to", "upon") and len(text.split()) > 4):
            continue
        # same line after the cue? (intro regex anchors at end, so look at the next lines)
        for nxt in doc.segs[i + 1:i + 4]:
            if nxt.page is not seg.page:
                break
            got = parse_words(nxt.words, nxt.page, name_value, confidence)
            if got is not None and not signature_line(doc, nxt):
                return got
    # inline: "certifies that Jane A. Doe, MD has ..."
    pattern = re.compile(
        _INLINE_INTRO + r"\s+"
        r"([A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]*){1,4}(?:,\s*[A-Z][A-Za-z.\-]{1,8}){0,3})",
        re.M)
    return search(doc, pattern, parser=name_value, confidence=confidence * 0.95) \
        or glued_name_after_intro(doc, confidence * 0.8)


_INLINE_INTRO = (r"(?:certif(?:y|ies)\s+that|verif(?:y|ies)\s+that|confirms?\s+that|attests?\s+that|"
                 r"presented\s+to|awarded\s+to|conferred\s+(?:up)?on|issued\s+to|known\s+that|recogni[sz]es)")
_FILLER = re.compile(r"^[\W_]*$")


def glued_name_after_intro(doc: Doc, confidence: float = 0.7) -> Hit | None:
    """A holder's name OCR read as one word after the certifying cue ("This is to certify
    that JaneMarieDoe", "... that JANEDOE ____"), split back into its words.

    Family: scanned diplomas and certificates whose name is typed or lettered on a blank
    after "This is to certify that" (nursing examination boards' diplomas among them); the
    name words the page prints in a relative's line ("Daughter/wife of ...") tell where an
    all-capitals name splits (see names.unglue_name)."""
    cue = re.compile(_INLINE_INTRO, re.I)
    known = _kin_words(doc)
    for i, seg in enumerate(doc.segs):
        m = cue.search(seg.text)
        if not m:
            continue
        offsets, pos = [], 0
        for w in seg.words:
            offsets.append(pos)
            pos += len(w.text) + 1
        rest = [w for w, at in zip(seg.words, offsets) if at >= m.end() and not _FILLER.match(w.text)]
        if not rest and i + 1 < len(doc.segs) and doc.segs[i + 1].page is seg.page:
            rest = [w for w in doc.segs[i + 1].words if not _FILLER.match(w.text)]
        if len(rest) != 1:
            continue
        name = unglue_name(rest[0].text, known)
        if name is not None and name_value(name):
            return Hit(name, seg.page, rest, rest[0].text, confidence)
    return None


def _kin_words(doc: Doc) -> set[str]:
    """Name words (in capitals) of the relatives' lines, 'Daughter of RAHAT ...' or a name
    line captioned so on its row or just above, read confidently (a smudged word is no
    evidence of where another name splits)."""
    out: set[str] = set()
    for seg in doc.segs:
        m = _KIN.search(seg.text)
        if m:
            offsets = [len(" ".join(w.text for w in seg.words[:k])) for k in range(len(seg.words))]
            words = [w for w, at in zip(seg.words, offsets) if at >= m.end()]
        else:
            words = seg.words if kin_line(doc, seg) else []
        out |= {w.text.upper() for w in words if w.conf >= _KNOWN_WORD_CONF
                and re.fullmatch(r"[A-Za-z]{3,}", w.text) and w.text.lower() not in ("of", "the")}
    return out


_KNOWN_WORD_CONF = 0.5


def name_by_layout(doc: Doc, confidence: float = 0.6, *, max_rank: int = 40) -> Hit | None:
    """First line that is wholly a person's name and not a signature caption."""
    for seg in doc.segs[:max_rank]:
        if len(seg.words) > 8:
            continue
        got = parse_words(seg.words, seg.page, name_value, confidence)
        if got is None:
            continue
        if len(got.raw) < 0.8 * len(seg.text) or signature_line(doc, seg) or kin_line(doc, seg):
            continue
        return got
    return None


def holder_name(doc: Doc, labels: Sequence[str], *, exclude: str | None = None) -> Hit | None:
    return (name_by_label(doc, labels, exclude=exclude) or name_after_intro(doc)
            or name_by_layout(doc))


def date_by_label(doc: Doc, labels: Sequence[str], *, exclude: str | None = None,
                  directions: Sequence[str] = ("inline", "right", "below", "above"),
                  avoid: Hit | None = None) -> Hit | None:
    """A labelled date; ``avoid`` is a date another field already read (never the same one)."""
    return find_field(doc, Spec(labels, date_value, exclude=exclude, directions=directions), avoid=avoid)


_ISSUER = re.compile(r"\b(board|commission|department|state\s+of|commonwealth\s+of|division|"
                     r"bureau|agency|licensing|licensure|examiners|registration)\b", re.I)
_SKIP = re.compile(r"https?:|www\.|\.gov|\.com|\.org|address|mailing|city|zip|\b\d{5}\b", re.I)


def state_from_issuer(doc: Doc, confidence: float = 0.85) -> Hit | None:
    """The state named by the issuer's heading ('Medical Board of California', 'STATE OF TEXAS')."""
    for seg in doc.segs:
        if not _ISSUER.search(seg.text) or _SKIP.search(seg.text):
            continue
        got = parse_words(seg.words, seg.page, state_value_names_only, confidence)
        if got is not None:
            return got
    return None


def state_value_names_only(text: str) -> tuple[str, int, int] | None:
    """A state from its written name only (a two-letter code in prose is too ambiguous)."""
    got = state_value(text)
    if got is None:
        return None
    value, s, e = got
    if e - s <= 2:
        return None
    return got


def vocab_search(doc: Doc, phrases: Sequence[str], confidence: float = 0.8,
                 *, whole_line_first: bool = True) -> Hit | None:
    """A phrase from a closed vocabulary (longest first), preferring lines that hold only it."""
    alts = sorted(phrases, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alts) + r")\b", re.I)
    if whole_line_first:
        for seg in doc.segs:
            m = pattern.fullmatch(seg.text.strip(" .,:;"))
            if m:
                got = parse_words(seg.words, seg.page,
                                  lambda t: (t.strip(" .,:;"), 0, len(t.rstrip(" .,:;"))), confidence)
                if got:
                    return got
    return search(doc, pattern, confidence=confidence * 0.95)


__all__ = ["holder_name", "name_by_label", "name_after_intro", "name_by_layout", "date_by_label",
           "state_from_issuer", "vocab_search", "hit_from_span", "SIGNATURE_TITLES", "signature_line"]


# --- organisation names -------------------------------------------------------------------

_CONNECTORS = {"of", "and", "&", "for", "on", "the", "at", "in"}
_BAD_ORG_END = re.compile(r"\b(directors|trustees|regents|governors|examiners\s+president)$", re.I)


def _cap(tok: str) -> bool:
    t = tok.strip(",.;:()\"'")
    return bool(t) and t[0].isupper()


def org_phrase(text: str, keyword: re.Pattern[str], *, allow_in: bool = False,
               keep_the: bool = False) -> tuple[str, int, int] | None:
    """The capitalised phrase around a keyword ('by the American Board of Surgery in ...' ->
    'American Board of Surgery'), with its span in ``text`` (one line of text)."""
    toks = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    connectors = _CONNECTORS if allow_in else _CONNECTORS - {"in"}
    runs: list[list[int]] = []
    run: list[int] = []
    for i, (tok, _, _) in enumerate(toks):
        low = tok.lower().strip(",.;:")
        if _cap(tok) or (run and low in connectors):
            run.append(i)
            if tok.endswith((",", ".", ":", ";", ")")) \
                    and not re.fullmatch(r"[A-Z][a-z]{0,2}\.|(?:[A-Z]\.){2,3}", tok):
                runs.append(run)
                run = []
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    for run in runs:
        while run and toks[run[-1]][0].lower().strip(",.;:") in _CONNECTORS:
            run = run[:-1]
        while run and toks[run[0]][0].lower().strip(",.;:") in _CONNECTORS \
                and not (keep_the and toks[run[0]][0] in ("The", "THE")):
            run = run[1:]
        keys = _key_positions(run, toks, keyword)
        if len(run) < 2 or not keys:
            continue
        run = _one_case_style(run, keys[-1], [t[0] for t in toks])
        keys = _key_positions(run, toks, keyword)
        if len(run) < 2 or not keys:
            continue
        # a possessive after the name ends it ("MedPro Group's policy"); inside it, it stays ("St. Mary's")
        poss = [k for k, i in enumerate(run) if re.search(r"['’]s?$", toks[i][0]) and k >= keys[-1]]
        if poss:
            run = run[:poss[0] + 1]
        start, end = toks[run[0]][1], toks[run[-1]][2]
        # a registered or service mark is not the name ("... Technicians SM", "Board®")
        phrase = _MARK_END.sub("", text[start:end]).rstrip(",.;:®™")
        if phrase.count(")") > phrase.count("("):  # "(Punjab)" stays whole, a stray ")" goes
            phrase = phrase.rstrip(")")
        phrase = re.sub(r"['’]s?$", "", phrase)
        if _BAD_ORG_END.search(phrase):
            continue
        return phrase, start, start + len(phrase)
    return None


_MARK_END = re.compile(r"(?:\s+\(?(?:SM|TM|R)\)?|[®™℠])+$")


def _key_positions(run: list[int], toks: list[tuple[str, int, int]], keyword: re.Pattern[str]) -> list[int]:
    """Positions in ``run`` of the tokens that are the keyword ("Board", "University's")."""
    return [k for k, i in enumerate(run) if keyword.fullmatch(re.sub(r"['’]s?$", "", toks[i][0].strip(",.;:()\"")))]


def _style(tok: str) -> str | None:
    """'U' for an all-capitals word, 'T' for a capitalised one, None for connectors, specks
    and acronyms ("UT Southwestern", "NYU Langone" mix the styles in one name)."""
    core = re.sub(r"[^A-Za-z]", "", tok)
    if len(core) < 2 or tok.lower() in _CONNECTORS or (core.isupper() and len(core) <= 4):
        return None
    return "U" if core.isupper() else "T"


def _one_case_style(run: list[int], key: int, toks: list[str]) -> list[int]:
    """Cut a run where its case style changes across a connector: in "FINAL NURSING
    EXAMINATION of the Nursing Examination Board" the name is the part around the keyword
    (``run[key]``); "MLMIC Insurance Company" has no connector and stays whole."""
    groups: list[list[int]] = [[]]  # positions in run, split at connector words
    for k, i in enumerate(run):
        if toks[i].lower().strip(",.;:") in _CONNECTORS:
            groups.append([])
        else:
            groups[-1].append(k)
    groups = [g for g in groups if g]
    styles = [{_style(toks[run[k]]) for k in g} - {None} for g in groups]
    at = next(n for n, g in enumerate(groups) if key in g)
    if len(styles[at]) != 1:
        return run
    lo = hi = at
    while lo > 0 and styles[lo - 1] in (styles[at], set()):
        lo -= 1
    while hi < len(groups) - 1 and styles[hi + 1] in (styles[at], set()):
        hi += 1
    if lo == 0 and hi == len(groups) - 1:
        return run  # one style throughout ("The Doctors Company" keeps its "The")
    return run[groups[lo][0]:groups[hi][-1] + 1]


def org_search(doc: Doc, keyword: re.Pattern[str], *, confidence: float = 0.8,
               skip: re.Pattern[str] | None = None, allow_in: bool = False,
               keep_the: bool = False, strip: re.Pattern[str] | None = None,
               whole_line: bool = False) -> Hit | None:
    """First organisation phrase in document order (headings before prose); a line that
    ends in a connector ("Board of") continues on the next line. ``whole_line``: only a
    phrase printed alone on its line (a heading, not a browser title or a sentence)."""
    for page in doc.pages:
        text, _ = doc.page_text(page)
        # same length as ``text``: offsets stay valid
        joined = re.sub(r"\b(of|and|on|for|the)\n", r"\1 ", text, flags=re.I)
        joined = re.sub(r"\n(?=(?:of|and|for|on)\s)", " ", joined)
        pos = 0
        for line in joined.split("\n"):
            start_line = pos
            pos += len(line) + 1
            sub = 0
            while sub < len(line):
                got = org_phrase(line[sub:], keyword, allow_in=allow_in, keep_the=keep_the)
                if got is None:
                    break
                value, s, e = got
                if strip is not None:  # "Regents of the University of X" -> "University of X"
                    m = strip.match(value)
                    if m and m.end() < len(value):
                        value, s = value[m.end():], s + m.end()
                alone = not line[:sub + s].strip() \
                    and not _MARK_END.sub("", line[sub + e:]).strip(" ,.;:®™℠")
                if (skip is None or not skip.search(value)) and (alone or not whole_line):
                    hit = hit_from_span(doc, page, start_line + sub + s, start_line + sub + e, value, confidence)
                    if hit is not None:
                        return hit
                sub += e
    return None


def name_before(doc: Doc, cue: re.Pattern[str], confidence: float = 0.85) -> Hit | None:
    """The name on the line just above a cue ("Jane Doe / has successfully completed ...")."""
    for i, seg in enumerate(doc.segs):
        if not cue.search(seg.text):
            continue
        for prev in reversed(doc.segs[max(0, i - 2):i]):
            if prev.page is not seg.page:
                break
            got = parse_words(prev.words, prev.page, name_value, confidence)
            if got is not None and not signature_line(doc, prev):
                return got
    return None


def nth_date(n: int) -> Parser:
    """Parser: the n-th date of the text (0-based), for "Period: A - B" values."""
    def parse(text: str) -> tuple[str, int, int] | None:
        dates = find_dates(text, years=False)
        if len(dates) > n:
            return dates[n].value, dates[n].start, dates[n].end
        return None
    return parse


RANGE_LABELS = ("Certification Period", "Period of Certification", "Period", "Valid", "Valid Dates",
                "Certification Dates", "Dates", "Term", "Effective Period", "Validity", "Valid From",
                "License Period", "Dates of Training", "Training Dates", "Dates of Attendance",
                "Dates Attended", "Policy Period")


register_labels(RANGE_LABELS)


def range_by_label(doc: Doc, labels: Sequence[str] = RANGE_LABELS) -> tuple[Hit | None, Hit | None]:
    """Start and end of a labelled 'A - B' / 'A to B' period."""
    first = find_field(doc, Spec(labels, nth_date(0), at_start=True, directions=("inline", "right", "below")))
    if first is None:
        return None, None
    second = find_field(doc, Spec(labels, nth_date(1), at_start=True, directions=("inline", "right", "below")))
    return first, second


#: "is valid until May 31, 2028", "certification expires on ..." (a date may wrap to the next line)
PROSE_EXPIRY = re.compile(r"(?:(?:valid|good|effective|certified|active|current)\s+(?:through|thru|until)|"
                          r"expires?(?:\s+on)?|renew\s+by)\s+([^.]{0,40}(?:\.\d[^.]{0,20})?)", re.I)


_RANGE_GAP = re.compile(r"^\s*,?\s*(?:to|through|thru|until|till|and|-|–|—)\s*$", re.I)
_RANGE_NOISE = re.compile(r"https?:|www\.|printed|date\s*:|signed|phone|fax|retro", re.I)


def date_range(doc: Doc, confidence: float = 0.85) -> tuple[Hit, Hit] | None:
    """The first 'A to/through/- B' pair of dates in the text (outside print headers)."""
    for page in doc.pages:
        text, _ = doc.page_text(page)
        dates = find_dates(text, years=False)
        for a, b in zip(dates, dates[1:]):
            if not _RANGE_GAP.match(text[a.end:b.start]):
                continue
            line_start = text.rfind("\n", 0, a.start) + 1
            line_end = text.find("\n", b.end)
            if _RANGE_NOISE.search(text[line_start:line_end if line_end >= 0 else None]):
                continue
            ha = hit_from_span(doc, page, a.start, a.end, a.value, confidence)
            hb = hit_from_span(doc, page, b.start, b.end, b.value, confidence)
            if ha and hb:
                return ha, hb
    return None


#: A word OCR read below this confidence may be re-read from a clean copy on the page.
_POOR_WORD_CONF = 0.5
_CLEAN_WORD_CONF = 0.8


def reread_poor_words(hit: Hit | None) -> Hit | None:
    """``hit`` with each poorly read word replaced by a confidently read word of the same
    page that differs from it by at most two characters (one for words of five or fewer).

    Family: scanned diplomas and certificates that print the awarding body twice, in the
    prose ("... of the Nursing Examination Board") and again in a seal or signature block,
    where OCR garbles one copy ("SUBSING EXAMINATION BOARD (PUNJAT)"). A word with no single
    clean look-alike on the page is kept as read."""
    if hit is None or not hit.page.ocr:
        return hit
    clean: dict[str, str] = {}
    for w in hit.page.words:
        if w.conf >= _CLEAN_WORD_CONF and sum(c.isalpha() for c in w.text) >= 4:
            clean.setdefault(w.text.upper(), w.text)
    changed, parts = False, []
    for w in hit.words:
        better = _look_alike(w.text, clean) if w.conf < _POOR_WORD_CONF else None
        parts.append(better or w.text)
        changed = changed or better is not None
    if not changed or not isinstance(hit.value, str) or hit.value != " ".join(w.text for w in hit.words):
        return hit
    value = " ".join(parts)
    return Hit(value, hit.page, hit.words, hit.raw, hit.confidence)


def _look_alike(text: str, clean: dict[str, str]) -> str | None:
    if sum(c.isalpha() for c in text) < 4:
        return None
    limit = 1 if len(text) <= 5 else 2
    found = {key for key in clean if abs(len(key) - len(text)) <= 1
             and Levenshtein.distance(key, text.upper(), score_cutoff=limit) <= limit}
    if len(found) != 1:
        return None
    key = found.pop()
    return key if text.isupper() else clean[key]
