"""The audit log: every read and write of a packet, with who and when.

``detail`` carries ids, counts and action parameters (a field id, a finding id, an export
format), never document content or personal data. A write's entry commits with the write; a
read's entry (on a ``Database.read_session``) is held and committed right after the read
transaction, so reading never takes SQLite's write lock (see store/db.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from credintake.api.store.db import AUDIT_PENDING, READ_ONLY
from credintake.api.store.models import AuditEntry, User, utcnow


def record(session: Session, user: User | None, action: str, packet_id: str | None = None,
           **detail: Any) -> None:
    entry = AuditEntry(at=utcnow(), actor=user.name if user else "system",
                       user_id=user.id if user else None, action=action,
                       packet_id=packet_id, detail=detail)
    if session.info.get(READ_ONLY):
        session.info.setdefault(AUDIT_PENDING, []).append(entry)
    else:
        session.add(entry)
