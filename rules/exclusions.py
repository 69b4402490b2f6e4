"""exclusion.match: the provider is on an imported exclusion list (OIG LEIE, SAM.gov).

For every in-force entry (not reinstated on or before as_of) whose name matches one of the
provider's known names (the applicant's, nicknames, former names in ``other_names``; the
last name fuzzy with rapidfuzz), or whose NPI is the provider's:

- the NPI or the date of birth agrees: error (the same person, as far as a list can say);
- the NPI or the date of birth disagrees and nothing agrees: someone else, no finding;
- nothing to tell them apart: a warning asking the specialist to verify the identity.

No list imported: the rule does not run (and says nothing); ``credintake lists status``
shows that screening is off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from rapidfuzz import fuzz

from credintake.contract import Finding
from credintake.rules.context import RuleContext
from credintake.rules.dates import parse_date
from credintake.rules.identifiers import normalise_identifier
from credintake.rules.names import ParsedName, compare_person, fold
from credintake.rules.registry import get, register
from credintake.rules.screening import ExclusionEntry, name_key

RULE = "exclusion.match"


@register(RULE, severity="error", reads=("exclusion_name_threshold",))
def exclusion_match(ctx: RuleContext) -> Iterator[Finding]:
    """The provider matches an entry of an imported exclusion or sanction list."""
    source = ctx.screening
    if source is None or not source.exclusion_lists():
        return
    names = [n for n in ctx.profile.known_names() if n.last]
    provider = ctx.profile.application.provider
    npi = normalise_identifier(provider.npi if provider else None)
    dob = _date(provider.date_of_birth if provider else None)
    if not names and not npi:
        return
    candidates = source.exclusion_candidates({name_key(n.last) for n in names},
                                             [npi] if npi else [])
    rule = get(RULE)
    for entry in candidates:
        if not entry.in_force(ctx.as_of):
            continue
        score = _name_score(entry, names, ctx.settings.exclusion_name_threshold)
        npi_says = _agrees(npi or None, entry.npi)
        dob_says = _agrees(dob, entry.date_of_birth)
        if score is None and npi_says is not True:
            continue
        matched = [what for what, says in (("npi", npi_says), ("date_of_birth", dob_says))
                   if says is True]
        if not matched and False in (npi_says, dob_says):
            continue  # same name, another person (another NPI or date of birth)
        severity = "error" if matched else "warning"
        if score is not None:
            matched.insert(0, "name")
        yield rule.finding(
            severity=severity, field="provider.last_name",
            message=_message(entry, matched, severity),
            evidence={"list": entry.list_name, "file_date": entry.file_date.isoformat(),
                      "entry": entry.describe(), "matched": matched,
                      "score": round(score, 1) if score is not None else None,
                      "as_of": ctx.as_of.isoformat()})


def _message(entry: ExclusionEntry, matched: list[str], severity: str) -> str:
    who = " ".join(p for p in (entry.first_name, entry.middle_name, entry.last_name) if p)
    listed = (f"{who} is on the {entry.list_name.upper()} list of {entry.file_date.isoformat()}"
              f" (line {entry.line}, excluded {entry.exclusion_date or 'date not given'})")
    if severity == "error":
        agree = " and ".join(m.replace("_", " ").replace("npi", "NPI") for m in matched)
        return (f"{listed}; the {agree} agree with the provider's: the provider is excluded. Do not approve; confirm on the source's web site and record it.")
    return (f"{listed}; the name matches and neither NPI nor date of birth tells them apart: "
            "verify the identity (date of birth, SSN) against the source before approving.")


def _name_score(entry: ExclusionEntry, names: list[ParsedName], threshold: float
                ) -> float | None:
    """The best match of the entry's name with a known name of the provider, or None."""
    if not entry.first_name:
        return None
    listed = ParsedName(first=entry.first_name, middle=entry.middle_name, last=entry.last_name,
                        suffix="")
    best: float | None = None
    for known in names:
        last = fuzz.ratio(fold(entry.last_name), fold(known.last))
        if last < threshold:
            continue
        # the last names agree (fuzzy); the given names by spelling, initial or nickname
        person = ParsedName(first=known.first, middle=known.middle, last=entry.last_name,
                            suffix="")
        m = compare_person(listed, person)
        if m.matches and fold(known.first):
            score = min(m.score, last)
            best = score if best is None else max(best, score)
    return best


def _agrees(ours: object, theirs: object) -> bool | None:
    """True/False when both sides are known, None when either is missing."""
    if ours in (None, "") or theirs in (None, ""):
        return None
    return ours == theirs


def _date(value: str | None) -> dt.date | None:
    parsed = parse_date(value) if value else None
    if parsed is None or parsed.precision != "day":
        return None
    return parsed.first_day()
