"""identifier.*: NPI and DEA numbers that cannot be right.

NPI: 10 digits, the last a Luhn check digit over "80840" + the first nine. DEA: a
registrant-type letter (``dea_registrant_types``), the registrant's last-name initial
(or '9' for some businesses), seven digits whose last is (d1+d3+d5) + 2(d2+d4+d6) mod
10. Every distinct number is checked once, in the application and on the documents;
the last-name initial may be that of any of the applicant's names (current or former)
or of the registrant printed on the certificate.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from credintake.contract import Finding, Source
from credintake.rules.context import RuleContext, cite, where
from credintake.rules.identifiers import dea_problems, normalise_identifier, npi_problem
from credintake.rules.names import parse_name
from credintake.rules.registry import get, register
from credintake.rules.evidence import source_of


@dataclass
class Seen:
    value: str
    source: Source | None
    doc_type: str | None
    registrant: str | None = None


def _npis(ctx: RuleContext) -> list[Seen]:
    out: list[Seen] = []
    p = ctx.application.provider
    if p and p.npi:
        out.append(Seen(p.npi, None, None))
    for doc in ctx.documents:
        fv = doc.fields.get("npi")
        if fv is not None and fv.value not in (None, ""):
            out.append(Seen(str(fv.value), source_of(fv), doc.doc_type))
    return _distinct(out)


def _deas(ctx: RuleContext) -> list[Seen]:
    out: list[Seen] = []
    for d in ctx.application.dea or []:
        if d.dea_number:
            out.append(Seen(d.dea_number, None, None))
    for doc in ctx.documents:
        fv = doc.fields.get("dea_number")
        if fv is not None and fv.value not in (None, ""):
            name = doc.fields.get("registrant_name")
            out.append(Seen(str(fv.value), source_of(fv), doc.doc_type,
                            str(name.value) if name is not None and name.value else None))
    return _distinct(out)


def _distinct(seen: list[Seen]) -> list[Seen]:
    """One per normalised value; a document's reading is preferred (it can be cited)."""
    by_value: dict[str, Seen] = {}
    for s in seen:
        key = normalise_identifier(s.value)
        if key not in by_value or (by_value[key].source is None and s.source is not None):
            by_value[key] = s
    return list(by_value.values())


@register("identifier.invalid_npi", severity="error")
def invalid_npi(ctx: RuleContext) -> Iterator[Finding]:
    """An NPI fails the check digit (Luhn over "80840" + first nine digits)."""
    rule = get("identifier.invalid_npi")
    for seen in _npis(ctx):
        problem = npi_problem(seen.value)
        if problem is None:
            continue
        yield rule.finding(
            field="provider.npi",
            message=(f"NPI {seen.value} ({cite(seen.source)}) is not a valid NPI ({problem}): "
                     f"look the provider up in the NPPES registry and correct the NPI."),
            evidence={"npi": seen.value, "problem": problem, "doc_type": seen.doc_type,
                      **where(seen.source)})


@register("identifier.invalid_dea", severity="error", reads=("dea_registrant_types",))
def invalid_dea(ctx: RuleContext) -> Iterator[Finding]:
    """A DEA number fails its format, check digit, or last-name initial."""
    rule = get("identifier.invalid_dea")
    applicant_lasts = [n.last for n in ctx.profile.known_names() if n.last]
    if not applicant_lasts and ctx.profile.application.provider:
        applicant_lasts = [ctx.profile.application.provider.last_name or ""]
    for seen in _deas(ctx):
        lasts = list(applicant_lasts)
        if seen.registrant:
            lasts.append(parse_name(seen.registrant).last)
        problems = dea_problems(seen.value, last_names=[n for n in lasts if n],
                                registrant_types=ctx.settings.dea_registrant_types)
        if not problems:
            continue
        detail = "; ".join(p.detail for p in problems)
        yield rule.finding(
            field="dea.dea_number",
            message=(f"DEA number {seen.value} ({cite(seen.source)}) is not valid ({detail}): "
                     f"verify the registration with the DEA and correct the number."),
            evidence={"dea_number": seen.value, "problems": [p.kind for p in problems],
                      "detail": detail, "doc_type": seen.doc_type, **where(seen.source)})
