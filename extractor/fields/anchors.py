"""The label-anchored engine every credential extractor is built on.

Credentials from different issuers print the same facts under different labels and in
different places, and scans garble both. So an extractor never looks for a position: it
names a field's label synonyms and a typed value parser, and this module

1. finds the labels on the page, word by word, tolerating OCR errors (rapidfuzz) and
   a value glued to the label ("Expires:03/31/2027");
2. reads the value where forms put it: after the label on the same line, in the next
   segment of the same row (a two-column table), else directly below the label;
3. runs the typed parser (date, money, state, identifier...) on that text and maps the
   parsed span back to the words, so the FieldValue carries the value's own box, page,
   raw text and a confidence that falls with fuzzy labels and low OCR word confidence.

Prose certificates ("is hereby certified as a Diplomate in ...") use ``search`` instead:
a regex over the page text whose match is mapped back to words the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from credintake.contract import FieldValue
from credintake.extractor.layout import Line, Page, Word, build_lines

#: A value parser: text -> (value, start, end) of the value inside the text, or None.
Parser = Callable[[str], "tuple[Any, int, int] | None"]


# --- page model ---------------------------------------------------------------------------

@dataclass
class Seg:
    """One line segment (words with no wide gap) on one page."""

    page: Page
    words: list[Word]
    index: int = 0
    _keys: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def keys(self) -> list[str]:
        """Each word's label key (``norm``), computed once."""
        if self._keys is None:
            self._keys = [norm(w.text) for w in self.words]
        return self._keys

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (min(w.x0 for w in self.words), min(w.top for w in self.words),
                max(w.x1 for w in self.words), max(w.bottom for w in self.words))

    @property
    def height(self) -> float:
        b = self.bbox
        return max(b[3] - b[1], 4.0)


def _split_colon(w: Word) -> list[Word]:
    """'No.:A12345' -> 'No.:' + 'A12345', 'Certificate/Policy' -> 'Certificate/' + 'Policy'
    (boxes split in proportion); times and dates stay whole."""
    m = re.match(r"^(.*?[A-Za-z.#)]:)(\S+)$", w.text) or re.match(r"^([A-Za-z]{3,}/)([A-Za-z]{3,}\S*)$", w.text)
    if not m or len(w.text) < 3:
        return [w]
    head, tail = m.group(1), m.group(2)
    cut = w.x0 + (w.x1 - w.x0) * len(head) / len(w.text)
    return [Word(head, w.x0, w.top, cut, w.bottom, w.conf),
            Word(tail, cut, w.top, w.x1, w.bottom, w.conf)]


class Doc:
    """The pages of one document as segments, with page text mapped back to words."""

    def __init__(self, pages: Sequence[Page]) -> None:
        self.pages = [p for p in pages if p.words or p.lines]
        self.segs: list[Seg] = []
        self._page_segs: dict[int, list[Seg]] = {}
        for page in self.pages:
            lines: list[Line] = page.lines or build_lines(page.words)
            segs = []
            for line in lines:
                words = [piece for w in line.words for piece in _split_colon(w)]
                if words:
                    segs.append(Seg(page, words))
            for i, s in enumerate(segs):
                s.index = len(self.segs) + i
            self._page_segs[id(page)] = segs
            self.segs.extend(segs)
        self._texts: dict[int, tuple[str, list[tuple[int, int, Word]]]] = {}
        self._ngrams: dict[int, dict[int, list[tuple[Seg, int, str]]]] = {}

    def ngrams(self, size: int) -> dict[int, list[tuple[Seg, int, str]]]:
        """Label keys of every run of ``size`` words, by key length: (segment, first word,
        key). Built once per document, so each label search only visits candidates of a
        plausible length instead of every run of every segment."""
        index = self._ngrams.get(size)
        if index is None:
            index = {}
            for seg in self.segs:
                toks = seg.keys
                for i in range(len(toks) - size + 1):
                    cand = "".join(toks[i:i + size])
                    if cand:
                        index.setdefault(len(cand), []).append((seg, i, cand))
            self._ngrams[size] = index
        return index

    @property
    def file(self) -> str | None:
        return self.pages[0].file if self.pages else None

    def page_segs(self, page: Page) -> list[Seg]:
        return self._page_segs.get(id(page), [])

    def page_text(self, page: Page) -> tuple[str, list[tuple[int, int, Word]]]:
        """Page text (segments joined by newlines) and each word's char span in it."""
        key = id(page)
        if key not in self._texts:
            parts: list[str] = []
            spans: list[tuple[int, int, Word]] = []
            pos = 0
            for seg in self.page_segs(page):
                for i, w in enumerate(seg.words):
                    if i:
                        parts.append(" ")
                        pos += 1
                    spans.append((pos, pos + len(w.text), w))
                    parts.append(w.text)
                    pos += len(w.text)
                parts.append("\n")
                pos += 1
            self._texts[key] = ("".join(parts), spans)
        return self._texts[key]

    @property
    def text(self) -> str:
        return "\n".join(self.page_text(p)[0] for p in self.pages)


