"""The rule registry, keyed by the contract's rule ids.

A rule declares its id (one of ``credintake.contract.RULE_IDS``), its default severity
and the ``RuleSettings`` fields it reads; registering an id twice, an unknown id or an
unknown setting raises at import time, so the registry can never drift silently from the
contract (tests/rules/test_registry.py compares the two).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from credintake.contract import RULE_IDS, Finding, Severity
from credintake.settings import RuleSettings

if TYPE_CHECKING:
    from credintake.rules.context import RuleContext

Check = Callable[["RuleContext"], Iterable[Finding]]


class RegistryError(ValueError):
    """A rule was declared wrongly (duplicate or unknown id, unknown setting)."""


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    reads: tuple[str, ...]
    check: Check
    doc: str

    def run(self, ctx: RuleContext) -> list[Finding]:
        return list(self.check(ctx))

    def finding(self, *, message: str, field: str | None, evidence: dict[str, Any],
                severity: Severity | None = None) -> Finding:
        """A finding of this rule (default severity unless the rule escalates or lowers it)."""
        return Finding(rule=self.id,  # type: ignore[arg-type]
                       severity=severity or self.severity, field=field, message=message,
                       evidence=evidence)


_REGISTRY: dict[str, Rule] = {}


def register(rule_id: str, *, severity: Severity, reads: tuple[str, ...] = ()
             ) -> Callable[[Check], Check]:
    """Declare ``fn(ctx) -> Iterable[Finding]`` as the check of ``rule_id``."""
    if rule_id not in RULE_IDS:
        raise RegistryError(f"unknown rule id {rule_id!r}; the contract's are: "
                            f"{', '.join(RULE_IDS)}")
    unknown = [name for name in reads if name not in RuleSettings.model_fields]
    if unknown:
        raise RegistryError(f"rule {rule_id!r} reads unknown settings {unknown}")
    if rule_id in _REGISTRY:
        raise RegistryError(f"rule {rule_id!r} is already registered")

    def decorator(fn: Check) -> Check:
        _REGISTRY[rule_id] = Rule(rule_id, severity, tuple(reads), fn,
                                  (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else "")
        return fn

    return decorator


def get(rule_id: str) -> Rule:
    try:
        return _REGISTRY[rule_id]
    except KeyError:
        raise RegistryError(f"no rule {rule_id!r}; registered: "
                            f"{', '.join(sorted(_REGISTRY))}") from None


def all_rules() -> list[Rule]:
    """Registered rules in contract order."""
    return [_REGISTRY[r] for r in RULE_IDS if r in _REGISTRY]
