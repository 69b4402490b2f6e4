"""Text drawn as images on pages that have a text layer: find such images, OCR them.

Certificates made from a template keep the template (the "Certificate of Completion"
heading, the issuer's seal, a signature block) as one background or heading image and
overlay only the holder's name and dates as text (web-generated CE and certification
certificates); forms get a pasted table or a scanned signature block. The text layer alone
misses what is in those images. E-signature tools and "print to PDF" of filled forms go
further: the form's labels stay text while each typed value (a date, a licence number, a
limit) is a small picture where its text would be. ``image_regions`` picks the image
objects worth reading (cheap: object bounds and text-layer words, no pixels):
large ones (``ocr.image_region_min_*``) and small ones shaped like a line of text
(``ocr.image_region_line_*``). ``ocr_image_regions`` renders them and OCRs them, in a
page-pool worker (the planner leaves such pages to ``pdf.read_pdf_page``): each large
image alone at ``ocr.render_dpi``; the line images stacked into one picture, each scaled
up until a 10 pt value is tall enough for Tesseract, so a form with twenty pasted values
costs one Tesseract call, not twenty. OCR words keep Tesseract's confidence (below the text
layer's 1.0), so the values built from them say they are less sure; their boxes are page
points, and a word on the same row as text-layer words gets that row's top and bottom, so
a label and its pasted value make one line.

Skipped: images too small to hold a line of text, images whose area the text layer already
covers densely (a scanned page with an OCR "sandwich" text layer: its text is already
read), images with no light background and dark ink (photos, flat colour panels), and
pages turned by /Rotate (the render would not line up with the text-layer boxes). Words
that overlap a text-layer word are dropped: the text layer is the better reading; of two
OCR words over the same ink (overlapping images) the more confident one is kept.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from statistics import median

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from credintake.extractor.layout import Word
from credintake.extractor.ocr import OcrFailure, run_tesseract
from credintake.settings import OcrSettings, Settings

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points, origin top-left

_MAX_DEPTH = 3        # form XObjects nest images one or two levels deep in practice
_LIGHT, _DARK = 200, 110  # grey levels of paper and of ink
_MIN_LIGHT_SHARE = 0.35   # a text-bearing image is mostly light background ...
_MIN_DARK_SHARE = 0.003   # ... with some dark ink on it
_BORDER_PX, _GAP_PX = 16, 32  # white around and between the stacked line images
_RULE_SHARE = 0.85  # a ruled line crosses this share of a line image
_MAX_RULED_SHARE = 0.15  # ... and all of them cover at most this share of its columns (rows)
_LABEL_GAP_PT = 200.0  # a table's label column to its value column, at most
_LONG_WORD = 4  # letters and digits of an unsure word worth keeping (an address, an id)
_ALNUM = re.compile(r"[^\W_]")


def image_regions(page: pdfium.PdfPage, width: float, height: float, words: list[Word],
                  settings: OcrSettings) -> list[Box]:
    """The page's image objects that may hold text the text layer lacks: the large ones,
    largest first, at most ``image_regions_per_page``, then the line-shaped ones (a pasted
    value), top to bottom, at most ``image_region_lines_per_page``."""
    if settings.image_regions_per_page <= 0 or page.get_rotation() % 360:
        return []
    large: list[Box] = []
    lines: list[Box] = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=_MAX_DEPTH):
        left, bottom, right, top = obj.get_bounds()
        box = (max(0.0, left), max(0.0, height - top),
               min(width, right), min(height, height - bottom))
        kind = lines if _line_shaped(box, words, settings) \
            else large if _big_enough(box, settings) \
            else None
        if kind is not None and not _text_covers(box, words, settings) \
                and not any(_inside(box, other) for other in large + lines):
            kind.append(box)
    large.sort(key=_area, reverse=True)
    large = large[:settings.image_regions_per_page]
    lines = [b for b in lines if not any(_inside(b, other) for other in large)]
    lines.sort(key=lambda b: (b[1], b[0]))
    return large + lines[:settings.image_region_lines_per_page]


def _big_enough(box: Box, settings: OcrSettings) -> bool:
    x0, top, x1, bottom = box
    return (bottom - top >= settings.image_region_min_height_pt
            and x1 - x0 >= settings.image_region_min_height_pt
            and _area(box) / 72 ** 2 >= settings.image_region_min_area_sq_in)


def _line_shaped(box: Box, words: list[Word], settings: OcrSettings) -> bool:
    """A picture of one line of text or a few: tall enough for letters, not taller than
    a few lines, and wider than tall, or (a short value such as "12") to the right of a
    text-layer word on its row and not much taller than it: a value in its label's row
    (beside it, or in the value column of a label/value table)."""
    x0, top, x1, bottom = box
    tall = bottom - top
    if not (settings.image_region_line_min_height_pt <= tall
            <= settings.image_region_line_max_height_pt):
        return False
    if x1 - x0 >= settings.image_region_line_min_aspect * tall:
        return True
    return any(top <= (t.top + t.bottom) / 2 <= bottom and 0 <= x0 - t.x1 <= _LABEL_GAP_PT
               and tall <= 2.5 * t.height for t in words)


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _inside(box: Box, outer: Box) -> bool:
    return outer[0] <= box[0] and outer[1] <= box[1] and box[2] <= outer[2] and box[3] <= outer[3]


def _text_covers(box: Box, words: list[Word], settings: OcrSettings) -> bool:
    """The text layer already reads this image: as many characters per square inch inside
    it as ``image_region_max_text_per_sq_in`` (an OCR sandwich, text over a tinted panel)."""
    chars = sum(len(w.text) for w in words
                if box[0] <= (w.x0 + w.x1) / 2 <= box[2] and box[1] <= (w.top + w.bottom) / 2 <= box[3])
    return chars >= settings.image_region_max_text_per_sq_in * _area(box) / 72 ** 2


def ocr_image_regions(page: pdfium.PdfPage, width: float, height: float, words: list[Word],
                      settings: Settings) -> list[Word]:
    """OCR words of the page's text-bearing images, in page points, minus those that
    repeat the text layer. One deadline (``ocr.page_timeout_s``) covers all regions; a
    region that fails or runs out of time is skipped: the text layer still stands."""
    deadline = time.monotonic() + settings.ocr.page_timeout_s
    ocr = settings.ocr
    found: list[tuple[int, Word]] = []  # (region, word): words of one region never clash
    lines: list[_Strip] = []
    for region, box in enumerate(image_regions(page, width, height, words, ocr)):
        line = _line_shaped(box, words, ocr)
        dpi = _line_dpi(box, ocr) if line else float(ocr.render_dpi)
        image = _render(page, box, width, height, dpi)
        if not _looks_like_text(image):
            continue
        strip = _Strip(_without_rules(image), box, dpi, region)
        if line:
            lines.append(strip)
            continue
        try:
            found += _read_sheet([strip], settings, deadline,
                                 ocr.image_region_min_word_confidence)
        except OcrFailure as failure:
            log.warning("image region not read: %s", failure.reason)
            return _kept(found, words)
    if lines:
        try:
            found += _read_sheet(lines, settings, deadline,
                                 ocr.image_region_line_min_word_confidence)
        except OcrFailure as failure:
            log.warning("line images not read: %s", failure.reason)
    return _kept(found, words)


def _kept(found: list[tuple[int, Word]], words: list[Word]) -> list[Word]:
    """OCR words not already read by the text layer, nor by a more confident word of
    another image over the same ink (two pasted copies), snapped to the text-layer row
    they sit on. Words of one image are never weighed against each other: Tesseract's
    boxes of neighbouring pieces overlap at times ("dr.stanley" spanning "@yahoo.com")."""
    kept: list[tuple[int, Word]] = []
    for region, w in sorted(found, key=lambda rw: -rw[1].conf):
        if not any(_overlaps(w, t) for t in words) \
                and not any(r != region and _overlaps(w, k) for r, k in kept):
            kept.append((region, w))
    ordered = sorted((w for _, w in kept), key=lambda w: (w.top, w.x0))
    return [_on_row(w, words) for w in ordered]


def _line_dpi(box: Box, settings: OcrSettings) -> float:
    """``render_dpi``, or more for a short picture so that it is ``image_region_line_min_px``
    tall (Tesseract misreads letters under about 20 pixels), at most twice ``render_dpi``."""
    need = settings.image_region_line_min_px * 72 / max(box[3] - box[1], 1.0)
    return min(2.0 * settings.render_dpi, max(float(settings.render_dpi), need))


@dataclass
class _Strip:
    image: Image.Image
    box: Box
    dpi: float
    region: int  # the image's place in ``image_regions``


def _read_sheet(strips: list[_Strip], settings: Settings, deadline: float,
                min_conf: float) -> list[tuple[int, Word]]:
    """The images stacked top to bottom on one white sheet (a white band around each:
    Tesseract drops text that touches the picture's edge, and no line runs into the
    next), OCR'd in one call, each word mapped back through the strip it lies in and
    tagged with that strip's region (``_Strip.region``)."""
    width = max(s.image.width for s in strips) + 2 * _BORDER_PX
    height = sum(s.image.height + _GAP_PX for s in strips) - _GAP_PX + 2 * _BORDER_PX
    sheet = Image.new("L", (width, height), 255)
    spans: list[tuple[int, int, _Strip]] = []
    y = _BORDER_PX
    for strip in strips:
        sheet.paste(strip.image, (_BORDER_PX, y))
        spans.append((y, y + strip.image.height, strip))
        y += strip.image.height + _GAP_PX
    dpi = float(settings.ocr.render_dpi)
    result = run_tesseract(sheet, dpi, settings, deadline)
    px = dpi / 72.0
    out: list[tuple[int, Word]] = []
    for w in _joined_addresses(result.words):
        if w.conf < min_conf or (w.conf < settings.ocr.image_region_min_word_confidence
                                 and len(_ALNUM.findall(w.text)) < _LONG_WORD):
            continue  # a short unsure word is a stroke of a logo or a signature
        mid = (w.top + w.bottom) / 2 * px
        span = next((sp for sp in spans if sp[0] - _GAP_PX / 2 <= mid < sp[1] + _GAP_PX / 2), None)
        if span is None:
            continue
        top_px, _, strip = span
        left, upper = _on_page(w.x0 * px, w.top * px, top_px, strip)
        right, lower = _on_page(w.x1 * px, w.bottom * px, top_px, strip)
        out.append((strip.region, Word(w.text, round(left, 2), round(upper, 2), round(right, 2),
                                       round(lower, 2), w.conf)))
    return out


