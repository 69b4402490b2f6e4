"""Turn clean generated PDFs into the images real packets carry: scans, faxes, phone photos.

Every function takes already-rendered page images (``render_pages``) or PDF bytes plus a
seeded ``random.Random``, so the same seed gives the same bytes and a test can assert that
what was printed (the label) is read back from the degraded copy:

- ``scanned``: crooked (+-3 degrees), slightly blurred, noisy, 150-300 dpi, JPEG artefacts;
  saved as an image-only PDF (``image_pdf``), PNG or JPEG (``encode``).
- ``fax``: 1-bit at 204x98 ("standard") or 204x196 ("fine") dpi with streaks and specks;
  ``fax_tiff`` writes multi-page CCITT G4 TIFFs, ``fax_packet`` several documents behind a
  cover sheet in one TIFF.
- ``phone_photo``: mild perspective, uneven light, a desk around the page, JPEG whose
  pixels are stored sideways with an EXIF orientation tag that turns them upright.
- ``upside_down``: the page turned 180 degrees.
- ``values_as_images``: a born-digital PDF whose printed values (a pasted table, a
  signature block, a stamped number) are raster images in place of their text, as
  e-signature tools, pasted screenshots and "print to PDF" of filled forms make them.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from io import BytesIO

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw, ImageFilter, ImageFont

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points, origin top-left

FAX_X_DPI = 204
FAX_STANDARD_Y_DPI = 98
FAX_FINE_Y_DPI = 196


def render_pages(pdf: bytes, dpi: int = 300) -> Iterator[Image.Image]:
    """Greyscale page images of a PDF at ``dpi`` (``info['dpi']`` set), one at a time."""
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            image.info["dpi"] = (dpi, dpi)
            yield image
    finally:
        document.close()


def _dpi(image: Image.Image) -> float:
    return float(image.info.get("dpi", (300, 300))[0])


def _resample_to(image: Image.Image, dpi: float) -> Image.Image:
    src = _dpi(image)
    if abs(src - dpi) < 0.5:
        return image.copy()
    out = image.resize((round(image.width * dpi / src), round(image.height * dpi / src)),
                       Image.Resampling.LANCZOS)
    out.info["dpi"] = (dpi, dpi)
    return out


def _noise(image: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    arr = np.asarray(image, dtype=np.float32)
    noise = np.random.default_rng(rng.getrandbits(32)).normal(0.0, sigma, arr.shape)
    out = Image.fromarray(np.clip(arr + noise, 0, 255).astype(np.uint8), "L")
    out.info["dpi"] = image.info.get("dpi")
    return out


def _jpeg_roundtrip(image: Image.Image, quality: int) -> Image.Image:
    buf = BytesIO()
    image.save(buf, "JPEG", quality=quality)
    out = Image.open(BytesIO(buf.getvalue()))
    out.load()
    out.info["dpi"] = image.info.get("dpi")
    return out


def scanned(page: Image.Image, rng: random.Random, *, dpi: int | None = None,
            angle: float | None = None) -> Image.Image:
    """A flatbed scan: crooked, a little blurred and noisy, JPEG-compressed, 150-300 dpi."""
    dpi = dpi or rng.choice((150, 200, 240, 300))
    angle = rng.uniform(-3.0, 3.0) if angle is None else angle
    out = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.0)))
    out.info["dpi"] = page.info.get("dpi")
    out = _resample_to(out, dpi)
    out = _noise(out, rng, rng.uniform(4.0, 10.0))
    out = _jpeg_roundtrip(out, rng.randint(45, 80))
    out.info["dpi"] = (dpi, dpi)
    return out


def upside_down(page: Image.Image) -> Image.Image:
    out = page.transpose(Image.Transpose.ROTATE_180)
    out.info["dpi"] = page.info.get("dpi")
    return out


def fax(page: Image.Image, rng: random.Random, *, fine: bool = False) -> Image.Image:
    """A received fax page: 1-bit, 204 dpi across, 98 (standard) or 196 (fine) dpi down,
    with a few horizontal streaks and specks. ``info['dpi']`` is (204, 98|196)."""
    y_dpi = FAX_FINE_Y_DPI if fine else FAX_STANDARD_Y_DPI
    src = _dpi(page)
    gray = page.resize((round(page.width * FAX_X_DPI / src), round(page.height * y_dpi / src)),
                       Image.Resampling.LANCZOS)
    arr = np.asarray(gray, dtype=np.int16)
    local = np.random.default_rng(rng.getrandbits(32))
    arr = arr + local.normal(0, 18, arr.shape).astype(np.int16)
    bits = arr < rng.randint(140, 175)
    height, width = bits.shape
    for _ in range(rng.randint(1, 3)):  # a dirty sensor element: a broken vertical line
        col = int(local.integers(0, width))
        bits[:, col] |= local.random(height) < 0.7
    for _ in range(rng.randint(0, 2)):  # a transmission glitch: a short black burst
        row, start = int(local.integers(0, height)), int(local.integers(0, width // 2))
        bits[row, start:start + int(local.integers(width // 8, width // 2))] = True
    specks = local.random(bits.shape) < 0.0015
    bits |= specks
    out = Image.fromarray(np.where(bits, 0, 255).astype(np.uint8), "L").convert("1")
    out.info["dpi"] = (FAX_X_DPI, y_dpi)
    return out


def fax_tiff(pages: list[Image.Image]) -> bytes:
    """A multi-page CCITT G4 TIFF keeping each page's (x, y) resolution."""
    if not pages:
        raise ValueError("a fax needs at least one page")
    buf = BytesIO()
    dpi = pages[0].info.get("dpi", (FAX_X_DPI, FAX_STANDARD_Y_DPI))
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], compression="group4",
                  dpi=dpi)
    return buf.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def cover_sheet(rng: random.Random, total_pages: int, *, dpi: int = 300) -> Image.Image:
    """A fax cover sheet (its own page, no credential on it) at ``dpi``."""
    width, height = round(8.5 * dpi), round(11 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    big, small = _font(round(dpi * 0.45)), _font(round(dpi * 0.14))
    draw.text((dpi, dpi), "FAX", font=big, fill=0)
    sender = rng.choice(("Credentialing Office", "Medical Staff Services", "Provider Enrollment"))
    rows = [f"TO: {rng.choice(('Credentialing Department', 'CVO Intake', 'Enrollment Team'))}",
            f"FROM: {sender}",
            f"PAGES: {total_pages} (including cover)",
            "RE: Provider credentialing documents",
            "CONFIDENTIALITY NOTICE: This facsimile contains confidential information."]
    for i, row in enumerate(rows):
        draw.text((dpi, round(dpi * (2.0 + 0.45 * i))), row, font=small, fill=0)
    image.info["dpi"] = (dpi, dpi)
    return image


def fax_packet(pdfs: list[bytes], rng: random.Random, *, fine: bool = False,
               cover: bool = True) -> tuple[bytes, list[list[int]]]:
    """Several documents faxed as one TIFF; returns the TIFF and each document's 1-based
    pages (the cover sheet, when present, is page 1 and belongs to no document)."""
    pages: list[Image.Image] = []
    spans: list[list[int]] = []
    rendered = [list(render_pages(pdf, 200)) for pdf in pdfs]
    total = sum(len(r) for r in rendered) + (1 if cover else 0)
    if cover:
        pages.append(fax(cover_sheet(rng, total, dpi=200), rng, fine=fine))
    for doc_pages in rendered:
        start = len(pages) + 1
        pages.extend(fax(p, rng, fine=fine) for p in doc_pages)
        spans.append(list(range(start, len(pages) + 1)))
    return fax_tiff(pages), spans


def _perspective_coeffs(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """Coefficients for ``Image.transform(PERSPECTIVE)`` mapping output ``dst`` to input ``src``."""
    rows = []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=np.float64)
    b = np.array([c for pair in src for c in pair], dtype=np.float64)
    return list(np.linalg.solve(a, b))


def phone_photo(page: Image.Image, rng: random.Random, *, quarter_turn: bool = True) -> bytes:
    """A JPEG as a phone takes it: the page on a desk, slightly keystoned, lit from one side,
    stored sideways with EXIF Orientation 6 (viewers and ``exif_transpose`` turn it upright).
    The EXIF claims 72 dpi, as phones do."""
    margin = round(page.width * 0.06)
    width, height = page.width + 2 * margin, page.height + 2 * margin
    desk = Image.new("L", (width, height), rng.randint(70, 110))
    desk.paste(page, (margin, margin))
    jitter = lambda: rng.uniform(-0.025, 0.025) * page.width  # noqa: E731
    corners = [(margin + jitter(), margin + jitter()), (width - margin + jitter(), margin + jitter()),
               (width - margin + jitter(), height - margin + jitter()),
               (margin + jitter(), height - margin + jitter())]
    target = [(margin, margin), (width - margin, margin), (width - margin, height - margin),
              (margin, height - margin)]
    warped = desk.transform((width, height), Image.Transform.PERSPECTIVE,
                            _perspective_coeffs(target, corners), Image.Resampling.BICUBIC,
                            fillcolor=90)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    cx, cy = rng.uniform(0, width), rng.uniform(0, height)
    dist = np.hypot(xx - cx, yy - cy) / np.hypot(width, height)
    light = np.clip(1.0 - rng.uniform(0.45, 0.65) * dist, 0.35, 1.0)
    shaded = np.asarray(warped, dtype=np.float32) * light
    shaded = _noise(Image.fromarray(np.clip(shaded, 0, 255).astype(np.uint8), "L"), rng, 3.0)
    photo = shaded.convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 1
    if quarter_turn:  # sensor pixels sideways; Orientation 6 = rotate 90 clockwise to view
        photo = photo.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    buf = BytesIO()
    photo.save(buf, "JPEG", quality=rng.randint(80, 92), exif=exif.tobytes(), dpi=(72, 72))
    return buf.getvalue()


def encode(image: Image.Image, fmt: str, *, quality: int = 85) -> bytes:
    """PNG or JPEG bytes carrying the image's DPI."""
    buf = BytesIO()
    dpi = image.info.get("dpi")
    kwargs: dict[str, object] = {"dpi": tuple(round(d) for d in dpi)} if dpi else {}
    if fmt.upper() in ("JPEG", "JPG"):
        image.convert("L" if image.mode in ("1", "L") else "RGB").save(buf, "JPEG", quality=quality, **kwargs)
    else:
        image.save(buf, "PNG", **kwargs)
    return buf.getvalue()


def image_pdf(pages: list[Image.Image]) -> bytes:
    """An image-only PDF (no text layer), each page at its own resolution, JPEG-encoded."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    buf = BytesIO()
    first = pages[0].convert("L")
    dpi = float(pages[0].info.get("dpi", (300, 300))[0])
    first.save(buf, "PDF", save_all=True, resolution=dpi,
               append_images=[p.convert("L") for p in pages[1:]])
    return buf.getvalue()


def values_as_images(pdf: bytes, regions: dict[int, list[Box]], rng: random.Random
                     ) -> tuple[bytes, dict[int, list[Box]]]:
    """``pdf`` with each region of ``regions`` (0-based page index -> boxes) drawn as a raster
    image and its text taken out of the text layer; the rest of the page is untouched.
    Returns the new PDF and the boxes of the pictures placed on each page.

    A region grows to whole text objects (a value printed in one run with its label or
    inside a sentence goes into the picture with them: a pasted line never cuts a word), and
    regions that then touch are merged into one picture (a pasted table). Each picture is
    the original page's pixels in that box at 150-300 dpi, sometimes blurred a little and
    sometimes JPEG-compressed, placed exactly where the text was."""
    document = pdfium.PdfDocument(pdf)
    placed: dict[int, list[Box]] = {}
    try:
        for index in sorted(regions):
            page = document[index]
            try:
                placed[index] = _paste_over(document, page, regions[index], rng)
            finally:
                page.close()
        buf = BytesIO()
        document.save(buf)
        return _fixed_id(buf.getvalue()), placed
    finally:
        document.close()


_TRAILER_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def _fixed_id(pdf: bytes) -> bytes:
    """pdfium writes a random file identifier on every save: both halves are replaced by a
    digest of the bytes before them, same length, so the offsets still hold and the same
    seed gives the same bytes."""
    def fixed(m: re.Match[bytes]) -> bytes:
        digest = hashlib.md5(pdf[:m.start()], usedforsecurity=False).hexdigest().upper()
        first = (digest * 4)[:len(m.group(1))].encode()
        second = (digest[::-1] * 4)[:len(m.group(2))].encode()
        return m.group(0).replace(m.group(1), first, 1).replace(m.group(2), second, 1)
    return _TRAILER_ID.sub(fixed, pdf)


def _paste_over(document: pdfium.PdfDocument, page: pdfium.PdfPage, boxes: list[Box],
                rng: random.Random) -> list[Box]:
    """Paste ``boxes`` (grown and merged) over ``page``; returns the pictures' boxes."""
    width, height = page.get_size()
    texts = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        texts.append((obj, (left, height - top, right, height - bottom)))
    grown = [_grow(box, [b for _, b in texts]) for box in boxes]
    merged = _merge(grown, [b for _, b in texts])
    merged = [(max(0.0, x0), max(0.0, t), min(width, x1), min(height, b))
              for x0, t, x1, b in merged]
    pictures = [(_picture(page, box, width, height, rng), box) for box in merged]
    for obj, bounds in texts:
        if any(meets(bounds, box) for box in merged):
            page.remove_obj(obj)
            obj.close()
    for data, box in pictures:
        image = pdfium.PdfImage.new(document)
        if data[:2] == b"\xff\xd8":
            image.load_jpeg(BytesIO(data), pages=[page], inline=False)
        else:
            with Image.open(BytesIO(data)) as pil:
                bitmap = pdfium.PdfBitmap.from_pil(pil.convert("RGB"))
            image.set_bitmap(bitmap, pages=[page])
            bitmap.close()
        x0, top, x1, bottom = box
        image.set_matrix(pdfium.PdfMatrix().scale(x1 - x0, bottom - top)
                         .translate(x0, height - bottom))
        page.insert_obj(image)
    page.gen_content()
    return merged


def meets(a: Box, b: Box) -> bool:
    """The two boxes overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _grow(box: Box, texts: list[Box]) -> Box:
    """``box`` widened to every text object it touches, until it touches no new one."""
    for _ in range(8):
        grown = box
        for other in texts:
            if meets(grown, other):
                grown = _union(grown, other)
        if grown == box:
            break
        box = grown
    return box


def _merge(boxes: list[Box], texts: list[Box]) -> list[Box]:
    """Boxes that overlap become one (grown again to the text objects it then touches)."""
    boxes = list(boxes)
    changed = True
    while changed:
        changed = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                if meets(boxes[i], boxes[j]):
                    boxes[i] = _grow(_union(boxes[i], boxes[j]), texts)
                    del boxes[j]
                    changed = True
                    break
            if changed:
                break
    return boxes


def _picture(page: pdfium.PdfPage, box: Box, width: float, height: float,
             rng: random.Random) -> bytes:
    """The page's pixels inside ``box`` as PNG or JPEG bytes, at a random 150-300 dpi."""
    dpi = rng.choice((150, 200, 240, 300))
    x0, top, x1, bottom = box
    bitmap = page.render(scale=dpi / 72, crop=(x0, height - bottom, width - x1, top))
    try:
        image = bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()
    if rng.random() < 0.3:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
    buf = BytesIO()
    if rng.random() < 0.5:
        image.save(buf, "JPEG", quality=rng.randint(60, 90), dpi=(dpi, dpi))
    else:
        image.save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()
