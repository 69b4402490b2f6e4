"""expiration.*: credentials expired before as_of, or expiring within the warning window.

Month-precision dates (AHA cards: "Renew By 03/2027") expire at the END of that month,
year-precision ones at the end of the year. A credential expiring exactly ``as_of`` is
still valid that day (expiring soon, not expired); exactly ``expiring_soon_days`` days
out still warns. A license whose status reads Expired/Lapsed with no date is expired
(``data/license_status.csv``: the statuses of standing "expired").

A date (or status) read below ``min_confidence_to_flag`` that no other source confirms
is not judged: extraction.low_confidence asks a person to look at it.
"""

from __future__ import annotations

from collections.abc import Iterator

from credintake.contract import Finding
from credintake.rules.context import RuleContext, cite, where
from credintake.rules.dates import parse_date
from credintake.rules.equivalents import status_standing
from credintake.rules.evidence import Entry
from credintake.rules.registry import get, register

#: section -> (label, identifying fields, who can confirm a renewal)
CREDENTIALS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "licenses": ("State license", ("license_number", "issuing_state"),
                 "verify the renewal with the state board"),
    "dea": ("DEA registration", ("dea_number", "state"),
            "verify it on the DEA registration validation site"),
    "board_certifications": ("Board certification", ("board", "specialty"),
                             "verify it with the certifying board"),
    "malpractice_insurance": ("Malpractice policy", ("policy_number", "carrier"),
                              "request a current certificate of insurance"),
    "life_support": ("Life-support card", ("course",), "request a current card"),
}


def _label(section: str, entry: Entry) -> str:
    label, fields, _ = CREDENTIALS[section]
    ident = ", ".join(str(entry.values[f]) for f in fields if entry.values.get(f))
    return f"{label} {ident}".strip()


def _doc_type(entry: Entry, name: str) -> str | None:
    chosen = entry.chosen.get(name)
    return chosen.doc_type if chosen is not None else None


def _expiries(ctx: RuleContext) -> Iterator[tuple[str, Entry, str, int]]:
    """(section, entry, expiration ISO, days from as_of to the last valid day)."""
    for section in CREDENTIALS:
        for entry in ctx.profile.entries.get(section, []):
            parsed = parse_date(entry.values.get("expiration_date"))
            if parsed is None:
                continue
            yield section, entry, parsed.iso(), (parsed.last_day() - ctx.as_of).days


@register("expiration.expired", severity="error", reads=("min_confidence_to_flag",))
def expired(ctx: RuleContext) -> Iterator[Finding]:
    """A credential's expiration date is before as_of."""
    rule = get("expiration.expired")
    for section, entry, expires, days in _expiries(ctx):
        if days >= 0 or not ctx.trusts_entry(entry, "expiration_date", rule.id):
            continue
        source = entry.source_of("expiration_date")
        yield rule.finding(
            field=f"{section}.expiration_date",
            message=(f"{_label(section, entry)} ({cite(source)}) expired on {expires}: request "
                     f"proof of renewal from the provider or {CREDENTIALS[section][2]}."),
            evidence={"expiration_date": expires, "days": days, "as_of": ctx.as_of.isoformat(),
                      "doc_type": _doc_type(entry, "expiration_date"), **where(source)})
    for entry in ctx.profile.entries.get("licenses", []):
        lapsed = status_standing(entry.values.get("status")) == "expired"
        if (entry.values.get("expiration_date") or not lapsed
                or not ctx.trusts_entry(entry, "status", rule.id)):
            continue
        source = entry.source_of("status")
        yield rule.finding(
            field="licenses.status",
            message=(f"{_label('licenses', entry)} ({cite(source)}) has status "
                     f"'{entry.values['status']}' and no expiration date: request proof of "
                     f"renewal or {CREDENTIALS['licenses'][2]}."),
            evidence={"status": entry.values["status"], "expiration_date": None,
                      "doc_type": _doc_type(entry, "status"), **where(source)})


@register("expiration.expiring_soon", severity="warning",
          reads=("expiring_soon_days", "min_confidence_to_flag"))
def expiring_soon(ctx: RuleContext) -> Iterator[Finding]:
    """A credential expires within the warning window after as_of."""
    rule = get("expiration.expiring_soon")
    window = ctx.settings.expiring_soon_days
    for section, entry, expires, days in _expiries(ctx):
        if not 0 <= days <= window or not ctx.trusts_entry(entry, "expiration_date", rule.id):
            continue
        source = entry.source_of("expiration_date")
        yield rule.finding(
            field=f"{section}.expiration_date",
            message=(f"{_label(section, entry)} ({cite(source)}) expires on {expires}, {days} "
                     f"days after {ctx.as_of.isoformat()}: ask the provider for the renewal "
                     f"before approval, or {CREDENTIALS[section][2]} once renewed."),
            evidence={"expiration_date": expires, "days": days, "window_days": window,
                      "as_of": ctx.as_of.isoformat(),
                      "doc_type": _doc_type(entry, "expiration_date"), **where(source)})