_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def _joined_addresses(words: list[Word]) -> list[Word]:
    """An e-mail address Tesseract cut at its punctuation ("dr" ".freeman@x.org",
    "jo45" "@" "mail.com": monospaced fonts give a dot or an at sign a space-wide cell)
    joined again: up to four neighbours on one line, each starting less than a letter's
    height after the one before ends (Tesseract's boxes of such pieces may overlap), with a
    "." "@" "_" or "-" at the joint, that together make exactly an address. Its
    confidence is the pieces' mean per character."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        end = i + 1
        for j in range(min(len(words), i + 4), i + 1, -1):
            run = words[i:j]
            if all(_glued(a, b) for a, b in zip(run, run[1:])) \
                    and _ADDRESS.fullmatch("".join(w.text for w in run)):
                end = j
                break
        run = words[i:end]
        out.append(run[0] if end == i + 1 else Word(
            "".join(w.text for w in run), run[0].x0, min(w.top for w in run),
            max(w.x1 for w in run),
            max(w.bottom for w in run), _mean_conf(run)))
        i = end
    return out


def _mean_conf(run: list[Word]) -> float:
    """Per character: Tesseract scores the pieces of a cut address apart, often one at 0."""
    chars = sum(len(w.text) for w in run)
    return round(sum(w.conf * len(w.text) for w in run) / chars, 4)


def _glued(a: Word, b: Word) -> bool:
    return abs(a.top - b.top) <= 0.5 * b.height and a.x0 < b.x0 and b.x0 - a.x1 <= b.height \
        and (a.text[-1:] in ".@_-" or b.text[:1] in ".@_-")


def _on_page(x_px: float, y_px: float, top_px: int, strip: _Strip) -> tuple[float, float]:
    """A sheet pixel of ``strip`` (pasted at ``top_px``) -> page points, inside its box."""
    x0, top, x1, bottom = strip.box
    scale = 72.0 / strip.dpi
    return (min(x1, max(x0, x0 + (x_px - _BORDER_PX) * scale)),
            min(bottom, max(top, top + (y_px - top_px) * scale)))


def _on_row(word: Word, words: list[Word]) -> Word:
    """An OCR word on the same row as text-layer words of about its size takes their top
    and bottom: OCR boxes hug the ink while text-layer boxes span the font's ascent and
    descent, and the label beside a pasted value must land on the same line with the same
    top (tables are recognised by rows whose tops agree)."""
    mid = (word.top + word.bottom) / 2
    row = [t for t in words
           if t.top <= mid <= t.bottom and 0.4 * t.height <= word.height <= 1.6 * t.height]
    if not row:
        return word
    near = min(row, key=lambda t: min(abs(t.x0 - word.x1), abs(word.x0 - t.x1)))
    peers = [t for t in row if abs(t.top - near.top) <= 1.0 and abs(t.bottom - near.bottom) <= 1.0]
    return Word(word.text, word.x0, median(t.top for t in peers), word.x1,
                median(t.bottom for t in peers), word.conf)


def _render(page: pdfium.PdfPage, box: Box, width: float, height: float, dpi: float) -> Image.Image:
    x0, top, x1, bottom = box
    bitmap = page.render(scale=dpi / 72, grayscale=True,
                         crop=(x0, height - bottom, width - x1, top))
    try:
        return bitmap.to_pil().convert("L")
    finally:
        bitmap.close()


def _without_rules(image: Image.Image) -> Image.Image:
    """The picture with its ruled lines whitened: a value snipped from a form keeps the
    cell's border beside or under it, and Tesseract reads a border as "|" glued to the
    value ("| 40/27/2019") or, beside a short value, drops the value altogether. A rule is
    a pixel column dark over ``_RULE_SHARE`` of the height (letters never span the whole
    snip) or a row dark over that share of the width."""
    arr = np.asarray(image)
    ink = arr < _LIGHT  # a rule's anti-aliased edge too
    cols = _widened(ink.mean(axis=0) >= _RULE_SHARE)
    rows = _widened(ink.mean(axis=1) >= _RULE_SHARE)
    # Rules are thin: many "ruled" columns or rows are a tinted background, left alone.
    cols &= cols.mean() <= _MAX_RULED_SHARE
    rows &= rows.mean() <= _MAX_RULED_SHARE
    if not cols.any() and not rows.any():
        return image
    out = arr.copy()
    out[:, cols] = 255
    out[rows, :] = 255
    return Image.fromarray(out, "L")


def _widened(mask: np.ndarray) -> np.ndarray:
    """``mask`` plus one pixel either side (the rule's faint fringe)."""
    out = mask.copy()
    out[1:] |= mask[:-1]
    out[:-1] |= mask[1:]
    return out


def _looks_like_text(image: Image.Image) -> bool:
    """Light paper with dark ink on it; photos and flat panels fail one or the other."""
    histogram = image.histogram()
    total = sum(histogram) or 1
    light = sum(histogram[_LIGHT:]) / total
    dark = sum(histogram[:_DARK]) / total
    return light >= _MIN_LIGHT_SHARE and dark >= _MIN_DARK_SHARE


def _overlaps(word: Word, other: Word) -> bool:
    """Half of the smaller box lies inside the other: the same ink read twice."""
    w = min(word.x1, other.x1) - max(word.x0, other.x0)
    h = min(word.bottom, other.bottom) - max(word.top, other.top)
    if w <= 0 or h <= 0:
        return False
    smaller = min((word.x1 - word.x0) * (word.bottom - word.top),
                  (other.x1 - other.x0) * (other.bottom - other.top))
    return w * h >= 0.5 * max(smaller, 1e-6)
