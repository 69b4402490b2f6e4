"""identifier.*: NPI and DEA numbers that cannot be right.

NPI: 10 digits, the last a Luhn check digit over "80840" + the first nine. DEA: a
registrant-type letter (``dea_registrant_types``), the registrant's last-name initial
(or '9' for some businesses), seven digits whose last is (d1+d3+d5) + 2(d2+d4+d6) mod
10. Every distinct number is checked once, in the application and on the documents;
the last-name initial may be that of any of the applicant's names (current or former)
or of the registrant printed on the certificate.

A number read from a document below ``min_confidence_to_flag`` is not judged, nor is one
that only fails because OCR put a letter for a digit ("1O23..." for "1023..."), nor one a
character away from a valid number the application or another document shows (a digit
misread: a real registration's number is valid): all go to extraction.low_confidence for
a person to read the number on the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from credintake.contract import Finding, Source
from credintake.rules.context import RuleContext, cite, where
from credintake.rules.identifiers import (dea_problems, edit_distance, normalise_identifier,
                                          npi_problem, passes_check_digit)
from credintake.rules.names import parse_name
from credintake.rules.plausible import implausible, ocr_digits
from credintake.rules.registry import get, register
from credintake.rules.evidence import source_of


@dataclass
class Seen:
    value: str
    source: Source | None
    doc_type: str | None
    registrant: str | None = None
    #: Another source (the application, another document) shows the same number.
    confirmed: bool = False


def _npis(ctx: RuleContext) -> list[Seen]:
    out: list[Seen] = []
    p = ctx.application.provider
    if p and p.npi:
        out.append(Seen(p.npi, None, None))
    for doc in ctx.documents:
        fv = doc.fields.get("npi")
        if fv is not None and fv.value not in (None, "") and not implausible(fv.value):
            out.append(Seen(str(fv.value), source_of(fv), doc.doc_type))
    return _distinct(out)


def _deas(ctx: RuleContext) -> list[Seen]:
    out: list[Seen] = []
    for d in ctx.application.dea or []:
        if d.dea_number:
            out.append(Seen(d.dea_number, None, None))
    for doc in ctx.documents:
        fv = doc.fields.get("dea_number")
        if fv is not None and fv.value not in (None, "") and not implausible(fv.value):
            name = doc.fields.get("registrant_name")
            out.append(Seen(str(fv.value), source_of(fv), doc.doc_type,
                            str(name.value) if name is not None and name.value else None))
    return _distinct(out)


def _distinct(seen: list[Seen]) -> list[Seen]:
    """One per normalised value; a document's reading is preferred (it can be cited)."""
    by_value: dict[str, Seen] = {}
    for s in seen:
        key = normalise_identifier(s.value)
        known = by_value.get(key)
        if known is None or (known.source is None and s.source is not None):
            by_value[key] = s
        if known is not None:
            by_value[key].confirmed = True
    return list(by_value.values())


def _near_valid(seen: Seen, others: list[Seen], kind: str) -> bool:
    """Another number one character away from ``seen`` passes its check digit."""
    return any(o is not seen and edit_distance(o.value, seen.value) == 1
               and passes_check_digit(kind, o.value) for o in others)


def _decidable(ctx: RuleContext, seen: Seen, field: str, rule: str, misread: bool) -> bool:
    """Whether ``rule`` may call a number it finds invalid so (see the module docstring)."""
    if not ctx.trusts(field=field, value=seen.value, source=seen.source,
                      doc_type=seen.doc_type, rule=rule, agreed=seen.confirmed):
        return False
    if misread and seen.source is not None and seen.source.file:
        ctx.doubts.add(field=field, value=seen.value, source=seen.source,
                       doc_type=seen.doc_type, rule=rule,
                       reason="read with a letter where the number has a digit")
        return False
    return True


@register("identifier.invalid_npi", severity="error", reads=("min_confidence_to_flag",))
def invalid_npi(ctx: RuleContext) -> Iterator[Finding]:
    """An NPI fails the check digit (Luhn over "80840" + first nine digits)."""
    rule = get("identifier.invalid_npi")
    npis = _npis(ctx)
    for seen in npis:
        problem = npi_problem(seen.value)
        if problem is None:
            continue
        misread = npi_problem(ocr_digits(seen.value)) is None or _near_valid(seen, npis, "npi")
        if not _decidable(ctx, seen, "provider.npi", rule.id, misread):
            continue
        yield rule.finding(
            field="provider.npi",
            message=(f"NPI {seen.value} ({cite(seen.source)}) is not a valid NPI ({problem}): "
                     f"look the provider up in the NPPES registry and correct the NPI."),
            evidence={"npi": seen.value, "problem": problem, "doc_type": seen.doc_type,
                      **where(seen.source)})


@register("identifier.invalid_dea", severity="error",
          reads=("dea_registrant_types", "min_confidence_to_flag"))
def invalid_dea(ctx: RuleContext) -> Iterator[Finding]:
    """A DEA number fails its format, check digit, or last-name initial."""
    rule = get("identifier.invalid_dea")
    applicant_lasts = [n.last for n in ctx.profile.known_names() if n.last]
    if not applicant_lasts and ctx.profile.application.provider:
        applicant_lasts = [ctx.profile.application.provider.last_name or ""]
    deas = _deas(ctx)
    for seen in deas:
        lasts = list(applicant_lasts)
        if seen.registrant:
            lasts.append(parse_name(seen.registrant).last)
        names = [n for n in lasts if n]
        types = ctx.settings.dea_registrant_types
        problems = dea_problems(seen.value, last_names=names, registrant_types=types)
        if not problems:
            continue
        fixed = seen.value[:2] + ocr_digits(seen.value[2:])
        misread = (not dea_problems(fixed, last_names=names, registrant_types=types)
                   or _near_valid(seen, deas, "dea"))
        if not _decidable(ctx, seen, "dea.dea_number", rule.id, misread):
            continue
        detail = "; ".join(p.detail for p in problems)
        yield rule.finding(
            field="dea.dea_number",
            message=(f"DEA number {seen.value} ({cite(seen.source)}) is not valid ({detail}): "
                     f"verify the registration with the DEA and correct the number."),
            evidence={"dea_number": seen.value, "problems": [p.kind for p in problems],
                      "detail": detail, "doc_type": seen.doc_type, **where(seen.source)})
