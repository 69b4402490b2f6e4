"""The coordinator's desk: stage moves and decisions, the queue with its SLA clock, and the
unassigned pool specialists take work from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from credintake.api import review
from credintake.api.deps import DatabaseDep, SessionDep, Specialist, read
from credintake.api.desk import decide
from credintake.api.desk import queue as desk_queue
from credintake.api.errors import error_responses
from credintake.api.schemas import DeskRowPublic, PacketPublic, StageMoveIn

router = APIRouter(tags=["desk"])


@router.post("/packets/{packet_id}/stage", response_model=PacketPublic,
             summary="Move a file to another stage (approve, deny, pend included)",
             responses=error_responses(403, 409, 422))
def move_stage(packet_id: str, body: StageMoveIn, user: Specialist, session: SessionDep
               ) -> PacketPublic:
    """Allowed moves: ``credintake.api.desk.stages.MOVES``. ``ready_for_committee`` and
    ``approved`` are refused (409 ``decision_blocked``, reasons in ``details``) while a
    decision check fails (an open error finding); approve, deny and pend need the
    coordinator role; deny and pend need a note."""
    packet = decide.move_stage(session, user, packet_id, body.stage, note=body.note)
    return review.packet_public(session, packet)


@router.get("/desk/queue", response_model=list[DeskRowPublic],
            summary="Files with stage, age, SLA clock and open findings")
async def desk_queue_list(user: Specialist, db: DatabaseDep,
                          stage: Annotated[str | None, Query(max_length=30)] = None
                          ) -> list[DeskRowPublic]:
    rows = await read(db, desk_queue.queue, user, db.settings.desk, stage=stage)
    return [DeskRowPublic(**r) for r in rows]


@router.get("/desk/pool", response_model=list[DeskRowPublic],
            summary="Unassigned, undecided files anyone of the organisation may take")
async def desk_pool(user: Specialist, db: DatabaseDep) -> list[DeskRowPublic]:
    rows = await read(db, desk_queue.pool, user, db.settings.desk)
    return [DeskRowPublic(**r) for r in rows]


@router.post("/packets/{packet_id}/take", response_model=PacketPublic,
             summary="Take an unassigned file from the pool", responses=error_responses(409))
def take(packet_id: str, user: Specialist, session: SessionDep) -> PacketPublic:
    packet = desk_queue.take(session, user, packet_id)
    return review.packet_public(session, packet)
