"""The image_values condition (sample_docs.conditions): born-digital PDFs whose printed
values are pictures where their text was; labels keep their values and boxes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from credintake.extractor.fields.registry import registered
from credintake.extractor.read import read_file
from credintake.sample_docs.conditions import degrade_packet
from credintake.settings import Settings

COMMITTED = Path(__file__).resolve().parents[2] / "sample_docs" / "committed"
PACKET = "pkt-004001"
PREFER = ("dea_registration", "state_license", "board_certification", "life_support_card")


def _credential(docs: list[dict]) -> dict:
    """The packet's credential with at least three boxed values, DEA first (identifier,
    dates and schedules in one short form)."""
    return min((d for d in docs if d["doc_type"] in PREFER and len(d.get("boxes", {})) >= 3),
               key=lambda d: PREFER.index(d["doc_type"]))


def _keep(labels: dict) -> list[str]:
    """A short cut of the packet: the credential's file and the first CV's."""
    cv = next(d["file"] for d in labels["documents"] if d["doc_type"] == "cv")
    return sorted({_credential(labels["documents"])["file"], cv})


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("src")
    labels = json.loads((COMMITTED / "labels" / f"{PACKET}.json").read_text())
    keep = _keep(labels)
    labels["documents"] = [d for d in labels["documents"] if d["file"] in keep]
    (root / "labels").mkdir()
    (root / "labels" / f"{PACKET}.json").write_text(json.dumps(labels))
    (root / "packets" / PACKET).mkdir(parents=True)
    for name in keep:
        shutil.copyfile(COMMITTED / "packets" / PACKET / name, root / "packets" / PACKET / name)
    return root


@pytest.fixture(scope="module")
def out(src: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("image_values")
    degrade_packet(src, PACKET, root, "image_values", seed=5)
    return root


def _labels(root: Path) -> dict:
    return json.loads((root / "labels" / f"{PACKET}.json").read_text())


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_labels_keep_values_boxes_and_name_the_pictured_fields(src: Path, out: Path) -> None:
    before, after = _labels(src)["documents"], _labels(out)["documents"]
    assert [(d["file"], d["pages"]) for d in after] == [(d["file"], d["pages"]) for d in before]
    for old, new in zip(before, after):
        assert new["condition"] == "text"
        for key in ("fields", "raw", "boxes"):
            assert new[key] == old[key]
        assert set(new["image_fields"]) <= set(old["boxes"])
        assert bool(new["image_fields"]) == bool(old["boxes"])
    files = sorted(p.name for p in (out / "packets" / PACKET).iterdir())
    assert files == _keep(_labels(src))


def test_pictured_values_left_the_text_layer_and_are_images_in_their_boxes(out: Path) -> None:
    checked = 0
    for doc in _labels(out)["documents"]:
        pdf = pdfium.PdfDocument((out / "packets" / PACKET / doc["file"]).read_bytes())
        try:
            for name in doc["image_fields"]:
                box = doc["boxes"][name]
                page = pdf[box["page"] - 1]
                height = page.get_height()
                x0, top, x1, bottom = box["bbox"]
                textpage = page.get_textpage()
                inside = textpage.get_text_bounded(left=x0, bottom=height - bottom,
                                                   right=x1, top=height - top)
                textpage.close()
                assert _squash(doc["raw"][name]) not in _squash(inside), name
                pictures = [o.get_bounds() for o in
                            page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1)]
                assert any(left <= x0 + 1 and right >= x1 - 1 and height - up <= top + 1
                           and height - down >= bottom - 1
                           for left, down, right, up in pictures), name
                checked += 1
        finally:
            pdf.close()
    assert checked >= 4


def test_same_seed_same_bytes_other_seed_other_pictures(src: Path, tmp_path: Path,
                                                        out: Path) -> None:
    degrade_packet(src, PACKET, tmp_path / "again", "image_values", seed=5)
    degrade_packet(src, PACKET, tmp_path / "other", "image_values", seed=6)
    names = _keep(_labels(src))
    for name in names:
        first = (out / "packets" / PACKET / name).read_bytes()
        assert (tmp_path / "again" / "packets" / PACKET / name).read_bytes() == first
    assert any((tmp_path / "other" / "packets" / PACKET / name).read_bytes()
               != (out / "packets" / PACKET / name).read_bytes() for name in names)
    assert (tmp_path / "again" / "labels" / f"{PACKET}.json").read_text() == \
        (out / "labels" / f"{PACKET}.json").read_text()


def test_the_reader_reads_the_pictured_values_back(src: Path, out: Path) -> None:
    """The credential through the real reader and extractor: every pictured value that
    the text-layer original yields comes back the same from the pictures, with an OCR
    word's confidence (below what the text layer gave)."""
    doc = _credential(_labels(out)["documents"])

    def extracted(root: Path) -> dict:
        data = (root / "packets" / PACKET / doc["file"]).read_bytes()
        pages = read_file(doc["file"], data, Settings()).pages
        assert all(p.error is None and not p.ocr for p in pages)
        pages = [p for p in pages if p.number in doc["pages"]]
        return registered()[doc["doc_type"]](pages).fields

    before, after = extracted(src), extracted(out)
    right = [n for n in doc["image_fields"]
             if n in before and _squash(str(before[n].value)) == _squash(str(doc["fields"][n]))]
    assert len(right) >= 3
    for name in right:
        assert name in after, name
        assert _squash(str(after[name].value)) == _squash(str(doc["fields"][name])), name
    # a value printed twice may still be read from its text-layer copy; the others are
    # OCR words now
    assert sum(after[n].confidence < before[n].confidence for n in right) >= 2
