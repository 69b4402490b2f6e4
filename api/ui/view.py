"""What the review page shows, assembled from the API's own service functions (each writes
its audit entry) and the stored contract JSON: documents, fields, the application-vs-document
table, findings sorted by severity with the place on a page they point to, and a decision
summary. Values stay plain data: the templates escape everything they print."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from credintake.api import access, review
from credintake.api.store.models import User

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# reconciliation statuses (contract enum): sort order, the words a reviewer reads, CSS class
COMPARE = {"mismatch": (0, "mismatch", "cs-mismatch"),
           "missing_in_documents": (1, "not in documents", "cs-missing"),
           "filled_from_document": (2, "filled from document", "cs-filled"),
           "match": (3, "match", "cs-match")}
STATUS_ORDER = {"open": 0, "accepted": 1, "resolved": 2}


@dataclass
class Target:
    """A place on a page: document index, 1-based page of its file, bbox in page points."""

    doc: int
    page: int
    bbox: list[float] | None = None
    field_id: int | None = None


@dataclass
class ReviewView:
    packet: Any
    provider: str
    documents: list[dict[str, Any]]
    fields_by_doc: dict[int, list[Any]]
    fields_by_id: dict[int, Any]
    comparison: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    decisions: list[Any]
    summary: dict[str, Any]
    first_target: Target | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def quality(doc: Any) -> tuple[str, str]:
    """A read-quality label and its CSS class from the document's text confidence."""
    c = doc.text_confidence
    if c is None:
        return ("unknown", "q-unknown")
    label = "good" if c >= 0.85 else "fair" if c >= 0.6 else "poor"
    return (f"{label} ({c:.0%}{', OCR' if doc.ocr else ''})", f"q-{label}")


def provider_name(result: dict[str, Any] | None, fallback: str) -> str:
    prov = ((result or {}).get("profile") or {}).get("provider") or {}
    name = " ".join(str(prov[k]) for k in ("first_name", "middle_name", "last_name", "suffix")
                    if prov.get(k))
    return name or fallback


def _doc_for(docs: list[Any], file: str | None, page: int | None) -> Any | None:
    for d in docs:
        if d.file == file and (page is None or page in d.pages):
            return d
    return None


def build(session: Session, user: User, packet_id: str) -> ReviewView:
    packet = review.read_packet(session, user, packet_id)
    stored = access.packet_for(session, user, packet_id)
    result = stored.result or {}
    docs = review.documents(session, user, packet_id)
    fields = review.fields(session, user, packet_id)
    findings = review.findings(session, user, packet_id)
    decisions = review.decisions(session, user, packet_id)

    fields_by_doc: dict[int, list[Any]] = {}
    for f in fields:
        fields_by_doc.setdefault(f.document_index, []).append(f)
    fields_by_id = {f.id: f for f in fields}
    by_bbox = {(f.document_index, f.page, tuple(f.bbox)): f for f in fields if f.bbox}

    documents = []
    for d in docs:
        label, css = quality(d)
        documents.append({"doc": d, "quality": label, "quality_class": css,
                          "n_fields": len(fields_by_doc.get(d.idx, []))})

    comparison = []
    recon_by_field: dict[str, Target] = {}
    for item in result.get("reconciliation", []):
        src = item.get("source") or {}
        d = _doc_for(docs, src.get("file"), src.get("page"))
        target = None
        if d is not None and src.get("page"):
            bbox = src.get("bbox")
            f = by_bbox.get((d.idx, src["page"], tuple(bbox))) if bbox else None
            target = Target(d.idx, src["page"], bbox, f.id if f else None)
            recon_by_field.setdefault(item.get("field", ""), target)
        status = item.get("status", "")
        rank, label, css = COMPARE.get(status, (4, status, ""))
        comparison.append({"field": item.get("field", ""),
                           "application_value": item.get("application_value"),
                           "document_value": item.get("document_value"),
                           "status": status, "rank": rank, "label": label, "css": css,
                           "score": item.get("score"),
                           "file": src.get("file"), "page": src.get("page"),
                           "target": target})

    comparison.sort(key=lambda c: c["rank"])   # stable: field order within a status
    rows = []
    for f in findings:
        target = _finding_target(f, docs, fields, recon_by_field)
        rows.append({"f": f, "target": target,
                     "field": fields_by_id.get(target.field_id) if target and
                     target.field_id else None,
                     "evidence": evidence_rows(f.evidence or {})})
    rows.sort(key=lambda r: (STATUS_ORDER.get(r["f"].status, 9),
                             SEVERITY_ORDER.get(r["f"].severity, 9), r["f"].idx))

    open_ = [r["f"] for r in rows if r["f"].status == "open"]
    summary = {
        "open_errors": sum(f.severity == "error" for f in open_),
        "open_warnings": sum(f.severity == "warning" for f in open_),
        "open_info": sum(f.severity == "info" for f in open_),
        "accepted": sum(r["f"].status == "accepted" for r in rows),
        "resolved": sum(r["f"].status == "resolved" for r in rows),
        "corrections": sum(f.corrected for f in fields),
        "total": len(rows),
    }
    summary["ready"] = packet.status == "done" and summary["open_errors"] == 0
    first = next((r["target"] for r in rows if r["target"]), None)
    if first is None and docs and docs[0].pages:
        first = Target(docs[0].idx, docs[0].pages[0])
    return ReviewView(packet=packet, provider=provider_name(result, packet.name),
                      documents=documents, fields_by_doc=fields_by_doc,
                      fields_by_id=fields_by_id, comparison=comparison, findings=rows,
                      decisions=decisions, summary=summary, first_target=first)


