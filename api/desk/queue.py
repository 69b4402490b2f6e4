"""The desk's queue: each file's stage, age, SLA clock and open findings, and the pool of
unassigned files a specialist may take (a specialist otherwise sees only the files they
uploaded or were given, api/access.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from credintake.api import access, audit
from credintake.api.desk.stages import FINAL
from credintake.api.errors import AlreadyTakenError
from credintake.api.store.models import Organization, Packet, User, utcnow
from credintake.errors import NotFoundError
from credintake.settings import DeskSettings


def sla_clock(packet: Packet, desk: DeskSettings, organization: str, now: datetime
              ) -> dict[str, Any]:
    """Days in the current stage, the days the SLA allows there, and the date it runs out
    (``None`` for a final stage, which has no clock)."""
    since = packet.stage_changed_at or packet.created_at
    days_in = (now - since).days
    allowed = None if packet.stage in FINAL else desk.sla_for(organization, packet.stage)
    due = (since + timedelta(days=allowed)).date() if allowed is not None else None
    return {"age_days": (now - packet.created_at).days, "days_in_stage": days_in,
            "sla_days": allowed, "sla_due": due,
            "sla_overdue": bool(due and due < now.date())}


def desk_row(packet: Packet, assignee: str | None, desk: DeskSettings, organization: str,
             now: datetime) -> dict[str, Any]:
    return {"id": packet.id, "name": packet.name, "kind": packet.kind, "stage": packet.stage,
            "status": packet.status, "assignee": assignee,
            "open_errors": packet.error_count, "open_warnings": packet.warning_count,
            "received": packet.created_at, "due_date": packet.due_date,
            "escalation": packet.escalation if is_escalated(packet) else None,
            "escalated_at": packet.escalated_at if is_escalated(packet) else None,
            **sla_clock(packet, desk, organization, now)}


def is_escalated(packet: Packet) -> bool:
    """Escalated, and nothing happened on the file since."""
    return packet.escalated_at is not None and packet.escalated_at >= packet.updated_at


def _rows(session: Session, user: User, q: Any, desk: DeskSettings) -> list[dict[str, Any]]:
    org = session.get(Organization, user.organization_id)
    names = {u.id: u.name for u in session.scalars(select(User).where(
        User.organization_id == user.organization_id))}
    now = utcnow()
    packets = list(session.scalars(q.options(defer(Packet.result))
                                   .order_by(Packet.created_at, Packet.id).limit(500)))
    return [desk_row(p, names.get(p.assignee_id or -1), desk, org.name if org else "", now)
            for p in packets]


def queue(session: Session, user: User, desk: DeskSettings, *, stage: str | None = None
          ) -> list[dict[str, Any]]:
    """The files ``user`` may see, with their desk columns."""
    q = access.visible(select(Packet), user)
    if stage:
        q = q.where(Packet.stage == stage)
    rows = _rows(session, user, q, desk)
    audit.record(session, user, "desk.queue.read", None, count=len(rows))
    return rows


def pool(session: Session, user: User, desk: DeskSettings) -> list[dict[str, Any]]:
    """Unassigned, undecided files of the user's organisation: the work anyone may take."""
    q = select(Packet).where(Packet.organization_id == user.organization_id,
                             Packet.assignee_id.is_(None), Packet.stage.not_in(FINAL))
    rows = _rows(session, user, q, desk)
    audit.record(session, user, "desk.pool.read", None, count=len(rows),
                 packet_ids=[r["id"] for r in rows])
    return rows


def take(session: Session, user: User, packet_id: str) -> Packet:
    """Assign an unassigned file of the user's organisation to the user."""
    packet = session.get(Packet, packet_id, options=[defer(Packet.result)])
    if packet is None or packet.organization_id != user.organization_id:
        raise NotFoundError(f"no packet {packet_id!r}")
    if packet.assignee_id is not None and packet.assignee_id != user.id:
        raise AlreadyTakenError(f"packet {packet_id!r} is already assigned")
    if packet.stage in FINAL:
        raise AlreadyTakenError(f"packet {packet_id!r} is decided ({packet.stage})")
    packet.assignee_id, packet.updated_at = user.id, utcnow()
    audit.record(session, user, "packet.take", packet.id)
    return packet
