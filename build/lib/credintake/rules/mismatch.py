"""reconciliation.mismatch: the application and a document disagree on a value.

Raised from reconciliation records with status ``mismatch``. Name parts (provider first /
middle / last / suffix) are left to identity.name_mismatch, which knows about nicknames,
initials and former names, so one disagreement is never reported twice. Identifiers
(license, DEA, NPI, policy numbers) are errors; other values are warnings.
"""

from __future__ import annotations

from collections.abc import Iterator

from credintake.contract import Finding
from credintake.rules.context import DOC_LABELS, RuleContext, cite, where
from credintake.rules.registry import get, register

NAME_FIELDS = {"provider.first_name", "provider.middle_name", "provider.last_name",
               "provider.suffix"}


@register("reconciliation.mismatch", severity="warning",
          reads=("fuzzy_match_threshold", "fuzzy_probable_threshold", "application_authority"))
def reconciliation_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """The application and a document disagree on a value (after normalisation)."""
    rule = get("reconciliation.mismatch")
    for record in ctx.records:
        item = record.item
        if item.status != "mismatch" or item.field in NAME_FIELDS:
            continue
        label = item.field.split(".", 1)[1].replace("_", " ")
        doc_label = DOC_LABELS.get(record.doc_type or "", "the document")
        typo = "typo" in record.note
        detail = ""
        if typo:
            what = "two characters swapped" if "swapped" in record.note else "one character differs"
            detail = f" ({what}: probably a typo)"
        yield rule.finding(
            field=item.field,
            severity="error" if record.kind == "id" else None,
            message=(f"Application {label} '{item.application_value}' differs from "
                     f"'{item.document_value}' on the {doc_label.lower()} ({cite(item.source)})"
                     f"{detail}: confirm the correct value with the provider or the primary "
                     f"source and correct the application."),
            evidence={"application_value": item.application_value,
                      "document_value": item.document_value, "score": item.score,
                      "probable_typo": typo, "note": record.note, "doc_type": record.doc_type,
                      **where(item.source)})
