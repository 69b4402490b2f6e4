"""Who may open which packet on the review screens.

Coordinators and admins see every packet (they distribute the work). A specialist sees the
packets they uploaded and the packets assigned to them — the minimum necessary for their
work; anything else answers 404, so a packet's existence does not leak either.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_

from credintake.api.store.models import Packet, User
from credintake.api.users import has_role


def sees_all(user: User) -> bool:
    return has_role(user.role, "coordinator")


def can_view(user: User, packet: Packet) -> bool:
    return sees_all(user) or user.id in (packet.created_by, packet.assignee_id)


def visible(query: Any, user: User) -> Any:
    """``query`` (a select of Packet) narrowed to what ``user`` may see."""
    if sees_all(user):
        return query
    return query.where(or_(Packet.created_by == user.id, Packet.assignee_id == user.id))
