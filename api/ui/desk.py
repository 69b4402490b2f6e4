"""The desk's screen actions: move a file to another stage (a refused decision comes back
to the packet page saying why) and take a file from the unassigned pool. Both call the
same services as the JSON API (api/desk/), so the record is the same either way."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from credintake.api.deps import DatabaseDep
from credintake.api.desk.decide import move_stage
from credintake.api.desk.queue import take as take_file
from credintake.api.errors import (AlreadyTakenError, DecisionBlockedError, ForbiddenMoveError,
                                   InvalidRequestError, InvalidTransitionError)
from credintake.api.ui.routes import Auth, check_csrf

router = APIRouter(prefix="/ui", include_in_schema=False)
REFUSALS = (DecisionBlockedError, ForbiddenMoveError, InvalidRequestError,
            InvalidTransitionError)


@router.post("/packets/{packet_id}/stage")
def stage(request: Request, packet_id: str, auth: Auth, db: DatabaseDep,
          stage: Annotated[str, Form(max_length=30)],
          note: Annotated[str, Form(max_length=2000)] = "",
          csrf: Annotated[str, Form(max_length=100)] = "") -> RedirectResponse:
    user, data = auth
    check_csrf(request, data, csrf)
    try:
        with db.session() as s:
            move_stage(s, user, packet_id, stage, note=note)
    except REFUSALS as exc:
        # the message names stages and counts only (no personal data in the URL)
        return RedirectResponse(f"/ui/packets/{packet_id}?refused={quote(str(exc))}",
                                status_code=303)
    return RedirectResponse(f"/ui/packets/{packet_id}?done=moved+to+{stage}", status_code=303)


@router.post("/packets/{packet_id}/take")
def take(request: Request, packet_id: str, auth: Auth, db: DatabaseDep,
         csrf: Annotated[str, Form(max_length=100)] = "") -> RedirectResponse:
    user, data = auth
    check_csrf(request, data, csrf)
    try:
        with db.session() as s:
            take_file(s, user, packet_id)
    except AlreadyTakenError:
        return RedirectResponse("/ui/queue?taken=1", status_code=303)
    return RedirectResponse(f"/ui/packets/{packet_id}?done=taken", status_code=303)
