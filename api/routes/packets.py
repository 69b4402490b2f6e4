"""Packets: upload one, list and filter, status, result (contract JSON), page images."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile, status
from fastapi.responses import JSONResponse, Response

from credintake.api import access, audit, review
from credintake.api.deps import (Admin, Coordinator, DatabaseDep, SessionDep, Specialist,
                                 UploadSlot, read)
from credintake.api.errors import InvalidPacketError, TooLargeError, error_responses
from credintake.api.intake import (APPLICATION, Accepted, Intake, MemberInput, PacketInput,
                                   packet_name)
from credintake.api.page_images import render_png
from credintake.api.schemas import (DocumentPublic, IsoDate, PacketAcceptedPublic,
                                    PacketPublic, PacketsPublic, PacketUpdateIn)

router = APIRouter(prefix="/packets", tags=["packets"])


def accepted_public(a: Accepted) -> PacketAcceptedPublic:
    return PacketAcceptedPublic(packet_id=a.packet_id, job_id=a.job_id, name=a.name,
                                status=a.status, duplicate=a.duplicate,
                                links={"self": f"/packets/{a.packet_id}",
                                       "result": f"/packets/{a.packet_id}/result"})


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=PacketAcceptedPublic,
             summary="Upload one packet (its files, or one .zip of it)",
             responses=error_responses(409, 413, 415))
def upload_packet(user: Specialist, db: DatabaseDep, _slot: UploadSlot,
                  files: Annotated[list[UploadFile], File(description="the packet's files, or "
                                                          "a single .zip of the packet")],
                  # optional form fields are absent or a value (multipart has no null), so
                  # their types are not Optional: the schema must not offer null
                  application: Annotated[UploadFile, File(
                      description="application.json (optional)")
                  ] = None,  # type: ignore[assignment]
                  name: Annotated[str, Form(max_length=255)] = None,  # type: ignore[assignment]
                  as_of: Annotated[IsoDate, Form(
                      description="'today' for the rules; default: the upload date")
                  ] = None,  # type: ignore[assignment]
                  ) -> JSONResponse:
    """202 once the bytes are in the blob store and the packet and job rows are committed."""
    intake = Intake(db, db.settings)
    if len(files) > db.settings.api.max_files_per_packet:
        raise TooLargeError(f"{len(files)} files, more than the limit of "
                            f"{db.settings.api.max_files_per_packet} per packet")
    if len(files) == 1 and (files[0].filename or "").lower().endswith(".zip") and not application:
        up = files[0]
        packet = intake.packet_from_zip(lambda: up.file, up.filename or "packet.zip")
    else:
        members = [MemberInput(f.filename or "", _opener(f), f.content_type) for f in files]
        if application is not None:
            if any(m.name == APPLICATION for m in members):
                raise InvalidPacketError(f"{APPLICATION} sent twice")
            members.append(MemberInput(APPLICATION, _opener(application),
                                       application.content_type))
        default = packet_name(files[0].filename or "packet") if len(files) == 1 else "packet"
        packet = PacketInput(name or default, members)
    if name:
        packet.name = name
    _, accepted = intake.submit([packet], source="upload", as_of=as_of, user_id=user.id)
    a = accepted[0]
    with db.session() as session:
        audit.record(session, user, "packet.upload", a.packet_id,
                     duplicate=a.duplicate, files=len(packet.members))
    return JSONResponse(accepted_public(a).model_dump(mode="json"),
                        status_code=status.HTTP_202_ACCEPTED,
                        headers={"Location": f"/packets/{a.packet_id}"})


def _opener(up: UploadFile):  # type: ignore[no-untyped-def]
    def open_() -> object:
        up.file.seek(0)
        return _NoClose(up.file)
    return open_


class _NoClose:
    """The upload's spooled file is closed by FastAPI, not by intake."""

    def __init__(self, f: object) -> None:
        self.f = f

    def read(self, n: int = -1) -> bytes:
        return self.f.read(n)  # type: ignore[attr-defined,no-any-return]


