"""Image clean-up steps on rendered pages: each step measured by what it changes (no OCR)."""

from __future__ import annotations

import io
import random

import numpy as np
import pytest
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from credintake.extractor import preprocess
from credintake.sample_docs import degrade
from credintake.settings import OcrSettings


@pytest.fixture(scope="module")
def page() -> Image.Image:
    """A letter page of ordinary text at 150 dpi (small, enough lines for a skew estimate)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica", 11)
    for i in range(30):
        c.drawString(72, 720 - 20 * i, f"Line {i}: Physician and Surgeon license A{123456 + i} expires 06/30/2027")
    c.showPage()
    c.save()
    return next(degrade.render_pages(buf.getvalue(), 150))


@pytest.mark.parametrize("angle", [2.0, -3.0, 0.8])
def test_estimate_skew_finds_the_scan_angle(page: Image.Image, angle: float) -> None:
    crooked = preprocess.rotate(page, angle)  # counter-clockwise: lines rise to the right
    assert preprocess.estimate_skew(crooked) == pytest.approx(-angle, abs=0.15)


def test_estimate_skew_of_a_straight_page_is_zero(page: Image.Image) -> None:
    assert abs(preprocess.estimate_skew(page)) < 0.1
    assert preprocess.estimate_skew(Image.new("L", (800, 1000), 255)) == 0.0


def test_prepare_straightens_a_crooked_page(page: Image.Image) -> None:
    crooked = preprocess.rotate(page, 2.5)
    crooked.info["dpi"] = (150, 150)
    prepared = preprocess.prepare(crooked, OcrSettings())
    assert any(s.startswith("deskew(-2.5") or s.startswith("deskew(-2.4") for s in prepared.steps)
    assert abs(preprocess.estimate_skew(prepared.image)) < 0.15


def test_fax_pixels_are_made_square_then_kept_at_204_dpi(page: Image.Image) -> None:
    fax = degrade.fax(page, random.Random(1))
    assert fax.mode == "1" and fax.info["dpi"] == (204, 98)
    prepared = preprocess.prepare(fax, OcrSettings())
    assert prepared.steps[:2] == ["square_pixels", "smooth"]
    assert prepared.dpi == 204
    assert len(np.unique(np.asarray(prepared.image))) > 50  # grey edges for Tesseract
    # 8.5 x 11 inches at 204 dpi both ways
    assert prepared.image.size == pytest.approx((round(8.5 * 204), round(11 * 204)), abs=3)


def test_low_resolution_is_upscaled_to_300_dpi(page: Image.Image) -> None:
    small = page.resize((page.width * 2 // 3, page.height * 2 // 3))  # 100 dpi
    small.info["dpi"] = (100, 100)
    prepared = preprocess.prepare(small, OcrSettings())
    assert "upscale" in prepared.steps and prepared.dpi == 300
    assert prepared.image.width == pytest.approx(8.5 * 300, abs=3)


def test_implausible_dpi_is_replaced_by_a_letter_page_guess() -> None:
    photo = Image.new("L", (2400, 3200), 255)
    photo.info["dpi"] = (72, 72)  # what phones write: a 44-inch page
    assert preprocess.image_dpi(photo, OcrSettings()) == pytest.approx((3200 / 11, 3200 / 11))
    scan = Image.new("L", (1700, 2200), 255)
    scan.info["dpi"] = (200, 200)
    assert preprocess.image_dpi(scan, OcrSettings()) == (200, 200)


def test_flatten_evens_out_shading_and_keeps_ink_dark(page: Image.Image) -> None:
    arr = np.asarray(page, dtype=np.float32)
    ramp = np.linspace(1.0, 0.45, arr.shape[1], dtype=np.float32)[None, :]
    shaded = Image.fromarray((arr * ramp).astype(np.uint8), "L")
    assert preprocess.background_spread(shaded) > 60
    flat = preprocess.flatten(shaded)
    assert preprocess.background_spread(flat) < 15
    ink = np.asarray(page) < 100
    assert np.asarray(flat)[ink].mean() < 110
    prepared = preprocess.prepare(shaded, OcrSettings())
    assert "flatten" in prepared.steps


def test_otsu_splits_ink_from_paper() -> None:
    values = np.concatenate([np.full(900, 235, np.uint8), np.full(100, 30, np.uint8)])
    assert 30 <= preprocess.otsu_threshold(values) < 235


def test_prepare_never_changes_its_input(page: Image.Image) -> None:
    before = page.tobytes()
    preprocess.prepare(preprocess.rotate(page, 1.5), OcrSettings())
    preprocess.prepare(page, OcrSettings())
    assert page.tobytes() == before


def test_ink_box_holds_every_dark_pixel_and_leaves_blank_margins_out(page: Image.Image) -> None:
    gray = preprocess.to_gray(page)
    left, top, right, bottom = preprocess.ink_box(gray, margin_px=10)
    dark_rows, dark_cols = np.nonzero(np.asarray(gray) < 128)
    assert (left, top) <= (dark_cols.min(), dark_rows.min())
    assert (right, bottom) > (dark_cols.max(), dark_rows.max())
    # the text block sits in the upper part of the page: most of the page is left out
    assert (right - left) * (bottom - top) < 0.75 * gray.width * gray.height


def test_ink_box_of_a_blank_page_is_the_page_and_ignores_a_lone_speck() -> None:
    blank = Image.new("L", (1275, 1650), 255)
    assert preprocess.ink_box(blank, margin_px=30) == (0, 0, 1275, 1650)
    specked = blank.copy()
    specked.putpixel((5, 5), 0)
    specked.paste(0, (600, 700, 640, 712))  # one dash of ink
    assert preprocess.ink_box(specked, margin_px=30) == (570, 670, 670, 742)
