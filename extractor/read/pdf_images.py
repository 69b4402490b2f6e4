"""Text drawn as images on pages that have a text layer: find such images, OCR them.

Certificates made from a template keep the template (the "Certificate of Completion"
heading, the issuer's seal, a signature block) as one background or heading image and
overlay only the holder's name and dates as text (web-generated CE and certification
certificates); forms get a pasted table or a scanned signature block. The text layer alone
misses what is in those images. ``image_regions`` picks the image objects worth reading
(cheap: object bounds and text-layer words, no pixels), ``ocr_image_regions`` renders each
at ``ocr.render_dpi`` and OCRs it (in a page-pool worker: the planner leaves such pages to
``pdf.read_pdf_page``).

Skipped: images too small to hold a line of text, images whose area the text layer already
covers densely (a scanned page with an OCR "sandwich" text layer: its text is already
read), images with no light background and dark ink (photos, flat colour panels), and
pages turned by /Rotate (the render would not line up with the text-layer boxes). Words
that overlap a text-layer word are dropped: the text layer is the better reading.
"""

from __future__ import annotations

import logging
import time

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


def image_regions(page: pdfium.PdfPage, width: float, height: float, words: list[Word],
                  settings: OcrSettings) -> list[Box]:
    """The page's image objects that may hold text the text layer lacks, largest first,
    at most ``image_regions_per_page`` of them."""
    if settings.image_regions_per_page <= 0 or page.get_rotation() % 360:
        return []
    found: list[Box] = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=_MAX_DEPTH):
        left, bottom, right, top = obj.get_bounds()
        box = (max(0.0, left), max(0.0, height - top),
               min(width, right), min(height, height - bottom))
        if _big_enough(box, settings) and not _text_covers(box, words, settings) \
                and not any(_inside(box, other) for other in found):
            found.append(box)
    found.sort(key=_area, reverse=True)
    return found[:settings.image_regions_per_page]


def _big_enough(box: Box, settings: OcrSettings) -> bool:
    x0, top, x1, bottom = box
    return (bottom - top >= settings.image_region_min_height_pt
            and x1 - x0 >= settings.image_region_min_height_pt
            and _area(box) / 72 ** 2 >= settings.image_region_min_area_sq_in)


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
    found: list[Word] = []
    for box in image_regions(page, width, height, words, settings.ocr):
        image = _render(page, box, width, height, settings.ocr.render_dpi)
        if not _looks_like_text(image):
            continue
        try:
            result = run_tesseract(image, settings.ocr.render_dpi, settings, deadline)
        except OcrFailure as failure:
            log.warning("image region not read: %s", failure.reason)
            break
        found += [_shifted(w, box) for w in result.words
                  if w.conf >= settings.ocr.image_region_min_word_confidence]
    return [w for w in found if not any(_overlaps(w, t) for t in words)]


def _render(page: pdfium.PdfPage, box: Box, width: float, height: float, dpi: int) -> Image.Image:
    x0, top, x1, bottom = box
    bitmap = page.render(scale=dpi / 72, grayscale=True,
                         crop=(x0, height - bottom, width - x1, top))
    try:
        return bitmap.to_pil().convert("L")
    finally:
        bitmap.close()


def _looks_like_text(image: Image.Image) -> bool:
    """Light paper with dark ink on it; photos and flat panels fail one or the other."""
    histogram = image.histogram()
    total = sum(histogram) or 1
    light = sum(histogram[_LIGHT:]) / total
    dark = sum(histogram[:_DARK]) / total
    return light >= _MIN_LIGHT_SHARE and dark >= _MIN_DARK_SHARE


def _shifted(word: Word, box: Box) -> Word:
    return Word(word.text, round(word.x0 + box[0], 2), round(word.top + box[1], 2),
                round(word.x1 + box[0], 2), round(word.bottom + box[1], 2), word.conf)


def _overlaps(word: Word, other: Word) -> bool:
    """Half of the smaller box lies inside the other: the same ink read twice."""
    w = min(word.x1, other.x1) - max(word.x0, other.x0)
    h = min(word.bottom, other.bottom) - max(word.top, other.top)
    if w <= 0 or h <= 0:
        return False
    smaller = min((word.x1 - word.x0) * (word.bottom - word.top),
                  (other.x1 - other.x0) * (other.bottom - other.top))
    return w * h >= 0.5 * max(smaller, 1e-6)
