"""The desk's screens: move a file to another stage (a refused decision comes back to the
packet page saying why), take a file from the unassigned pool, and (coordinators) the
providers, a provider's record and the recredentialing / expiry calendar with its iCalendar
and CSV downloads. All call the same services as the JSON API (api/desk/), so the record is
the same either way."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from credintake.api import audit
from credintake.api.deps import DatabaseDep
from credintake.api.desk.daily import calendar_items
from credintake.api.desk.decide import move_stage
from credintake.api.desk.feeds import KIND_LABELS, csv_text, ical
from credintake.api.desk.providers import list_providers, provider_view
from credintake.api.desk.queue import take as take_file
from credintake.api.errors import (AlreadyTakenError, DecisionBlockedError, ForbiddenMoveError,
                                   InvalidRequestError, InvalidTransitionError)
from credintake.api.store.models import Organization, User
from credintake.api.ui.routes import Auth, UiError, check_csrf, render
from credintake.api.users import has_role

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


def _coordinator(user: User) -> None:
    if not has_role(user.role, "coordinator"):
        raise UiError(403, "providers and the calendar need the coordinator role")


@router.get("/providers", response_class=HTMLResponse)
def providers_page(request: Request, auth: Auth, db: DatabaseDep) -> HTMLResponse:
    user, data = auth
    _coordinator(user)
    with db.read_session() as s:
        rows = list_providers(s, user)
    return render(request, "providers.html", {"user": user, "csrf": data["csrf"],
                                              "rows": rows})


@router.get("/providers/{provider_id}", response_class=HTMLResponse)
def provider_page(request: Request, provider_id: int, auth: Auth, db: DatabaseDep
                  ) -> HTMLResponse:
    user, data = auth
    _coordinator(user)
    with db.read_session() as s:
        view = provider_view(s, user, provider_id, db.settings.desk)
    return render(request, "provider.html", {"user": user, "csrf": data["csrf"], "p": view,
                                             "kinds": KIND_LABELS})


def _items(user: User, db: Any) -> tuple[list[dict[str, Any]], str]:
    with db.read_session() as s:
        org = s.get(Organization, user.organization_id)
        items = calendar_items(s, user.organization_id, date.today(), db.settings.desk)
        audit.record(s, user, "desk.calendar.read", None, count=len(items), via="ui")
    return items, org.name if org else ""


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(request: Request, auth: Auth, db: DatabaseDep) -> HTMLResponse:
    user, data = auth
    _coordinator(user)
    items, _ = _items(user, db)
    return render(request, "calendar.html", {"user": user, "csrf": data["csrf"],
                                             "items": items, "kinds": KIND_LABELS,
                                             "horizons": db.settings.desk.horizon_days})


@router.get("/calendar.ics")
def calendar_ics(auth: Auth, db: DatabaseDep) -> Response:
    _coordinator(auth[0])
    items, org = _items(auth[0], db)
    return Response(ical(items, org), media_type="text/calendar",
                    headers={"Cache-Control": "no-store"})


@router.get("/calendar.csv")
def calendar_csv(auth: Auth, db: DatabaseDep) -> Response:
    _coordinator(auth[0])
    items, _ = _items(auth[0], db)
    return Response(csv_text(items), media_type="text/csv",
                    headers={"Cache-Control": "no-store",
                             "Content-Disposition": 'attachment; filename="calendar.csv"'})
