"""The registry is the contract's rule table, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import credintake.rules  # noqa: F401  (registers every rule)
from credintake.contract import RULE_IDS
from credintake.rules import registry
from credintake.settings import RuleSettings

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_registered_ids_equal_contract_ids() -> None:
    assert sorted(r.id for r in registry.all_rules()) == sorted(RULE_IDS)
    assert len(RULE_IDS) == 17


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
