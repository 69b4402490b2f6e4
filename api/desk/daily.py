"""The desk's daily job (``credintake desk daily``, and once a day in the service):

* the ``recredentialing.due`` finding on each provider's current (latest approved) file,
  a warning within ``desk.due_warning_days`` of the due date and an error past it;
* what falls due or expires within the ``desk.horizon_days`` windows (30/60/90 days);
* stalled files: no activity for ``desk.stalled_after_days``, or waiting on the provider or
  a source past the file's due date, escalated (audit entry, and shown in the queue).

Log lines and audit entries carry ids and counts only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from credintake.api import audit
from credintake.api.desk.calendar import due_finding, next_due
from credintake.api.desk.providers import current_file, expirables
from credintake.api.desk.stages import FINAL
from credintake.api.finding_counts import refresh_open_counts
from credintake.api.store.db import Database
from credintake.api.store.models import FindingRow, Organization, Packet, Provider, utcnow
from credintake.settings import DeskSettings

log = logging.getLogger(__name__)
RULE = "recredentialing.due"
WAITING = ("waiting_on_provider", "waiting_on_source")


def window(days: int, desk: DeskSettings) -> int | None:
    """The smallest horizon holding ``days`` (0 for past due), ``None`` beyond them all."""
    if days < 0:
        return 0
    return next((h for h in sorted(desk.horizon_days) if days <= h), None)


def recredentialing_dates(session: Session, organization_id: int, desk: DeskSettings
                          ) -> Iterator[tuple[Provider, Packet, date]]:
    """(provider, current file, next due date) of the organisation's approved providers."""
    org = session.get(Organization, organization_id)
    for prov in session.scalars(select(Provider).where(
            Provider.organization_id == organization_id).order_by(Provider.id)):
        current = current_file(session, prov.id)
        if current is not None:
            packet, approved_on = current
            yield prov, packet, next_due(approved_on, packet.result, desk,
                                         org.name if org else "")


def calendar_items(session: Session, organization_id: int, today: date,
                   desk: DeskSettings) -> list[dict[str, Any]]:
    """Recredentialing dates and credential expiries of the organisation's providers that
    are past or within the widest horizon, soonest first."""
    items = []
    for prov, packet, due in recredentialing_dates(session, organization_id, desk):
        dated = [("recredentialing", "recredentialing", due)]
        for e in expirables(packet.result):
            try:
                when = date.fromisoformat(str(e["expiration_date"]))
            except ValueError:
                continue
            label = e.get("course") or e.get("board") or e.get("carrier") or \
                e.get("license_number") or e.get("dea_number") or ""
            dated.append((e["kind"], str(label), when))
        for kind, label, when in dated:
            days = (when - today).days
            w = window(days, desk)
            if w is not None:
                items.append({"provider_id": prov.id, "provider": prov.display_name,
                              "packet_id": packet.id, "kind": kind, "label": label,
                              "date": when, "days": days, "window": w})
    return sorted(items, key=lambda i: (i["date"], i["provider_id"], i["kind"]))


def record_due_finding(session: Session, packet: Packet, finding: dict[str, Any]) -> str:
    """Put ``finding`` on the file (row and result JSON): 'raised', 'updated' or 'same'.
    A warning that became an error reopens a finding someone had accepted."""
    row = session.scalar(select(FindingRow).where(FindingRow.packet_id == packet.id,
                                                  FindingRow.rule == RULE))
    outcome = "same"
    if row is None:
        idx = len(list(session.scalars(select(FindingRow.id).where(
            FindingRow.packet_id == packet.id))))
        session.add(FindingRow(packet_id=packet.id, idx=idx, rule=RULE,
                               severity=finding["severity"], field=None,
                               message=finding["message"], evidence=finding["evidence"]))
        outcome = "raised"
    elif (row.severity, row.evidence) != (finding["severity"], finding["evidence"]):
        if row.severity != finding["severity"] and finding["severity"] == "error":
            row.status, row.resolved_by, row.resolved_at = "open", None, None
        row.severity, row.message, row.evidence = (finding["severity"], finding["message"],
                                                   finding["evidence"])
        outcome = "updated"
    if outcome != "same":
        result = dict(packet.result or {})
        result["findings"] = [f for f in result.get("findings", []) if f.get("rule") != RULE] \
            + [{k: v for k, v in finding.items() if v is not None}]
        packet.result = result
        refresh_open_counts(session, packet)
    return outcome


def escalate_stalled(session: Session, today: date, desk: DeskSettings) -> list[str]:
    """Escalate the undecided files with no activity for ``stalled_after_days``, or waiting
    past their due date, that are not escalated since their last activity."""
    cutoff = utcnow() - timedelta(days=desk.stalled_after_days)
    out = []
    for p in session.scalars(select(Packet).where(Packet.stage.not_in(FINAL))):
        if p.escalated_at is not None and p.escalated_at >= p.updated_at:
            continue
        reason = ("waiting_past_date" if p.stage in WAITING and p.due_date
                  and p.due_date < today else "stalled" if p.updated_at < cutoff else None)
        if reason is None:
            continue
        # keep updated_at: an escalation is not activity on the file
        session.execute(update(Packet).where(Packet.id == p.id).values(
            escalated_at=utcnow(), escalation=reason, updated_at=p.updated_at))
        audit.record(session, None, "packet.escalated", p.id, reason=reason, stage=p.stage)
        out.append(p.id)
    return out


def run_daily(db: Database, today: date | None = None) -> dict[str, Any]:
    """One run of the daily job over every organisation; a summary of ids and counts."""
    today = today or date.today()
    desk = db.settings.desk
    findings = {"raised": 0, "updated": 0, "same": 0}
    due: list[dict[str, Any]] = []
    with db.session() as s:
        for org_id in list(s.scalars(select(Organization.id))):
            due.extend(calendar_items(s, org_id, today, desk))
            for _, packet, when in list(recredentialing_dates(s, org_id, desk)):
                finding = due_finding(when, today, desk)
                if finding:
                    findings[record_due_finding(s, packet, finding)] += 1
        escalated = escalate_stalled(s, today, desk)
    log.info("desk daily %s: %d dated items, findings %s, %d escalated", today.isoformat(),
             len(due), findings, len(escalated))
    return {"date": today.isoformat(), "findings": findings, "escalated": escalated,
            "due": [{**i, "date": i["date"].isoformat()} for i in due]}
