"""attestation.stale: the application was attested too long before as_of.

Stale when signed MORE than ``attestation_max_age_days`` days before as_of (exactly 180
days is still fine). A month- or year-precision signature date is read as its last day
(the most favourable reading). A missing date is completeness.missing_field's business.
"""

from __future__ import annotations

from collections.abc import Iterator

from credintake.contract import Finding
from credintake.rules.context import APPLICATION, RuleContext
from credintake.rules.dates import parse_date
from credintake.rules.registry import get, register


@register("attestation.stale", severity="error", reads=("attestation_max_age_days",))
def attestation_stale(ctx: RuleContext) -> Iterator[Finding]:
    """The attestation was signed more than 180 days (configurable) before as_of."""
    rule = get("attestation.stale")
    attestation = ctx.profile.application.attestation
    signed = parse_date(attestation.signed_date) if attestation else None
    if signed is None:
        return
    age = (ctx.as_of - signed.last_day()).days
    limit = ctx.settings.attestation_max_age_days
    if age <= limit:
        return
    yield rule.finding(
        field="attestation.signed_date",
        message=(f"The attestation ({APPLICATION}) was signed on {signed.iso()}, {age} days "
                 f"before {ctx.as_of.isoformat()} (limit {limit} days): ask the provider to "
                 f"re-attest and sign the application again."),
        evidence={"signed_date": signed.iso(), "days": age, "max_age_days": limit,
                  "as_of": ctx.as_of.isoformat(), "file": APPLICATION, "page": None})
