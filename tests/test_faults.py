"""Fault injection at the declared seams (reader and extractor registries): a crashing
component costs one file's pages or one document's fields, never the packet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from credintake.extractor.fields import registry as field_registry
from credintake.extractor.layout import Page
from credintake.extractor.read import read_file
from credintake.extractor.read import registry as read_registry
from credintake.pipeline import process_packet
from credintake.settings import Settings


def _crash(*_args: object) -> Page:
    raise RuntimeError("simulated reader bug")


def test_reader_crash_becomes_an_unreadable_problem(monkeypatch: pytest.MonkeyPatch,
                                                     committed_packets: list[Path]) -> None:
    monkeypatch.setitem(read_registry._PLANNERS, "pdf", _crash)
    pdf = next(p for p in committed_packets[0].iterdir() if p.suffix == ".pdf")
    out = read_file(pdf.name, pdf.read_bytes(), Settings())
    assert out.pages == []
    assert "could not be read (RuntimeError)" in out.problems[0].reason


def test_extractor_crash_costs_only_that_documents_fields(
        monkeypatch: pytest.MonkeyPatch, committed_packets: list[Path], labels_for) -> None:
    packet = committed_packets[0]
    labels = labels_for(packet)
    doc_type = next(d["doc_type"] for d in labels["documents"] if d["doc_type"] != "cv"
                    and d["fields"])
    monkeypatch.setitem(field_registry._REGISTRY, doc_type, _crash)
    result = process_packet(packet, as_of=date(2026, 11, 22), settings=Settings())
    crashed = [d for d in result.documents if d.doc_type == doc_type]
    assert crashed and all(d.fields == {} for d in crashed)
    others = [d for d in result.documents if d.doc_type not in (doc_type, "other")]
    assert any(d.fields for d in others)
    messages = [f.message for f in result.findings if f.rule == "document.unreadable"]
    assert any("could not be extracted (RuntimeError)" in m for m in messages)
