"""Image clean-up before OCR: square pixels, enough resolution, straight lines, even light.

Every step is a pure function from an image to a new image (the input is never changed),
so a worker process can run them on one page and drop everything afterwards. ``prepare``
runs them in order and names the steps it applied, so benchmarks and the review screen can
say what was done to a page. Orientation (upside-down, sideways) needs Tesseract's OSD and
therefore lives next to the other Tesseract call in ``extractor/ocr.py``; only the rotation
itself is here.

Why each step exists (measured in bench/RESULTS_ocr.md):
- fax aspect: 204x98 dpi faxes have pixels twice as tall as wide; Tesseract assumes square
  pixels and reads squashed glyphs badly.
- upscale: Tesseract's LSTM is trained on text about 20-30 px high; below ~200 dpi the
  glyphs are too small.
- deskew: a crooked scan (a few degrees) splits lines and breaks the line grouping.
- smooth: a 1-bit fax has stair-stepped, broken strokes; a slight blur gives Tesseract's
  own thresholding grey edges to work with (fax 204x98: word recall 0.79 -> 0.91).
- flatten: a phone photo with shading defeats a global threshold; dividing by a blurred
  copy of the background makes the paper uniformly white.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageFilter

from credintake.settings import OcrSettings

LETTER_LONG_SIDE_IN = 11.0
_WHITE = 255
# ink_box: reduction factor, and the grey level below which a reduced pixel holds ink.
_INK_REDUCE = 4
_INK_LEVEL = 208


@dataclass
class Prepared:
    """The image to OCR, its (square) resolution, the clean-up steps applied, in order, and
    the deskew angle (degrees counter-clockwise; 0.0 = not rotated)."""

    image: Image.Image
    dpi: float
    steps: list[str] = field(default_factory=list)
    skew_deg: float = 0.0
    # The image before deskew, while OCR may still find the page sideways: a skew measured
    # across sideways text lines is meaningless, so such a page is turned from this copy
    # and deskewed again (``ocr._turn_upright``).
    unskewed: Image.Image | None = None


def image_dpi(image: Image.Image, settings: OcrSettings) -> tuple[float, float]:
    """Horizontal and vertical resolution: from the file when plausible, else a guess.

    Phone photos and screenshots often claim 72 or 96 dpi whatever they show; a 3000 px
    photo at "72 dpi" would be a 42-inch page. When the claimed size is implausible (or
    there is no claim) the longer side is taken to be a US-letter page's 11 inches.
    """
    raw = image.info.get("dpi")
    try:
        # PNG stores pixels per metre: 300 dpi reads back as 299.9994.
        dx, dy = (round(float(raw[0]), 1), round(float(raw[1]), 1)) if raw else (0.0, 0.0)
    except (TypeError, ValueError, IndexError):
        dx = dy = 0.0
    if dx > 0 and dy > 0:
        long_in = max(image.width / dx, image.height / dy)
        if settings.min_page_inches <= long_in <= settings.max_page_inches:
            return dx, dy
    guess = max(image.width, image.height) / LETTER_LONG_SIDE_IN
    return guess, guess


def to_gray(image: Image.Image) -> Image.Image:
    """8-bit greyscale (Tesseract binarises itself; resampling needs grey levels)."""
    if image.mode == "L":
        return image.copy()
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("L")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(image, dtype=np.float64)
        top = arr.max() or 1.0
        return Image.fromarray((arr * (255.0 / top)).astype(np.uint8), "L")
    return image.convert("L")


def square_pixels(image: Image.Image, dpi: tuple[float, float]) -> tuple[Image.Image, float]:
    """Resample so both axes share the higher resolution (fax 204x98 -> 204x204)."""
    dx, dy = dpi
    if abs(dx - dy) / max(dx, dy) < 0.02:
        return image, max(dx, dy)
    target = max(dx, dy)
    size = (round(image.width * target / dx), round(image.height * target / dy))
    return image.resize(size, Image.Resampling.BICUBIC), target


def upscale(image: Image.Image, dpi: float, target_dpi: float) -> tuple[Image.Image, float]:
    """Resample to ``target_dpi`` (bicubic on grey levels, which also smooths fax stairs)."""
    factor = target_dpi / dpi
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.BICUBIC), target_dpi


def otsu_threshold(gray: np.ndarray) -> int:
    """Otsu's global threshold of an 8-bit array (the level that best splits ink from paper)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    weight_bg = np.cumsum(hist)
    weight_fg = total - weight_bg
    mean_cum = np.cumsum(hist * levels)
    mean_total = mean_cum[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_total * weight_bg / total - mean_cum) ** 2 / (weight_bg * weight_fg)
    between = np.nan_to_num(between)
    return int(np.argmax(between))