# --- hits -> FieldValue -----------------------------------------------------------------------

@dataclass
class Hit:
    """A parsed value with the words it came from."""

    value: Any
    page: Page
    words: list[Word]
    raw: str
    confidence: float

    def field(self) -> FieldValue:
        bbox = (round(min(w.x0 for w in self.words), 2), round(min(w.top for w in self.words), 2),
                round(max(w.x1 for w in self.words), 2), round(max(w.bottom for w in self.words), 2))
        conf = min(1.0, max(0.0, self.confidence * min(w.conf for w in self.words)))
        return FieldValue(value=self.value, confidence=round(conf, 3), file=self.page.file,
                          page=self.page.number, bbox=bbox, raw=self.raw)


def parse_words(words: list[Word], page: Page, parser: Parser, confidence: float) -> Hit | None:
    """Run ``parser`` on the words' text and keep only the words of the parsed span."""
    if not words:
        return None
    text, spans, pos = "", [], 0
    for i, w in enumerate(words):
        if i:
            text += " "
            pos += 1
        spans.append((pos, pos + len(w.text), w))
        text += w.text
        pos += len(w.text)
    got = parser(text)
    if got is None:
        return None
    value, start, end = got
    used = [w for s, e, w in spans if s < end and e > start]
    if not used:
        return None
    return Hit(value, page, used, text[start:end].strip(), confidence)


def hit_from_span(doc: Doc, page: Page, start: int, end: int, value: Any,
                  confidence: float) -> Hit | None:
    """A Hit for a char span of ``doc.page_text(page)``."""
    text, spans = doc.page_text(page)
    used = [w for s, e, w in spans if s < end and e > start]
    if not used:
        return None
    raw = re.sub(r"\s+", " ", text[start:end]).strip()
    return Hit(value, page, used, raw, confidence)


# --- labels -------------------------------------------------------------------------------

_OCR_LETTERS = str.maketrans({"0": "o", "1": "l", "5": "s", "|": "l", "$": "s"})


def norm(text: str) -> str:
    """Label comparison key: lower case, OCR digit-letters mapped, punctuation dropped."""
    return re.sub(r"[^a-z#]", "", text.lower().translate(_OCR_LETTERS))


@dataclass
class LabelHit:
    seg: Seg
    first: int  # word index of the label's first word in seg
    last: int  # word index after the label's last word
    score: float  # 0..1
    priority: int  # index of the synonym in the spec's list

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        ws = self.seg.words[self.first:self.last]
        return (min(w.x0 for w in ws), min(w.top for w in ws), max(w.x1 for w in ws),
                max(w.bottom for w in ws))


def _value_word(text: str) -> bool:
    """A word that is mostly digits ("R44329", "2028") is a value, never part of a label,
    while an OCR-garbled label word keeps its letters ("Exp1res")."""
    digits = sum(c.isdigit() for c in text)
    return digits >= 2 and digits * 2 >= sum(c.isalnum() for c in text)


