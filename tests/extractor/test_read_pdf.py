"""The PDF text-layer reader on real reportlab PDFs, and its failure modes."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from credintake.extractor.read import read_file, sniff
from credintake.settings import Settings


def _pdf(pages: list[list[tuple[float, float, str]]], **kw: object) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1, **kw)
    for page in pages:
        c.setFont("Helvetica", 11)
        for x, y, text in page:
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_words_have_top_left_boxes_in_points() -> None:
    data = _pdf([[(72, 700, "License No.: A123456"), (72, 680, "Expires March 31, 2027")]])
    out = read_file("lic.pdf", data, Settings())
    assert out.problems == []
    (page,) = out.pages
    assert (page.number, page.ocr, round(page.width), round(page.height)) == (1, False, 612, 792)
    assert [line.text for line in page.lines] == ["License No.: A123456", "Expires March 31, 2027"]
    word = next(w for w in page.words if w.text == "A123456")
    assert 72 < word.x0 < word.x1 < 300
    assert 792 - 700 - 12 < word.top < word.bottom < 792 - 700 + 4


def test_text_layer_mojibake_is_repaired_for_every_extractor() -> None:
    """Resume builders' text layers hold UTF-8 misread as cp1252: an en dash as "â€“", a
    fullwidth comma whose continuation byte was lost as a lone "ï¼"."""
    data = _pdf([[(72, 700, "Staff Nurse 06/2017 â€“ 08/2022"),
                  (72, 680, "Company Name ï¼ City , State"),
                  (72, 660, "José María Café Street Clinic")]], )
    lines = [line.text for line in read_file("cv.pdf", data, Settings()).pages[0].lines]
    assert lines == ["Staff Nurse 06/2017 – 08/2022", "Company Name City , State",
                     "José María Café Street Clinic"]


def test_each_page_is_numbered() -> None:
    data = _pdf([[(72, 700, f"page {i} has enough text to count as a text layer")] for i in range(3)])
    pages = read_file("multi.pdf", data, Settings()).pages
    assert [p.number for p in pages] == [1, 2, 3]
    assert pages[2].text.startswith("page 2")


def test_page_limit_marks_extra_pages_unread() -> None:
    data = _pdf([[(72, 700, f"page {i} has enough text to count as a text layer")] for i in range(3)])
    settings = Settings()
    settings.limits.max_pages_per_file = 2
    out = read_file("big.pdf", data, settings)
    assert [p.page for p in out.problems] == [3]
    assert [p.number for p in out.pages if not p.error] == [1, 2]
    assert "2-page limit" in out.problems[0].reason


def test_encrypted_pdf_is_a_clear_problem() -> None:
    data = _pdf([[(72, 700, "secret text of a license document")]], encrypt="s3cret")
    out = read_file("locked.pdf", data, Settings())
    assert out.pages == []
    assert "password-protected" in out.problems[0].reason


def test_truncated_pdf_is_a_clear_problem() -> None:
    data = _pdf([[(72, 700, "some license text here for the reader")]])
    out = read_file("cut.pdf", data[: len(data) // 3], Settings())
    assert out.problems and "damaged or truncated" in out.problems[0].reason


def test_wrong_content_and_empty_files() -> None:
    assert "0 bytes" in read_file("e.pdf", b"", Settings()).problems[0].reason
    assert "not a PDF" in read_file("x.pdf", b"GIF89a....", Settings()).problems[0].reason
    assert sniff(b"%PDF-1.7") == "pdf" and sniff(b"\x89PNG\r\n\x1a\n") == "png"
    assert sniff(b"II*\x00rest") == "tiff" and sniff(b"\xff\xd8\xff\xe0") == "jpeg"


def _form_pdf() -> bytes:
    """A certificate-like page whose values live only in unflattened form fields."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "Certificate of Liability Insurance")
    c.drawString(72, 660, "Policy Number:")
    c.acroForm.textfield(name="policy", value="PL-99812-A", x=160, y=655, width=150, height=18,
                         fontSize=10, borderWidth=0)
    c.drawString(72, 630, "Insured:")
    c.acroForm.textfield(name="insured", value="Jane Q Doe MD", x=160, y=625, width=200,
                         height=18, fontSize=0, borderWidth=0)
    c.acroForm.checkbox(name="occurrence", x=72, y=600, size=12, checked=True)
    c.drawString(90, 602, "Occurrence")
    c.acroForm.checkbox(name="claims", x=200, y=600, size=12, checked=False)
    c.drawString(218, 602, "Claims made")
    c.acroForm.textfield(name="empty", value="", x=160, y=560, width=150, height=18)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_form_field_values_are_words_inside_their_widgets() -> None:
    (page,) = read_file("coi.pdf", _form_pdf(), Settings()).pages
    texts = [line.text for line in page.lines]
    assert "Policy Number: PL-99812-A" in texts
    assert "Jane Q Doe MD" in texts
    assert "☒ Occurrence" in texts and "☐ Claims made" in texts
    value = next(w for w in page.words if w.text == "PL-99812-A")
    assert 160 <= value.x0 < value.x1 <= 310          # inside the widget's rectangle
    assert 792 - 673 <= value.top < value.bottom <= 792 - 655
    assert sum(w.text == "PL-99812-A" for w in page.words) == 1


