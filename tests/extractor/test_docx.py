"""The DOCX reader: body order, table cells as segments of one row, pseudo-pages, damage."""

from __future__ import annotations

import random
import zipfile
from io import BytesIO

import pytest
from docx import Document

from credintake.errors import InputFileError
from credintake.extractor.read import read_file, sniff
from credintake.extractor.read.docx import LINES_PER_PAGE, read_docx
from credintake.sample_docs.docx_cv import cv_docx, print_date
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings

LABEL = {
    "fields": {"name": "PRIYA R NATARAJAN, MD", "email": "p.natarajan@example.org",
               "phone": "(617) 555-0148", "npi": "1245319599"},
    "entries": {
        "education": [{"institution": "Boston University School of Medicine",
                       "degree": "Doctor of Medicine", "start_date": "2006-08", "end_date": "2010-05"}],
        "work_history": [
            {"employer": "Beth Israel Deaconess Medical Center", "title": "Hospitalist",
             "city": "Boston", "state": "MA", "start_date": "2013-07", "end_date": None, "current": True},
            {"employer": "Tufts Medical Center", "title": "Resident Physician",
             "city": "Boston", "state": "MA", "start_date": "2010-06", "end_date": "2013-06"}],
    },
}


def _row_of(page, text: str) -> list[str]:  # noqa: ANN001
    """Texts of all segments sharing the row of the segment that contains ``text``."""
    line = next(line for line in page.lines if text in line.text)
    return [other.text for other in page.lines if other.bbox[1] == line.bbox[1]]


def test_flow_cv_reads_fields_and_tab_aligned_dates() -> None:
    data = cv_docx(LABEL, layout="flow")
    assert sniff(data) == "docx"
    out = read_file("cv.docx", data, Settings())
    assert out.problems == []
    (page,) = out.pages
    assert (page.ocr, page.text_confidence) == (False, 1.0)
    text = page.text
    for value in ("PRIYA R NATARAJAN, MD", "p.natarajan@example.org", "(617) 555-0148", "1245319599"):
        assert value in text
    assert _row_of(page, "Beth Israel") == ["Beth Israel Deaconess Medical Center", "Jul 2013 - Present"]
    assert _row_of(page, "Tufts") == ["Tufts Medical Center", "Jun 2010 - Jun 2013"]


def test_table_cv_cells_are_segments_of_one_row_in_body_order() -> None:
    page = read_docx("cv.docx", cv_docx(LABEL, layout="table"), Settings())[0]
    assert _row_of(page, "Tufts") == ["Jun 2010 - Jun 2013", "Tufts Medical Center", "Boston, MA"]
    assert _row_of(page, "Boston University") == ["Aug 2006 - May 2010", "Boston University School of Medicine"]
    lines = [line.text for line in page.lines]
    # second paragraph of a cell goes on the next row, under its cell
    title = lines.index("Resident Physician")
    assert lines[title - 1] == "Boston, MA"
    # headings keep their place between the tables
    assert lines.index("Boston University School of Medicine") < lines.index("Tufts Medical Center")
    heading = next(i for i, t in enumerate(lines) if t in ("Professional Experience", "Work History", "Employment"))
    assert lines.index("Boston University School of Medicine") < heading < lines.index("Tufts Medical Center")
    tufts = next(line for line in page.lines if line.text == "Tufts Medical Center")
    dates = next(line for line in page.lines if line.text == "Jun 2010 - Jun 2013")
    assert dates.bbox[2] + 16 < tufts.bbox[0]  # a gap wider than build_lines' segment cut


def test_header_merged_cells_and_line_breaks() -> None:
    doc = Document()
    doc.sections[0].header.is_linked_to_previous = False
    doc.sections[0].header.paragraphs[0].text = "Curriculum Vitae - Omar Haddad"
    doc.add_paragraph("Line one\nLine two")
    table = doc.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Licensure"
    table.cell(0, 2).text = "MA 271828"
    table.cell(1, 0).text = "DEA"
    table.cell(1, 2).text = "BH1234563"
    buf = BytesIO()
    doc.save(buf)
    page = read_docx("cv.docx", buf.getvalue(), Settings())[0]
    assert [line.text for line in page.lines] == [
        "Curriculum Vitae - Omar Haddad", "Line one", "Line two", "Licensure", "MA 271828",
        "DEA", "BH1234563"]
    assert _row_of(page, "Licensure") == ["Licensure", "MA 271828"]


