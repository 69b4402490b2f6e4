"""The audit log (admin only): who read or changed which packet, when."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from credintake.api.deps import Admin, SessionDep
from credintake.api.schemas import AuditPublic
from credintake.api.store.models import AuditEntry

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", response_model=list[AuditPublic])
def list_audit(user: Admin, session: SessionDep, packet_id: str | None = None,
               actor: str | None = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[AuditPublic]:
    q = select(AuditEntry)
    if packet_id:
        q = q.where(AuditEntry.packet_id == packet_id)
    if actor:
        q = q.where(AuditEntry.actor == actor)
    rows = session.scalars(q.order_by(AuditEntry.id.desc()).limit(limit))
    return [AuditPublic.model_validate(r) for r in rows]
