"""extraction.low_confidence: a value a rule needed was read too poorly to decide on.

The rules do not turn an uncertain reading into an error: below ``min_confidence_to_flag``
(unless another source agrees) or when a value is not plausible as read, a rule records a
doubt (rules/doubts.py) instead of its finding. This rule reports each doubted value once,
naming the field, the value, its confidence, file and page and the rules that did not
decide, so a person checks the value on the page. It runs after every other rule
(credintake.rules.evaluate).
"""

from __future__ import annotations

from collections.abc import Iterator

from credintake.contract import Finding
from credintake.rules.context import DOC_LABELS, RuleContext, cite, where
from credintake.rules.registry import get, register

RULE = "extraction.low_confidence"


@register(RULE, severity="warning", reads=("min_confidence_to_flag",))
def low_confidence(ctx: RuleContext) -> Iterator[Finding]:
    """A value a rule needs was read with too low a confidence to decide on."""
    rule = get(RULE)
    for doubt in ctx.doubts:
        label = doubt.field.split(".", 1)[-1].replace("_", " ")
        doc_label = DOC_LABELS.get(doubt.doc_type or "", "document").lower()
        needed = ", ".join(doubt.rules)
        shown = f"The {label}" if doubt.value is None else f"The {label} '{doubt.value}'"
        yield rule.finding(
            field=doubt.field,
            message=(f"{shown} on the {doc_label} ({cite(doubt.source)}) was {doubt.reason}, "
                     f"so it was not judged ({needed}): look at the value on the page and "
                     f"correct the reading if it is wrong, then re-run the checks."),
            evidence={"field": doubt.field, "value": doubt.value,
                      "confidence": round(doubt.source.confidence, 3), "reason": doubt.reason,
                      "rules": list(doubt.rules), "doc_type": doubt.doc_type,
                      "threshold": ctx.settings.min_confidence_to_flag, **where(doubt.source)})
