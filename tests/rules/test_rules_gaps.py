"""work_history.gap: gap computation (property-based) and the rule's boundaries."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credintake.contract import Application, GapExplanation, WorkHistory
from credintake.rules.dates import add_months
from credintake.rules.gaps import Activity, activity_span, find_gaps
from rules_factories import AS_OF, doc, only, run

WINDOW_START = dt.date(2021, 11, 22)
D = dt.timedelta(days=1)

activity = st.builds(
    lambda start, length: Activity(start, start + dt.timedelta(days=length)),
    st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2027, 1, 1)),
    st.integers(min_value=0, max_value=1500))


@settings(max_examples=200, deadline=None)
@given(st.lists(activity, max_size=8))
def test_gaps_and_activities_tile_the_window(acts: list[Activity]) -> None:
    gaps = find_gaps(acts, WINDOW_START, AS_OF)
    covered: set[dt.date] = set()
    for a in acts:
        day = max(a.start, WINDOW_START)
        while day <= min(a.end, AS_OF):
            covered.add(day)
            day += D
    in_gaps: set[dt.date] = set()
    for g in gaps:
        assert WINDOW_START <= g.start <= g.end <= AS_OF
        assert g.days == (g.end - g.start).days + 1
        day = g.start
        while day <= g.end:
            assert day not in in_gaps
            in_gaps.add(day)
            day += D
    assert not covered & in_gaps
    assert len(covered) + len(in_gaps) == (AS_OF - WINDOW_START).days + 1
    # gaps are maximal: the days around a gap are covered or outside the window
    for g in gaps:
        assert g.start - D < WINDOW_START or g.start - D in covered
        assert g.end + D > AS_OF or g.end + D in covered


@given(st.dates(min_value=WINDOW_START, max_value=AS_OF - dt.timedelta(days=400)),
       st.integers(min_value=1, max_value=30))
def test_gap_length_is_exact(end_first: dt.date, months: int) -> None:
    restart = add_months(end_first + D, months)
    if restart > AS_OF:
        return
    acts = [Activity(dt.date(2010, 1, 1), end_first), Activity(restart, AS_OF)]
    (gap,) = find_gaps(acts, WINDOW_START, AS_OF)
    assert (gap.start, gap.end) == (end_first + D, restart - D)


def test_activity_span_month_precision() -> None:
    assert activity_span("2019-07", "2021-06", None, AS_OF) == (dt.date(2019, 7, 1),
                                                                dt.date(2021, 6, 30))
    assert activity_span("2019", "2020", None, AS_OF) == (dt.date(2019, 1, 1), dt.date(2020, 12, 31))
    assert activity_span("2024-02", None, True, AS_OF) == (dt.date(2024, 2, 1), AS_OF)
    assert activity_span(None, "2012-05-20", None, AS_OF) == (dt.date(2012, 5, 20),) * 2
    assert activity_span("2020-01", "2019-01", None, AS_OF) is None
    assert activity_span(None, None, True, AS_OF) is None


def _history(first_end: str, second_start: str, *, explanations=None):
    app = Application(
        work_history=[WorkHistory(employer="Alpha Clinic", start_date="2015-01-01",
                                  end_date=first_end),
                      WorkHistory(employer="Beta Hospital", start_date=second_start, current=True)],
        gap_explanations=explanations)
    return run([], app)


@pytest.mark.parametrize("first_end, second_start, severity, days", [
    ("2023-06-30", "2023-11-01", None, None),        # 4 months
    ("2023-06-30", "2024-01-01", None, None),        # exactly 6 months (Jul 1 - Dec 31)
    ("2023-06", "2024-01", None, None),              # same at month precision
    ("2023-06-30", "2024-01-02", "warning", 185),   # 6 months and a day
    ("2023-06", "2024-02", "warning", 215),          # 7 months
    ("2023-06-30", "2024-07-01", "warning", 366),    # exactly 12 months: still a warning
    ("2023-06-30", "2024-07-02", "error", 367),      # longer than a year
])
def test_gap_boundaries(first_end, second_start, severity, days) -> None:
    gaps = only(_history(first_end, second_start), "work_history.gap")
    if severity is None:
        assert gaps == []
        return
    (f,) = gaps
    assert f.severity == severity and f.evidence["days"] == days
    assert f.evidence["start"] == "2023-07-01" and f.field == "work_history"
    assert "Alpha Clinic" in f.message and "Beta Hospital" in f.message


def test_overlapping_explanation_covers_a_warning_gap() -> None:
    why = [GapExplanation(start_date="2023-08", end_date="2023-12", reason=None)]
    assert only(_history("2023-06-30", "2024-02-01", explanations=why), "work_history.gap") == []


def test_explanation_elsewhere_does_not_cover() -> None:
    why = [GapExplanation(start_date="2019-01", end_date="2019-06", reason="Parental leave")]
    assert only(_history("2023-06-30", "2024-02-01", explanations=why), "work_history.gap")


def test_year_long_gap_needs_a_written_reason() -> None:
    no_reason = [GapExplanation(start_date="2023-07-01", end_date="2024-12-31", reason=" ")]
    (f,) = only(_history("2023-06-30", "2025-01-01", explanations=no_reason), "work_history.gap")
    assert f.severity == "error" and "no written reason" in f.message
    written = [GapExplanation(start_date="2023-07-01", end_date="2024-12-31",
                              reason="Caring for a family member")]
    assert only(_history("2023-06-30", "2025-01-01", explanations=written),
                "work_history.gap") == []


def test_gap_before_the_lookback_window_is_ignored() -> None:
    # 2016-2019 gap is more than 5 years before as_of
    ev = run([], Application(work_history=[
        WorkHistory(employer="A", start_date="2010-01", end_date="2015-12"),
        WorkHistory(employer="B", start_date="2019-06", current=True)]))
    assert only(ev, "work_history.gap") == []
    assert only(run([], Application(work_history=[
        WorkHistory(employer="A", start_date="2010-01", end_date="2015-12"),
        WorkHistory(employer="B", start_date="2019-06", current=True)]),
        gap_lookback_years=10), "work_history.gap")


def test_gap_straddling_the_window_is_clipped() -> None:
    ev = run([], Application(work_history=[
        WorkHistory(employer="A", start_date="2010-01", end_date="2020-12"),
        WorkHistory(employer="B", start_date="2022-08", current=True)]))
    (f,) = only(ev, "work_history.gap")
    assert f.evidence["start"] == "2021-11-22" and f.evidence["end"] == "2022-07-31"


def test_training_and_education_count_as_activities() -> None:
    docs = [doc("training_certificate", "res.pdf", institution="Mercy", program="Surgery",
                training_type="residency", start_date="2018-07-01", end_date="2023-06-30"),
            doc("cv", "cv.pdf", entries={"work_history": [
                {"employer": "Hope Hospital", "start_date": "2023-09", "end_date": None,
                 "current": True}]})]
    assert only(run(docs), "work_history.gap") == []


def test_trailing_gap_after_the_last_job() -> None:
    ev = run([], Application(work_history=[
        WorkHistory(employer="A", start_date="2015-01", end_date="2025-09")]))
    (f,) = only(ev, "work_history.gap")
    assert f.evidence["start"] == "2025-10-01" and f.evidence["end"] == AS_OF.isoformat()
    assert f.severity == "error"


def test_no_activities_no_gap_finding() -> None:
    assert only(run([]), "work_history.gap") == []


def test_education_alone_is_not_measured() -> None:
    docs = [doc("diploma", "d.pdf", institution="Univ. of Iowa", degree="MD",
                completion_date="2012-05-20")]
    assert only(run(docs), "work_history.gap") == []


def _cv(lines):
    return doc("cv", "cv.pdf", entries={"work_history": lines})


def test_coarse_cv_years_do_not_hide_a_typed_gap() -> None:
    app = Application(work_history=[
        WorkHistory(employer="Wilmington Urgent Care", start_date="2019-03", end_date="2024-08"),
        WorkHistory(employer="Boston Urgent Care", start_date="2025-08", current=True)])
    cv = _cv([{"employer": "Wilmington Urgent Care", "start_date": "2019", "end_date": "2024"},
              {"employer": "Boston Urgent Care", "start_date": "2025", "end_date": None,
               "current": True}])
    (f,) = only(run([cv], app), "work_history.gap")
    assert (f.evidence["start"], f.evidence["end"]) == ("2024-09-01", "2025-07-31")


def test_a_start_typed_a_year_late_is_covered_by_the_cv() -> None:
    app = Application(work_history=[
        WorkHistory(employer="Alpha Clinic", start_date="2015-01", end_date="2022-06"),
        WorkHistory(employer="Beta Hospital", start_date="2023-07", current=True)])
    cv = _cv([{"employer": "Alpha Clinic", "start_date": "2015-01", "end_date": "2022-06"},
              {"employer": "Beta Hospital", "start_date": "2022-07", "end_date": None,
               "current": True}])
    ev = run([cv], app)
    assert only(ev, "work_history.gap") == []
    (m,) = only(ev, "reconciliation.mismatch")
    assert m.field == "work_history.start_date" and m.evidence["document_value"] == "2022-07"
