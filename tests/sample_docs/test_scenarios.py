"""Findings scenarios: each seeded condition is flagged, each look-alike is not.

The packets are run through the rules engine with perfect extraction (the labels as
documents, sample_docs.truth), so these tests check that the labels' expected and
forbidden findings agree with the rules as documented in docs/rules.md.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable

import pytest

from credintake.contract import Application
from credintake.rules import evaluate
from credintake.sample_docs.generate import generate_packet
from credintake.sample_docs.scenarios import ALL, CONDITIONS, LOOKALIKES, NEEDS_APPLICATION, choose
from credintake.sample_docs.truth import expected_result
from credintake.settings import Settings

import random

AS_OF = dt.date(2026, 11, 22)
Validate = Callable[[str, Any], None]


def _run(tmp_path: Path, seed: int, names: list[str] | bool, blank: bool = False) -> tuple[dict, set, set]:
    pid = generate_packet(seed, tmp_path, scenarios=names, blank_application=blank)
    labels_path = tmp_path / "labels" / f"{pid}.json"
    labels = json.loads(labels_path.read_text())
    ideal = expected_result(labels_path, tmp_path / "packets" / pid)
    app_path = tmp_path / "packets" / pid / "application.json"
    app = Application.model_validate_json(app_path.read_text()) if app_path.exists() else None
    ev = evaluate(ideal.documents, app, [], as_of=AS_OF, settings=Settings().rules)
    got = {(f.rule, f.field, f.severity) for f in ev.findings}
    expected = {(e["rule"], e["field"], e["severity"]) for e in labels["expected_findings"]}
    return labels, got, expected


@pytest.mark.parametrize("name", ALL)
def test_each_scenario_yields_exactly_its_findings(tmp_path: Path, name: str) -> None:
    seen = 0
    for k in range(4):  # a gap may be invisible on a CV printing years only: then none is expected
        labels, got, expected = _run(tmp_path / str(k), 900 + 20 * k + ALL.index(name), [name])
        assert labels["scenarios"] == [name]
        assert got == expected
        forbidden = {(f["rule"], f["field"]) for f in labels["forbidden_findings"]}
        assert not {g[:2] for g in got} & forbidden
        own = [e for e in labels["expected_findings"] if e["scenario"] == name]
        if name in LOOKALIKES:
            assert not own and any(f["scenario"] == name for f in labels["forbidden_findings"])
        seen += bool(own)
    if name in CONDITIONS:
        assert seen >= 2, f"{name} seeded nothing to find"


@pytest.mark.parametrize("name", [n for n in ALL if n not in NEEDS_APPLICATION])
def test_blank_application_scenarios(tmp_path: Path, name: str) -> None:
    labels, got, expected = _run(tmp_path, 950 + ALL.index(name), [name], blank=True)
    assert labels["application_state"] == "blank"
    assert ("completeness.missing_field", "attestation.signed_date", "error") in expected
    assert got == expected


def test_clean_packet_has_only_baseline_findings(tmp_path: Path) -> None:
    labels, got, expected = _run(tmp_path, 977, [])
    assert labels["scenarios"] == [] and labels["application_state"] in ("full", "partial", "absent")
    assert all(e["scenario"] == "baseline" for e in labels["expected_findings"])
    assert got == expected


def test_specific_values(tmp_path: Path) -> None:
    labels, _, _ = _run(tmp_path, 31, ["gap_14_months", "invalid_npi"])
    keys = {(e["rule"], e["field"], e["severity"]) for e in labels["expected_findings"]}
    assert ("work_history.gap", "work_history", "error") in keys
    assert ("identifier.invalid_npi", "provider.npi", "error") in keys
    labels, _, _ = _run(tmp_path, 32, ["low_coverage"])
    fields = {e["field"] for e in labels["expected_findings"] if e["scenario"] == "low_coverage"}
    assert fields and fields <= {"malpractice_insurance.per_claim_limit", "malpractice_insurance.aggregate_limit"}
    labels, _, _ = _run(tmp_path, 33, ["explained_gap"])
    assert labels["profile"]["gap_explanations"] and labels["profile"]["gap_explanations"][0]["reason"]


def test_random_packets_with_two_scenarios(tmp_path: Path, schema_validator: Validate) -> None:
    for seed in range(40, 52):
        labels, got, expected = _run(tmp_path, seed, True, blank=seed % 3 == 0)
        assert got == expected, (labels["packet_id"], labels["scenarios"])
        app_path = tmp_path / "packets" / labels["packet_id"] / "application.json"
        if app_path.exists():
            schema_validator("application.schema.json", json.loads(app_path.read_text()))


def test_choose_respects_resources_and_blank_applications() -> None:
    rng = random.Random(5)
    for _ in range(300):
        names = choose(rng, blank_application=True)
        assert len(names) <= 2 and not set(names) & NEEDS_APPLICATION
    assert set(LOOKALIKES) <= set(ALL)


def test_same_seed_same_packet_and_classic_mode_untouched(tmp_path: Path) -> None:
    a = generate_packet(60, tmp_path / "a", scenarios=True)
    b = generate_packet(60, tmp_path / "b", scenarios=True)
    la = (tmp_path / "a" / "labels" / f"{a}.json").read_text()
    assert la == (tmp_path / "b" / "labels" / f"{b}.json").read_text()
    c = generate_packet(60, tmp_path / "c")
    assert "expected_findings" not in json.loads((tmp_path / "c" / "labels" / f"{c}.json").read_text())


def test_unknown_scenario_and_needs_application(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_packet(61, tmp_path, scenarios=["no_such_thing"])
    with pytest.raises(ValueError):
        generate_packet(62, tmp_path, scenarios=["nickname"], blank_application=True)
