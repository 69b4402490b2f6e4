"""The audit log: every read and write of a packet, with who and when.

``detail`` carries ids, counts and action parameters (a field id, a finding id, an export
format), never document content or personal data.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from credintake.api.store.models import AuditEntry, User


def record(session: Session, user: User | None, action: str, packet_id: str | None = None,
           **detail: Any) -> None:
    session.add(AuditEntry(actor=user.name if user else "system",
                           user_id=user.id if user else None, action=action,
                           packet_id=packet_id, detail=detail))
