"""Splitting a file's pages into documents (a faxed packet holds many).

Each page is classified on its own; a new document starts where the page type changes,
or where a single-page credential type repeats (two licenses in a row are two documents)
unless the page says it continues the previous one ("Page 2 of 3", "continued"). The
continuation cue only joins pages of the same type: fax headers print "Page 2 of 12" on
every page of a whole faxed packet. A fax cover sheet is always a document of its own,
although its type (``other``) is a multi-page one: the page after it (a cover letter, an
attestation) is another document, not the cover's second page. The back of a printed
certificate form and its attached schedule (an ACORD 101 Additional Remarks Schedule) join
the certificate whatever the model calls them on their own: they carry only fine print or
remarks, and the form says what it belongs to. A page
the model is unsure of joins the document before it: CV and printout continuation pages
carry little vocabulary of their own. The whole document is then classified again on all
of its text, which is more reliable than any one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from credintake.extractor.classify import classify_texts, model_for, page_text
from credintake.extractor.layout import Page
from credintake.settings import ClassifierSettings

MULTI_PAGE_TYPES = {"cv", "other", "malpractice_insurance"}
_FAX_WORD = re.compile(r"\bfax\b|\bfacsimile\b|\btransmittal\b", re.I)
_ROUTING_LABEL = re.compile(r"^\W{0,3}(to|from|re|attn|subject)\b\s*:", re.I | re.M)
_PAGE_COUNT = re.compile(r"^\W{0,3}(no\.?\s*of\s*)?pages?\b\s*:|including\s+(this\s+)?cover", re.I | re.M)
_CONTINUED = re.compile(r"\bpage\s*([2-9]|\d\d)\s*(of|/)\s*\d+\b|\bcontinued\b|\(cont", re.I)
_PAGE_NUMBER = re.compile(r"\bpage\s*(\d{1,3})\s*(?:of|/)\s*(\d{1,3})\b", re.I)
# The schedule attached to a certificate form (ACORD 101 "Additional Remarks Schedule" of
# every edition): its heading, its "THIS ADDITIONAL REMARKS FORM IS A SCHEDULE TO ACORD FORM",
# or enough of its captions when OCR garbled those.
_SCHEDULE = re.compile(r"^\W{0,3}(?:acord\W{0,3})?additional\s*remarks\s*schedule\b(?!\s*,)|"
                       r"remarks\s*form\s*is\s*a\s*schedule\s*to|schedule\s*to\s*acord\s*form", re.I | re.M)
_SCHEDULE_CAPTIONS = [re.compile(p, re.I) for p in (
    r"additional\s*remarks", r"agency\s*customer\s*id", r"\bloc\s*#", r"naic\s*code", r"named\s*insured",
    r"form\s*number\s*:", r"form\s*title\s*:")]
# The back of a two-sided certificate form (ACORD 25-S 7/97 and 25 2001/08 editions print
# their IMPORTANT / DISCLAIMER fine print there): "the Certificate of Insurance on the
# reverse side of this form does not constitute a contract between the issuing insurer(s)",
# or enough of that fine print when OCR garbled the sentence.
_BACK = re.compile(r"on\s*the\s*reverse\s*side\s*of\s*this\s*(?:form|certificate|page)|"
                   r"not\s*constitute\s*a\s*contract\s*between\s*the\s*issuing\s*insurer", re.I)
_BACK_CAPTIONS = [re.compile(p, re.I | re.M) for p in (
    r"^\W{0,3}important\b", r"^\W{0,3}disclaimer\b", r"must\s*be\s*endorsed", r"does\s*not\s*confer\s*rights",
    r"reverse\s*side", r"constitute\s*a\s*contract", r"subrogation\s*is\s*waived")]
# The front of a certificate form: its caption and coverage grid.
_FRONT = re.compile(r"issued\s*as\s*a\s*matter\s*of\s*information|type\s*of\s*insurance|"
                    r"(?:insurers?|companies)\s*(?:\(s\)\s*)?affording\s*coverage", re.I)
# Form identifiers printed in a footer: ISO-style "CG 20 10 04 13", "Form 1198 (01/04)".
_FORM_ID = re.compile(r"\b[A-Z]{2} ?\d\d ?\d\d ?\d\d ?\d\d\b|\bform\s+[A-Z0-9-]{2,12}\s*\(\d\d/\d\d\)", re.I)


@dataclass
class Segment:
    pages: list[Page]
    doc_type: str
    confidence: float


def split_files(files: list[list[Page]], settings: ClassifierSettings) -> list[list[Segment]]:
    """Group each file's readable pages into documents, each with its type and probability.

    All pages of the packet go through the model in one call, and multi-page groups in a
    second one (a single page's prediction is already its document's)."""
    model = model_for(settings)
    flat = [p for pages in files for p in pages]
    preds = iter(classify_texts([p.text for p in flat], model))
    grouped = [_group(pages, [next(preds) for _ in pages], settings.min_confidence)
               for pages in files]
    multi = [g for groups in grouped for g, _ in groups if len(g) > 1]
    multi_preds = iter(classify_texts([page_text(g) for g in multi], model))
    return [[Segment(g, *(next(multi_preds) if len(g) > 1 else pred)) for g, pred in groups]
            for groups in grouped]


def _group(pages: list[Page], preds: list[tuple[str, float]],
           min_confidence: float) -> list[tuple[list[Page], tuple[str, float]]]:
    groups: list[list[int]] = []
    for i in range(len(pages)):
        if groups and _continues(pages, preds, groups[-1], i, min_confidence):
            groups[-1].append(i)
        else:
            groups.append([i])
    return [([pages[i] for i in g], preds[g[0]]) for g in groups]


def _continues(pages: list[Page], preds: list[tuple[str, float]], group: list[int], i: int,
               min_confidence: float) -> bool:
    doc_type, conf = preds[i]
    if is_fax_cover(pages[group[-1]]) or is_fax_cover(pages[i]):
        return False
    if continues_form(pages[group[-1]].text, pages[i].text):
        return True
    # a form's back or schedule says nothing of the document's type: the page it belongs to does
    anchor = next(k for k in reversed(group)
                  if k == group[0] or not continues_form(pages[k - 1].text, pages[k].text))
    prev_type = preds[anchor][0]
    if starts_anew(pages[group[-1]].text, pages[i].text):
        return False
    if conf < min_confidence:
        return True
    if doc_type != prev_type:
        return False
    return doc_type in MULTI_PAGE_TYPES or bool(_CONTINUED.search(pages[i].text[:4000]))


def is_fax_cover(page: Page) -> bool:
    """A fax cover sheet: the word fax, a page count and routing labels (To:, From:, Re:).
    Credentials print "Fax:" numbers too, but not a page count with To/From routing."""
    text = page.text[:3000]
    if not _FAX_WORD.search(text) or not _PAGE_COUNT.search(text):
        return False
    return len({m.group(1).lower() for m in _ROUTING_LABEL.finditer(text)}) >= 2


def continues_form(previous: str, page: str) -> bool:
    """The page is the back or the attached schedule of the certificate form before it.

    Family: insurance certificate forms sent with their reverse side (ACORD 25-S 7/97 and
    25 2001/08: the IMPORTANT / DISCLAIMER fine print) or with an ACORD 101 Additional
    Remarks Schedule. The page must not be a certificate front itself (every ACORD 25
    front names the "ACORD 101, Additional Remarks Schedule" in its description box), and
    the page before it must be a form page: a certificate front, a back or a schedule."""
    head, before = page[:6000], previous[:6000]
    return not _FRONT.search(head) and _form_page(head, front=False) and _form_page(before, front=True)


def _form_page(text: str, *, front: bool) -> bool:
    """A certificate form's back or schedule (or, with ``front``, its front too)."""
    if front and _FRONT.search(text):
        return True
    if _SCHEDULE.search(text) or _BACK.search(text):
        return True
    return sum(bool(c.search(text)) for c in _SCHEDULE_CAPTIONS) >= 4 \
        or sum(bool(c.search(text)) for c in _BACK_CAPTIONS) >= 4


def starts_anew(previous: str, page: str) -> bool:
    """The page's own print says a new document begins: it is numbered page 1 of a set, the
    previous page was the last of its set ("Page 8 of 8"), or the two pages carry different
    form numbers in their footers. Serves policy endorsement forms behind a certificate of
    insurance and other packets of numbered printed forms. A fax header numbers every page
    of the transmission ("Page 2 of 12"), which never reads as a page 1 or a last page
    except on the cover and at the end."""
    numbers = [(int(a), int(b)) for a, b in _PAGE_NUMBER.findall(page)]
    before = [(int(a), int(b)) for a, b in _PAGE_NUMBER.findall(previous)]
    if any(n == 1 and total > 1 for n, total in numbers) and not any(n == 1 for n, _ in before):
        return True
    if before and all(n == total > 1 for n, total in before):
        return True
    forms, prior = _form_ids(page), _form_ids(previous)
    return bool(forms and prior and not forms & prior)


def _form_ids(text: str) -> set[str]:
    """Form numbers printed in the page's last lines, spacing and case folded."""
    tail = "\n".join(text.strip().split("\n")[-6:])
    return {re.sub(r"\s+", "", m).lower() for m in _FORM_ID.findall(tail)}
