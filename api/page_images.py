"""Page images for the review screens: one page of one stored file as PNG.

Uses ``credintake.extractor.render.render_page`` when the extractor provides it, so the
reviewer sees exactly what OCR saw; otherwise renders here (pypdfium2 for PDFs, Pillow for
images and multi-page TIFFs). Word files have no pages to show.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from credintake.api.errors import UnsupportedTypeError
from credintake.errors import NotFoundError

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def render_png(name: str, data: bytes, page: int, dpi: int, max_pixels: int) -> bytes:
    """PNG bytes of 1-based ``page`` of the file ``name`` at ``dpi``."""
    try:
        from credintake.extractor.render import render_page  # type: ignore[import-not-found]
    except ImportError:
        render_page = None
    if render_page is not None:
        try:
            return render_page(name, data, page, dpi)  # type: ignore[no-any-return]
        except (IndexError, KeyError) as exc:
            raise NotFoundError(f"{name!r} has no page {page}") from exc
    return _render(name, data, page, dpi, max_pixels)


def _render(name: str, data: bytes, page: int, dpi: int, max_pixels: int) -> bytes:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        try:
            if not 1 <= page <= len(pdf):
                raise NotFoundError(f"{name!r} has no page {page} (it has {len(pdf)})")
            pg = pdf[page - 1]
            try:
                w, h = pg.get_size()
                scale = dpi / 72.0
                if w * h * scale * scale > max_pixels:
                    scale = (max_pixels / (w * h)) ** 0.5
                bitmap = pg.render(scale=scale)
                image = bitmap.to_pil()
            finally:
                pg.close()
        finally:
            pdf.close()
    elif suffix in IMAGE_SUFFIXES:
        from PIL import Image, ImageOps

        Image.MAX_IMAGE_PIXELS = max_pixels
        src = Image.open(io.BytesIO(data))
        n = getattr(src, "n_frames", 1)
        if not 1 <= page <= n:
            raise NotFoundError(f"{name!r} has no page {page} (it has {n})")
        src.seek(page - 1)
        xdpi, ydpi = _image_dpi(src)
        image = ImageOps.exif_transpose(src.convert("RGB") if src.mode not in ("1", "L", "RGB")
                                        else src.copy())
        # one scale for every file type: PNG pixels = page points x dpi / 72, which also
        # undoes a fax's 204x98 dpi aspect so boxes in page points land where they belong
        w = max(1, round(image.width / xdpi * dpi))
        h = max(1, round(image.height / ydpi * dpi))
        if w * h > max_pixels:
            f = (max_pixels / (w * h)) ** 0.5
            w, h = max(1, int(w * f)), max(1, int(h * f))
        if (w, h) != image.size:
            image = image.convert("L" if image.mode == "1" else image.mode).resize(
                (w, h), Image.Resampling.LANCZOS)
    else:
        raise UnsupportedTypeError(f"{name!r}: no page image for this file type")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _image_dpi(img: object) -> tuple[float, float]:
    """The image's (x, y) dpi; 200 when missing or absurd (phone photos say 72)."""
    raw = getattr(img, "info", {}).get("dpi")
    try:
        x, y = float(raw[0]), float(raw[1])  # type: ignore[index]
    except (TypeError, ValueError, IndexError):
        return 200.0, 200.0
    if not (50 <= x <= 1200 and 50 <= y <= 1200) or x <= 72 and y <= 72:
        return 200.0, 200.0
    return x, y
