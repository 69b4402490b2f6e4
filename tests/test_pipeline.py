"""The whole pipeline on every committed sample packet: schema-valid, right documents, right values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from credintake.evaluation import Scores, score_packet
from credintake.pipeline import process_packet
from credintake.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "sample_docs" / "committed"

PACKETS = sorted((COMMITTED / "packets").iterdir())


@pytest.mark.parametrize("packet", PACKETS, ids=[p.name for p in PACKETS])
def test_committed_packet_result_is_valid_and_matches_its_labels(
        packet: Path, schema_validator, labels_for) -> None:
    result = process_packet(packet, as_of=date(2026, 11, 22), settings=Settings()).to_json_dict()
    schema_validator("result.schema.json", result)
    labels = labels_for(packet)
    scores = Scores()
    score_packet(result, labels, scores)
    assert scores.classification_accuracy() == 1.0, scores.misses
    pooled = Scores().fields["all"]
    for prf in scores.fields.values():
        pooled.add(prf)
    assert pooled.f1 >= 0.95
    assert {d["file"] for d in result["documents"]} == {d["file"] for d in labels["documents"]}
    for doc in result["documents"]:
        for name, value in doc["fields"].items():
            assert value["file"] == doc["file"] and value["page"] in doc["pages"], name
            assert len(value["bbox"]) == 4 and 0 <= value["confidence"] <= 1


def test_results_are_reproducible_with_as_of(committed_packets: list[Path]) -> None:
    first = process_packet(committed_packets[0], as_of=date(2026, 11, 22), settings=Settings())
    second = process_packet(committed_packets[0], as_of=date(2026, 11, 22), settings=Settings())
    strip = lambda r: {k: v for k, v in r.to_json_dict().items() if k != "timings_ms"}  # noqa: E731
    assert strip(first) == strip(second)
    later = process_packet(committed_packets[0], as_of=date(2031, 1, 1), settings=Settings())
    expired = [f for f in later.findings if f.rule == "expiration.expired"]
    assert len(expired) > len([f for f in first.findings if f.rule == "expiration.expired"])
