"""work_history.gap: unexplained gaps between activities in the last years before as_of.

Activities are the profile's work history, training and education (the widest span any
source gives each; no finding at all without any work history). A month-precision
start is the first of that month, a month-precision end the last day of it (a year: Jan 1
/ Dec 31). An open end (``current`` or no end date) runs to as_of; an entry with only an
end date (a diploma's completion) is that single day. Only the window
[as_of - gap_lookback_years, as_of] is examined; a gap is clipped to it, including time
before the first activity in the window and after the last one.

A gap LONGER than ``gap_warning_months`` calendar months (Jul 1 - Dec 31 is exactly six,
not longer) is a warning unless a gap explanation overlaps it; longer than
``gap_error_months`` it is an error unless an overlapping explanation has a written reason.

A gap is judged only when the dates that bound it (the end of the activity before, the
start of the one after) were read at least ``min_confidence_to_flag`` confidently or are
confirmed by another source; otherwise extraction.low_confidence asks a person to check
them on the page (a misread year on a faxed CV must not invent a gap).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from credintake.contract import Finding, GapExplanation
from credintake.rules.context import RuleContext, cite
from credintake.rules.dates import (PRECISION_RANK, PartialDate, add_years,
                                    longer_than_months, parse_date, same_date)
from credintake.rules.evidence import Entry
from credintake.rules.registry import get, register

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Activity:
    start: dt.date
    end: dt.date
    label: str = ""
    entry: Entry | None = field(default=None, compare=False, hash=False)


@dataclass(frozen=True)
class Gap:
    start: dt.date       # first uncovered day
    end: dt.date         # last uncovered day
    before: Activity | None
    after: Activity | None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def activity_span(start: str | None, end: str | None, current: bool | None,
                  as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days an activity covers, from contract dates; None when it cannot be placed."""
    ps, pe = parse_date(start), parse_date(end)
    if ps is None and pe is None:
        return None
    if ps is None:
        assert pe is not None
        return pe.first_day(), pe.last_day()
    first = ps.first_day()
    last = pe.last_day() if pe is not None and not current else as_of
    if last < first:
        return None
    return first, last


def find_gaps(activities: list[Activity], window_start: dt.date, as_of: dt.date) -> list[Gap]:
    """Uncovered stretches of [window_start, as_of] (inclusive days)."""
    gaps: list[Gap] = []
    covered_to = window_start - ONE_DAY
    previous: Activity | None = None
    for act in sorted(activities, key=lambda a: (a.start, a.end)):
        if act.end < window_start or act.start > as_of:
            if act.end < window_start and (previous is None or act.end > previous.end):
                previous = act
            continue
        if act.start > covered_to + ONE_DAY:
            gaps.append(Gap(covered_to + ONE_DAY, act.start - ONE_DAY, previous, act))
        if act.end > covered_to:
            covered_to = act.end
            previous = act
    if covered_to < as_of:
        gaps.append(Gap(covered_to + ONE_DAY, as_of, previous, None))
    return gaps


def _refined(values: list[str | None]) -> list[PartialDate]:
    """Parsed dates without those a more precise one refines ("2024" when "2024-08" is known)."""
    parsed = [p for p in (parse_date(v) for v in values) if p is not None]
    return [p for p in parsed
            if not any(PRECISION_RANK[q.precision] > PRECISION_RANK[p.precision]
                       and same_date(p, q) for q in parsed)]