def _ink_coordinates(gray: Image.Image, long_side: int = 1400) -> tuple[np.ndarray, np.ndarray, float]:
    """Rows and columns of dark pixels on a downscaled copy, and the downscale factor."""
    scale = min(1.0, long_side / max(gray.size))
    small = gray if scale == 1.0 else gray.resize(
        (max(1, round(gray.width * scale)), max(1, round(gray.height * scale))),
        Image.Resampling.BOX)
    arr = np.asarray(small)
    dark = arr < min(otsu_threshold(arr), 200)
    ys, xs = np.nonzero(dark)
    if ys.size > 250_000:  # enough for the statistics, keeps the search fast
        pick = np.random.default_rng(0).choice(ys.size, 250_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    return ys.astype(np.float64), xs.astype(np.float64), scale


def estimate_skew(gray: Image.Image, max_deg: float = 5.0) -> float:
    """Skew angle in degrees (positive = lines descend to the right), by projection profile.

    Dark pixels are sheared by each candidate angle and projected onto the vertical axis;
    text lines line up (a peaky histogram, large sum of squares) at the true angle. Coarse
    0.25 degree steps, then 0.05 around the best. Returns 0.0 on a page with too little ink.
    """
    ys, xs, _ = _ink_coordinates(gray)
    if ys.size < 500:
        return 0.0
    xs = xs - xs.mean()
    height = int(ys.max()) + 1

    def score(deg: float) -> float:
        shifted = ys - xs * math.tan(math.radians(deg))
        hist = np.bincount(np.clip(shifted - shifted.min(), 0, None).astype(np.int64),
                           minlength=height)
        return float(np.dot(hist.astype(np.float64), hist))

    coarse = np.arange(-max_deg, max_deg + 1e-9, 0.25)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    best = max(fine, key=score)
    return round(float(best), 2)


def rotate(image: Image.Image, degrees_ccw: float) -> Image.Image:
    """Rotate counter-clockwise; right angles are exact and swap the page's sides."""
    quarter = round(degrees_ccw) % 360
    if abs(degrees_ccw - round(degrees_ccw)) < 1e-9 and quarter in (0, 90, 180, 270):
        if quarter == 0:
            return image
        return image.transpose({90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
                                270: Image.Transpose.ROTATE_270}[quarter])
    fill = _WHITE if image.mode in ("L", "1") else (255,) * len(image.getbands())
    # Bilinear: as accurate as bicubic for OCR here and twice as fast (bench/RESULTS_ocr.md).
    return image.rotate(degrees_ccw, resample=Image.Resampling.BILINEAR, expand=False,
                        fillcolor=fill)


def ink_box(gray: Image.Image, margin_px: int) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the part of the page that holds ink, widened by
    ``margin_px``; the whole page when it is blank.

    Tesseract's binarisation and layout analysis cost grows with the page area, blank
    margins included, so OCR reads only this box. It is found on a copy reduced 4x, where a
    pen stroke stays grey but a lone speck of scan noise averages out to near white."""
    small = (gray if gray.mode == "L" else gray.convert("L")).reduce(_INK_REDUCE)
    box = small.point(lambda v: 255 if v < _INK_LEVEL else 0).getbbox()
    if box is None:
        return (0, 0, gray.width, gray.height)
    f = _INK_REDUCE
    return (max(0, box[0] * f - margin_px), max(0, box[1] * f - margin_px),
            min(gray.width, box[2] * f + margin_px), min(gray.height, box[3] * f + margin_px))


def background_spread(gray: Image.Image) -> float:
    """How much the paper's brightness varies across the page (0 = even light), 0..255."""
    background = _background(gray, full_size=False)
    arr = np.asarray(background, dtype=np.float64)
    return float(np.percentile(arr, 95) - np.percentile(arr, 5))


def _max_filter(arr: np.ndarray, size: int) -> np.ndarray:
    """Grey-level dilation with a size x size square, separably (PIL's MaxFilter is a
    rank filter and 50x slower)."""
    half = size // 2
    out = arr
    for axis in (0, 1):
        padded = np.pad(out, [(half, half) if a == axis else (0, 0) for a in (0, 1)], mode="edge")
        n = out.shape[axis]
        out = np.max([np.take(padded, range(k, k + n), axis=axis) for k in range(size)], axis=0)
    return out


def _background(gray: Image.Image, *, full_size: bool = True) -> Image.Image:
    """The paper without the ink: a max filter removes dark strokes, a blur smooths light."""
    factor = max(1, max(gray.size) // 400)
    small = gray.resize((max(1, gray.width // factor), max(1, gray.height // factor)),
                        Image.Resampling.BOX)
    dilated = Image.fromarray(_max_filter(np.asarray(small), 7), "L")
    background = dilated.filter(ImageFilter.GaussianBlur(6))
    return background.resize(gray.size, Image.Resampling.BILINEAR) if full_size else background


def flatten(gray: Image.Image, *, binarize: bool = False) -> Image.Image:
    """Divide by the blurred background so shaded paper becomes white; optionally Otsu."""
    arr = np.asarray(gray, dtype=np.float32)
    background = np.asarray(_background(gray), dtype=np.float32)
    out = np.clip(arr / np.maximum(background, 1.0) * 255.0, 0, 255).astype(np.uint8)
    if binarize:
        out = np.where(out > otsu_threshold(out), 255, 0).astype(np.uint8)
    return Image.fromarray(out, "L")


def prepare(image: Image.Image, settings: OcrSettings) -> Prepared:
    """Run the clean-up steps that apply to this image; see the module docstring."""
    dpi_xy = image_dpi(image, settings)
    bilevel = image.mode == "1"
    gray = to_gray(image)
    steps: list[str] = []
    if bilevel and settings.despeckle_bilevel:
        gray = gray.filter(ImageFilter.MedianFilter(3))
        steps.append("despeckle")
    if settings.fix_aspect:
        gray, dpi = square_pixels(gray, dpi_xy)
        if abs(dpi_xy[0] - dpi_xy[1]) / max(dpi_xy) >= 0.02:
            steps.append("square_pixels")
    else:
        dpi = dpi_xy[0]
    if dpi < settings.min_dpi:
        gray, dpi = upscale(gray, dpi, settings.upscale_dpi)
        steps.append("upscale")
    if bilevel and settings.bilevel_blur_px > 0:
        gray = gray.filter(ImageFilter.GaussianBlur(settings.bilevel_blur_px))
        steps.append("smooth")
    if not bilevel and background_spread(gray) > settings.flatten_background_spread:
        gray = flatten(gray, binarize=settings.binarize)
        steps.append("flatten")
    straight, skew = deskew(gray, settings)
    if skew:
        steps.append(f"deskew({skew:+.2f})")
    return Prepared(image=straight, dpi=dpi, steps=steps, skew_deg=skew,
                    unskewed=gray if skew else None)


def deskew(gray: Image.Image, settings: OcrSettings) -> tuple[Image.Image, float]:
    """The image straightened, and the angle it was turned (0.0: left as it was)."""
    if not settings.deskew:
        return gray, 0.0
    angle = estimate_skew(gray, settings.max_skew_deg)
    if abs(angle) < settings.min_skew_deg:
        return gray, 0.0
    return rotate(gray, angle), angle
