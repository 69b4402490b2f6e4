"""The one place that calls Tesseract: a page image in, a ``Page`` of words out.

``ocr_page_image`` is a pure, module-level function (picklable for a process pool): it
cleans the image up (``extractor.preprocess``), runs ONE ``image_to_data`` call, and turns
Tesseract's pixel boxes into page points (72 / dpi, origin top-left). Only when that pass
looks bad (low mean confidence or very few words) does it ask Tesseract's orientation
detection (OSD) whether the page is sideways or upside down, and if OSD is confident, OCRs
the rotated page and keeps the better reading. All calls of one page share one deadline
(``settings.ocr.page_timeout_s``); a timeout or a Tesseract failure marks the page with an
``error`` a specialist can act on and never raises.

Tesseract runs with ``OMP_THREAD_LIMIT`` = ``settings.ocr.tesseract_threads`` (1 by
default): parallelism comes from the page pool, and OpenMP threads on top of it
oversubscribe the cores (STYLE.md anti-pattern 1).

Word coordinates refer to the page as cleaned up (deskewed, turned upright), the frame the
extractors need; ``Page.frame`` says how to map a box back to the page as stored
(``extractor.page_frame``), which the pipeline does for every extracted value.
"""

from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass, field

import pytesseract
from PIL import Image

from credintake.extractor import preprocess
from credintake.extractor.layout import Page, Word, build_lines
from credintake.extractor.page_frame import FileFrame
from credintake.settings import Settings

log = logging.getLogger(__name__)

# Uncompressed TIFF is the cheapest lossless hand-over to Tesseract: Leptonica reads it
# about 0.1 s per 300 dpi page faster than PNM, the earlier choice (bench/RESULTS_ocr.md).
_HANDOVER_FORMAT = "TIFF"
_TIMEOUT_MESSAGE = "Tesseract process timeout"


