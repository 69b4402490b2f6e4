"""identity.name_mismatch: a document's holder is not the applicant.

A document name is the applicant when it agrees with the applicant's name or one of
``provider.other_names`` (former, maiden, alternate names): same last name (or one part
of a compound one), first name equal / nickname / initial, middle name not contradicting
(initial vs full is fine), suffix not contradicting. A near miss (score at or above
``fuzzy_probable_threshold``, e.g. one letter off from OCR) is a warning; anything else is
an error. Same given names with another last name is a warning about a probable former
name missing from ``other_names``. A malpractice certificate naming an organisation (the
group practice) is reported as such: the certificate must name the provider.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from credintake.contract import Finding
from credintake.rules.context import DOC_LABELS, RuleContext, cite, where
from credintake.rules.names import ParsedName, compare_person, fold, match_applicant
from credintake.rules.registry import get, register
from credintake.rules.evidence import source_of

_ORG_WORDS = re.compile(r"\b(group|llc|pllc|inc|corp|associates|partners|clinic|medical|"
                        r"health|hospital|physicians|practice|pc|pa|center|services)\b", re.I)


def _applicant(ctx: RuleContext) -> list[ParsedName]:
    known = ctx.profile.known_names()
    if known and known[0].last:
        return known
    p = ctx.profile.application.provider
    if p and p.last_name:
        return [ParsedName(first=p.first_name or "", middle=p.middle_name or "",
                           last=p.last_name, suffix=p.suffix or "")]
    return []


@register("identity.name_mismatch", severity="error", reads=("fuzzy_probable_threshold",))
def name_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """A document's holder name is not the applicant (nor a nickname, initial or alias)."""
    rule = get("identity.name_mismatch")
    applicant = _applicant(ctx)
    if not applicant:
        return
    shown = applicant[0].full()
    for holder in ctx.profile.holder_names:
        result = match_applicant(holder.parsed, applicant)
        if result.matches:
            continue
        source = source_of(holder.value)
        label = DOC_LABELS.get(holder.doc_type, "Document")
        printed = str(holder.value.value)
        evidence = {"document_name": printed, "applicant_name": shown, "reason": result.reason,
                    "score": round(result.score, 1), "doc_type": holder.doc_type,
                    **where(source)}
        if holder.doc_type == "malpractice_insurance" and _ORG_WORDS.search(printed):
            yield rule.finding(
                field="provider.last_name",
                message=(f"{label} ({cite(source)}) names '{printed}', an organisation, not the "
                         f"provider {shown}: request a certificate of insurance that names the "
                         f"provider individually."),
                evidence={**evidence, "reason": "names an organisation"})
            continue
        if result.reason == "last name differs" and _given_names_agree(holder.parsed, applicant):
            # Same given names, another surname: most often a maiden or former name that
            # the application does not list.
            yield rule.finding(
                field="provider.other_names",
                severity="warning",
                message=(f"{label} ({cite(source)}) is in the name '{printed}': same given names "
                         f"as the applicant {shown} but another last name, probably a former name "
                         f"not listed in other names: request name-change documentation (e.g. a "
                         f"marriage certificate) and add the name to other names."),
                evidence={**evidence, "reason": "probable former name"})
            continue
        near = result.score >= ctx.settings.fuzzy_probable_threshold
        field = "provider.last_name" if "last" in result.reason else "provider.first_name"
        yield rule.finding(
            field=field,
            severity="warning" if near else None,
            message=(f"{label} ({cite(source)}) is in the name '{printed}', which does not match "
                     f"the applicant {shown} ({result.reason}"
                     f"{', possibly a misspelling' if near else ''}): confirm the document "
                     f"belongs to the provider, or add the name to other names if it is a "
                     f"former name."),
            evidence=evidence)


def _given_names_agree(doc: ParsedName, applicant: list[ParsedName]) -> bool:
    """First (and middle, where both have one) names agree with the applicant's own."""
    me = applicant[0]
    if not doc.first or not me.first or len(fold(doc.first)) < 2:
        return False
    same = ParsedName(first=doc.first, middle=doc.middle, last=me.last, suffix=me.suffix)
    return compare_person(same, me).matches
