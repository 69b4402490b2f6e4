"""PDF reader: text-layer words from pdfium, OCR for pages without a usable text layer.

Words come from pypdfium2's text page (per-character boxes joined at spaces), which reads
the same words as pdfplumber several times faster (bench/pdf_readers.py, bench/RESULTS.md);
pdfplumber stays as the fallback when pdfium cannot give a page's characters.
Values of filled-in, unflattened form fields are not in the text layer: they are added as
words inside their widgets (``pdf_forms``). Images that may hold text on a page with a text
layer are OCR'd and their words added (``pdf_images``).
Pages are decided one by one: a page with fewer than ``ocr.min_text_chars_for_text_layer``
characters is rendered at ``ocr.render_dpi`` and OCR'd, so mixed PDFs work; such pages,
and text pages with images worth OCR, are left to ``read_pdf_page`` (the page pool). Each
pdfium page is closed as soon as its words are taken.
"""

from __future__ import annotations

import statistics

import pypdfium2 as pdfium
from PIL import Image

from credintake.errors import InputFileError
from credintake.extractor.layout import Page, Word, build_lines
from credintake.extractor.mojibake import repair
from credintake.extractor.read.pdf_forms import form_words, open_forms
from credintake.extractor.read.pdf_images import image_regions, ocr_image_regions
from credintake.extractor.read.registry import PagePlan, register_planner
from credintake.settings import Settings


@register_planner("pdf")
def plan_pdf(name: str, data: bytes, settings: Settings) -> PagePlan:
    """Text-layer pages now; the others left for ``read_pdf_page``."""
    pdf = _open(data)
    try:
        count = len(pdf)
        limit = settings.limits.max_pages_per_file
        pages: list[Page | None] = [_text_page(pdf, i, name, settings)
                                    for i in range(min(count, limit))]
        pages += [Page(file=name, number=i + 1, width=0, height=0,
                       error=f"page beyond the {limit}-page limit was not read; split the file")
                  for i in range(limit, count)]
        return PagePlan(pages=pages, read_page=read_pdf_page)
    finally:
        pdf.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(data)
        open_forms(pdf)
        return pdf
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise InputFileError("the PDF is encrypted or password-protected; "
                                 "ask the provider for an unprotected copy") from None
        raise InputFileError("the PDF is damaged or truncated and cannot be opened; "
                             "ask the provider to send it again") from None


def _text_page(pdf: pdfium.PdfDocument, index: int, name: str, settings: Settings) -> Page | None:
    """The page from its text layer and form fields, or None when it is left to
    ``read_pdf_page``: too little text (OCR), or images that may hold text."""
    try:
        page = pdf[index]
    except pdfium.PdfiumError:
        return Page(file=name, number=index + 1, width=0, height=0,
                    error="the page is damaged and cannot be read")
    try:
        width, height = page.get_size()
        words = page_words(pdf, page, height)
        if not _has_text_layer(words, settings) \
                or image_regions(page, width, height, words, settings.ocr):
            return None
        return _page(name, index + 1, width, height, words)
    finally:
        page.close()


def page_words(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, height: float) -> list[Word]:
    """The text layer's words and the filled form fields' values."""
    return text_layer_words(page, height) + form_words(pdf, page, height)


def _has_text_layer(words: list[Word], settings: Settings) -> bool:
    return sum(len(w.text) for w in words) >= settings.ocr.min_text_chars_for_text_layer


def _page(name: str, number: int, width: float, height: float, words: list[Word]) -> Page:
    return Page(file=name, number=number, width=width, height=height, words=words,
                lines=build_lines(words), ocr=False, text_confidence=1.0)


