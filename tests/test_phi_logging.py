"""PHI canary: processing a packet at DEBUG level logs no name, number or date from it."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from credintake.pipeline import process_packet
from credintake.settings import Settings


def _canaries(labels: dict) -> set[str]:
    """Every printed value of the packet that could identify the provider."""
    out = set()
    for doc in labels["documents"]:
        for name, value in doc["fields"].items():
            if isinstance(value, str) and len(value) >= 5 and name != "doc_type":
                out.add(value)
    provider = labels["profile"].get("provider") or {}
    out |= {v for k, v in provider.items() if isinstance(v, str) and len(v) >= 4}
    return out


def test_processing_logs_no_document_values(caplog: pytest.LogCaptureFixture,
                                            committed_packets: list[Path], labels_for) -> None:
    packet = committed_packets[0]
    canaries = _canaries(labels_for(packet))
    assert len(canaries) > 20
    with caplog.at_level(logging.DEBUG):
        process_packet(packet, as_of=date(2026, 11, 22), settings=Settings())
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "packet processed" in logged
    assert [c for c in canaries if c in logged] == []
