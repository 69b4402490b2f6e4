"""Page PNGs for review share the extracted boxes' frame: a box in points lands on its ink."""

from __future__ import annotations

import io
import random
from datetime import date
from pathlib import Path

import numpy as np
from PIL import Image

from credintake.api.page_images import render_png
from credintake.pipeline import process_packet
from credintake.sample_docs import degrade
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings


def _png(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_photo_claiming_72_dpi_is_sized_as_the_ocr_sized_it() -> None:
    """A 2550 x 3300 px photo "at 72 dpi" would be a 35 x 46 inch page; OCR takes the long
    side as 11 inches (300 dpi), so the PNG at 100 dpi must be 850 x 1100 px."""
    buf = io.BytesIO()
    Image.new("L", (2550, 3300), 255).save(buf, "PNG", dpi=(72, 72))
    png = _png(render_png("photo.png", buf.getvalue(), 1, 100, Settings()))
    assert png.size == (850, 1100)


def test_fax_resolution_is_squared() -> None:
    buf = io.BytesIO()
    Image.new("1", (1728, 1078), 1).save(buf, "TIFF", compression="group4", dpi=(204, 98))
    png = _png(render_png("fax.tif", buf.getvalue(), 1, 100, Settings()))
    assert png.size == (round(1728 / 204 * 100), round(1078 / 98 * 100))


def test_box_of_an_upside_down_scan_lands_on_ink_in_the_page_image(tmp_path: Path) -> None:
    rng = random.Random(8)
    doc = render_document("dea_registration", None, make_persona(rng, profession="MD"), rng)
    page = next(degrade.render_pages(doc.pdf, 200))
    turned = page.rotate(1.5, resample=Image.Resampling.BICUBIC, fillcolor=255).transpose(
        Image.Transpose.ROTATE_180)
    turned.save(tmp_path / "dea.png", dpi=(200, 200))
    result = process_packet(tmp_path, as_of=date(2026, 11, 23), settings=Settings())
    value = result.documents[0].fields["dea_number"]
    assert value.value == doc.label["raw"]["dea_number"]
    png = _png(render_png("dea.png", (tmp_path / "dea.png").read_bytes(), 1, 100, Settings()))
    k = 100 / 72
    x0, y0, x1, y1 = (round(v * k) for v in value.bbox)
    inside = np.asarray(png.convert("L").crop((x0, y0, x1, y1)))
    assert (inside < 128).mean() > 0.08  # the number's strokes, not blank paper
    x_off = x1 - x0 + 20  # the same box moved right of the number: mostly paper
    beside = np.asarray(png.convert("L").crop((x0 + x_off, y0, x1 + x_off, y1)))
    assert (inside < 128).mean() > 2 * (beside < 128).mean()
