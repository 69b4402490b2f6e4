"""Verification records of a packet, the verification check at a decision date, and the
packet's FHIR and CSV exports."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse, Response

from credintake.api import review, verifications
from credintake.api.deps import DatabaseDep, SessionDep, Specialist
from credintake.api.schemas import IsoDate
from credintake.api.verifications import VerificationIn, VerificationPublic
from credintake.csv_export import findings_csv, profile_csv
from credintake.fhir_export import to_bundle

router = APIRouter(prefix="/packets/{packet_id}", tags=["verification"])


@router.post("/verifications", response_model=VerificationPublic,
             status_code=status.HTTP_201_CREATED,
             summary="Record a primary-source verification of one element")
def create_verification(packet_id: str, body: VerificationIn, user: Specialist,
                        session: SessionDep) -> VerificationPublic:
    return verifications.create(session, user, packet_id, body)


@router.get("/verifications", response_model=list[VerificationPublic])
def list_verifications(packet_id: str, user: Specialist, session: SessionDep
                       ) -> list[VerificationPublic]:
    return verifications.list_for(session, user, packet_id)


@router.get("/verification-check",
            summary="verification.stale findings if the packet were decided on decision_date")
def verification_check(packet_id: str, user: Specialist, session: SessionDep,
                       db: DatabaseDep,
                       decision_date: Annotated[IsoDate, Query()]) -> dict[str, Any]:
    return verifications.check(session, user, packet_id, decision_date, db.settings)


@router.get("/export/fhir", summary="The packet's provider as a FHIR R4 Bundle",
            response_class=JSONResponse,
            responses={200: {"content": {"application/fhir+json": {}}}})
def export_fhir(packet_id: str, user: Specialist, session: SessionDep) -> JSONResponse:
    bundle = to_bundle(review.result_of(session, user, packet_id))
    return JSONResponse(bundle, media_type="application/fhir+json")


@router.get("/export/{kind}.csv", summary="The packet's profile or findings as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_csv(packet_id: str, kind: Literal["profile", "findings"], user: Specialist,
               session: SessionDep) -> Response:
    """Spreadsheet-safe: cells starting with = + - @ tab or CR are quoted."""
    result = review.result_of(session, user, packet_id)
    text = (profile_csv if kind == "profile" else findings_csv)([result])
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{kind}.csv"'})
