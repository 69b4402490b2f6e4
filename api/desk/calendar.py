"""The recredentialing calendar: the next due date is the last approval plus the cycle
(NCQA: 36 months, no grace period), which an organisation or the provider's state may set
otherwise (settings ``desk.cycle_months*``); ``recredentialing.due`` warns within the
window before it and is an error past it."""

from __future__ import annotations

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from credintake.settings import DeskSettings


def _state(result: dict[str, Any] | None) -> str | None:
    profile = (result or {}).get("profile") or {}
    state = (profile.get("provider") or {}).get("practice_state")
    if not state:
        licences = profile.get("licenses") or []
        state = licences[0].get("issuing_state") if licences else None
    return str(state).upper() if state else None


def cycle_months(desk: DeskSettings, organization: str, result: dict[str, Any] | None) -> int:
    """The organisation's own cycle, else the state's, else the default."""
    if organization in desk.cycle_months_by_org:
        return desk.cycle_months_by_org[organization]
    state = _state(result)
    return desk.cycle_months_by_state.get(state or "", desk.cycle_months)


def next_due(approved_on: date, result: dict[str, Any] | None, desk: DeskSettings,
             organization: str) -> date:
    return approved_on + relativedelta(months=cycle_months(desk, organization, result))


def due_finding(due: date, today: date, desk: DeskSettings) -> dict[str, Any] | None:
    """The contract's ``recredentialing.due`` finding for a file due on ``due``, or
    ``None`` while it is further off than the warning window."""
    days = (due - today).days
    if days > desk.due_warning_days:
        return None
    past = days < 0
    return {"rule": "recredentialing.due", "severity": "error" if past else "warning",
            "field": None,
            "message": (f"recredentialing was due on {due.isoformat()} ({-days} days ago)"
                        if past else f"recredentialing falls due on {due.isoformat()} "
                                     f"(in {days} days)"),
            "evidence": {"due_date": due.isoformat(), "days": days}}
