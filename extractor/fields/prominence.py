"""What a certificate prints without a label, found by its type size and its prose cues.

Certificates of completion and participation, Red Cross and CPR e-certificates, CE badges
and wall diplomas print the holder's name alone on a large centred line ("Eman Doe" over
"has successfully completed ...") and the course or activity title in the largest type of
the page. Neither has a label, so candidates are scored: a name-shaped line by how much
larger than the page's body text it is, by a cue just above ("This is to certify that",
"awarded to") or just below ("has successfully completed", "is certified in"), and by
sitting away from a signature caption; a title block by its size among lines that are
neither a name nor the certificate's own heading ("Certificate of Completion").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median

from credintake.extractor.fields.anchors import Doc, Hit, Seg, parse_words
from credintake.extractor.fields.common import (NAME_INTRO, kin_line, name_after_intro, name_by_label,
                                                name_by_layout, signature_line)
from credintake.extractor.fields.values import name_value

#: Prose printed right under the holder's name on certificates of completion.
AFTER_NAME = re.compile(
    r"^\W*(?:has\s+(?:successfully\s+)?(?:completed|participated|attended|met|fulfilled|been|passed)|"
    r"successfully\s+completed|is\s+(?:hereby\s+)?(?:certified|recogni[sz]ed|awarded|granted)|"
    r"for\s+(?:the\s+)?succ+es+ful(?:ly)?|for\s+(?:completing|attending|participating)|attended|"
    r"in\s+recognition|completed\s+the|participated\s+in)", re.I)

#: A certificate's own heading, never its title or holder.
HEADING = re.compile(r"^\W*(?:(?:certificate|certification|diploma|award|statement|record|letter)\b"
                     r"(?:\s+(?:of|in|for)\b.*)?|of\s+(?:completion|participation|attendance|achievement|"
                     r"recognition|excellence|appreciation|training)\b.*|congratulations\b.*)$", re.I)

_CONNECTOR_START = re.compile(r"(?:of|in|and|for|with|to|on|&)\s")
_CONNECTOR_END = re.compile(r"(?:[:\-–—&,]|\b(?:of|in|and|for|the|with|to|on|a|an))$", re.I)


def body_height(doc: Doc, seg: Seg) -> float:
    """The median line height of ``seg``'s page: the size of its running text."""
    heights = [s.height for s in doc.page_segs(seg.page) if len(s.words) >= 2]
    return median(heights) if heights else seg.height


def relative_size(doc: Doc, seg: Seg) -> float:
    return seg.height / max(body_height(doc, seg), 1.0)


def _neighbours(doc: Doc, seg: Seg, step: int, count: int = 2) -> list[Seg]:
    """Up to ``count`` segments before (step -1) or after (step 1) ``seg`` on its page."""
    out: list[Seg] = []
    i = seg.index + step
    while 0 <= i < len(doc.segs) and len(out) < count and doc.segs[i].page is seg.page:
        out.append(doc.segs[i])
        i += step
    return out


def _name_score(doc: Doc, seg: Seg) -> float:
    """How strongly the layout says this name-shaped line is the holder's."""
    score = min(relative_size(doc, seg), 3.0)
    if any(NAME_INTRO.search(s.text) for s in _neighbours(doc, seg, -1)):
        score += 1.0
    if any(AFTER_NAME.search(s.text) for s in _neighbours(doc, seg, 1)):
        score += 1.0
    page = seg.page
    centre = (seg.bbox[0] + seg.bbox[2]) / 2
    if page.width and abs(centre - page.width / 2) < 0.15 * page.width:
        score += 0.2
    return score


def prominent_name(doc: Doc, confidence: float = 0.75) -> Hit | None:
    """The holder's name printed alone in large type or between certificate cues.

    A line qualifies when it is wholly a person's name (an ID in brackets after it is
    dropped) and not a signature caption; it must be clearly larger than the body text or
    sit next to a cue. Of several, the best scored wins."""
    best: tuple[float, Hit] | None = None
    for seg in doc.segs:
        if len(seg.words) > 8:
            continue
        got = parse_words(seg.words, seg.page, name_value, confidence)
        rest = re.sub(r"[(\[#]?\d[\w-]*[)\]]?", "", seg.text).strip()  # "Jane Doe (251147)"
        if got is None or len(got.raw) < 0.8 * len(rest) or signature_line(doc, seg) or _unread(got) \
                or kin_line(doc, seg):
            continue
        score = _name_score(doc, seg)
        if score < 1.3:
            continue
        if best is None or score > best[0]:
            best = (score, got)
    if best is None:
        return None
    score, hit = best
    hit.confidence = confidence * min(1.0, 0.6 + score / 6)
    return hit


def _name_line(seg: Seg) -> bool:
    """A short line that is wholly a person's name (a title has more words than a name)."""
    got = parse_words(seg.words, seg.page, name_value, 1.0) if len(seg.words) <= 4 else None
    return got is not None and len(got.raw) >= 0.8 * len(seg.text)


def continuation(doc: Doc, seg: Seg) -> Seg | None:
    """The next line of the same wrapped phrase: same page, similar type size, right below,
    and the phrase visibly goes on (it ends in ':' or a connector, "... in Dementia Care:",
    or the next line opens with one, "in the Emergency Department")."""
    nxt = _neighbours(doc, seg, 1, 1)
    if not nxt:
        return None
    other = nxt[0]
    gap = other.bbox[1] - seg.bbox[3]
    if not (-0.2 * seg.height <= gap <= 0.9 * seg.height) or abs(other.height - seg.height) > 0.2 * seg.height:
        return None
    return other if _CONNECTOR_END.search(seg.text) or _CONNECTOR_START.match(other.text) else None


def title_blocks(doc: Doc, confidence: float = 0.6, *, min_size: float = 1.4) -> list[Hit]:
    """Blocks of large type that are not a heading or a name, largest first: a course title
    printed as the certificate's headline (CE badges, e-learning completion certificates)."""
    blocks: list[tuple[float, list[Seg]]] = []
    for seg in doc.segs:
        size = relative_size(doc, seg)
        words = [w for w in seg.words if sum(c.isalpha() for c in w.text) >= 3]
        if size < min_size or len(words) < 2 or HEADING.match(seg.text) or _name_line(seg):
            continue
        block = [seg]
        for other in _neighbours(doc, seg, 1, 2):  # lines of the same size right below
            last = block[-1]
            gap = other.bbox[1] - last.bbox[3]
            if abs(other.height - last.height) > 0.15 * last.height or not -0.2 * last.height <= gap <= 0.8 * last.height:
                break
            block.append(other)
        blocks.append((size, block))
    hits = []
    for _, block in sorted(blocks, key=lambda t: -t[0]):
        words = [w for s in block for w in s.words]
        text = " ".join(w.text for w in words)
        hits.append(Hit(text, block[0].page, words, text, confidence))
    return hits


def certificate_holder(doc: Doc, labels: Sequence[str], *, exclude: str | None = None) -> Hit | None:
    """The holder of a certificate or diploma: a labelled name, else the name after a
    certifying cue, else the prominent name line, else the first name-shaped line."""
    got = (name_by_label(doc, labels, exclude=exclude) or name_after_intro(doc)
           or prominent_name(doc))
    if got is not None:
        return got
    guess = name_by_layout(doc)
    return None if guess is None or _unread(guess) else guess


def _unread(hit: Hit) -> bool:
    """Words OCR could barely read (a seal, a stamp, a smudge): a layout guess on them is noise."""
    return min(w.conf for w in hit.words) < 0.5
