"""The findings engine: consolidate a packet into a profile, reconcile it, apply the rules.

    evaluate(documents, application, problems, as_of=..., settings=...) -> Evaluation

``profile`` is the application-shaped consolidation of documents + application (see
profile.py), ``reconciliation`` lists agreements and disagreements field by field
(reconcile.py), ``findings`` are the registered rules' output (registry.py; one module per
rule family). docs/rules.md describes every rule, its boundaries and its settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from credintake.contract import Application, Document, Finding, ReconciliationItem, Source
from credintake.problems import Problem
from credintake.rules import (attestation, check_digits, completeness, documents,  # noqa: F401
                              exclusions, expiration, gaps, identity, low_confidence,
                              malpractice, mismatch, npi_registry)
from credintake.rules.context import RuleContext
from credintake.rules.profile import build_profile
from credintake.rules.reconcile import items, reconcile
from credintake.rules.registry import all_rules
from credintake.rules.screening import ScreeningSource
from credintake.settings import RuleSettings

__all__ = ["Evaluation", "evaluate"]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Evaluation:
    profile: Application
    reconciliation: list[ReconciliationItem]
    findings: list[Finding]
    #: Provenance of document-backed profile values, keyed "licenses[0].expiration_date".
    sources: dict[str, Source] = field(default_factory=dict)


def evaluate(documents: list[Document], application: Application | None,
             problems: list[Problem], *, as_of: dt.date, settings: RuleSettings,
             screening: ScreeningSource | None = None) -> Evaluation:
    """Profile, reconciliation and findings for one packet, as of ``as_of``; screened
    against the imported lists of ``screening`` when given."""
    application = application or Application()
    profile = build_profile(documents, application, settings)
    records = reconcile(profile, settings)
    ctx = RuleContext(documents=documents, application=application, problems=list(problems),
                      as_of=as_of, settings=settings, profile=profile, records=records,
                      screening=screening)
    findings: list[Finding] = []
    # extraction.low_confidence reports what the other rules doubted, so it runs last.
    for rule in sorted(all_rules(), key=lambda r: r.id == low_confidence.RULE):
        findings.extend(rule.run(ctx))
    findings.sort(key=lambda f: _SEVERITY_ORDER[f.severity])  # stable: rule order within
    return Evaluation(profile=profile.application, reconciliation=items(records),
                      findings=findings, sources=profile.sources())
