"""Who may see which packet: the one rule for the JSON API and the review screens.

A user sees only packets of their own organisation. Within it, coordinators and admins see
every packet (they distribute the work); a specialist sees the packets they uploaded and the
packets assigned to them — the minimum necessary for their work. Anything else answers 404,
exactly like a packet that does not exist, so a packet's existence does not leak either.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_
from sqlalchemy.orm import Session, defer

from credintake.api.store.models import Packet, User
from credintake.api.users import has_role
from credintake.errors import NotFoundError


def sees_all(user: User) -> bool:
    """Coordinators and admins see every packet of their organisation."""
    return has_role(user.role, "coordinator")


def can_view(user: User, packet: Packet) -> bool:
    if packet.organization_id != user.organization_id:
        return False
    return sees_all(user) or user.id in (packet.created_by, packet.assignee_id)


def visible(query: Any, user: User) -> Any:
    """``query`` (a select of Packet) narrowed to what ``user`` may see."""
    query = query.where(Packet.organization_id == user.organization_id)
    if sees_all(user):
        return query
    return query.where(or_(Packet.created_by == user.id, Packet.assignee_id == user.id))


def packet_for(session: Session, user: User, packet_id: str) -> Packet:
    """The packet if ``user`` may see it; otherwise the same 404 as for no packet at all."""
    # the result JSON (the whole contract) loads only where it is used: a status read
    # must not parse it on every poll
    packet = session.get(Packet, packet_id, options=[defer(Packet.result)])
    if packet is None or not can_view(user, packet):
        raise NotFoundError(f"no packet {packet_id!r}")
    return packet