class OcrFailure(Exception):
    """One Tesseract call failed; ``reason`` is written for a specialist, without page text."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class OcrResult:
    words: list[Word] = field(default_factory=list)
    width_pt: float = 0.0
    height_pt: float = 0.0

    @property
    def mean_conf(self) -> float:
        return sum(w.conf for w in self.words) / len(self.words) if self.words else 0.0


def ocr_page_image(image: Image.Image, *, file: str, number: int, settings: Settings) -> Page:
    """OCR one page image into a ``Page`` (never raises for a bad page: ``Page.error``).

    The DPI comes from ``image.info['dpi']`` when it gives a plausible page size, else the
    longer side is taken as 11 inches (``preprocess.image_dpi``): callers rendering PDF
    pages should set ``image.info['dpi'] = (dpi, dpi)``.
    """
    return ocr_page(image, file=file, number=number, settings=settings)[0]


def ocr_page(image: Image.Image, *, file: str, number: int,
             settings: Settings) -> tuple[Page, list[str]]:
    """``ocr_page_image`` plus the names of the clean-up steps applied (for benchmarks)."""
    started = time.monotonic()
    deadline = started + settings.ocr.page_timeout_s
    try:
        prepared = preprocess.prepare(image, settings.ocr)
    except (OSError, ValueError, MemoryError) as exc:
        log.warning("page image could not be decoded", extra={"file_page": number,
                                                               "error": type(exc).__name__})
        return Page(file=file, number=number, width=0.0, height=0.0, ocr=True,
                    error="the page image is damaged or truncated and could not be decoded; "
                          "ask the provider for a new scan"), []
    steps = prepared.steps  # orientation appends to it
    width_pt = prepared.image.width * 72.0 / prepared.dpi
    height_pt = prepared.image.height * 72.0 / prepared.dpi
    turned, skew = 0, prepared.skew_deg
    try:
        result = run_tesseract(prepared.image, prepared.dpi, settings, deadline)
        if settings.ocr.orientation and _looks_bad(result, settings):
            result, turned, skew = _try_orientation(prepared, result, settings, deadline)
    except OcrFailure as failure:
        return Page(file=file, number=number, width=width_pt, height=height_pt, ocr=True,
                    error=failure.reason), steps
    # Rotations about the page centre commute, so a deskew measured after a quarter turn
    # maps back through the same frame as one measured before it.
    frame = FileFrame(width=width_pt, height=height_pt, skew_deg=skew,
                      quarter_ccw=turned) if skew or turned else None
    del prepared
    words = result.words
    log.debug("ocr page done", extra={"file_page": number, "words": len(words), "steps": steps,
                                      "ms": round((time.monotonic() - started) * 1000)})
    return Page(file=file, number=number, width=result.width_pt, height=result.height_pt,
                words=words, lines=build_lines(words), ocr=True, frame=frame,
                text_confidence=round(sum(w.conf for w in words) / len(words), 4) if words else None
                ), steps


def _looks_bad(result: OcrResult, settings: Settings) -> bool:
    """Worth asking OSD: some text was seen, but too little or read with low confidence.
    A blank page (no words at all) is not: OSD would only say "too few characters"."""
    if not result.words:
        return False
    return (len(result.words) < settings.ocr.osd_below_words
            or result.mean_conf < settings.ocr.osd_below_confidence
            or _mostly_sideways(result.words))


def _mostly_sideways(words: list[Word]) -> bool:
    """Tesseract reads a page turned 90 / 270 degrees with HIGH confidence, as vertical
    words (boxes taller than wide), so the confidence gate never asks OSD and the lines
    come out scrambled (bench/RESULTS_conditions.md: field F1 0.27 on 270-degree pages).
    Most words of three or more letters standing upright is the tell."""
    long = [w for w in words if len(w.text) >= 3]
    tall = sum(1 for w in long if (w.bottom - w.top) > 1.2 * (w.x1 - w.x0))
    return len(long) >= 5 and tall > 0.6 * len(long)


def _try_orientation(prepared: preprocess.Prepared, first: OcrResult, settings: Settings,
                     deadline: float) -> tuple[OcrResult, int, float]:
    """Ask OSD for the page's rotation; OCR the turned page and keep the better reading,
    with the degrees (counter-clockwise) it was turned, 0 for the first reading, and the
    deskew angle of the reading kept.

    OSD failing (too little text, timeout) is not an error: the first reading stands.
    """
    # Full resolution: at half size OSD saved ~0.2 s but lost confidence on sparse pages
    # (a wallet card fell from 6.9 to 0.7, below any sensible threshold).
    stays = first, 0, prepared.skew_deg
    try:
        degrees_ccw = detect_orientation(prepared.image, prepared.dpi, settings, deadline)
    except OcrFailure:
        return stays
    if not degrees_ccw:
        return stays
    turned, skew = _turn_upright(prepared, degrees_ccw, settings)
    try:
        second = run_tesseract(turned, prepared.dpi, settings, deadline)
    except OcrFailure:
        return stays
    # A sideways page reads as confidently as the turned one (same words, same confidence):
    # then the reading whose words lie flat wins.
    upright = _mostly_sideways(first.words) and not _mostly_sideways(second.words) \
        and second.mean_conf >= first.mean_conf - 0.05
    better = (second.mean_conf > first.mean_conf or upright) \
        and len(second.words) >= 0.5 * len(first.words)
    if not better:
        return stays
    prepared.steps.append(f"orientation({degrees_ccw})")
    if skew != prepared.skew_deg:
        prepared.steps.append(f"deskew({skew:+.2f})")
    return second, degrees_ccw, skew


def _turn_upright(prepared: preprocess.Prepared, degrees_ccw: int, settings: Settings
                  ) -> tuple[Image.Image, float]:
    """The page turned by OSD's answer, and its deskew angle.

    Upside down, the lines ran across the page when the skew was measured, so the deskewed
    image is turned. Sideways, the skew was measured across vertical lines of text and means
    nothing (a 1.7 degree scan read as 4.25: lines split, names broken apart; bench/
    RESULTS_conditions.md), so the page is turned from before the deskew and measured again.
    """
    if degrees_ccw == 180:
        return preprocess.rotate(prepared.image, 180), prepared.skew_deg
    base = prepared.unskewed if prepared.unskewed is not None else prepared.image
    return preprocess.deskew(preprocess.rotate(base, degrees_ccw), settings.ocr)


def _remaining(deadline: float, settings: Settings) -> float:
    """Seconds left of the page's budget for the next Tesseract call."""
    left = deadline - time.monotonic()
    if left <= 0.5:
        raise OcrFailure(_timeout_reason(settings))
    return left


def _timeout_reason(settings: Settings) -> str:
    return (f"OCR did not finish within the page time limit ({settings.ocr.page_timeout_s:g} s);"
            " the page may be a "
            "very large or noisy image: ask for a cleaner scan, or raise ocr.page_timeout_s")


def _handover(image: Image.Image) -> Image.Image:
    """A copy pytesseract may mutate (it sets ``.format``) and save losslessly: Pillow
    would reuse a source TIFF's compression (``info``), G4 included, which grey cannot take."""
    out = image if image.format is None and "compression" not in image.info else image.copy()
    out.info.pop("compression", None)
    out.format = _HANDOVER_FORMAT
    return out