@router.get("", response_model=PacketsPublic, summary="List and filter packets")
async def list_packets(user: Specialist, db: DatabaseDep,
                       status_: Annotated[str | None, Query(
                           alias="status", pattern="^(queued|running|done|failed)$")] = None,
                       has_errors: bool | None = None,
                       assignee: Annotated[str | None, Query(description="a user name, 'me' "
                                                             "or 'none'")] = None,
                       batch_id: str | None = None,
                       limit: Annotated[int, Query(ge=1, le=500)] = 50,
                       offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0
                       ) -> PacketsPublic:
    data, count = await read(db, review.list_packets, user, status=status_,
                             has_errors=has_errors, assignee=assignee, batch_id=batch_id,
                             limit=limit, offset=offset)
    return PacketsPublic(data=data, count=count)


@router.get("/{packet_id}", response_model=PacketPublic, summary="Packet status")
async def get_packet(packet_id: str, user: Specialist, db: DatabaseDep) -> PacketPublic:
    return await read(db, review.read_packet, user, packet_id)


@router.patch("/{packet_id}", response_model=PacketPublic,
              summary="Assign a packet or set its due date",
              responses=error_responses(400))
def update_packet(packet_id: str, body: PacketUpdateIn, user: Coordinator,
                  session: SessionDep) -> PacketPublic:
    return review.update_packet(session, user, packet_id,
                                fields=body.model_dump(exclude_unset=True))


@router.get("/{packet_id}/result", summary="The packet's result (contract JSON)",
            responses=error_responses(409))
async def get_result(packet_id: str, user: Specialist, db: DatabaseDep) -> JSONResponse:
    # the response is rendered in the thread too: a contract JSON is large for the event loop
    return await read(db, lambda s: JSONResponse(review.result_of(s, user, packet_id)))


@router.post("/{packet_id}/reprocess", status_code=status.HTTP_202_ACCEPTED,
             response_model=PacketPublic, summary="Queue a finished packet again",
             responses=error_responses(409))
def reprocess(packet_id: str, user: Admin, db: DatabaseDep) -> PacketPublic:
    from credintake.api.errors import NotReadyError
    from credintake.api.jobs.dispatch import dispatch
    from credintake.api.jobs.queue import requeue

    with db.session() as session:
        packet = access.packet_for(session, user, packet_id)
        job_id = packet.job.id if packet.job else None
    if job_id is None or not requeue(db, job_id):
        raise NotReadyError(f"packet {packet_id!r} is still being processed")
    dispatch(db, db.settings, [job_id])
    with db.session() as session:
        audit.record(session, user, "packet.reprocess", packet_id)
        return review.packet_public(session, access.packet_for(session, user, packet_id))


@router.get("/{packet_id}/documents", response_model=list[DocumentPublic])
async def list_documents(packet_id: str, user: Specialist, db: DatabaseDep
                         ) -> list[DocumentPublic]:
    return await read(db, review.documents, user, packet_id)


@router.get("/{packet_id}/documents/{doc_index}/pages/{page}",
            response_class=Response, summary="One page of a document as PNG",
            responses={200: {"content": {"image/png": {}}}})
def page_image(packet_id: str, doc_index: int, page: int, user: Specialist, db: DatabaseDep,
               dpi: Annotated[int | None, Query(ge=36, le=600)] = None) -> Response:
    """``page`` is the 1-based page of the document's file (one of the document's ``pages``)."""
    settings = db.settings
    with db.read_session() as session:
        name, sha = review.page_source(session, user, packet_id, doc_index, page)
    data = db.blob_store.read(sha)
    png = render_png(name, data, page, min(dpi or settings.api.page_image_dpi,
                                           settings.api.page_image_max_dpi),
                     settings)
    return Response(png, media_type="image/png",
                    headers={"Cache-Control": "private, max-age=300"})
