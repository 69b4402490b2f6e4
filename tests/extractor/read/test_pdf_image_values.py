"""Text PDFs whose values are pictures (e-signature tools, pasted snips, "print to PDF" of
filled forms): the labels are text, each value a small image where its text would be.
Real reportlab pages, real Tesseract."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from credintake.extractor.read import read_file
from credintake.extractor.read.pdf import page_words
from credintake.extractor.read.pdf_images import image_regions
from credintake.settings import Settings

H = letter[1]
#: label, value, the value's font size in points
ROWS = [("License Number:", "RN-204411", 10), ("Issue Date:", "03/14/2019", 10),
        ("Expiration Date:", "03/31/2027", 10), ("Status:", "Active", 10),
        ("Profession:", "Registered Nurse", 10), ("Credits:", "1.5", 9),
        ("Email:", "jo.smith@clinic.org", 10), ("Hours:", "12", 10)]
DPI = 200


def _value_picture(text: str, size_pt: float, *, border: bool = False, mono: bool = False
                   ) -> tuple[Image.Image, float, float]:
    """``text`` as a snip at ``DPI``, a little white around it (and a cell's left border
    when ``border``); returns the picture and its size in points."""
    font = ImageFont.load_default(size=round(size_pt * DPI / 72))
    if mono:
        try:
            font = ImageFont.truetype("DejaVuSansMono.ttf", round(size_pt * DPI / 72))
        except OSError:
            pass
    left, top, right, bottom = font.getbbox(text)
    pad = round(4 * DPI / 72)
    image = Image.new("L", (right + 2 * pad + 6, round(size_pt * 1.5 * DPI / 72)), 255)
    draw = ImageDraw.Draw(image)
    draw.text((pad + 6, (image.height - bottom - top) // 2), text, fill=0, font=font)
    if border:
        draw.line([(1, 0), (1, image.height)], fill=0, width=3)
    return image, image.width * 72 / DPI, image.height * 72 / DPI


def _form_pdf(*, borders: bool = False, icon: bool = False, twice: bool = False) -> bytes:
    """A verification printout: labels as text, every value a picture beside its label."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(72, H - 60, "Board of Nursing - License Verification")
    y = H - 110
    for label, value, size in ROWS:
        c.setFont("Helvetica", 10)
        c.drawString(72, y, label)
        picture, w, h = _value_picture(value, size, border=borders, mono="@" in value)
        x = 72 + c.stringWidth(label, "Helvetica", 10) + 2
        c.drawImage(ImageReader(picture), x, y - h * 0.3, width=w, height=h)
        if twice:  # the same snip pasted a second time over the first
            c.drawImage(ImageReader(picture), x + 0.5, y - h * 0.3, width=w, height=h)
        y -= 24
    if icon:  # a square icon beside the heading holds no text to read
        square = Image.new("L", (60, 60), 255)
        ImageDraw.Draw(square).ellipse((5, 5, 55, 55), fill=0)
        c.drawImage(ImageReader(square), 40, H - 64, width=14, height=14)
    c.showPage()
    c.save()
    return buf.getvalue()


def _lines(pdf: bytes, settings: Settings | None = None) -> list[str]:
    (page,) = read_file("verify.pdf", pdf, settings or Settings()).pages
    assert page.error is None and page.ocr is False
    return [line.text for line in page.lines]


def test_pasted_values_are_read_beside_their_labels() -> None:
    lines = _lines(_form_pdf())
    for label, value, _ in ROWS:
        assert f"{label} {value}" in lines
    assert lines[0] == "Board of Nursing - License Verification"


def test_value_words_are_ocr_words_in_page_points_on_the_label_row() -> None:
    (page,) = read_file("verify.pdf", _form_pdf(), Settings()).pages
    label = next(w for w in page.words if w.text == "Expiration")
    date = next(w for w in page.words if w.text == "03/31/2027")
    assert 0.3 < date.conf < 1.0                       # OCR, less sure than the text layer
    assert label.x1 < date.x0 < date.x1 <= label.x1 + 90  # inside its picture
    assert (date.top, date.bottom) == (label.top, label.bottom)  # snapped to the label's row


def test_cell_borders_in_the_snip_are_not_read_as_characters() -> None:
    lines = _lines(_form_pdf(borders=True))
    for label, value, _ in ROWS:
        assert f"{label} {value}" in lines


def test_a_value_pasted_twice_is_read_once_and_icons_are_not_read() -> None:
    pdf = _form_pdf(twice=True, icon=True)
    (page,) = read_file("verify.pdf", pdf, Settings()).pages
    texts = [w.text for w in page.words]
    assert texts.count("RN-204411") == 1 and texts.count("03/31/2027") == 1
    assert all(w.x0 >= 60 for w in page.words)         # nothing read from the icon
    document = pdfium.PdfDocument(pdf)
    try:
        pdf_page = document[0]
        width, height = pdf_page.get_size()
        words = page_words(document, pdf_page, height)
        regions = image_regions(pdf_page, width, height, words, Settings().ocr)
        assert all(box[0] >= 60 for box in regions)    # the square icon is not a region
    finally:
        document.close()


def test_line_images_can_be_turned_off() -> None:
    settings = Settings()
    settings.ocr.image_regions_per_page = 0
    assert _lines(_form_pdf(), settings) == ["Board of Nursing - License Verification"] + \
        [label for label, _, _ in ROWS]
