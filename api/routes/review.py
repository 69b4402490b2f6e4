"""Reviewer actions on a packet: fields and their corrections, findings and their
resolution, and the record of decisions."""

from __future__ import annotations

from fastapi import APIRouter

from credintake.api import review
from credintake.api.deps import DatabaseDep, SessionDep, Specialist, read
from credintake.api.schemas import (DecisionPublic, FieldCorrectionIn, FieldPublic,
                                    FindingPublic, FindingResolutionIn)

router = APIRouter(prefix="/packets/{packet_id}", tags=["review"])


@router.get("/fields", response_model=list[FieldPublic])
async def list_fields(packet_id: str, user: Specialist, db: DatabaseDep) -> list[FieldPublic]:
    return await read(db, review.fields, user, packet_id)


@router.post("/fields/{field_id}/correction", response_model=FieldPublic,
             summary="Record a reviewer's correction of an extracted value")
def correct_field(packet_id: str, field_id: int, body: FieldCorrectionIn, user: Specialist,
                  session: SessionDep, db: DatabaseDep) -> FieldPublic:
    """The original value stays; the rules run again with the corrected one."""
    return review.correct_field(session, user, packet_id, field_id, value=body.value,
                                note=body.note, settings=db.settings, blobs=db.blob_store)


@router.get("/findings", response_model=list[FindingPublic])
async def list_findings(packet_id: str, user: Specialist, db: DatabaseDep
                        ) -> list[FindingPublic]:
    return await read(db, review.findings, user, packet_id)


@router.post("/findings/{finding_id}/resolution", response_model=FindingPublic,
             summary="Accept or resolve a finding (or reopen it), with a note")
def resolve_finding(packet_id: str, finding_id: int, body: FindingResolutionIn,
                    user: Specialist, session: SessionDep) -> FindingPublic:
    return review.resolve_finding(session, user, packet_id, finding_id, action=body.action,
                                  note=body.note)


@router.get("/decisions", response_model=list[DecisionPublic])
async def list_decisions(packet_id: str, user: Specialist, db: DatabaseDep
                         ) -> list[DecisionPublic]:
    return await read(db, review.decisions, user, packet_id)
