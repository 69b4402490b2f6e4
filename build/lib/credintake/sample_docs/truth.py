"""Generator labels as contract objects: the 'perfect' result a packet should produce.

Benchmarks and end-to-end tests compare the service's ``Result`` with this one field by
field; building it through the contract models also proves the labels have contract shape.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from credintake.contract import Application, Document, FieldValue, Result


def _fv(value: Any, raw: str | None, file: str, where: dict[str, Any] | None, first_page: int) -> FieldValue:
    page = where["page"] if where else first_page
    bbox = tuple(where["bbox"]) if where else None
    return FieldValue(value=value, confidence=1.0, file=file, page=page, bbox=bbox, raw=raw)


def label_to_document(label: dict[str, Any], sha256: str) -> Document:
    """One document label (with its ``file``) -> contract ``Document`` with provenance."""
    file, first = label["file"], label["pages"][0]
    fields = {k: _fv(v, label["raw"].get(k), file, label.get("boxes", {}).get(k), first)
              for k, v in label["fields"].items()}
    entries = None
    if label["doc_type"] == "cv":
        entries = {sec: [{k: _fv(v, raws.get(k), file, None, first) for k, v in item.items()}
                         for item, raws in zip(items, label["entries_raw"][sec])]
                   for sec, items in label["entries"].items()}
    return Document(file=file, sha256=sha256, pages=label["pages"], doc_type=label["doc_type"],
                    doc_type_confidence=1.0, ocr=False, text_confidence=1.0, fields=fields, entries=entries)


def expected_result(labels_path: Path, packet_dir: Path) -> Result:
    """The ideal ``Result`` for a generated packet (no findings or reconciliation: those are the rules' job)."""
    labels = json.loads(Path(labels_path).read_text())
    shas: dict[str, str] = {}
    docs = []
    for lab in labels["documents"]:
        if lab["file"] not in shas:
            shas[lab["file"]] = hashlib.sha256((Path(packet_dir) / lab["file"]).read_bytes()).hexdigest()
        docs.append(label_to_document(lab, shas[lab["file"]]))
    return Result(packet_id=labels["packet_id"], as_of=labels["as_of"], service_version="sample_docs-truth",
                  documents=docs, profile=Application.model_validate(labels["profile"]))
