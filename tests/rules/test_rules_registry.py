"""The registry is the contract's rule table, and nothing else."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import credintake.rules  # noqa: F401  (registers every rule)
from credintake.contract import DECISION_RULES, NOT_YET_BUILT, RULE_IDS
from credintake.rules import registry
from credintake.settings import RuleSettings

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "contract"


def test_registered_ids_equal_contract_ids() -> None:
    """Every contract rule is registered but those judged at a decision or not built yet."""
    schema = json.loads((CONTRACT / "result.schema.json").read_text())
    contract_ids = schema["properties"]["findings"]["items"]["properties"]["rule"]["enum"]
    assert sorted(RULE_IDS) == sorted(contract_ids)
    per_packet = set(RULE_IDS) - NOT_YET_BUILT - DECISION_RULES
    assert sorted(r.id for r in registry.all_rules()) == sorted(per_packet)


def test_every_rule_declares_a_valid_severity_and_known_settings() -> None:
    for rule in registry.all_rules():
        assert rule.severity in ("error", "warning", "info"), rule.id
        assert set(rule.reads) <= set(RuleSettings.model_fields), rule.id
        assert rule.doc, f"{rule.id} has no docstring"


def test_double_registration_raises() -> None:
    with pytest.raises(registry.RegistryError, match="already registered"):
        registry.register("work_history.gap", severity="warning")


def test_unknown_rule_id_raises() -> None:
    with pytest.raises(registry.RegistryError, match="unknown rule id"):
        registry.register("work_history.gaps", severity="warning")


def test_unknown_setting_raises() -> None:
    with pytest.raises(registry.RegistryError, match="unknown settings"):
        registry.register("work_history.gap", severity="warning", reads=("gap_days",))


def test_get_unknown_rule_lists_known_ones() -> None:
    with pytest.raises(registry.RegistryError, match="attestation.stale"):
        registry.get("nope")


def test_docs_describe_every_rule_and_setting() -> None:
    text = DOCS.read_text()
    for rule_id in RULE_IDS:
        assert re.search(rf"^#+ `{re.escape(rule_id)}`", text, re.M), rule_id
    for name, info in RuleSettings.model_fields.items():
        assert f"`{name}`" in text, name