_SHOWN_ELSEWHERE = {"file", "page", "doc_type", "probable_typo"}


def evidence_rows(ev: dict[str, Any]) -> list[tuple[str, Any]]:
    """Evidence as label/value rows: the source document as one row, empty values and
    a false ``probable_typo`` left out (they are noise to a reviewer)."""
    rows = [(k.replace("_", " "), v) for k, v in ev.items()
            if k not in _SHOWN_ELSEWHERE and v not in (None, "", [], {})]
    if ev.get("probable_typo"):
        rows.append(("probable typo", True))
    if ev.get("file"):
        where = str(ev["file"]) + (f" p.{ev['page']}" if ev.get("page") else "")
        rows.append(("source", where + (f" ({ev['doc_type']})" if ev.get("doc_type") else "")))
    elif ev.get("doc_type"):
        rows.append(("document type", ev["doc_type"]))
    return rows


def _field_named(path: str, ev: dict[str, Any], doc_fields: list[Any]) -> Any | None:
    """The document's field a finding's path names, by its whole path: a CV's
    ``work_history.start_date`` is a start date of a work-history entry, never of an
    education entry; a licence's ``licenses.expiration_date`` is a field outside any entry.
    Among several entries, the one on the evidence's page holding the evidence's value."""
    section, _, name = path.rpartition(".")
    if not name:
        return None
    in_entries = [fl for fl in doc_fields if fl.entry == section and fl.name == name]
    same = in_entries or [fl for fl in doc_fields if fl.entry is None and fl.name == name]
    if len(same) <= 1:
        return same[0] if same else None
    page = ev.get("page")
    printed = {str(v) for v in (ev.get("document_value"), ev.get("value")) if v is not None}
    return max(same, key=lambda fl: (str(fl.value) in printed, fl.page == page))


def _finding_target(f: Any, docs: list[Any], fields: list[Any],
                    recon: dict[str, Target]) -> Target | None:
    """The page place a finding is about: the extracted field it names on the document in
    its evidence, else the reconciliation source of its field, else the evidence's page."""
    ev = f.evidence or {}
    d = _doc_for(docs, ev.get("file"), ev.get("page") if isinstance(ev.get("page"), int)
                 else None)
    if d is not None and f.field:
        fl = _field_named(f.field, ev, [fl for fl in fields
                                        if fl.document_index == d.idx and fl.page])
        if fl is not None:
            return Target(d.idx, fl.page, fl.bbox, fl.id)
    if f.field and f.field in recon:
        return recon[f.field]
    if d is not None and d.pages:
        page = ev.get("page") if ev.get("page") in d.pages else d.pages[0]
        return Target(d.idx, page)
    return None
