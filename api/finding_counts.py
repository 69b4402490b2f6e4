"""A packet's error and warning counts are of its *open* findings.

The queue sorts and filters on ``Packet.error_count`` / ``warning_count`` (stored, so a list
of hundreds of packets needs no join), and the packet page counts open findings; both must
say the same thing, so every change of a finding's status recounts here."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from credintake.api.store.models import FindingRow, Packet


def refresh_open_counts(session: Session, packet: Packet) -> tuple[int, int]:
    """Store the packet's open error and warning counts; return them."""
    session.flush()
    rows: dict[str, int] = dict(session.execute(
        select(FindingRow.severity, func.count()).where(
            FindingRow.packet_id == packet.id, FindingRow.status == "open")
        .group_by(FindingRow.severity)).all())
    errors, warnings = rows.get("error", 0), rows.get("warning", 0)
    packet.error_count, packet.warning_count, packet.has_errors = errors, warnings, errors > 0
    return errors, warnings
