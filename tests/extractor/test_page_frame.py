"""Boxes of OCR'd pages land on the page as stored, not on the cleaned-up copy OCR read.

The expected places are found by drawing the box on a blank image and putting that image
through the same geometric steps, so the mapping is checked against Pillow, not against
its own arithmetic.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from credintake.extractor import preprocess
from credintake.extractor.page_frame import FileFrame
from credintake.pipeline import process_packet
from credintake.sample_docs import degrade
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings

DPI = 100.0
SIZE = (850, 1100)  # a letter page at 100 dpi: 612 x 792 points


def _box_pt(image: Image.Image, dpi: float = DPI) -> tuple[float, float, float, float]:
    """The dark pixels' bounding box, in points."""
    ys, xs = np.nonzero(np.asarray(image) < 128)
    k = 72.0 / dpi
    return (xs.min() * k, ys.min() * k, (xs.max() + 1) * k, (ys.max() + 1) * k)


def _centre(box: tuple[float, ...]) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


@pytest.mark.parametrize("quarter", [0, 90, 180, 270])
@pytest.mark.parametrize("skew", [0.0, 2.5, -3.0])
def test_box_maps_back_through_deskew_and_turn(skew: float, quarter: int) -> None:
    stored = Image.new("L", SIZE, 255)
    ImageDraw.Draw(stored).rectangle((120, 700, 359, 729), fill=0)  # a word-sized box
    expected = _box_pt(stored)
    ocr_frame = preprocess.rotate(preprocess.rotate(stored, skew), quarter)
    seen = _box_pt(ocr_frame)
    frame = FileFrame(width=SIZE[0] * 72 / DPI, height=SIZE[1] * 72 / DPI, skew_deg=skew,
                      quarter_ccw=quarter)
    mapped = frame.to_file(seen)
    cx, cy = _centre(mapped)
    ex, ey = _centre(expected)
    assert abs(cx - ex) < 1.5 and abs(cy - ey) < 1.5
    if not skew:  # a pure quarter turn maps exactly
        assert mapped == pytest.approx(expected, abs=0.01)


def test_no_frame_needed_for_a_straight_upright_page() -> None:
    frame = FileFrame(width=612, height=792)
    assert frame.to_file((10.0, 20.0, 30.0, 40.0)) == (10.0, 20.0, 30.0, 40.0)


def _mask(size: tuple[int, int], box_pt: tuple[float, ...], dpi: float) -> Image.Image:
    mask = Image.new("L", size, 255)
    k = dpi / 72.0
    ImageDraw.Draw(mask).rectangle([round(v * k) for v in box_pt], fill=0)
    mask.info["dpi"] = (dpi, dpi)
    return mask


def _turn(image: Image.Image, skew: float) -> Image.Image:
    """A crooked scan fed in upside down, without changing the page's size."""
    out = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    out = out.transpose(Image.Transpose.ROTATE_180)
    out.info["dpi"] = image.info["dpi"]
    return out


def test_upside_down_crooked_scan_boxes_point_at_the_value_on_the_stored_page(
        tmp_path: Path) -> None:
    rng = random.Random(5)
    doc = render_document("state_license", None, make_persona(rng, profession="MD"), rng)
    clean_dir, scan_dir = tmp_path / "clean", tmp_path / "scan"
    clean_dir.mkdir()
    scan_dir.mkdir()
    (clean_dir / "license.pdf").write_bytes(doc.pdf)
    page = next(degrade.render_pages(doc.pdf, 200))
    _turn(page, 2.0).save(scan_dir / "license.png", dpi=(200, 200))
    settings = Settings()
    clean = process_packet(clean_dir, as_of=date(2026, 11, 23), settings=settings)
    scan = process_packet(scan_dir, as_of=date(2026, 11, 23), settings=settings)
    number = doc.label["raw"]["license_number"]
    truth = clean.documents[0].fields["license_number"]
    read = scan.documents[0].fields["license_number"]
    assert truth.value == read.value == number
    expected = _box_pt(_turn(_mask(page.size, truth.bbox, 200), 2.0), 200)
    (rx, ry), (ex, ey) = _centre(read.bbox), _centre(expected)
    assert abs(rx - ex) < 4 and abs(ry - ey) < 4, (read.bbox, expected)

