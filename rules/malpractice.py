"""malpractice.*: professional-liability limits below the minimum; certificates that show
no professional liability at all.

insufficient_coverage: each policy of the profile is checked: per-claim below
``malpractice_min_per_claim`` or aggregate below ``malpractice_min_aggregate`` (exactly the
minimum passes). A policy that expired before as_of is skipped when another policy is
current (the old one is history; expiration rules report it if it is the only one). A
policy without limits is not judged, nor a limit read from a certificate that shows no
professional liability (a general-liability limit says nothing about malpractice cover;
not_professional_liability reports that certificate instead).

not_professional_liability: one finding per insurance certificate whose coverage lines
include no professional (medical malpractice / E&O) liability, from the extractor's
notice (``Problem(kind="not_professional_liability")``).
"""

from __future__ import annotations

from collections.abc import Iterator

from credintake.contract import Finding
from credintake.rules.context import RuleContext, cite, where
from credintake.rules.dates import parse_date
from credintake.rules.evidence import Entry
from credintake.rules.registry import get, register


def _current(entry: Entry, ctx: RuleContext) -> bool:
    exp = parse_date(entry.values.get("expiration_date"))
    return exp is None or exp.last_day() >= ctx.as_of


@register("malpractice.insufficient_coverage", severity="error",
          reads=("malpractice_min_per_claim", "malpractice_min_aggregate"))
def insufficient_coverage(ctx: RuleContext) -> Iterator[Finding]:
    """Limits below the policy minimum ($1M per claim / $3M aggregate by default)."""
    rule = get("malpractice.insufficient_coverage")
    policies = ctx.profile.entries.get("malpractice_insurance", [])
    if any(_current(p, ctx) for p in policies):
        policies = [p for p in policies if _current(p, ctx)]
    minimums = (("per_claim_limit", "per-claim", ctx.settings.malpractice_min_per_claim),
                ("aggregate_limit", "aggregate", ctx.settings.malpractice_min_aggregate))
    not_professional = _not_professional_docs(ctx)
    for entry in policies:
        policy = " ".join(str(entry.values[f]) for f in ("carrier", "policy_number")
                          if entry.values.get(f)) or "on file"
        for name, label, minimum in minimums:
            limit = entry.values.get(name)
            if limit is None or limit >= minimum or (
                    name in entry.chosen and entry.chosen[name].doc_index in not_professional
            ) or not ctx.trusts_entry(entry, name, rule.id):
                continue
            source = entry.source_of(name)
            article = "an" if label[0] in "aeiou" else "a"
            yield rule.finding(
                field=f"malpractice_insurance.{name}",
                message=(f"Malpractice policy {policy} ({cite(source)}) has {article} {label} "
                         f"limit of "
                         f"${limit:,}, below the required ${minimum:,}: request proof of "
                         f"additional coverage (or an updated certificate) from the provider."),
                evidence={name: limit, "minimum": minimum,
                          "policy_number": entry.values.get("policy_number"),
                          "carrier": entry.values.get("carrier"),
                          "doc_type": entry.chosen[name].doc_type if name in entry.chosen else None,
                          **where(source)})


def _not_professional_docs(ctx: RuleContext) -> set[int]:
    return {p.document_index for p in ctx.problems
            if p.kind == "not_professional_liability" and p.document_index is not None}


@register("malpractice.not_professional_liability", severity="error")
def not_professional_liability(ctx: RuleContext) -> Iterator[Finding]:
    """An insurance certificate shows no professional (malpractice / E&O) liability line."""
    rule = get("malpractice.not_professional_liability")
    seen: set[tuple[str, int | None]] = set()
    for p in ctx.problems:
        if p.kind != "not_professional_liability" or (p.file, p.document_index) in seen:
            continue
        seen.add((p.file, p.document_index))
        doc = ctx.documents[p.document_index] if p.document_index is not None \
            and 0 <= p.document_index < len(ctx.documents) else None
        values = {f: doc.fields[f].value for f in ("carrier", "policy_number")
                  if doc is not None and f in doc.fields}
        yield rule.finding(
            field="malpractice_insurance",
            message=(f"{cite(file=p.file, page=p.page)}: {p.reason.rstrip('.')}. It does not prove "
                     f"malpractice cover: request the provider's professional-liability "
                     f"certificate (or the carrier's declarations page)."),
            evidence={"file": p.file, "page": p.page, "reason": p.reason,
                      "document_index": p.document_index,
                      "doc_type": doc.doc_type if doc is not None else None, **values})