def text_layer_words(page: pdfium.PdfPage, height: float) -> list[Word]:
    """Words of the page's text layer with boxes in points, origin top-left."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # pdfium expands some glyphs; index-align char by char
            text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
        return _join_words(text, textpage, height)
    finally:
        textpage.close()


def _join_words(text: str, textpage: pdfium.PdfTextPage, height: float) -> list[Word]:
    """Characters -> words: at space characters, and at a horizontal jump wider than the
    line's usual letter spacing plus 0.15 of the glyph height.

    Many exporters (the resume sites' PDFs among them) draw no space character between
    words, only a wider advance; the usual spacing of loose char boxes differs by font (they
    overlap by ~1 pt in some), so the jump is measured against the line's own median gap."""
    boxes = [None if ch.isspace() or ch == "\x00" else textpage.get_charbox(i, loose=True)
             for i, ch in enumerate(text)]
    usual = _usual_gaps(text, boxes)
    words: list[Word] = []
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]
    for i, ch in enumerate(text):
        found = boxes[i]
        if found is None:
            if chars:
                words.append(Word("".join(chars), *box))
                chars = []
            continue
        left, bottom, right, top = found
        jump = left - box[2] > min(usual[i], 0.5) + (top - bottom) * 0.15
        if chars and (jump or height - bottom < box[1] or height - top > box[3]):
            words.append(Word("".join(chars), *box))  # a jump without a space char
            chars = []
        if not chars:
            box = [left, height - top, right, height - bottom]
        else:
            box = [min(box[0], left), min(box[1], height - top),
                   max(box[2], right), max(box[3], height - bottom)]
        chars.append(_clean_char(ch))
    if chars:
        words.append(Word("".join(chars), *box))
    return _repaired(words)


def _repaired(words: list[Word]) -> list[Word]:
    """Text layers of resume builders and converters often hold UTF-8 already misread as
    Windows-1252 ("â€“", "ï¼"): repaired here, once, for every extractor; a word that was
    only a lost separator is dropped."""
    out = []
    for w in words:
        text = repair(w.text).strip()
        if text:
            out.append(w if text == w.text else
                       Word(text, w.x0, w.top, w.x1, w.bottom, w.conf))
    return out


def _usual_gaps(text: str, boxes: list) -> list[float]:
    """Per character: the median gap between adjacent letters of its text line (a run
    between line breaks; the page's median when the line has fewer than 8 gaps)."""
    spans: list[tuple[int, int, list[float]]] = []
    start, gaps = 0, []
    for i in range(len(text) + 1):
        if i == len(text) or text[i] in "\r\n":
            spans.append((start, i, gaps))
            start, gaps = i + 1, []
        elif i > start and boxes[i] is not None and boxes[i - 1] is not None:
            gaps.append(boxes[i][0] - boxes[i - 1][2])
    every = [g for _, _, line in spans for g in line]
    page = statistics.median(every) if every else 0.0
    usual = [page] * len(text)
    for begin, end, line in spans:
        if len(line) >= 8:
            usual[begin:end] = [statistics.median(line)] * (end - begin)
    return usual


_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\u00ad": "", "\u2010": "-", "\u2011": "-", "\u00a0": " "}


def _clean_char(ch: str) -> str:
    """Undo ligatures and soft hyphens that LaTeX/Typst exports put in text layers."""
    return _LIGATURES.get(ch, ch)


def read_pdf_page(name: str, data: bytes, number: int, settings: Settings) -> Page:
    """Page ``number`` (1-based) left by the planner, for pool workers: its text layer
    plus the OCR of its images, or, without a text layer, the rendered page OCR'd."""
    from credintake.extractor.ocr import ocr_page_image

    pdf = _open(data)
    try:
        page = pdf[number - 1]
        try:
            width, height = page.get_size()
            words = page_words(pdf, page, height)
            if _has_text_layer(words, settings):
                words += ocr_image_regions(page, width, height, words, settings)
                return _page(name, number, width, height, words)
            image = _render(page, width, height, settings)
        finally:
            page.close()
    except pdfium.PdfiumError:
        return Page(file=name, number=number, width=0, height=0, ocr=True,
                    error="the page could not be rendered for OCR")
    finally:
        pdf.close()
    return ocr_page_image(image, file=name, number=number, settings=settings)


def _render(page: pdfium.PdfPage, width: float, height: float, settings: Settings) -> Image.Image:
    """The page as a greyscale image at ``ocr.render_dpi`` (less for a huge page), with its
    DPI recorded for the OCR; filled form fields are drawn (``open_forms``)."""
    scale = settings.ocr.render_dpi / 72
    if width * height * scale * scale > settings.limits.max_image_pixels:
        scale = (settings.limits.max_image_pixels / (width * height)) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
    try:
        image = bitmap.to_pil()
    finally:
        bitmap.close()
    image.info["dpi"] = (72 * scale, 72 * scale)
    return image
