"""OCR of degraded copies of generated documents: the printed values are read back.

Few pages on purpose (the test machine's cores are shared): one clean page, one crooked
scan, one upside-down page, one phone photo, one two-page fax. Tesseract failures are
injected at the declared seam (``pytesseract.pytesseract.tesseract_cmd``).
"""

from __future__ import annotations

import io
import random
import stat
from collections import Counter
from pathlib import Path

import pdfplumber
import pytesseract
import pytest
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from credintake.extractor import preprocess
from credintake.extractor.layout import Page
from credintake.extractor.ocr import ocr_page, ocr_page_image
from credintake.extractor.read import read_file
from credintake.sample_docs import degrade
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings


def _generated_license() -> tuple[bytes, dict]:
    """A state license wall certificate from the sample generator, and its label."""
    rng = random.Random(11)
    doc = render_document("state_license", "state_license/wall_certificate",
                          make_persona(rng, profession="MD"), rng)
    return doc.pdf, doc.label


def _compact(text: str) -> str:
    return "".join(text.split()).upper()


def _reads(page: Page, value: str) -> bool:
    return _compact(value) in _compact(page.text)


@pytest.fixture(scope="module")
def document() -> tuple[bytes, dict]:
    return _generated_license()


@pytest.fixture(scope="module")
def clean_page(document: tuple[bytes, dict]) -> Image.Image:
    return next(degrade.render_pages(document[0], 300))


@pytest.fixture(scope="module")
def license_number(document: tuple[bytes, dict]) -> str:
    return document[1]["raw"]["license_number"]


def test_clean_page_words_are_in_page_points(document: tuple[bytes, dict], clean_page: Image.Image,
                                             license_number: str) -> None:
    page = ocr_page_image(clean_page, file="lic.png", number=1, settings=Settings())
    assert (page.ocr, page.error, round(page.width), round(page.height)) == (True, None, 612, 792)
    assert _reads(page, license_number)
    assert page.text_confidence is not None and page.text_confidence > 0.85
    assert page.text_confidence == pytest.approx(sum(w.conf for w in page.words) / len(page.words), abs=1e-3)
    # the box of the license number matches where the PDF drew it
    token = max(license_number.split(), key=len)
    ocr_word = next(w for w in page.words if token in w.text)
    with pdfplumber.open(io.BytesIO(document[0])) as pdf:
        pdf_word = next(w for w in pdf.pages[0].extract_words() if token in w["text"])
    assert ocr_word.x0 == pytest.approx(pdf_word["x0"], abs=4)
    assert ocr_word.top == pytest.approx(pdf_word["top"], abs=4)
    assert ocr_word.bottom == pytest.approx(pdf_word["bottom"], abs=4)


def test_crooked_low_resolution_scan_reads_the_license_number(clean_page: Image.Image,
                                                              license_number: str) -> None:
    scan = degrade.scanned(clean_page, random.Random(5), dpi=150, angle=2.5)
    out = read_file("scan.jpg", degrade.encode(scan, "JPEG", quality=70), Settings())
    assert out.problems == []
    (page,) = out.pages
    assert _reads(page, license_number)
    assert page.width == pytest.approx(scan.width * 72 / 150, abs=1)


def test_upside_down_page_reads_the_same_after_orientation(document: tuple[bytes, dict],
                                                           clean_page: Image.Image,
                                                           license_number: str) -> None:
    flipped = degrade.upside_down(clean_page)
    page, steps = ocr_page(flipped, file="u.png", number=1, settings=Settings())
    assert "orientation(180)" in steps
    assert _reads(page, license_number)
    assert page.text_confidence is not None and page.text_confidence > 0.85
    with pdfplumber.open(io.BytesIO(document[0])) as pdf:
        printed = Counter(w["text"].upper() for w in pdf.pages[0].extract_words())
    read = Counter(w.text.upper() for w in page.words)
    found = sum(min(n, read[word]) for word, n in printed.items())
    assert found >= 0.9 * sum(printed.values())  # the same words as the text layer


def test_phone_photo_with_exif_orientation(document: tuple[bytes, dict], license_number: str) -> None:
    photo = degrade.phone_photo(next(degrade.render_pages(document[0], 200)), random.Random(2))
    raw = Image.open(io.BytesIO(photo))
    assert raw.getexif()[0x0112] == 6 and raw.width > raw.height  # stored sideways
    out = read_file("IMG_0001.jpg", photo, Settings())
    (page,) = out.pages
    assert page.height > page.width  # upright portrait after exif_transpose
    assert _reads(page, license_number)