def test_form_value_layout_fits_the_rectangle() -> None:
    from credintake.extractor.read.pdf_forms import layout_value

    words = layout_value("Suite 200\nChicago IL", (10, 20, 60, 60), 0)
    assert [w.text for w in words] == ["Suite", "200", "Chicago", "IL"]
    assert all(10 <= w.x0 < w.x1 <= 60 and 20 <= w.top < w.bottom <= 60 for w in words)
    assert words[2].top > words[0].bottom - 1       # the second line below the first


def _image_value_pdf(sandwich: bool = False) -> bytes:
    """A text page with the expiry date drawn as a picture (a pasted or scanned value) and
    a photo-like noise image that holds no text."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    picture = Image.new("L", (900, 120), 255)
    ImageDraw.Draw(picture).text((20, 20), "Expires 03/31/2027", fill=0,
                                 font=ImageFont.load_default(size=64))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "State Board of Nursing - License Verification")
    c.drawString(72, 680, "License Number: RN-204411")
    c.drawImage(ImageReader(picture), 72, 600, width=225, height=30)
    if sandwich:  # an OCR layer already over the picture: nothing to add
        c.setFont("Helvetica", 4)
        for row in range(6):
            c.drawString(74, 626 - row * 4, "Expires 03/31/2027 Expires 03/31/2027 Expires")
    c.drawImage(ImageReader(Image.effect_noise((200, 200), 60).convert("L")), 400, 600,
                width=100, height=100)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_value_drawn_as_an_image_is_read_by_ocr() -> None:
    (page,) = read_file("lic.pdf", _image_value_pdf(), Settings()).pages
    assert page.error is None and page.ocr is False
    assert "Expires 03/31/2027" in [line.text for line in page.lines]
    date = next(w for w in page.words if w.text == "03/31/2027")
    assert 72 <= date.x0 < date.x1 <= 297 and 792 - 630 <= date.top < date.bottom <= 792 - 600
    assert date.conf < 1.0                           # an OCR word, not the text layer's
    assert all(w.x0 < 400 for w in page.words)       # the noise picture gave no words


def test_image_regions_respect_settings_and_text_layers() -> None:
    settings = Settings()
    settings.ocr.image_regions_per_page = 0
    (page,) = read_file("lic.pdf", _image_value_pdf(), settings).pages
    assert "03/31/2027" not in [w.text for w in page.words]
    (page,) = read_file("lic.pdf", _image_value_pdf(sandwich=True), Settings()).pages
    assert all(w.conf == 1.0 for w in page.words)    # the OCR layer was not read again


def test_image_pages_go_to_the_page_pool() -> None:
    from credintake.extractor.read.pdf import plan_pdf

    plan = plan_pdf("lic.pdf", _image_value_pdf(), Settings())
    assert plan.pages == [None]                       # left to a pool worker
    plan = plan_pdf("coi.pdf", _form_pdf(), Settings())
    assert plan.pages[0] is not None
