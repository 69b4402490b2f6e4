"""The checks that gate a decision (``ready_for_committee`` and ``approved``), in one
registry: each takes the session, the packet and the decision date and returns the reasons
it blocks (empty: it passes). Plugging another check in is one line:

    DECISION_CHECKS.append(my_check)

(the verification records' check, ``verification_findings(db, packet, decision_date)``,
goes in this way at merge.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from credintake.api.store.models import FindingRow, Packet

DecisionCheck = Callable[[Session, Packet, date], list[str]]


def open_error_findings(session: Session, packet: Packet, decision_date: date) -> list[str]:
    """Error findings still open (accepted and resolved ones are not) block a decision."""
    if packet.status != "done":
        return ["the packet has not been processed yet"]
    n = session.scalar(select(func.count()).where(
        FindingRow.packet_id == packet.id, FindingRow.status == "open",
        FindingRow.severity == "error")) or 0
    if n:
        return [f"{n} open error finding{'s' if n != 1 else ''} (resolve or accept "
                f"{'them' if n != 1 else 'it'} first)"]
    return []


DECISION_CHECKS: list[DecisionCheck] = [open_error_findings]


def blocking_reasons(session: Session, packet: Packet, decision_date: date) -> list[str]:
    """Every registered check's reasons, in registry order."""
    return [r for check in DECISION_CHECKS for r in check(session, packet, decision_date)]
