"""Bulk upload: one zip whose children are packets (folders, zips, or loose files)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile, status
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from credintake.api import audit, review
from credintake.api.deps import Coordinator, DatabaseDep, UploadSlot, read
from credintake.api.errors import UnsupportedTypeError, error_responses
from credintake.api.intake import Intake
from credintake.api.routes.packets import accepted_public
from credintake.api.schemas import BatchAcceptedPublic, IsoDate, PacketsPublic
from credintake.api.store.models import Batch, User
from credintake.errors import NotFoundError

router = APIRouter(prefix="/batches", tags=["batches"])


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=BatchAcceptedPublic,
             summary="Upload a batch (a zip of packets)",
             responses=error_responses(413, 415))
def upload_batch(user: Coordinator, db: DatabaseDep, _slot: UploadSlot,
                 file: Annotated[UploadFile, File(description="zip whose children are packets")],
                 as_of: Annotated[IsoDate, Form(description="'today' for the rules; default: "
                                         "the upload date")] = None,  # type: ignore[assignment]
                 ) -> JSONResponse:
    label = file.filename or "batch.zip"
    if not label.lower().endswith(".zip"):
        raise UnsupportedTypeError(f"{label!r}: a batch is uploaded as one .zip file")
    intake = Intake(db, db.settings)
    packets = intake.packets_from_batch_zip(lambda: file.file, label)
    batch_id, accepted = intake.submit(packets, source="batch", as_of=as_of, user_id=user.id,
                                       batch_name=label)
    with db.session() as session:
        for a in accepted:
            audit.record(session, user, "packet.upload", a.packet_id, batch_id=batch_id,
                         duplicate=a.duplicate)
    body = BatchAcceptedPublic(batch_id=batch_id, packets=[accepted_public(a) for a in accepted])
    return JSONResponse(body.model_dump(mode="json"), status_code=status.HTTP_202_ACCEPTED,
                        headers={"Location": f"/batches/{batch_id}"})


@router.get("/{batch_id}", response_model=PacketsPublic, summary="Progress of a batch")
async def get_batch(batch_id: str, user: Coordinator, db: DatabaseDep) -> PacketsPublic:
    """The batch's packets the caller may see; another organisation's batch is a 404."""
    return await read(db, _batch_packets, user, batch_id)


def _batch_packets(session: Session, user: User, batch_id: str) -> PacketsPublic:
    batch = session.get(Batch, batch_id)
    if batch is None or batch.organization_id != user.organization_id:
        raise NotFoundError(f"no batch {batch_id!r}")
    data, count = review.list_packets(session, user, batch_id=batch_id, limit=500)
    return PacketsPublic(data=data, count=count)
