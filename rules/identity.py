"""identity.name_mismatch: a document's holder is not the applicant.

A document name is the applicant when it agrees with the applicant's name or one of
``provider.other_names`` (former, maiden, alternate names): same last name (or one part
of a compound one), first name equal / nickname / initial, middle name not contradicting
(initial vs full is fine), suffix not contradicting. A near miss (score at or above
``fuzzy_probable_threshold``, e.g. one letter off from OCR) is a warning; anything else is
an error. Same given names with another last name is a warning about a probable former
name missing from ``other_names``. A malpractice certificate naming an organisation (the
group practice) is reported as such: the certificate must name the provider.

Only a confidently read name that the other documents do not explain is held against the
applicant. A name read below ``min_confidence_to_flag``, a fragment (only given names of
the applicant: "Timothy Dustin" for Timothy Dustin Washington, a line cut short) or a near
miss while another confidently read document prints the applicant's name (one garbled fax
page against the licence) is a doubt for extraction.low_confidence, not a finding; a
fragment that another document completes is nothing at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from credintake.contract import Finding
from credintake.rules.context import DOC_LABELS, RuleContext, cite, where
from credintake.rules.evidence import HolderName, source_of
from credintake.rules.names import ParsedName, compare_person, fold, match_applicant
from credintake.rules.registry import get, register

RULE = "identity.name_mismatch"
#: Where a doubted holder name is filed (extraction.low_confidence's field).
NAME_FIELD = "provider.last_name"
#: Two surnames this similar (rapidfuzz ratio of the folded letters) may be one misread.
_SURNAME_CLOSE = 60.0
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


@register(RULE, severity="error",
          reads=("fuzzy_probable_threshold", "min_confidence_to_flag"))
def name_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """A document's holder name is not the applicant (nor a nickname, initial or alias)."""
    rule = get(RULE)
    applicant = _applicant(ctx)
    if not applicant:
        return
    shown = applicant[0].full()
    for holder in ctx.profile.holder_names:
        result = match_applicant(holder.parsed, applicant)
        if result.matches or not _decidable(ctx, holder, result.score, applicant):
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


def _decidable(ctx: RuleContext, holder: HolderName, score: float,
               applicant: list[ParsedName]) -> bool:
    """Whether a disagreeing holder name is evidence of another person (module docstring);
    if not, it is doubted (or, a fragment another document completes, dropped)."""
    rule = RULE
    source = source_of(holder.value)
    confirmed = _confirmed_elsewhere(ctx, holder, applicant)
    if _given_names_only(holder.parsed, applicant[0]):
        if not confirmed:
            ctx.doubts.add(field=NAME_FIELD, value=holder.value.value, source=source,
                           doc_type=holder.doc_type, rule=rule,
                           reason="read as given names only (no surname)")
        return False
    if not ctx.trusts(field=NAME_FIELD, value=holder.value.value, source=source,
                      doc_type=holder.doc_type, rule=rule):
        return False
    if confirmed and _garbled(holder.parsed, applicant[0], score,
                              ctx.settings.fuzzy_probable_threshold):
        ctx.doubts.add(field=NAME_FIELD, value=holder.value.value, source=source,
                       doc_type=holder.doc_type, rule=rule,
                       reason="close to the applicant's name that the other documents print "
                              "(probably misread)")
        return False
    return True


def _confirmed_elsewhere(ctx: RuleContext, holder: HolderName,
                         applicant: list[ParsedName]) -> bool:
    """Another document, read confidently, prints a name that is the applicant."""
    return any(other.doc_index != holder.doc_index
               and other.value.confidence >= ctx.settings.min_confidence_to_flag
               and match_applicant(other.parsed, applicant).matches
               for other in ctx.profile.holder_names)


def _garbled(doc: ParsedName, me: ParsedName, score: float, threshold: float) -> bool:
    """A misreading of the applicant's name rather than another name: close overall with a
    surname that is itself close ("Margarct Dae" for Margaret Doe), or the same surname with
    a first name a letter or two off ("Erina" for Erin). "Angela Orr" for Angela Fowler is
    not garbled: it is another surname (a former name, judged as such)."""
    last_ratio = fuzz.ratio(fold(doc.last), fold(me.last))
    if score >= threshold and last_ratio >= _SURNAME_CLOSE:
        return True
    first, mine = fold(doc.first), fold(me.first)
    same_last = compare_person(ParsedName(first=me.first, last=doc.last, suffix=doc.suffix),
                               me).matches
    return bool(first) and bool(mine) and same_last and fuzz.ratio(first, mine) >= threshold


def _given_names_only(doc: ParsedName, me: ParsedName) -> bool:
    """Every word of the document's name is one of the applicant's given names, and none is
    the surname: the reader kept "Timothy Dustin" of Timothy Dustin Washington."""
    words = [fold(w) for w in doc.full().split() if len(fold(w)) > 1]
    given = {fold(w) for w in f"{me.first} {me.middle}".split() if len(fold(w)) > 1}
    return bool(words) and set(words) <= given and fold(me.last) not in words
