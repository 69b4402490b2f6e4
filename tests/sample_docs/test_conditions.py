"""Degraded packets (sample_docs.conditions): files written, labels moved with the pages."""

from __future__ import annotations

import json
import re
import shutil
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import pytesseract
from docx import Document
from PIL import Image

from credintake.sample_docs.conditions import degrade_packet, docx_label

COMMITTED = Path(__file__).resolve().parents[2] / "sample_docs" / "committed"
PACKET = "pkt-004001"
# two documents in one PDF, a two-page CV, a one-page DEA registration
KEEP = ("document57.pdf", "document59.pdf", "document61.pdf")


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A three-file cut of a committed packet, so degrading it stays quick."""
    root = tmp_path_factory.mktemp("src")
    labels = json.loads((COMMITTED / "labels" / f"{PACKET}.json").read_text())
    labels["documents"] = [d for d in labels["documents"] if d["file"] in KEEP]
    (root / "labels").mkdir()
    (root / "labels" / f"{PACKET}.json").write_text(json.dumps(labels))
    (root / "packets" / PACKET).mkdir(parents=True)
    for name in KEEP + ("application.json",):
        if (COMMITTED / "packets" / PACKET / name).exists():
            shutil.copyfile(COMMITTED / "packets" / PACKET / name, root / "packets" / PACKET / name)
    return root


def _labels(root: Path) -> dict:
    return json.loads((root / "labels" / f"{PACKET}.json").read_text())


def _pdf_pages(data: bytes) -> int:
    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def test_fax_is_one_tiff_with_cover_and_renumbered_pages(src: Path, tmp_path: Path) -> None:
    degrade_packet(src, PACKET, tmp_path, "fax", seed=3)
    labels = _labels(tmp_path)
    files = {p.name for p in (tmp_path / "packets" / PACKET).iterdir()} - {"application.json"}
    assert len(files) == 1 and next(iter(files)).endswith(".tif")
    tif = tmp_path / "packets" / PACKET / next(iter(files))
    docs = labels["documents"]
    assert [d["doc_type"] for d in docs] == ["diploma", "other", "cv", "dea_registration"]
    assert {d["file"] for d in docs} == {tif.name} and {d["condition"] for d in docs} == {"fax"}
    # cover sheet is page 1; then 57.pdf p1, p2; 59.pdf p1-2; 61.pdf p1, in file order
    assert labels["fax_cover_pages"] == [1]
    assert [d["pages"] for d in docs] == [[2], [3], [4, 5], [6]]
    assert all(d["boxes"] == {} for d in docs)
    with Image.open(tif) as image:
        assert image.n_frames == 6
        image.seek(5)
        assert image.mode == "1" and round(image.info["dpi"][0]) == 204
        assert round(image.info["dpi"][1]) in (98, 196)
        dea_page = image.convert("L")
    # the DEA number is on the page the label now names (OCR of that one fax frame)
    square = dea_page.resize((dea_page.width, round(dea_page.height * 204 / image.info["dpi"][1])))
    text = re.sub(r"\s", "", pytesseract.image_to_string(square))
    assert docs[3]["fields"]["dea_number"] in text


def test_fax_is_deterministic(src: Path, tmp_path: Path) -> None:
    degrade_packet(src, PACKET, tmp_path / "a", "fax", seed=3)
    degrade_packet(src, PACKET, tmp_path / "b", "fax", seed=3)
    a = sorted((tmp_path / "a" / "packets" / PACKET).iterdir())
    b = sorted((tmp_path / "b" / "packets" / PACKET).iterdir())
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_scan_keeps_pages_and_drops_the_text_layer(src: Path, tmp_path: Path) -> None:
    degrade_packet(src, PACKET, tmp_path, "scan", seed=5)
    labels, original = _labels(tmp_path), _labels(src)
    pdir = tmp_path / "packets" / PACKET
    assert [d["pages"] for d in labels["documents"]] == [d["pages"] for d in original["documents"]]
    for doc, before in zip(labels["documents"], original["documents"]):
        assert doc["condition"] == "scan" and doc["fields"] == before["fields"]
        assert Path(doc["file"]).stem == Path(before["file"]).stem
        data = (pdir / doc["file"]).read_bytes()
        if doc["file"].endswith(".pdf"):
            assert _pdf_pages(data) == _pdf_pages((src / "packets" / PACKET / before["file"]).read_bytes())
            pdf = pdfium.PdfDocument(data)
            assert pdf[0].get_textpage().get_text_range().strip() == ""  # image only
            pdf.close()
        else:
            assert doc["pages"] == [1] and Image.open(BytesIO(data)).format in ("PNG", "JPEG")
    # multi-page files can only be PDFs
    assert labels["documents"][2]["file"] == "document59.pdf"


def test_rotated_pages_are_turned(src: Path, tmp_path: Path) -> None:
    degrade_packet(src, PACKET, tmp_path, "rotated", seed=2)
    for doc in _labels(tmp_path)["documents"]:
        assert doc["rotation"] in (90, 180, 270) and doc["condition"] == "scan"
        data = (tmp_path / "packets" / PACKET / doc["file"]).read_bytes()
        if doc["file"].endswith(".pdf"):
            pdf = pdfium.PdfDocument(data)
            width, height = pdf[0].get_size()
            pdf.close()
        else:
            width, height = Image.open(BytesIO(data)).size
        assert (width > height) == (doc["rotation"] in (90, 270))


def test_photo_single_pages_are_exif_turned_jpegs(src: Path, tmp_path: Path) -> None:
    degrade_packet(src, PACKET, tmp_path, "photo", seed=1)
    docs = _labels(tmp_path)["documents"]
    dea = docs[3]
    assert dea["condition"] == "photo" and dea["file"] == "document61.jpg"
    with Image.open(tmp_path / "packets" / PACKET / dea["file"]) as image:
        assert image.format == "JPEG" and image.getexif().get(0x0112) in (1, 6)
    cv = docs[2]  # two pages: a PDF of the photos
    assert cv["file"] == "document59.pdf"
    assert _pdf_pages((tmp_path / "packets" / PACKET / cv["file"]).read_bytes()) == 2


def test_docx_keeps_only_cvs_with_printed_values(src: Path, tmp_path: Path) -> None:
    degrade_packet(src, PACKET, tmp_path, "docx", seed=1)
    docs = _labels(tmp_path)["documents"]
    assert [d["doc_type"] for d in docs] == ["cv"] and docs[0]["condition"] == "docx"
    files = sorted(p.name for p in (tmp_path / "packets" / PACKET).iterdir())
    assert files == ["application.json", "document59_cv.docx"]
    document = Document(tmp_path / "packets" / PACKET / docs[0]["file"])
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert docs[0]["fields"]["name"] == "NINA BARRETT" and "NINA BARRETT" in text
    for job in docs[0]["entries"]["work_history"]:
        assert job["employer"] in text
        assert re.fullmatch(r"\d{4}(-\d\d)?", job["start_date"])


def test_docx_label_prints_month_precision_and_present() -> None:
    label = {"fields": {"name": "A B", "phone": "(1) 2", "license": "x"},
             "entries": {"education": [{"institution": "U", "start_date": "2001-08-15",
                                        "end_date": "2005"}],
                         "work_history": [{"employer": "E", "start_date": "2019-09",
                                           "end_date": None, "current": False}]}}
    out = docx_label(label)
    assert out["fields"] == {"name": "A B", "phone": "(1) 2"}
    assert out["entries"]["education"][0]["start_date"] == "2001-08"
    assert out["entries"]["education"][0]["end_date"] == "2005"
    assert out["entries"]["work_history"][0]["current"] is True


def test_unknown_condition_is_refused(src: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown condition"):
        degrade_packet(src, PACKET, tmp_path, "microfiche")
