"""The coordinator's desk: stage moves and decisions, the queue with its SLA clock, and the
unassigned pool specialists take work from."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from credintake.api import audit, review
from credintake.api.deps import Coordinator, DatabaseDep, SessionDep, Specialist, read
from credintake.api.desk import daily, decide, feeds
from credintake.api.desk import queue as desk_queue
from credintake.api.errors import error_responses
from credintake.api.schemas import (CalendarItemPublic, DeskRowPublic, IsoDate,
                                    PacketPublic, StageMoveIn, StageName)
from credintake.api.store.models import Organization, User
from credintake.settings import DeskSettings

router = APIRouter(prefix="/desk", tags=["desk"])
#: actions on one file (under /packets, so the API's authenticate-first guard covers them)
packet_router = APIRouter(prefix="/packets/{packet_id}", tags=["desk"])


@packet_router.post("/stage", response_model=PacketPublic,
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


@router.get("/queue", response_model=list[DeskRowPublic],
            summary="Files with stage, age, SLA clock and open findings")
async def desk_queue_list(user: Specialist, db: DatabaseDep,
                          stage: Annotated[StageName | None, Query()] = None
                          ) -> list[DeskRowPublic]:
    rows = await read(db, desk_queue.queue, user, db.settings.desk, stage=stage)
    return [DeskRowPublic(**r) for r in rows]


@router.get("/pool", response_model=list[DeskRowPublic],
            summary="Unassigned, undecided files anyone of the organisation may take")
async def desk_pool(user: Specialist, db: DatabaseDep) -> list[DeskRowPublic]:
    rows = await read(db, desk_queue.pool, user, db.settings.desk)
    return [DeskRowPublic(**r) for r in rows]


@packet_router.post("/take", response_model=PacketPublic,
             summary="Take an unassigned file from the pool", responses=error_responses(409))
def take(packet_id: str, user: Specialist, session: SessionDep) -> PacketPublic:
    packet = desk_queue.take(session, user, packet_id)
    return review.packet_public(session, packet)


def _calendar(session: Session, user: User, desk: DeskSettings, today: date
              ) -> tuple[list[dict[str, Any]], str]:
    org = session.get(Organization, user.organization_id)
    items = daily.calendar_items(session, user.organization_id, today, desk)
    audit.record(session, user, "desk.calendar.read", None, count=len(items))
    return items, org.name if org else ""


@router.get("/calendar", response_model=list[CalendarItemPublic],
            summary="Recredentialing dates and expiries past or within 30/60/90 days")
async def calendar(user: Coordinator, db: DatabaseDep,
                   today: Annotated[IsoDate | None, Query(
                       description="'today' (default: the server's date)")] = None
                   ) -> list[CalendarItemPublic]:
    items, _ = await read(db, _calendar, user, db.settings.desk, today or date.today())
    return [CalendarItemPublic(**i) for i in items]


@router.get("/calendar.ics", response_class=Response,
            summary="The calendar as an iCalendar feed",
            responses={200: {"content": {"text/calendar": {}}}})
async def calendar_ics(user: Coordinator, db: DatabaseDep) -> Response:
    items, org = await read(db, _calendar, user, db.settings.desk, date.today())
    return Response(feeds.ical(items, org), media_type="text/calendar",
                    headers={"Cache-Control": "no-store"})


@router.get("/calendar.csv", response_class=Response,
            summary="The calendar as CSV (spreadsheet-safe cells)",
            responses={200: {"content": {"text/csv": {}}}})
async def calendar_csv(user: Coordinator, db: DatabaseDep) -> Response:
    items, _ = await read(db, _calendar, user, db.settings.desk, date.today())
    return Response(feeds.csv_text(items), media_type="text/csv",
                    headers={"Cache-Control": "no-store",
                             "Content-Disposition": 'attachment; filename="calendar.csv"'})
