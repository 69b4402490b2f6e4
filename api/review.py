"""Packet queries and reviewer actions (the services behind the thin routes).

Each function takes a session and the acting user, does one thing, and writes the audit
entry for it; the caller's request transaction commits both together. Every packet is
looked up through ``access`` (a packet the user may not see is a 404).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, defer

from credintake.api import access, audit
from credintake.api.errors import InvalidRequestError, NotReadyError
from credintake.api.finding_counts import refresh_open_counts
from credintake.api.schemas import (DecisionPublic, DocumentPublic, FieldPublic, FindingPublic,
                                    JobPublic, PacketPublic)
from credintake.api.store.models import (Decision, DocumentRow, FieldRow, FindingRow, Job,
                                         Packet, PacketFile, User, utcnow)
from credintake.errors import NotFoundError, UsageError
from credintake.spreadsheet import SafeWriter


def packet_public(session: Session, packet: Packet, *, with_files: bool = False
                  ) -> PacketPublic:
    job = session.scalar(select(Job).where(Job.packet_id == packet.id))
    assignee = session.get(User, packet.assignee_id).name if packet.assignee_id else None
    files = []
    if with_files:
        files = [{"name": m.name, "sha256": m.sha256, "size": m.size} for m in session.scalars(
            select(PacketFile).where(PacketFile.packet_id == packet.id).order_by(
                PacketFile.name))]
    return _public(packet, job, assignee, files)


def _public(packet: Packet, job: Job | None, assignee: str | None,
            files: list[dict[str, Any]]) -> PacketPublic:
    return PacketPublic(
        id=packet.id, name=packet.name, source=packet.source, status=packet.status,
        as_of=packet.as_of, batch_id=packet.batch_id, assignee=assignee,
        due_date=packet.due_date, has_errors=packet.has_errors, error_count=packet.error_count,
        warning_count=packet.warning_count, files=files,
        job=job_public(job) if job else None, created_at=packet.created_at,
        updated_at=packet.updated_at, kind=packet.kind, stage=packet.stage,
        stage_changed_at=packet.stage_changed_at)


def job_public(job: Job) -> JobPublic:
    """The job as a client should read it: a running job whose lease has expired lost its
    worker (killed, machine gone) and says ``retrying`` (attempts left: another worker
    will take it) or ``failing`` (none left: it is about to be marked failed), instead of
    ``running`` until someone notices."""
    public = JobPublic.model_validate(job)
    if job.status == "running" and job.lease_expires_at is not None \
            and job.lease_expires_at < utcnow():
        public.status = "retrying" if job.attempts < job.max_attempts else "failing"
    return public


def read_packet(session: Session, user: User, packet_id: str) -> PacketPublic:
    packet = access.packet_for(session, user, packet_id)
    audit.record(session, user, "packet.read", packet.id)
    return packet_public(session, packet, with_files=True)


def list_packets(session: Session, user: User, *, status: str | None = None,
                 has_errors: bool | None = None, assignee: str | None = None,
                 batch_id: str | None = None, limit: int = 50, offset: int = 0
                 ) -> tuple[list[PacketPublic], int]:
    q = access.visible(select(Packet), user)
    if status:
        q = q.where(Packet.status == status)
    if has_errors is not None:
        q = q.where(Packet.has_errors.is_(has_errors))
    if batch_id:
        q = q.where(Packet.batch_id == batch_id)
    if assignee is not None:
        if assignee in ("", "none"):
            q = q.where(Packet.assignee_id.is_(None))
        else:
            who = aliased(User)
            q = q.join(who, who.id == Packet.assignee_id).where(
                who.name == (user.name if assignee == "me" else assignee))
    count = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = list(session.scalars(q.options(defer(Packet.result))
                                .order_by(Packet.created_at.desc(), Packet.id)
                                .limit(limit).offset(offset)))
    audit.record(session, user, "packet.list", None, count=len(rows),
                 packet_ids=[p.id for p in rows])
    jobs, names = _jobs_and_assignees(session, rows)
    return [_public(p, jobs.get(p.id), names.get(p.assignee_id or -1), []) for p in rows], count


def _jobs_and_assignees(session: Session, packets: list[Packet]
                        ) -> tuple[dict[str, Job], dict[int, str]]:
    """The jobs and assignee names of a page of packets in two queries, not two per packet:
    a list is polled by every open dashboard, and its ~100 small queries per page were the
    costliest thing in the API process under an upload burst (bench/RESULTS_service.md 1c)."""
    if not packets:
        return {}, {}
    jobs = {j.packet_id: j for j in session.scalars(
        select(Job).where(Job.packet_id.in_([p.id for p in packets])))}
    ids = {p.assignee_id for p in packets if p.assignee_id}
    names = {uid: name for uid, name in session.execute(
        select(User.id, User.name).where(User.id.in_(ids)))} if ids else {}
    return jobs, names


def result_of(session: Session, user: User, packet_id: str) -> dict[str, Any]:
    packet = access.packet_for(session, user, packet_id)
    if packet.result is None:
        raise NotReadyError(f"packet {packet_id!r} is {packet.status}; its result is not "
                            "ready yet (poll GET /packets/{id})")
    audit.record(session, user, "packet.result.read", packet.id)
    return packet.result


def update_packet(session: Session, user: User, packet_id: str, *, fields: dict[str, Any]
                  ) -> PacketPublic:
    packet = access.packet_for(session, user, packet_id)
    if "assignee" in fields:
        name = fields["assignee"]
        if name is None:
            packet.assignee_id = None
        else:
            # only a colleague: a packet never leaves its organisation by assignment
            who = session.scalar(select(User).where(
                User.name == name, User.revoked_at.is_(None),
                User.organization_id == packet.organization_id))
            if who is None:
                raise UsageError(f"no active user named {name!r} to assign")
            packet.assignee_id = who.id
    if "due_date" in fields:
        packet.due_date = fields["due_date"]
    packet.updated_at = utcnow()
    audit.record(session, user, "packet.update", packet.id, changed=sorted(fields))
    return packet_public(session, packet)


def documents(session: Session, user: User, packet_id: str) -> list[DocumentPublic]:
    access.packet_for(session, user, packet_id)
    audit.record(session, user, "packet.documents.read", packet_id)
    return [DocumentPublic.model_validate(d) for d in session.scalars(
        select(DocumentRow).where(DocumentRow.packet_id == packet_id).order_by(DocumentRow.idx))]


def page_source(session: Session, user: User, packet_id: str, doc_index: int, page: int,
                **detail: Any) -> tuple[str, str]:
    """(file name, sha256) of one page of a document the user may see, audited as a page
    view; the API's PNG route and the screens' both come through here."""
    access.packet_for(session, user, packet_id)
    doc = session.scalar(select(DocumentRow).where(DocumentRow.packet_id == packet_id,
                                                   DocumentRow.idx == doc_index))
    if doc is None:
        raise NotFoundError(f"packet {packet_id!r} has no document {doc_index}")
    if page not in (doc.pages or []):
        raise NotFoundError(f"document {doc_index} has pages {doc.pages}, not {page}")
    sha = session.scalar(select(PacketFile.sha256).where(PacketFile.packet_id == packet_id,
                                                         PacketFile.name == doc.file))
    if sha is None:
        raise NotFoundError(f"packet {packet_id!r} has no file {doc.file!r}")
    audit.record(session, user, "page.view", packet_id, document_index=doc_index, page=page,
                 **detail)
    return doc.file, sha


def _field_public(f: FieldRow, doc_idx: int) -> FieldPublic:
    return FieldPublic(id=f.id, document_index=doc_idx, entry=f.entry,
                       entry_index=f.entry_index, name=f.name, value=f.value,
                       confidence=f.confidence, page=f.page, bbox=f.bbox,
                       corrected=f.corrected, corrected_value=f.corrected_value)


def fields(session: Session, user: User, packet_id: str) -> list[FieldPublic]:
    access.packet_for(session, user, packet_id)
    rows = session.execute(select(FieldRow, DocumentRow.idx).join(
        DocumentRow, DocumentRow.id == FieldRow.document_id).where(
        FieldRow.packet_id == packet_id).order_by(DocumentRow.idx, FieldRow.id)).all()
    audit.record(session, user, "packet.fields.read", packet_id)
    return [_field_public(f, idx) for f, idx in rows]


def correct_field(session: Session, user: User, packet_id: str, field_id: int, *,
                  value: Any, note: str | None, settings: Any = None,
                  blobs: Any = None) -> FieldPublic:
    """Record the correction; with ``settings`` and ``blobs`` (the blob store), also re-run the rules
    (api/reevaluate.py) so findings the correction clears or raises are updated."""
    access.packet_for(session, user, packet_id)
    f = session.scalar(select(FieldRow).where(FieldRow.id == field_id,
                                              FieldRow.packet_id == packet_id))
    if f is None:
        raise NotFoundError(f"packet {packet_id!r} has no field {field_id}")
    note = _note(note, required=_blank(value),
                 why="clearing a value needs a note saying why: it goes to the packet's record")
    old = f.corrected_value if f.corrected else f.value
    f.corrected, f.corrected_value = True, value
    session.add(Decision(packet_id=packet_id, user_id=user.id, kind="field_correction",
                         field_id=f.id, old_value=old, new_value=value, note=note))
    audit.record(session, user, "field.correct", packet_id, field_id=f.id, field=f.name)
    if settings is not None and blobs is not None:
        from credintake.api.reevaluate import reevaluate

        session.flush()
        reevaluate(session, user, packet_id, f.id, before=old, settings=settings,
                   blobs=blobs)
    doc_idx = session.scalar(select(DocumentRow.idx).where(DocumentRow.id == f.document_id))
    return _field_public(f, doc_idx or 0)


def _finding_public(session: Session, f: FindingRow) -> FindingPublic:
    who = session.get(User, f.resolved_by).name if f.resolved_by else None
    return FindingPublic(id=f.id, idx=f.idx, rule=f.rule, severity=f.severity, field=f.field,
                         message=f.message, evidence=f.evidence, status=f.status, note=f.note,
                         resolved_by=who, resolved_at=f.resolved_at)


def findings(session: Session, user: User, packet_id: str) -> list[FindingPublic]:
    access.packet_for(session, user, packet_id)
    audit.record(session, user, "packet.findings.read", packet_id)
    return [_finding_public(session, f) for f in session.scalars(
        select(FindingRow).where(FindingRow.packet_id == packet_id).order_by(FindingRow.idx))]


def resolve_finding(session: Session, user: User, packet_id: str, finding_id: int, *,
                    action: str, note: str) -> FindingPublic:
    packet = access.packet_for(session, user, packet_id)
    f = session.scalar(select(FindingRow).where(FindingRow.id == finding_id,
                                                FindingRow.packet_id == packet_id))
    if f is None:
        raise NotFoundError(f"packet {packet_id!r} has no finding {finding_id}")
    note = _note(note, required=True, why="a note is required: it goes to the packet's record")
    old = f.status
    f.status = {"accept": "accepted", "resolve": "resolved", "reopen": "open"}[action]
    f.note = note
    f.resolved_by = None if action == "reopen" else user.id
    f.resolved_at = None if action == "reopen" else utcnow()
    session.add(Decision(packet_id=packet_id, user_id=user.id, kind=f"finding_{action}",
                         finding_id=f.id, old_value=old, new_value=f.status, note=note))
    audit.record(session, user, f"finding.{action}", packet_id, finding_id=f.id, rule=f.rule)
    refresh_open_counts(session, packet)
    return _finding_public(session, f)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _note(note: str | None, *, required: bool, why: str) -> str | None:
    """The note as it goes on the record: trimmed, and ``None`` when it holds no letter or
    digit (spaces, dots, dashes say nothing); a required note must say something."""
    text = (note or "").strip()
    if not any(ch.isalnum() for ch in text):
        if required:
            raise InvalidRequestError(why)
        return None
    return text


def decisions(session: Session, user: User, packet_id: str) -> list[DecisionPublic]:
    access.packet_for(session, user, packet_id)
    audit.record(session, user, "packet.decisions.read", packet_id)
    rows = session.execute(select(Decision, User.name).join(User, User.id == Decision.user_id)
                           .where(Decision.packet_id == packet_id).order_by(Decision.id)).all()
    return [DecisionPublic(id=d.id, kind=d.kind, user=name, field_id=d.field_id,
                           finding_id=d.finding_id, old_value=d.old_value,
                           new_value=d.new_value, note=d.note, created_at=d.created_at)
            for d, name in rows]


# --- exports ----------------------------------------------------------------------------

def _export_query(user: User, status: str | None,  # type: ignore[no-untyped-def]
                  since: date | None):
    q = access.visible(select(Packet), user).where(Packet.result.is_not(None))
    if status:
        q = q.where(Packet.status == status)
    if since:
        q = q.where(Packet.as_of >= since)
    return q.order_by(Packet.created_at, Packet.id)


def export_results(session: Session, user: User, *, status: str | None = None,
                   since: date | None = None, fmt: str = "json") -> list[dict[str, Any]]:
    """The results of the user's organisation's packets; each export is audited as ``fmt``."""
    packets = list(session.scalars(_export_query(user, status, since)))
    for p in packets:
        audit.record(session, user, "packet.export", p.id, format=fmt)
    return [p.result for p in packets if p.result is not None]


PACKET_CSV_COLUMNS = ["packet_id", "name", "status", "as_of", "assignee", "documents",
                      "errors", "warnings", "open_findings", "corrections"]
FIELD_CSV_COLUMNS = ["packet_id", "document_index", "doc_type", "file", "entry",
                     "entry_index", "field", "value", "corrected_value", "confidence", "page"]


def export_csv(session: Session, user: User, kind: str, *, status: str | None = None,
               since: date | None = None) -> Iterator[str]:
    """CSV rows (as text chunks): one per packet, or one per extracted field."""
    packets = list(session.scalars(_export_query(user, status, since)))
    buf = io.StringIO()
    w = SafeWriter(buf)
    if kind == "packets":
        w.writerow(PACKET_CSV_COLUMNS)
        for p in packets:
            assignee = session.get(User, p.assignee_id).name if p.assignee_id else ""
            open_f = session.scalar(select(func.count()).where(
                FindingRow.packet_id == p.id, FindingRow.status == "open")) or 0
            corr = session.scalar(select(func.count()).where(
                FieldRow.packet_id == p.id, FieldRow.corrected.is_(True))) or 0
            # errors / warnings: what processing found (``open_findings``: still open);
            # the packet's stored counts are of open findings only
            found = [f.get("severity") for f in (p.result or {}).get("findings", [])]
            w.writerow([p.id, p.name, p.status, p.as_of.isoformat(), assignee,
                        len((p.result or {}).get("documents", [])), found.count("error"),
                        found.count("warning"), open_f, corr])
    else:
        w.writerow(FIELD_CSV_COLUMNS)
        for p in packets:
            rows = session.execute(select(FieldRow, DocumentRow).join(
                DocumentRow, DocumentRow.id == FieldRow.document_id).where(
                FieldRow.packet_id == p.id).order_by(DocumentRow.idx, FieldRow.id)).all()
            for f, d in rows:
                w.writerow([p.id, d.idx, d.doc_type, d.file, f.entry or "",
                            "" if f.entry_index is None else f.entry_index, f.name,
                            f.value, f.corrected_value if f.corrected else "",
                            f"{f.confidence:.3f}", f.page or ""])
    for p in packets:
        audit.record(session, user, "packet.export", p.id, format=f"csv:{kind}")
    yield buf.getvalue()
