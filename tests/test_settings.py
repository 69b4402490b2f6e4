"""Settings: every one documented, and the file and environment sources both work."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from credintake.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def _leaves(model: BaseModel, prefix: str = "") -> list[str]:
    out = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        out += _leaves(value, f"{prefix}{name}.") if isinstance(value, BaseModel) else [prefix + name]
    return out


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text()
    missing = [key for key in _leaves(Settings()) if f"`{key}`" not in text]
    assert missing == []


def test_environment_overrides_nested_rule_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREDINTAKE_RULES__ATTESTATION_MAX_AGE_DAYS", "120")
    monkeypatch.setenv("CREDINTAKE_LIMITS__MAX_PAGES_PER_FILE", "7")
    settings = Settings()
    assert settings.rules.attestation_max_age_days == 120
    assert settings.limits.max_pages_per_file == 7
    assert settings.rules.expiring_soon_days == 90


def test_settings_file_then_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "credintake.toml"
    path.write_text("[rules]\nexpiring_soon_days = 60\nmalpractice_min_per_claim = 1300000\n")
    monkeypatch.setenv("CREDINTAKE_SETTINGS_FILE", str(path))
    monkeypatch.setenv("CREDINTAKE_RULES__EXPIRING_SOON_DAYS", "45")
    settings = Settings()
    assert settings.rules.malpractice_min_per_claim == 1_300_000
    assert settings.rules.expiring_soon_days == 45
