"""Packets on disk: files, labels, application.json, determinism, filters and the committed set."""

from __future__ import annotations

import io
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import pdfplumber
import random

from credintake.contract import DOC_TYPES, Application
from credintake.sample_docs import generate
from credintake.sample_docs.generate import generate_batch, generate_packet, render_document
from credintake.sample_docs.persona import make_persona
from credintake.sample_docs.templates import HOLDOUT_TEMPLATES

Validate = Callable[[str, Any], None]


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    generate_packet(21, tmp_path / "a")
    generate_packet(21, tmp_path / "b")
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert a == b and len(a) >= 5
    generate_packet(22, tmp_path / "c")
    assert _tree(tmp_path / "c") != a


def test_packet_layout_and_labels(tmp_path: Path, schema_validator: Validate) -> None:
    ids = generate_batch(3, 4, tmp_path)
    assert ids == [f"pkt-{3000 + i:06d}" for i in range(4)]
    for pid in ids:
        pdir = tmp_path / "packets" / pid
        labels = json.loads((tmp_path / "labels" / f"{pid}.json").read_text())
        assert labels["packet_id"] == pid and labels["as_of"] == "2026-11-22"
        schema_validator("application.schema.json", labels["profile"])
        Application.model_validate(labels["profile"])
        app = pdir / "application.json"
        assert app.exists() == (labels["application_state"] != "absent")
        if app.exists():
            schema_validator("application.schema.json", json.loads(app.read_text()))
        pdfs = sorted(p.name for p in pdir.glob("*.pdf"))
        assert sorted({d["file"] for d in labels["documents"]}) == pdfs
        for name in pdfs:
            docs = [d for d in labels["documents"] if d["file"] == name]
            with pdfplumber.open(pdir / name) as pdf:
                n = len(pdf.pages)
            pages = [pg for d in docs for pg in d["pages"]]
            assert pages == list(range(1, n + 1)), (name, pages, n)


def test_committed_set_covers_every_type_and_is_small() -> None:
    root = generate.COMMITTED_DIR
    types: Counter[str] = Counter()
    multi = 0
    for f in (root / "labels").glob("*.json"):
        docs = json.loads(f.read_text())["documents"]
        types.update(d["doc_type"] for d in docs)
        multi += sum(1 for n in Counter(d["file"] for d in docs).values() if n > 1)
    assert set(types) == set(DOC_TYPES)
    assert multi >= 1
    assert sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) < 2_000_000


def test_committed_set_is_reproducible() -> None:
    assert generate.main(["--check"]) == 0


def test_template_filter_and_holdout(tmp_path: Path) -> None:
    generate_packet(5, tmp_path, template_filter=HOLDOUT_TEMPLATES.__contains__)
    labels = json.loads((tmp_path / "labels" / "pkt-000005.json").read_text())
    assert labels["documents"] and all(d["template"] in HOLDOUT_TEMPLATES for d in labels["documents"])
    generate_packet(6, tmp_path, template_filter=lambda t: t.startswith("cv/"))
    labels = json.loads((tmp_path / "labels" / "pkt-000006.json").read_text())
    assert [d["doc_type"] for d in labels["documents"]] == ["cv"]


def test_blank_application(tmp_path: Path) -> None:
    generate_packet(8, tmp_path, blank_application=True)
    labels = json.loads((tmp_path / "labels" / "pkt-000008.json").read_text())
    app = json.loads((tmp_path / "packets" / "pkt-000008" / "application.json").read_text())
    assert labels["application_blank"] is True
    assert set(app) == {"application_id"}
    assert labels["profile"]["provider"]["npi"]  # the expected profile still holds the truth


def test_cli_writes_batch(tmp_path: Path) -> None:
    assert generate.main(["--seed", "2", "--count", "2", "--out", str(tmp_path), "--exclude-holdout"]) == 0
    for f in (tmp_path / "labels").glob("*.json"):
        assert not {d["template"] for d in json.loads(f.read_text())["documents"]} & HOLDOUT_TEMPLATES


def test_render_speed() -> None:
    """Training renders thousands of documents: well over 50 single-page documents a second."""
    p = make_persona(random.Random(0), profession="MD")
    rng = random.Random(0)
    kinds = ["state_license", "dea_registration", "board_certification", "malpractice_insurance", "diploma",
             "training_certificate", "life_support_card", "cme_certificate", "other"]
    t = time.process_time()  # CPU time: the shared test machine's load must not decide this
    for i in range(100):
        render_document(kinds[i % len(kinds)], None, p, rng)
    per_second = 100 / (time.process_time() - t)
    assert per_second >= 50, per_second


def test_text_layer_holds_labelled_identifiers_in_packets(tmp_path: Path) -> None:
    generate_packet(30, tmp_path)
    labels = json.loads((tmp_path / "labels" / "pkt-000030.json").read_text())
    for d in labels["documents"]:
        with pdfplumber.open(io.BytesIO((tmp_path / "packets" / "pkt-000030" / d["file"]).read_bytes())) as pdf:
            text = "".join(pdf.pages[i - 1].extract_text() or "" for i in d["pages"]).replace(" ", "").replace("\n", "")
        for key in ("license_number", "dea_number", "policy_number"):
            if key in d["fields"]:
                assert d["fields"][key] in text


def test_application_discrepancies_are_really_in_application_json(tmp_path: Path) -> None:
    found = 0
    for pid in generate_batch(9, 12, tmp_path):
        labels = json.loads((tmp_path / "labels" / f"{pid}.json").read_text())
        for d in labels["application_discrepancies"]:
            app = json.loads((tmp_path / "packets" / pid / "application.json").read_text())
            section, name = d["field"].split(".")
            assert app[section][d["index"]][name] == d["application_value"]
            assert labels["profile"][section][d["index"]][name] == d["document_value"] != d["application_value"]
            found += 1
    assert found >= 1


def test_check_reports_a_changed_committed_file(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import shutil

    copy = tmp_path / "committed"
    shutil.copytree(generate.COMMITTED_DIR, copy)
    victim = next((copy / "labels").glob("*.json"))
    victim.write_text(victim.read_text().replace('"as_of": "2026-11-22"', '"as_of": "2026-11-23"', 1))
    monkeypatch.setattr(generate, "COMMITTED_DIR", copy)
    assert generate.main(["--check"]) == 1