def test_fax_tiff_with_cover_sheet_yields_each_page(document: tuple[bytes, dict],
                                                    license_number: str) -> None:
    tiff, spans = degrade.fax_packet([document[0]], random.Random(3), fine=True)
    assert spans == [[2]]
    with Image.open(io.BytesIO(tiff)) as im:
        assert (im.n_frames, im.mode, im.info["compression"]) == (2, "1", "group4")
    out = read_file("fax.tif", tiff, Settings())
    assert out.problems == []
    assert [p.number for p in out.pages] == [1, 2]
    assert all(p.width == pytest.approx(612, abs=2) and p.height == pytest.approx(792, abs=2)
               for p in out.pages)
    assert "FAX" in out.pages[0].text and not _reads(out.pages[0], license_number)
    assert _reads(out.pages[1], license_number)


@pytest.fixture
def fake_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Install a shell script as Tesseract; returns a function writing its body."""
    pytesseract.get_tesseract_version(cached=True)  # version known before the swap
    script = tmp_path / "tesseract"

    def install(body: str) -> Path:
        script.write_text("#!/bin/sh\n" + body + "\n")
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(script))
        return script

    return install


def test_tesseract_crash_marks_the_page_and_runs_single_threaded(fake_tesseract, tmp_path: Path) -> None:  # noqa: ANN001
    env_file = tmp_path / "env.txt"
    fake_tesseract(f'echo "$OMP_THREAD_LIMIT" > {env_file}\nkill -ABRT $$')
    page = ocr_page_image(Image.new("L", (850, 1100), 255), file="x.png", number=3, settings=Settings())
    assert page.number == 3 and page.words == []
    assert page.error is not None and "OCR engine failed" in page.error
    assert env_file.read_text().strip() == "1"


def test_tesseract_timeout_marks_the_page(fake_tesseract) -> None:  # noqa: ANN001
    fake_tesseract("exec sleep 5")
    settings = Settings()
    settings.ocr.page_timeout_s = 1.0
    page = ocr_page_image(Image.new("L", (850, 1100), 255), file="x.png", number=1, settings=settings)
    assert page.error is not None and "page time limit (1 s)" in page.error


def test_missing_tesseract_is_a_page_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pytesseract.get_tesseract_version(cached=True)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    page = ocr_page_image(Image.new("L", (850, 1100), 255), file="x.png", number=1, settings=Settings())
    assert page.error is not None and "not installed" in page.error


def test_image_only_pdf_scan_is_ocred_through_the_pdf_reader(clean_page: Image.Image,
                                                             license_number: str) -> None:
    scan = degrade.scanned(clean_page, random.Random(8), dpi=200, angle=-1.5)
    data = degrade.image_pdf([scan])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].extract_text() == ""  # no text layer at all
    out = read_file("scan.pdf", data, Settings())
    assert out.problems == []
    (page,) = out.pages
    assert page.ocr and _reads(page, license_number)
    assert page.width == pytest.approx(scan.width * 72 / 200, abs=2)


def test_ocr_of_the_inked_part_gives_the_whole_page_boxes() -> None:
    """``ocr.crop_to_ink``: Tesseract reads only the text block, the boxes still refer to
    the whole page, and nothing is read differently."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica", 12)
    for i, line in enumerate(("DEA Registration FB1234563", "Schedules 2 2N 3 3N 4 5",
                              "Expires 06/30/2027")):
        c.drawString(300, 300 - 18 * i, line)
    c.showPage()
    c.save()
    image = next(degrade.render_pages(buf.getvalue(), 300))
    assert preprocess.ink_box(image.convert("L"), 60)[:2] > (1000, 2000)  # a real crop
    cropped = ocr_page_image(image, file="p.png", number=1, settings=Settings())
    whole = ocr_page_image(image, file="p.png", number=1,
                           settings=Settings(ocr={"crop_to_ink": False}))
    assert [w.text for w in cropped.words] == [w.text for w in whole.words]
    assert "FB1234563" in cropped.text
    for a, b in zip(cropped.words, whole.words):
        assert (a.x0, a.top, a.x1, a.bottom) == pytest.approx((b.x0, b.top, b.x1, b.bottom), abs=0.5)
    assert cropped.words[0].x0 == pytest.approx(300, abs=3)
