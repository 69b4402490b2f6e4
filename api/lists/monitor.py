"""The monthly monitoring run: re-screen the latest result of every stored packet.

Accreditation wants sanctions and exclusions monitored monthly, not only at intake: a
provider cleared in March may be on April's LEIE. ``monitor`` re-runs the two screening
rules (exclusion.match, npi.registry_mismatch) on each done packet's stored profile against
the lists active now, and adds a match the packet does not carry yet (same rule, list and
entry) as a new open finding, in the result JSON and the findings rows, with an audit entry
(``lists.monitor_match``; ids and counts only). Each run is audited (``lists.monitor``),
which is also how the service's periodic task knows when the last run was.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from credintake.api import audit
from credintake.api.store.db import Database
from credintake.api.store.models import AuditEntry, FindingRow, Packet
from credintake.contract import Application
from credintake.api.lists.source import open_screening
from credintake.rules import evaluate
from credintake.settings import Settings

log = logging.getLogger(__name__)

SCREENING_RULES = ("exclusion.match", "npi.registry_mismatch")
RUN_ACTION = "lists.monitor"


@dataclass
class MonitorReport:
    packets: int = 0
    new_findings: int = 0
    screened: bool = True             # False: no list imported, nothing was screened


def match_key(finding: dict[str, Any]) -> tuple[Any, ...]:
    """What makes a screening match the same one again (a new list version re-lists the
    same entry on another line with another file date)."""
    ev = finding.get("evidence") or {}
    entry = ev.get("entry") or {}
    return (finding.get("rule"), ev.get("list"), ev.get("problem"), entry.get("last_name"),
            entry.get("first_name"), entry.get("npi"), entry.get("exclusion_date"))


def _screen(result: dict[str, Any], screening: Any, as_of: dt.date,
            settings: Settings) -> list[dict[str, Any]]:
    application = Application.model_validate(result.get("profile") or {})
    outcome = evaluate([], application, [], as_of=as_of, settings=settings.rules,
                       screening=screening)
    return [f.model_dump(mode="json", exclude_none=True) for f in outcome.findings
            if f.rule in SCREENING_RULES]


def monitor(db: Database, settings: Settings, *, as_of: dt.date) -> MonitorReport:
    """Re-screen every done packet as of ``as_of``; see the module docstring."""
    report = MonitorReport()
    with open_screening(settings) as screening:
        if screening is None:
            report.screened = False
        else:
            with db.read_session() as s:
                ids = list(s.scalars(select(Packet.id).where(Packet.status == "done")
                                     .order_by(Packet.id)))
            for packet_id in ids:
                report.packets += 1
                report.new_findings += _monitor_packet(db, packet_id, screening, as_of,
                                                       settings)
    with db.session() as s:
        audit.record(s, None, RUN_ACTION, as_of=as_of.isoformat(), packets=report.packets,
                     new_findings=report.new_findings, screened=report.screened)
    log.info("monitoring run: packets=%d new_findings=%d screened=%s", report.packets,
             report.new_findings, report.screened)
    return report


def _monitor_packet(db: Database, packet_id: str, screening: Any, as_of: dt.date,
                    settings: Settings) -> int:
    with db.session() as s:
        packet = s.get(Packet, packet_id)
        if packet is None or not packet.result:
            return 0
        result = dict(packet.result)
        known = {match_key(f) for f in result.get("findings", [])}
        new = [f for f in _screen(result, screening, as_of, settings)
               if match_key(f) not in known]
        if not new:
            return 0
        next_idx = (s.scalar(select(func.max(FindingRow.idx))
                             .where(FindingRow.packet_id == packet_id)) or -1) + 1
        for i, f in enumerate(new):
            s.add(FindingRow(packet_id=packet_id, idx=next_idx + i, rule=f["rule"],
                             severity=f["severity"], field=f.get("field"),
                             message=f["message"], evidence=f.get("evidence", {})))
        result["findings"] = [*result.get("findings", []), *new]
        packet.result = result
        errors = sum(f["severity"] == "error" for f in new)
        packet.error_count += errors
        packet.warning_count += sum(f["severity"] == "warning" for f in new)
        packet.has_errors = bool(packet.has_errors) or errors > 0
        audit.record(s, None, "lists.monitor_match", packet_id,
                     rules=sorted({f["rule"] for f in new}), findings=len(new))
        return len(new)


def last_run(db: Database) -> dt.datetime | None:
    """When the last monitoring run finished (None: never)."""
    with db.read_session() as s:
        return s.scalar(select(func.max(AuditEntry.at)).where(AuditEntry.action == RUN_ACTION))


def due(db: Database, settings: Settings, now: dt.datetime) -> bool:
    """A run is due when none ran within ``lists.monitor_every_days``."""
    last = last_run(db)
    return last is None or now - last >= dt.timedelta(days=settings.lists.monitor_every_days)
