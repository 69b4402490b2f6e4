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
