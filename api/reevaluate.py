"""Re-run the rules after a reviewer corrects a field.

A correction changes what the rules see, so its consequences are computed, not guessed:
``credintake.rules.evaluate`` runs twice on the stored documents (with the application as
uploaded) — once as the reviewer found them (every earlier correction applied) and once with
this correction too — and only the difference is applied to the stored findings:

- a finding the correction makes disappear is marked ``resolved`` by the correcting user,
  with a note naming the field (its row and any decisions on it stay: nothing is deleted);
- a finding the correction brings about is added, ``open``.

Findings the rules engine cannot reproduce from documents alone (``document.unreadable``
from read problems, say) are therefore left exactly as stored. The packet's contract JSON
gets the corrected ``profile``, ``reconciliation`` and ``findings``; its ``documents`` keep
the values as extracted (the original stays; the rows carry the corrections).
"""

from __future__ import annotations

import copy
import json
import logging
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from credintake.api import audit
from credintake.api.finding_counts import refresh_open_counts
from credintake.api.store.blobs import BlobStore
from credintake.api.store.models import (DocumentRow, FieldRow, FindingRow, Packet,
                                         PacketFile, User, utcnow)
from credintake.contract import Application, Document
from credintake.settings import Settings

log = logging.getLogger(__name__)

APPLICATION = "application.json"
CLEARED = "cleared by the correction of"


def _key(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f.get("rule"), f.get("field"), f.get("message"))


def _documents(session: Session, packet: Packet, override: dict[int, Any]) -> list[Document]:
    """The result's documents with every correction in ``override`` (field id -> value)."""
    docs = copy.deepcopy((packet.result or {}).get("documents", []))
    rows = session.execute(select(FieldRow, DocumentRow.idx).join(
        DocumentRow, DocumentRow.id == FieldRow.document_id).where(
        FieldRow.packet_id == packet.id)).all()
    for f, idx in rows:
        if f.id not in override or idx >= len(docs):
            continue
        doc = docs[idx]
        if f.entry is None:
            target = doc.get("fields", {}).get(f.name)
        else:
            entries = (doc.get("entries") or {}).get(f.entry) or []
            target = entries[f.entry_index].get(f.name) if (
                f.entry_index is not None and f.entry_index < len(entries)) else None
        if target is not None:  # a person read this value off the page: no doubt remains
            target["value"], target["confidence"] = override[f.id], 1.0
    return [Document.model_validate(d) for d in docs]


def _application(session: Session, packet_id: str, blobs: BlobStore) -> Application | None:
    sha = session.scalar(select(PacketFile.sha256).where(PacketFile.packet_id == packet_id,
                                                         PacketFile.name == APPLICATION))
    if sha is None:
        return None
    return Application.model_validate(json.loads(blobs.read(sha) or b"{}"))


def reevaluate(session: Session, user: User, packet_id: str, field_id: int, *,
               before: Any, settings: Settings, blobs: BlobStore) -> dict[str, int]:
    """Apply the rules' response to the correction of ``field_id`` (already recorded, its
    value before the correction being ``before``); returns counts of findings cleared, added
    and reopened (cleared by an earlier correction, raised again by this one)."""
    from credintake.api.lists.source import open_screening
    from credintake.rules import evaluate

    packet = session.get(Packet, packet_id)
    if packet is None or not packet.result:
        return {"cleared": 0, "added": 0}
    corrected = {f.id: f.corrected_value for f in session.scalars(
        select(FieldRow).where(FieldRow.packet_id == packet_id, FieldRow.corrected.is_(True)))}
    earlier = {**corrected, field_id: before}   # as extracted, or as last corrected
    application = _application(session, packet_id, blobs)
    as_of = packet.as_of

    def run(override: dict[int, Any], screening: Any) -> Any:
        return evaluate(_documents(session, packet, override), application, [], as_of=as_of,
                        settings=settings.rules, screening=screening)

    # screened against the lists as at intake's pipeline: a corrected NPI or name can add
    # (or clear) an exclusion.match / npi.registry_mismatch like any other finding
    with open_screening(settings) as screening:
        base, new = run(earlier, screening), run(corrected, screening)
    base_keys = {_key(f.model_dump(mode="json")) for f in base.findings}
    new_dump = [f.model_dump(mode="json", exclude_none=True) for f in new.findings]
    new_keys = {_key(f) for f in new_dump}
    gone = base_keys - new_keys
    field_row = session.get(FieldRow, field_id)
    fname = field_row.name if field_row else str(field_id)
    cleared = 0
    for row in session.scalars(select(FindingRow).where(FindingRow.packet_id == packet_id,
                                                        FindingRow.status == "open")):
        if (row.rule, row.field, row.message) in gone:
            row.status, row.resolved_by, row.resolved_at = "resolved", user.id, utcnow()
            row.note = f"{CLEARED} {fname} (field {field_id})"
            cleared += 1
    stored = {(r.rule, r.field, r.message): r for r in session.scalars(
        select(FindingRow).where(FindingRow.packet_id == packet_id))}
    next_idx = (session.scalar(select(func.max(FindingRow.idx)).where(
        FindingRow.packet_id == packet_id)) or 0) + 1
    added, raised = [], 0
    for f in new_dump:
        if _key(f) in base_keys:
            continue
        row = stored.get(_key(f))
        if row is not None:             # an earlier correction cleared it: it is back
            if row.status != "open" and (row.note or "").startswith(CLEARED):
                row.status, row.resolved_by, row.resolved_at = "open", None, None
                row.note = f"raised again by the correction of {fname} (field {field_id})"
                raised += 1
        else:
            session.add(FindingRow(packet_id=packet_id, idx=next_idx, rule=f["rule"],
                                   severity=f["severity"], field=f.get("field"),
                                   message=f["message"], evidence=f.get("evidence", {})))
            next_idx += 1
        added.append(f)
    result = dict(packet.result)
    kept = [f for f in result.get("findings", []) if _key(f) not in gone]
    kept_keys = {_key(f) for f in kept}
    result["findings"] = kept + [f for f in added if _key(f) not in kept_keys]
    result["profile"] = new.profile.model_dump(mode="json", exclude_none=True)
    result["reconciliation"] = [r.model_dump(mode="json", exclude_none=True)
                                for r in new.reconciliation]
    packet.result = result
    refresh_open_counts(session, packet)
    packet.updated_at = utcnow()
    audit.record(session, user, "packet.reevaluate", packet_id, field_id=field_id,
                 cleared=cleared, added=len(added) - raised, reopened=raised)
    log.info("packet %s re-evaluated after a correction: %d cleared, %d added", packet_id,
             cleared, len(added))
    return {"cleared": cleared, "added": len(added) - raised, "reopened": raised}