def test_long_documents_are_cut_into_pseudo_pages() -> None:
    doc = Document()
    for i in range(120):
        doc.add_paragraph(f"Publication {i}")
    buf = BytesIO()
    doc.save(buf)
    pages = read_docx("cv.docx", buf.getvalue(), Settings())
    assert [len(p.lines) for p in pages] == [LINES_PER_PAGE, LINES_PER_PAGE, 20]
    assert [p.number for p in pages] == [1, 2, 3]
    assert pages[2].lines[0].text == "Publication 100"
    assert all(0 < w.top < w.bottom <= pages[0].height for p in pages for w in p.words)


def test_a_docx_without_text_is_a_page_error() -> None:
    buf = BytesIO()
    Document().save(buf)
    (page,) = read_docx("scan.docx", buf.getvalue(), Settings())
    assert page.error and "no text" in page.error


def test_damaged_docx_raises_a_clear_input_error() -> None:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<not-xml")
    assert sniff(buf.getvalue()) == "docx"
    with pytest.raises(InputFileError, match="Word file"):
        read_docx("cv.docx", buf.getvalue(), Settings())
    out = read_file("cv.docx", buf.getvalue()[:100], Settings())
    assert out.pages == [] and out.problems


def test_backslashed_relationship_targets_are_repaired() -> None:
    """Exporters that write ``media\\image1.png`` in the relationships: Word opens the
    file, so the reader must too, instead of calling the whole CV damaged."""
    from PIL import Image

    picture = BytesIO()
    Image.new("RGB", (8, 8), "white").save(picture, format="PNG")
    document = Document()
    document.add_paragraph("Jane Q Public, RN")
    document.add_picture(BytesIO(picture.getvalue()))
    document.add_paragraph("Staff Nurse\t06/2017 - 08/2022")
    clean = BytesIO()
    document.save(clean)
    broken = BytesIO()
    with zipfile.ZipFile(BytesIO(clean.getvalue())) as source, \
            zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                content = content.replace(b'Target="media/', b'Target="media\\')
                assert b"media\\" in content
            target.writestr(info, content)
    (page,) = read_docx("cv.docx", broken.getvalue(), Settings())
    assert [line.text for line in page.lines] == ["Jane Q Public, RN", "Staff Nurse",
                                                  "06/2017 - 08/2022"]


def test_zip_bomb_docx_is_refused() -> None:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<" + b" " * (30 * 1024 * 1024))
    with pytest.raises(InputFileError, match="zip bomb"):
        read_docx("cv.docx", buf.getvalue(), Settings())


@pytest.mark.parametrize("layout", ["flow", "table"])
def test_generated_cv_label_round_trips_through_docx(layout: str) -> None:
    rng = random.Random(4)
    label = render_document("cv", None, make_persona(rng, profession="MD"), rng).label
    pages = read_file("cv.docx", cv_docx(label, layout=layout, rng=rng), Settings()).pages
    text = "\n".join(p.text for p in pages)
    assert label["fields"].get("name")
    for key in ("name", "email", "phone", "npi"):
        if key in label["fields"]:  # a CV need not print every one
            assert str(label["fields"][key]) in text
    for job in label["entries"]["work_history"]:
        page = next(p for p in pages if job["employer"] in p.text)
        row = _row_of(page, job["employer"])
        assert any(print_date(job["start_date"]) in seg for seg in row)
        end = "Present" if job["current"] else print_date(job["end_date"])
        assert any(end in seg for seg in row)
    for school in label["entries"]["education"]:
        assert school["institution"] in text and school["degree"] in text