def _max_edits(key: str) -> int:
    """OCR misreads allowed in a label: none in short ones ("Exp", "Lic #")."""
    if len(key) <= 4:
        return 0
    if len(key) <= 8:
        return 1
    return 2


def find_labels(doc: Doc, synonyms: Sequence[str], *, pages: Iterable[Page] | None = None,
                fuzzy: bool = True) -> list[LabelHit]:
    """Every occurrence of any synonym, best first; shorter hits inside longer ones dropped."""
    keys = [(i, norm(s), len(s.split())) for i, s in enumerate(synonyms)]
    wanted = set(map(id, pages)) if pages is not None else None
    hits: list[LabelHit] = []
    for prio, key, n in keys:
        if not key:
            continue
        slack = max(2, len(key) // 4)
        limit = _max_edits(key)
        for size in range(1, n + 2):  # OCR may merge ("OriginalIssueDate") or split words
            index = doc.ngrams(size)
            for length in range(max(1, len(key) - slack), len(key) + slack + 1):
                for seg, i, cand in index.get(length, ()):
                    if wanted is not None and id(seg.page) not in wanted:
                        continue
                    if cand == key:
                        score = 1.0
                    elif fuzzy:
                        if cand in ALL_LABELS or any(_value_word(w.text) for w in seg.words[i:i + size]):
                            continue  # another field's label ("License No." is not "Licensed On"
                            # misread), or a value swallowed into the label ("License No. R44329")
                        if (cand.startswith(key) or key.startswith(cand)) and abs(len(cand) - len(key)) > 1:
                            continue  # "Professional" is a word of its own, not "Profession" misread
                        edits = Levenshtein.distance(cand, key, score_cutoff=limit + 1)
                        if edits > limit:
                            continue
                        score = (1 - edits / len(key)) * 0.95
                    else:
                        continue
                    hits.append(LabelHit(seg, i, i + size, score, prio))
    # overlapping hits: the longest label wins ("Aggregate Limit" over "Aggregate")
    hits.sort(key=lambda h: (-h.score, -len(norm(" ".join(w.text for w in h.seg.words[h.first:h.last]))),
                             h.priority))
    kept: list[LabelHit] = []
    for h in hits:
        if any(k.seg is h.seg and k.first < h.last and h.first < k.last for k in kept):
            continue
        kept.append(h)
    kept.sort(key=lambda h: (-h.score, h.priority, h.seg.index, h.first))
    return kept


# --- where the value sits -----------------------------------------------------------------

def _same_row(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    ca, cb = (a[1] + a[3]) / 2, (b[1] + b[3]) / 2
    return abs(ca - cb) <= 0.45 * max(a[3] - a[1], b[3] - b[1], 4.0)


def _stop_index(words: list[Word], stops: Sequence[str]) -> int:
    """Index of the first word that starts another label (cut the value there).

    Multi-word labels cut wherever they start; one-word labels only with a colon
    ("Expires:"), so a value like "American Board of Surgery" is not cut at "Board".
    """
    multi = {norm(s) for s in stops if len(s.split()) > 1} | MULTI_LABELS
    single = {norm(s) for s in stops if len(s.split()) == 1} | SINGLE_LABELS
    for i in range(1, len(words)):
        first = norm(words[i].text)
        if words[i].text.endswith(":") and first in single:
            return i
        acc = ""
        for j in range(i, min(len(words), i + 5)):
            acc += norm(words[j].text)
            if j > i and acc in multi:
                return i
            if len(acc) >= 30:
                break
    return len(words)


def _next_line(doc: Doc, seg: Seg) -> Seg | None:
    """The line that continues ``seg`` in running text (next in reading order, just below)."""
    if seg.index + 1 >= len(doc.segs):
        return None
    nxt = doc.segs[seg.index + 1]
    a, b = seg.bbox, nxt.bbox
    h = max(a[3] - a[1], 6.0)
    if nxt.page is not seg.page or not 0 <= b[1] - a[3] <= 1.5 * h or b[0] > a[2] or b[2] < a[0]:
        return None
    if any(o is not nxt and _same_row(o.bbox, b) for o in doc.page_segs(nxt.page)):
        return None  # a cell of a table row (header cells that ran together), not wrapped prose
    return nxt


def _column_part(seg: Seg, lb: tuple[float, float, float, float]) -> Seg:
    """The part of a row under a header cell when two cells' texts ran together
    ("Nurse Practitioner 12/3/2019" under "Original Certification")."""
    if seg.bbox[0] >= lb[0] - 20:
        return seg
    h = seg.height
    for i in range(1, len(seg.words)):
        w, prev = seg.words[i], seg.words[i - 1]
        if w.x0 >= lb[0] - 10 and w.x0 - prev.x1 >= 0.35 * h:
            return Seg(seg.page, seg.words[i:], seg.index)
    return seg


def _wrapped(doc: Doc, seg: Seg) -> Seg | None:
    """A table cell's text wrapped onto a second line: right under it, same left edge, and
    alone on its row (a following row of the table has other cells)."""
    b = seg.bbox
    h = seg.height
    for other in doc.page_segs(seg.page):
        o = other.bbox
        if other is seg or abs(o[0] - b[0]) > 4 or not 0 <= o[1] - b[3] <= 0.6 * h:
            continue
        row = [x for x in doc.page_segs(seg.page) if x is not other and abs(x.bbox[1] - o[1]) < 3]
        if row or starts_with_label(other.words):
            return None
        return other
    return None


def right_of(doc: Doc, hit: LabelHit) -> list[Seg]:
    """Segments on the label's row, right of it, nearest first."""
    lb = hit.bbox
    out = [s for s in doc.page_segs(hit.seg.page)
           if s is not hit.seg and s.bbox[0] >= lb[2] - 1 and _same_row(s.bbox, lb)]
    return sorted(out, key=lambda s: s.bbox[0])


def below(doc: Doc, hit: LabelHit, *, rows: float = 2.6) -> list[Seg]:
    """Segments under the label (overlapping its column), nearest first."""
    lb = hit.bbox
    h = max(lb[3] - lb[1], 6.0)
    label_seg = hit.seg.bbox
    out = []
    for s in doc.page_segs(hit.seg.page):
        b = s.bbox
        if s is hit.seg or b[1] < lb[3] - 0.3 * h or b[1] > lb[3] + rows * h:
            continue
        left, right = min(lb[0], label_seg[0]), max(lb[2], label_seg[2])
        if b[0] <= right + 8 and b[2] >= left - 8:
            out.append(s)
    return sorted(out, key=lambda s: (s.bbox[1], abs(s.bbox[0] - lb[0])))


def above(doc: Doc, hit: LabelHit, *, rows: float = 2.6) -> list[Seg]:
    """Segments over the label (for forms that print the caption under the value)."""
    lb = hit.bbox
    h = max(lb[3] - lb[1], 6.0)
    out = []
    for s in doc.page_segs(hit.seg.page):
        b = s.bbox
        if s is hit.seg or b[3] > lb[1] + 0.3 * h or b[3] < lb[1] - rows * h:
            continue
        if b[0] <= lb[2] + 8 and b[2] >= lb[0] - 8:
            out.append(s)
    return sorted(out, key=lambda s: (-s.bbox[3], abs(s.bbox[0] - lb[0])))


#: Every label any Spec knows (normalised): a segment that starts with one is not a value.
ALL_LABELS: set[str] = set()
MULTI_LABELS: set[str] = set()
SINGLE_LABELS: set[str] = set()


def register_labels(*groups: Sequence[str]) -> None:
    """Make labels known to every extractor (a value never starts with another field's label).

    Modules call this at import, so the behaviour does not depend on which ran first."""
    for labels in groups:
        for label in labels:
            key = norm(label)
            if len(key) >= 4:
                ALL_LABELS.add(key)
                (MULTI_LABELS if len(label.split()) > 1 else SINGLE_LABELS).add(key)


def starts_with_label(words: Sequence[Word]) -> bool:
    """Do these words open with a known label? One-word labels count only with a colon or
    standing alone ("Status"), so a value like "Hospital Medicine Update" is not a label."""
    acc = ""
    for i, w in enumerate(words[:5]):
        acc += norm(w.text)
        if acc in MULTI_LABELS:  # also merged by OCR: "CredentialNumber"
            return True
        if acc in SINGLE_LABELS and (w.text.endswith(":") or i == len(words) - 1):
            return True
    return False


@dataclass
class Spec:
    """How to find one field: label synonyms, a value parser and what to ignore."""

    labels: Sequence[str]
    parser: Parser
    exclude: str | None = None  # regex: a label row matching it is a distractor
    directions: Sequence[str] = ("inline", "right", "below")
    stops: Sequence[str] = ()  # other labels that end a value on the same line
    fuzzy: bool = True
    at_start: bool = False  # the label must open its segment (not a word inside a heading)
    base: float = 0.95
    none: str | None = None  # regex: the printed value says "no value" (Lifetime, N/A)
    said_none: bool = field(default=False, init=False)  # set by find_field: the document says "none"
    _exclude_re: re.Pattern[str] | None = field(default=None, init=False, repr=False)

    @property
    def none_re(self) -> re.Pattern[str] | None:
        return re.compile(self.none, re.I) if self.none else None

    def __post_init__(self) -> None:
        if self.exclude:
            self._exclude_re = re.compile(self.exclude, re.I)
        register_labels(self.labels)

    def excluded(self, doc: Doc, hit: LabelHit) -> bool:
        """The label's own segment (up to the label's end) names a distractor ("Print Date")."""
        if self._exclude_re is None:
            return False
        words = hit.seg.words[:hit.last]
        rest = hit.seg.words[hit.last:]
        for i, w in enumerate(rest):  # words glued to the label, up to the value or the next label
            if any(c.isdigit() for c in w.text) or starts_with_label(rest[i:]):
                break
            words.append(w)
        return bool(self._exclude_re.search(" ".join(w.text for w in words)))


def candidates(doc: Doc, hit: LabelHit, spec: Spec) -> Iterable[tuple[list[Word], float]]:
    """Word runs that may hold the value, with a position factor for the confidence."""
    stops = [*spec.stops, *spec.labels]
    vertical: list[tuple[float, Seg, float]] = []
    lb = hit.bbox
    # a label inside running text ("was certified by ...") has its value inline, not below
    rest = [w for w in hit.seg.words[hit.last:] if w.text.strip(":.-#*")]
    caption = not rest or starts_with_label(rest)  # alone, or a header cell next to another header
    for direction in spec.directions:
        if direction == "inline":
            words = hit.seg.words[hit.last:]
            if words and words[0].text.endswith(":") and not any(c.isdigit() for c in words[0].text):
                continue  # "Certification Period:" -- the label goes on, this is not its value
            if words and not starts_with_label(words):
                yield words[:_stop_index(words, stops)], 1.0
            flow = _next_line(doc, hit.seg) if hit.first > 0 and len(words) < 4 else None
            if flow is not None:  # running text wrapped after the label: "valid through December 31,\n2028"
                yield words + flow.words, 0.95
        elif direction == "right":
            rights = right_of(doc, hit)
            for s in rights[:2]:
                # a two-column row ("License Type | Physician"): its one value word may also be
                # some field's one-word label; in a header row it has other cells beside it
                lone_value = len(rights) == 1 and len(s.words) == 1 and not s.words[0].text.endswith(":")
                if starts_with_label(s.words) and not lone_value:
                    break
                more = _wrapped(doc, s)
                if more is not None:
                    yield s.words + more.words, 0.95
                yield s.words[:_stop_index(s.words, stops)], 0.97
        elif direction == "below" and caption:
            vertical += [(s.bbox[1] - lb[3], _column_part(s, lb), 0.9) for s in below(doc, hit)[:3]]
        elif direction == "above" and caption:
            vertical += [(1.3 * (lb[1] - s.bbox[3]) + 2, s, 0.8) for s in above(doc, hit)[:1]]
    # nearest row first; within a row, the cell most directly under the label
    mid = (lb[0] + lb[2]) / 2
    for _, s, factor in sorted(vertical, key=lambda t: (round(t[0] / 3), abs((t[1].bbox[0] + t[1].bbox[2]) / 2 - mid))):
        if starts_with_label(s.words):
            continue
        more = _wrapped(doc, s)
        if more is not None:
            yield s.words + more.words, factor * 0.98
        yield s.words[:_stop_index(s.words, stops)], factor


def _part_of_longer(hit: LabelHit) -> bool:
    """A one-word label run on by another word ("Policy Effective", "Policy Period") is the
    start of a different caption, not this label followed by its value."""
    if hit.last - hit.first != 1 or hit.seg.words[hit.first].text.endswith(":") or hit.last >= len(hit.seg.words):
        return False
    nxt = hit.seg.words[hit.last].text.strip(":")
    if not nxt.isalpha():
        return False
    key = norm(hit.seg.words[hit.first].text + nxt)
    return any(k.startswith(key) for k in MULTI_LABELS)


def _caption_like(hit: LabelHit) -> bool:
    """The label opens its segment (after at most a numbering like "ITEM 1.") and is
    followed by a colon or by nothing."""
    before = hit.seg.words[:hit.first]
    if any(w.text[:1].islower() for w in before) or len(before) > 3:
        return False  # a word of running text ("is insured under ..."), not a caption
    if before and not (hit.seg.words[hit.last - 1].text.endswith(":")
                       and all(re.search(r"\d|^item$|^[A-Z]\.?$", w.text, re.I) for w in before)):
        return False  # the tail of a heading ("MLMIC Insurance Company"), unless "ITEM 1. INSURED:"
    return hit.last == len(hit.seg.words) or hit.seg.words[hit.last - 1].text.endswith(":")


def find_field(doc: Doc, spec: Spec, *, pages: Iterable[Page] | None = None,
               hits: list[LabelHit] | None = None, avoid: Hit | None = None) -> Hit | None:
    """The best labelled value for ``spec`` (label quality, then synonym order, then page order).

    ``avoid``: a value another field already took; one printed date is never both the issue
    and the expiration date, so when header cells ran together ("Original Certification
    Expiration") and two labels reach the same cell, this field reads its own cell."""
    taken = {id(w) for w in avoid.words} if avoid is not None else set()
    hits = find_labels(doc, spec.labels, pages=pages, fuzzy=spec.fuzzy) if hits is None else hits
    for hit in hits:
        if spec.excluded(doc, hit) or (spec.at_start and not _caption_like(hit)) or _part_of_longer(hit):
            continue
        for words, factor in candidates(doc, hit, spec):
            if spec.none_re is not None and words \
                    and spec.none_re.match(" ".join(w.text for w in words).strip(" :-")):
                spec.said_none = True
                return None  # "Valid Through: Lifetime" -- the document says there is no value
            got = parse_words(words, hit.seg.page, spec.parser, spec.base * factor * hit.score)
            if got is not None and not any(id(w) in taken for w in got.words):
                return got
    return None


def search(doc: Doc, pattern: re.Pattern[str], *, group: str | int = 1,
           parser: Parser | None = None, confidence: float = 0.85,
           pages: Iterable[Page] | None = None) -> Hit | None:
    """First regex match over page text; ``group`` is the value, optionally parsed further."""
    for page in (pages if pages is not None else doc.pages):
        text, _ = doc.page_text(page)
        for m in pattern.finditer(text):
            start, end = m.span(group)
            if start < 0:
                continue
            chunk = m.group(group)
            if parser is None:
                value: Any = re.sub(r"\s+", " ", chunk).strip()
                s, e = 0, len(chunk)
            else:
                got = parser(chunk)
                if got is None:
                    continue
                value, s, e = got
            hit = hit_from_span(doc, page, start + s, start + e, value, confidence)
            if hit is not None:
                return hit
    return None


def put(fields: dict[str, FieldValue], name: str, hit: Hit | None) -> None:
    """Store a hit as a field unless it is missing or already set."""
    if hit is not None and name not in fields and hit.value not in (None, ""):
        fields[name] = hit.field()
