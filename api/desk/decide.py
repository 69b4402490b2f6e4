"""Moving a credentialing file between stages: the table allows the move, the decision
checks allow a gated one, a deny or pend says why, and every move is on the record
(a ``Decision`` row with the note, and an audit entry with who, from and to)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from credintake.api import access, audit
from credintake.api.desk.checks import blocking_reasons
from credintake.api.desk.stages import DECIDE, GATED, NOTE_REQUIRED, check_move
from credintake.api.errors import (DecisionBlockedError, ForbiddenMoveError,
                                   InvalidRequestError)
from credintake.api.store.models import Decision, Packet, User, utcnow
from credintake.api.users import has_role


def move_stage(session: Session, user: User, packet_id: str, target: str, *,
               note: str | None, decision_date: date | None = None) -> Packet:
    """Move the file to ``target`` or raise (409 for a move or decision refused, 422 for a
    missing note); the caller's transaction commits the move and its record together."""
    packet = access.packet_for(session, user, packet_id)
    if target in DECIDE and not has_role(user.role, "coordinator"):
        raise ForbiddenMoveError(f"moving a file to {target} is a coordinator's decision")
    current = packet.stage
    check_move(current, target)
    text = (note or "").strip()
    if target in NOTE_REQUIRED and not any(ch.isalnum() for ch in text):
        raise InvalidRequestError(f"moving a file to {target} needs a note saying why: it "
                                  "goes to the file's record")
    if target in GATED:
        reasons = blocking_reasons(session, packet, decision_date or date.today())
        if reasons:
            raise DecisionBlockedError(f"the file cannot move to {target}: "
                                       + "; ".join(reasons), reasons)
    packet.stage, packet.stage_changed_at = target, utcnow()
    packet.updated_at = utcnow()
    session.add(Decision(packet_id=packet.id, user_id=user.id, kind="stage",
                         old_value=current, new_value=target, note=text or None))
    audit.record(session, user, "packet.stage", packet.id, stage_from=current, stage_to=target)
    return packet
