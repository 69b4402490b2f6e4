"""Verification records and the verification.stale check at a decision date.

``record_verification`` is the one call other code (list screenings, the review screen, the
API) uses to store a verification; ``verification_findings`` is the one call the approval
step makes: the profile in force at the decision date judges the packet's records.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field, StrictInt
from sqlalchemy import select
from sqlalchemy.orm import Session

from credintake.api import access, audit
from credintake.api.errors import InvalidRequestError, NotReadyError
from credintake.api.schemas import IsoDate
from credintake.api.store.models import Packet, User, Verification
from credintake.contract import Application, Finding
from credintake.rules.verification import (VerificationFact, attestation_stale_at,
                                           required_elements, verification_stale)
from credintake.settings import Settings, get_settings

Method = Literal["lookup_printout", "list_screening", "letter", "phone", "online_primary_source"]
Element = Literal["license", "dea", "board_certification", "education", "work_history",
                  "malpractice_history", "exclusion_screening", "npi"]
METHODS: tuple[str, ...] = get_args(Method)
ELEMENTS: tuple[str, ...] = get_args(Element)


class VerificationIn(BaseModel):
    element: Element
    subject: str | None = Field(default=None, max_length=120,
                                description="which one: licence number, board, NPI")
    source: str = Field(min_length=1, max_length=200)
    method: Method
    verified_on: IsoDate
    # strict: a JSON true/false is not a document number
    document_index: StrictInt | None = Field(default=None, ge=0)
    note: str | None = Field(default=None, max_length=2000)


class VerificationPublic(VerificationIn):
    id: int
    verified_by: str


def _public(v: Verification) -> VerificationPublic:
    return VerificationPublic(id=v.id, element=v.element, subject=v.subject,  # type: ignore[arg-type]
                              source=v.source, method=v.method,  # type: ignore[arg-type]
                              verified_on=v.verified_on, document_index=v.document_index,
                              note=v.note, verified_by=v.verified_by)


def record_verification(session: Session, packet: Packet, data: VerificationIn, *,
                        verified_by: str, user: User | None = None) -> Verification:
    """Store one verification of ``packet`` (screenings pass ``verified_by`` = the list's
    name and no user). The evidence document must be one of the packet's. The same
    verification recorded again (a screening re-run over the same list file, a form sent
    twice) returns the stored row instead of adding a duplicate."""
    if data.document_index is not None:
        docs = (packet.result or {}).get("documents", [])
        if data.document_index >= len(docs):
            raise InvalidRequestError(f"document_index {data.document_index} is not a "
                                      f"document of this packet ({len(docs)} documents)")
    same = session.scalar(select(Verification).where(
        Verification.packet_id == packet.id, Verification.element == data.element,
        _is(Verification.subject, data.subject), Verification.source == data.source,
        Verification.method == data.method, Verification.verified_on == data.verified_on,
        Verification.verified_by == verified_by).limit(1))
    if same is not None:
        return same
    row = Verification(packet_id=packet.id, element=data.element, subject=data.subject,
                       source=data.source, method=data.method, verified_on=data.verified_on,
                       verified_by=verified_by, user_id=user.id if user else None,
                       document_index=data.document_index, note=data.note)
    session.add(row)
    session.flush()
    if user is not None:
        audit.record(session, user, "verification.create", packet.id, verification=row.id,
                     element=data.element, method=data.method)
    return row


def _is(column: Any, value: str | None) -> Any:
    return column.is_(None) if value is None else column == value


def create(session: Session, user: User, packet_id: str, data: VerificationIn
           ) -> VerificationPublic:
    """A specialist records a verification of a packet they may see."""
    packet = access.packet_for(session, user, packet_id)
    return _public(record_verification(session, packet, data, verified_by=user.name, user=user))


def list_for(session: Session, user: User, packet_id: str) -> list[VerificationPublic]:
    packet = access.packet_for(session, user, packet_id)
    return [_public(v) for v in _rows(session, packet)]


def _rows(session: Session, packet: Packet) -> list[Verification]:
    return list(session.scalars(select(Verification).where(
        Verification.packet_id == packet.id).order_by(Verification.verified_on,
                                                      Verification.id)))


def verification_findings(session: Session, packet: Packet, decision_date: date, *,
                          settings: Settings | None = None, family: str | None = None
                          ) -> list[Finding]:
    """The findings of deciding ``packet`` on ``decision_date``, judged by the accreditation
    profile (``family``, default the configured one) in force that day: ``verification.stale``
    per required element, and ``attestation.stale`` by the profile's attestation window."""
    if packet.result is None:
        raise NotReadyError(f"packet {packet.id!r} is {packet.status}; it has no profile yet")
    accreditation = (settings or get_settings()).accreditation.in_force(decision_date, family)
    profile = Application.model_validate(packet.result.get("profile") or {})
    facts = [VerificationFact(v.element, v.subject, v.verified_on)
             for v in _rows(session, packet)]
    return (verification_stale(accreditation, decision_date, required_elements(profile), facts)
            + attestation_stale_at(accreditation, decision_date, profile))


def check(session: Session, user: User, packet_id: str, decision_date: date,
          settings: Settings) -> dict[str, Any]:
    """The API's verification check: the profile used and its findings (contract shape)."""
    packet = access.packet_for(session, user, packet_id)
    try:
        accreditation = settings.accreditation.in_force(decision_date)
    except ValueError as exc:
        raise InvalidRequestError(str(exc)) from None
    found = verification_findings(session, packet, decision_date, settings=settings)
    return {"packet_id": packet.id, "decision_date": decision_date.isoformat(),
            "profile": {"family": accreditation.family,
                        "effective": accreditation.effective.isoformat()},
            "findings": [f.model_dump(mode="json", exclude_none=True) for f in found]}
