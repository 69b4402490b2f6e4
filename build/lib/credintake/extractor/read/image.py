"""PNG, JPEG and TIFF readers: decode one frame at a time and OCR it.

Limits first: PIL's ``MAX_IMAGE_PIXELS`` is set from ``settings.limits.max_image_pixels``
in every process that reads images (not left at PIL's default, STYLE.md anti-pattern 6),
and every frame's size is checked against it before a pixel is decoded, so a
decompression bomb becomes an ``InputFileError`` naming the limit. A TIFF is walked frame
by frame (a 100-page fax holds one decoded page at a time); a frame that fails to decode
becomes a ``Page`` with ``error`` and the remaining frames are still read.

EXIF orientation (phone photos) is applied before anything else. ``plan_image`` leaves
every frame to ``read_image_page``, which reads one page from the file's bytes, so that
``read_file`` can spread a fax's pages over the page pool.
"""

from __future__ import annotations

import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

from credintake.errors import InputFileError
from credintake.extractor.layout import Page
from credintake.extractor.ocr import ocr_page_image
from credintake.extractor.read.registry import PagePlan, register_planner
from credintake.settings import Settings

# What PIL raises on damaged data (struct.error: short TIFF directory entries; TypeError
# "Missing dimensions" and KeyError/IndexError from truncated tag tables). Only PIL calls
# are wrapped with it.
_DECODE_ERRORS = (OSError, ValueError, SyntaxError, EOFError, struct.error, TypeError,
                  KeyError, IndexError, ZeroDivisionError)


@contextmanager
def _quiet_pil() -> Iterator[None]:
    """PIL reports damaged tags ("Truncated File Read", "Corrupt EXIF data") as warnings;
    the decode errors that matter are raised, so the warnings are dropped here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def apply_pixel_limit(settings: Settings) -> None:
    """Make PIL's own bomb check use the configured limit (process-wide, deliberately)."""
    Image.MAX_IMAGE_PIXELS = settings.limits.max_image_pixels


def open_image(data: bytes, settings: Settings) -> Image.Image:
    """Open (headers only) and check the first frame against the pixel limit."""
    apply_pixel_limit(settings)
    try:
        with _quiet_pil():  # DecompressionBombWarning included: the size is checked below
            image = Image.open(BytesIO(data))
    except Image.DecompressionBombError:
        raise InputFileError(_bomb_message(settings)) from None
    except UnidentifiedImageError:
        raise InputFileError("the image file is damaged or not a PNG, JPEG or TIFF image; "
                             "ask the provider to send it again") from None
    except _DECODE_ERRORS:
        raise InputFileError("the image file is damaged or truncated; "
                             "ask the provider to send it again") from None
    _check_pixels(image, settings)
    return image


def _bomb_message(settings: Settings, page: int | None = None) -> str:
    where = f"page {page} of the image" if page else "the image"
    return (f"{where} has more pixels than the {settings.limits.max_image_pixels:,}-pixel limit "
            "(possibly a decompression bomb); ask for a scan at 300 dpi or raise "
            "limits.max_image_pixels")


def _check_pixels(image: Image.Image, settings: Settings, page: int | None = None) -> None:
    width, height = image.size
    if width <= 0 or height <= 0:
        raise InputFileError("the image has no pixels; ask the provider to send it again", page=page)
    if width * height > settings.limits.max_image_pixels:
        raise InputFileError(_bomb_message(settings, page), page=page)


def page_count(data: bytes, settings: Settings) -> int:
    """Frames in the image (1 for PNG/JPEG), whatever ``max_pages_per_file`` says."""
    image = open_image(data, settings)
    try:
        return _frames(image)[0]
    finally:
        image.close()


