"""The audit log (admin only): who read or changed which packet of the admin's
organisation, when."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import and_, or_, select

from credintake.api.deps import Admin, DatabaseDep, SessionDep
from credintake.api.schemas import AuditPublic
from credintake.api.store.models import AuditEntry, Packet, User

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", response_model=list[AuditPublic])
def list_audit(user: Admin, db: DatabaseDep, session: SessionDep, packet_id: str | None = None,
               actor: str | None = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[AuditPublic]:
    """Entries about the admin's organisation: those on its packets, and those without a
    packet made by its users (sign-ins, lists, user changes). Another organisation's
    activity, and system events tied to no organisation, are not shown."""
    if db.audit_spool is not None:      # reads answered a moment ago are in it
        db.audit_spool.flush()
    org = user.organization_id
    q = select(AuditEntry).where(or_(
        AuditEntry.packet_id.in_(select(Packet.id).where(Packet.organization_id == org)),
        and_(AuditEntry.packet_id.is_(None),
             AuditEntry.user_id.in_(select(User.id).where(User.organization_id == org)))))
    if packet_id:
        q = q.where(AuditEntry.packet_id == packet_id)
    if actor:
        q = q.where(AuditEntry.actor == actor)
    rows = session.scalars(q.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit))
    return [AuditPublic.model_validate(r) for r in rows]
