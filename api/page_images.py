"""Page images for the review screens: one page of one stored file as PNG.

Renders with pypdfium2 for PDFs and Pillow for images and multi-page TIFFs, the kind
sniffed from the bytes as the readers do. Word files have no pages to show. The page is
shown as the file stores it, which is the frame of every extracted box (the pipeline maps
OCR boxes back from the deskewed, upright copy: ``extractor.page_frame``); an image's size
in points comes from the same resolution rule the OCR used (``preprocess.image_dpi``), so
a box in points lands on the same spot of the PNG.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps

from credintake.api.errors import UnsupportedTypeError
from credintake.errors import NotFoundError
from credintake.extractor.preprocess import image_dpi
from credintake.extractor.read import sniff
from credintake.settings import Settings


def render_png(name: str, data: bytes, page: int, dpi: int, settings: Settings) -> bytes:
    """PNG bytes of 1-based ``page`` of the file ``name`` at ``dpi``."""
    max_pixels = settings.limits.max_image_pixels
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
        Image.MAX_IMAGE_PIXELS = max_pixels
        src = Image.open(io.BytesIO(data))
        n = getattr(src, "n_frames", 1)
        if not 1 <= page <= n:
            raise NotFoundError(f"{name!r} has no page {page} (it has {n})")
        src.seek(page - 1)
        image = ImageOps.exif_transpose(src.convert("RGB") if src.mode not in ("1", "L", "RGB")
                                        else src.copy())
        xdpi, ydpi = _upright_dpi(src, image, settings)
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



def _upright_dpi(src: Image.Image, upright: Image.Image,
                 settings: Settings) -> tuple[float, float]:
    """The resolution the OCR used for this frame: the file's claim (axes swapped by an
    EXIF quarter turn, as ``extractor.read.image`` does) when the page size is plausible,
    else a letter page's 11 inches on the long side."""
    dpi = src.info.get("dpi")
    if dpi and src.getexif().get(0x0112, 1) in (5, 6, 7, 8):
        dpi = (dpi[1], dpi[0])
    if dpi:
        upright.info["dpi"] = dpi
    else:
        upright.info.pop("dpi", None)
    return image_dpi(upright, settings.ocr)