def _frames(image: Image.Image) -> tuple[int, bool]:
    """(frames that can be reached, whether the page chain is broken after them).

    A truncated TIFF's directory chain breaks part-way; the pages before the break are
    still worth reading."""
    try:
        with _quiet_pil():
            return int(getattr(image, "n_frames", 1)), False
    except _DECODE_ERRORS:
        pass
    reached = 0
    with _quiet_pil():
        while True:
            try:
                image.seek(reached)
            except _DECODE_ERRORS:
                break
            reached += 1
    if reached == 0:
        raise InputFileError("the TIFF's page directory is damaged; "
                             "ask the provider to send it again")
    return reached, True


def _beyond_limit(name: str, number: int, settings: Settings) -> Page:
    limit = settings.limits.max_pages_per_file
    return Page(file=name, number=number, width=0.0, height=0.0, ocr=True,
                error=f"page beyond the {limit}-page limit was not read; split the file")


def read_image_page(name: str, data: bytes, number: int, settings: Settings) -> Page:
    """OCR page ``number`` (1-based) of an image file; for pool workers."""
    if number > settings.limits.max_pages_per_file:
        return _beyond_limit(name, number, settings)
    image = open_image(data, settings)
    try:
        count, _ = _frames(image)
        if not 1 <= number <= count:
            return Page(file=name, number=number, width=0.0, height=0.0, ocr=True,
                        error=f"the image has no page {number} (it has {count})")
        return _ocr_frame(image, name, number, settings)
    finally:
        image.close()


def plan_image(name: str, data: bytes, settings: Settings) -> PagePlan:
    """Every frame left to ``read_image_page`` (OCR, spread over the page pool), plus the
    pages beyond the limit and, for a broken TIFF chain, a page saying the rest is missing."""
    image = open_image(data, settings)
    try:
        count, broken = _frames(image)
    finally:
        image.close()
    limit = min(count, settings.limits.max_pages_per_file)
    pages: list[Page | None] = [None] * limit
    pages += [_beyond_limit(name, n, settings) for n in range(limit + 1, count + 1)]
    if broken:
        pages.append(Page(file=name, number=count + 1, width=0.0, height=0.0, ocr=True,
                          error=f"the file is truncated or damaged after page {count}; any "
                                "later pages are missing: ask the provider to send it again"))
    return PagePlan(pages=pages, read_page=read_image_page)


def _ocr_frame(image: Image.Image, name: str, number: int, settings: Settings) -> Page:
    try:
        with _quiet_pil():
            if number > 1 or getattr(image, "n_frames", 1) > 1:
                image.seek(number - 1)
        _check_pixels(image, settings, page=number)
    except InputFileError as exc:
        return Page(file=name, number=number, width=0.0, height=0.0, ocr=True, error=str(exc))
    except _DECODE_ERRORS:
        return Page(file=name, number=number, width=0.0, height=0.0, ocr=True,
                    error=f"page {number} of the image is damaged and could not be decoded; "
                          "ask the provider to send the file again")
    try:
        with _quiet_pil():
            upright = _upright(image)
    except _DECODE_ERRORS:
        return Page(file=name, number=number, width=0.0, height=0.0, ocr=True,
                    error=f"page {number} of the image is damaged or truncated and could not "
                          "be decoded; ask the provider to send the file again")
    return ocr_page_image(upright, file=name, number=number, settings=settings)


def _upright(frame: Image.Image) -> Image.Image:
    """The frame turned as its EXIF orientation says (decodes it), keeping the DPI info."""
    frame.load()
    dpi = frame.info.get("dpi")
    turned = ImageOps.exif_transpose(frame)
    if turned is None:
        turned = frame
    if dpi and "dpi" not in turned.info:
        turned.info["dpi"] = dpi
    orientation = frame.getexif().get(0x0112, 1)
    if dpi and orientation in (5, 6, 7, 8):  # a quarter turn swaps the axes' resolutions
        turned.info["dpi"] = (dpi[1], dpi[0])
    return turned


for _kind in ("png", "jpeg", "tiff"):
    register_planner(_kind)(plan_image)
