"""Exports of processed packets: contract JSON, or CSV (one row per packet, per field, per
profile value or per finding)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from credintake.api import review
from credintake.api.deps import Coordinator, SessionDep
from credintake.api.schemas import IsoDate
from credintake.csv_export import findings_csv, profile_csv

router = APIRouter(prefix="/exports", tags=["exports"])

StatusQ = Annotated[str | None, Query(alias="status", pattern="^(done|failed)$")]


@router.get("/results.json", summary="Every processed packet's result (contract JSON)")
def export_json(user: Coordinator, session: SessionDep, status_: StatusQ = None,
                since: IsoDate | None = None) -> JSONResponse:
    data: list[dict[str, Any]] = review.export_results(session, user, status=status_,
                                                       since=since)
    return JSONResponse({"results": data, "count": len(data)})


def _csv(kind: str, user: Any, session: Any, status: str | None, since: date | None
         ) -> Response:
    text = "".join(review.export_csv(session, user, kind, status=status, since=since))
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{kind}.csv"'})


@router.get("/packets.csv", summary="CSV, one row per processed packet",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_packets_csv(user: Coordinator, session: SessionDep, status_: StatusQ = None,
                       since: IsoDate | None = None) -> Response:
    return _csv("packets", user, session, status_, since)


@router.get("/fields.csv", summary="CSV, one row per extracted field (with corrections)",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_fields_csv(user: Coordinator, session: SessionDep, status_: StatusQ = None,
                      since: IsoDate | None = None) -> Response:
    return _csv("fields", user, session, status_, since)


def _results_csv(kind: str, user: Any, session: Any, status: str | None, since: date | None
                 ) -> Response:
    results = review.export_results(session, user, status=status, since=since,
                                    fmt=f"csv:{kind}")
    text = (profile_csv if kind == "profiles" else findings_csv)(results)
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{kind}.csv"'})


@router.get("/profiles.csv", summary="CSV, one row per consolidated profile value",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_profiles_csv(user: Coordinator, session: SessionDep, status_: StatusQ = None,
                        since: IsoDate | None = None) -> Response:
    return _results_csv("profiles", user, session, status_, since)


@router.get("/findings.csv", summary="CSV, one row per finding of each result",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_findings_csv(user: Coordinator, session: SessionDep, status_: StatusQ = None,
                        since: IsoDate | None = None) -> Response:
    return _results_csv("findings", user, session, status_, since)
