"""Pages turned 90 / 270 degrees (no EXIF to undo it) are turned upright before reading.

Tesseract reads a sideways page confidently as vertical words, so the confidence gate
alone never asked OSD (bench/RESULTS_conditions.md: field F1 0.27 on 270-degree scans).
"""

from __future__ import annotations

import random

from PIL import Image

from credintake.extractor.layout import Word
from credintake.extractor.ocr import _mostly_sideways, ocr_page
from credintake.sample_docs import degrade
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings


def _word(text: str, width: float, height: float) -> Word:
    return Word(text=text, x0=100.0, top=100.0, x1=100.0 + width, bottom=100.0 + height)


def test_vertical_words_mean_sideways() -> None:
    flat = [_word("License", 40, 10) for _ in range(8)]
    tall = [_word("License", 10, 40) for _ in range(8)]
    assert not _mostly_sideways(flat)
    assert _mostly_sideways(tall)
    assert not _mostly_sideways(tall[:3] + flat)  # a rotated stamp on an upright page
    assert not _mostly_sideways([_word("I", 3, 10)] * 20 + tall[:4])  # too few long words


def test_page_turned_270_degrees_is_read_upright() -> None:
    rng = random.Random(11)
    doc = render_document("state_license", "state_license/wall_certificate",
                          make_persona(rng, profession="MD"), rng)
    page = next(degrade.render_pages(doc.pdf, 200))
    sideways = page.transpose(Image.Transpose.ROTATE_270)
    sideways.info["dpi"] = (200, 200)
    read, steps = ocr_page(sideways, file="s.png", number=1, settings=Settings())
    assert any(s.startswith("orientation(") for s in steps)
    text = "".join(read.text.split()).upper()
    assert "".join(doc.label["raw"]["license_number"].split()).upper() in text
    # lines run across the page again: the holder's name is one line, not one word per line
    holder = doc.label["raw"]["holder_name"].upper()
    assert any(holder in line.text.upper() for line in read.lines)


def test_crooked_page_turned_sideways_is_deskewed_after_turning() -> None:
    """A 2-degree scan lying on its side: the skew measured across its vertical lines is
    meaningless, so the page is measured again once upright (ocr._turn_upright)."""
    rng = random.Random(4)
    doc = render_document("cme_certificate", "cme_certificate/online_module",
                          make_persona(rng, profession="NP"), rng)
    page = degrade.scanned(next(degrade.render_pages(doc.pdf, 300)), rng, dpi=300, angle=2.0)
    sideways = page.transpose(Image.Transpose.ROTATE_90)
    sideways.info["dpi"] = (300, 300)
    read, steps = ocr_page(sideways, file="s.png", number=1, settings=Settings())
    assert "orientation(270)" in steps
    assert read.frame is not None and read.frame.quarter_ccw == 270
    assert abs(read.frame.skew_deg + 2.0) < 0.3  # the scan's own angle, undone
    holder = doc.label["raw"]["holder_name"].upper()
    assert any(holder in line.text.upper() for line in read.lines), [l.text for l in read.lines]