def _tesseract_env(settings: Settings) -> None:
    """Give Tesseract (and only Tesseract) ``OMP_THREAD_LIMIT``.

    pytesseract 0.3.13 starts Tesseract with its module-level ``environ``; replacing that
    with a per-call copy keeps the limit out of this process's own environment (spaCy,
    scikit-learn). tests/extractor/test_ocr.py checks the variable reaches Tesseract."""
    env = {**os.environ, "OMP_THREAD_LIMIT": str(settings.ocr.tesseract_threads)}
    if hasattr(pytesseract.pytesseract, "environ"):
        pytesseract.pytesseract.environ = env
    else:  # a pytesseract without the seam: fall back to the process environment
        os.environ["OMP_THREAD_LIMIT"] = env["OMP_THREAD_LIMIT"]


def run_tesseract(image: Image.Image, dpi: float, settings: Settings,
                  deadline: float | None = None) -> OcrResult:
    """One ``image_to_data`` call; word boxes in page points. Raises ``OcrFailure``."""
    _tesseract_env(settings)
    timeout = _remaining(deadline, settings) if deadline is not None else settings.ocr.page_timeout_s
    config = f"--psm {settings.ocr.psm} --dpi {round(dpi)}"
    box = (preprocess.ink_box(image, round(dpi * settings.ocr.ink_margin_in))
           if settings.ocr.crop_to_ink else (0, 0, image.width, image.height))
    region = image if box == (0, 0, image.width, image.height) else image.crop(box)
    try:
        data = pytesseract.image_to_data(_handover(region), lang=settings.ocr.language,
                                         config=config, output_type=pytesseract.Output.DICT,
                                         timeout=timeout)
    except pytesseract.TesseractNotFoundError:
        raise OcrFailure("the OCR engine (tesseract) is not installed on this server; "
                         "ask the administrator to install it") from None
    except pytesseract.TesseractError as exc:  # a RuntimeError too: catch it first
        log.warning("tesseract failed", extra={"status": exc.status})
        raise OcrFailure(f"the OCR engine failed on this page (exit status {exc.status}); "
                         "ask for a new scan of this page") from None
    except RuntimeError as exc:
        if _TIMEOUT_MESSAGE in str(exc):
            raise OcrFailure(_timeout_reason(settings)) from None
        raise
    scale = 72.0 / dpi
    min_conf = settings.ocr.min_word_confidence
    words: list[Word] = []
    for level, text, conf, left, top, width, height in zip(
            data["level"], data["text"], data["conf"], data["left"], data["top"],
            data["width"], data["height"]):
        if int(level) != 5:
            continue
        text = str(text).strip()
        confidence = float(conf) / 100.0
        if not text or confidence < 0 or confidence < min_conf \
                or _is_streak(text, int(width), int(height)):
            continue
        x, y = int(left) + box[0], int(top) + box[1]
        words.append(Word(text=text, x0=round(x * scale, 2), top=round(y * scale, 2),
                          x1=round((x + int(width)) * scale, 2),
                          bottom=round((y + int(height)) * scale, 2),
                          conf=round(min(confidence, 1.0), 4)))
    return OcrResult(words=words, width_pt=image.width * scale, height_pt=image.height * scale)


_ALNUM = re.compile(r"[^\W_]")


def _is_streak(text: str, width: int, height: int) -> bool:
    """A mark with no letter or digit, much narrower than tall: what Tesseract makes of a
    fax's dirty-sensor streak or a scanner's dust line (``|``, ``!``, ``;``, ``'``) cut
    into short pieces. Kept, such pieces form rows of their own between text rows and
    break the column and row grouping of the page (fax CV entries read out of order)."""
    return width <= max(2, height // 4) and not _ALNUM.search(text)


_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_ORIENT_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_orientation(image: Image.Image, dpi: float, settings: Settings,
                       deadline: float | None = None) -> int:
    """Counter-clockwise degrees (0, 90, 180, 270) that turn the page upright, per OSD;
    0 when OSD is not confident enough. Raises ``OcrFailure`` when OSD cannot run."""
    _tesseract_env(settings)
    timeout = _remaining(deadline, settings) if deadline is not None else settings.ocr.page_timeout_s
    try:
        text = pytesseract.image_to_osd(_handover(image), config=f"--dpi {round(dpi)}",
                                        timeout=timeout)
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError):
        # "Too few characters": not enough text to tell; not a page error.
        raise OcrFailure("orientation could not be detected") from None
    except RuntimeError as exc:
        if _TIMEOUT_MESSAGE in str(exc):
            raise OcrFailure(_timeout_reason(settings)) from None
        raise
    rotate = _ROTATE.search(text)
    conf = _ORIENT_CONF.search(text)
    if not rotate or not conf or float(conf.group(1)) < settings.ocr.osd_min_confidence:
        return 0
    # OSD's "Rotate" is clockwise; PIL and ``preprocess.rotate`` turn counter-clockwise.
    return (360 - int(rotate.group(1))) % 360
