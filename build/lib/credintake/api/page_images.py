"""Page images for the review screens: one page of one stored file as PNG.

Renders with pypdfium2 for PDFs and Pillow for images and multi-page TIFFs, the kind
sniffed from the bytes as the readers do. Word files have no pages to show. OCR boxes refer
to the page as cleaned up for OCR (deskewed, turned upright); showing that exact image is
left to the review screens' work.
"""

from __future__ import annotations

import io

from credintake.api.errors import UnsupportedTypeError
from credintake.errors import NotFoundError
from credintake.extractor.read import sniff


def render_png(name: str, data: bytes, page: int, dpi: int, max_pixels: int) -> bytes:
    """PNG bytes of 1-based ``page`` of the file ``name`` at ``dpi``."""
    kind = sniff(data)
    if kind == "pdf":
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
    elif kind in ("png", "jpeg", "tiff"):
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