def _entry_span(entry: Entry, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """The span of an activity from every source that dates it.

    The most precise reading of a date wins over a coarser one that agrees with it (a CV's
    "2024" does not hide a typed "2024-08"); when sources really disagree (a start typed a
    year off), the earliest start and the latest end count, so a gap must be unexplained
    by every source. The disagreement itself is a reconciliation finding.
    """
    v, app = entry.values, entry.app_values
    starts = _refined([v.get("start_date"), app.get("start_date")]
                      + [ev.value for ev in entry.docs.get("start_date", [])])
    ends = _refined([v.get("end_date"), app.get("end_date")]
                    + [ev.value for ev in entry.docs.get("end_date", [])])
    ongoing = bool(v.get("current")) or (bool(starts) and not ends)
    if not starts and not ends:
        return None
    first = min(p.first_day() for p in starts) if starts else min(p.first_day() for p in ends)
    last = as_of if ongoing else max(p.last_day() for p in ends)
    if not starts:
        last = max(p.last_day() for p in ends)
    return (first, last) if first <= last else None


def _activities(ctx: RuleContext) -> list[Activity]:
    out = []
    for section, name_field in (("work_history", "employer"), ("education", "institution")):
        for entry in ctx.profile.entries.get(section, []):
            span = _entry_span(entry, ctx.as_of)
            if span is not None:
                out.append(Activity(span[0], span[1], _label(entry, name_field), entry))
    return out


def _label(entry: Entry, name_field: str) -> str:
    name = entry.values.get(name_field) or entry.values.get("title") or entry.values.get("degree")
    source = entry.source_of("start_date") or entry.source_of("end_date")
    return f"{name or 'an activity'} ({cite(source)})"


def _explanation_span(g: GapExplanation, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    ps, pe = parse_date(g.start_date), parse_date(g.end_date)
    if ps is None and pe is None:
        return None
    first = ps.first_day() if ps else pe.first_day()  # type: ignore[union-attr]
    last = pe.last_day() if pe else as_of
    return first, last


def covering(gap: Gap, explanations: list[GapExplanation], as_of: dt.date) -> list[GapExplanation]:
    """Explanations whose dates overlap the gap."""
    out = []
    for g in explanations:
        span = _explanation_span(g, as_of)
        if span and span[0] <= gap.end and span[1] >= gap.start:
            out.append(g)
    return out


def _bounds_trusted(ctx: RuleContext, gap: Gap, rule: str) -> bool:
    """The dates bounding a gap are evidence enough (each doubted date is recorded)."""
    ok = True
    for act, name in ((gap.before, "end_date"), (gap.after, "start_date")):
        if act is not None and act.entry is not None:
            ok = ctx.trusts_entry(act.entry, name, rule) and ok
    return ok


@register("work_history.gap", severity="warning",
          reads=("gap_lookback_years", "gap_warning_months", "gap_error_months",
                 "min_confidence_to_flag"))
def work_history_gap(ctx: RuleContext) -> Iterator[Finding]:
    """A gap longer than 6 months (error beyond 1 year) with no explanation covering it."""
    rule = get("work_history.gap")
    s = ctx.settings
    if not ctx.profile.entries.get("work_history"):
        return  # no work history at all: nothing to measure (completeness asks for the CV)
    activities = _activities(ctx)
    window_start = add_years(ctx.as_of, -s.gap_lookback_years)
    explanations = list(ctx.profile.application.gap_explanations or [])
    for gap in find_gaps(activities, window_start, ctx.as_of):
        if not longer_than_months(gap.start, gap.end, s.gap_warning_months):
            continue
        over_error = longer_than_months(gap.start, gap.end, s.gap_error_months)
        covers = covering(gap, explanations, ctx.as_of)
        written = [g for g in covers if g.reason and g.reason.strip()]
        if (written if over_error else covers) or not _bounds_trusted(ctx, gap, rule.id):
            continue
        if gap.before and gap.after:
            between = f"between {gap.before.label} and {gap.after.label}"
        elif gap.before:
            between = f"after {gap.before.label}"
        else:
            between = f"before {gap.after.label}" if gap.after else "in the activities listed"
        if over_error and covers:
            why = ("the explanation covering it gives no written reason; a gap over "
                   f"{s.gap_error_months} months needs one")
        else:
            why = "no gap explanation covers it"
        yield rule.finding(
            field="work_history",
            severity="error" if over_error else "warning",
            message=(f"Work history has a gap of {gap.days} days from {gap.start.isoformat()} "
                     f"to {gap.end.isoformat()} ({between}); {why}: ask the provider for "
                     f"a written explanation of this period."),
            evidence={"start": gap.start.isoformat(), "end": gap.end.isoformat(),
                      "days": gap.days, "before": gap.before.label if gap.before else None,
                      "after": gap.after.label if gap.after else None,
                      "explanations_overlapping": len(covers),
                      "lookback_start": window_start.isoformat()})
