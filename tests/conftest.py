"""Shared fixtures: contract schema validation and generated sample packets."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT.parent / "shared" / "contract"
COMMITTED = ROOT / "sample_docs" / "committed"


@pytest.fixture(scope="session")
def schema_validator() -> Callable[[str, Any], None]:
    """validate(schema_name, instance) against ../shared/contract; skipped where it is absent."""
    if not (CONTRACT / "result.schema.json").exists():
        pytest.skip("../shared/contract is not beside this checkout")
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {p.name: json.loads(p.read_text()) for p in CONTRACT.glob("*.schema.json")}
    registry = Registry().with_resources(
        (n, Resource.from_contents(s)) for n, s in schemas.items())

    def validate(name: str, instance: Any) -> None:
        validator = Draft202012Validator(schemas[name], registry=registry)
        errors = sorted(validator.iter_errors(instance), key=str)
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}"

    return validate


@pytest.fixture(scope="session")
def committed_packets() -> list[Path]:
    packets = sorted((COMMITTED / "packets").iterdir())
    assert packets, "sample_docs/committed/packets is empty"
    return packets


@pytest.fixture(scope="session")
def labels_for() -> Callable[[Path], dict[str, Any]]:
    """The generator's labels for a committed packet."""
    return lambda packet: json.loads((COMMITTED / "labels" / f"{packet.name}.json").read_text())
