"""Service-layer errors and the one JSON error shape every HTTP error uses.

    {"error": {"status": 413, "code": "too_large", "message": "...", "details": [...]}}

Intake errors subclass ``credintake.errors.UsageError`` so the CLI and the watcher map
them like any bad input (exit 2, ``.failed/`` with a reason); each carries its HTTP status
and a stable ``code``. Messages name limits and file names, never document content.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from starlette.types import Send

from credintake.errors import ConflictError, CredintakeError, NotFoundError, UsageError


class IntakeError(UsageError):
    """A packet was refused at the door; nothing of it was stored."""

    http_status = 400
    code = "bad_packet"


class TooLargeError(IntakeError):
    http_status = 413
    code = "too_large"


class UnsupportedTypeError(IntakeError):
    http_status = 415
    code = "unsupported_type"


class InvalidPacketError(IntakeError):
    http_status = 422
    code = "invalid_packet"


class UnsafeArchiveError(IntakeError):
    http_status = 422
    code = "unsafe_archive"


class InvalidRequestError(UsageError):
    """Well-formed but not acceptable: a required note that says nothing."""

    http_status = 422
    code = "invalid_request"


class HeldByAnotherUserError(ConflictError):
    """The files are a packet of the organisation that the uploader may not see: saying
    which packet, or its status, would show them another user's file."""

    code = "held_by_another_user"


class NotReadyError(ConflictError):
    code = "not_ready"


class InvalidTransitionError(ConflictError):
    """A stage move the table in api/desk/stages.py does not allow."""

    code = "invalid_transition"


class AlreadyTakenError(ConflictError):
    """A pool file another user took first (or one already decided)."""

    code = "already_taken"


class ForbiddenMoveError(CredintakeError):
    """A decision (approve, deny, pend) asked for by a specialist."""

    http_status = 403
    code = "forbidden"


class DecisionBlockedError(ConflictError):
    """A decision a check of api/desk/checks.py refuses (open error findings, say);
    ``reasons`` lists why."""

    code = "decision_blocked"

    def __init__(self, message: str, reasons: list[str]) -> None:
        super().__init__(message)
        self.reasons = reasons
        self.details = [{"loc": "decision_checks", "msg": r} for r in reasons]


def error_code(exc: CredintakeError) -> str:
    code = getattr(exc, "code", None)
    if code:
        return str(code)
    if isinstance(exc, NotFoundError):
        return "not_found"
    if isinstance(exc, ConflictError):
        return "conflict"
    if isinstance(exc, UsageError):
        return "bad_request"
    return "internal_error"


HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 409: "conflict", 413: "too_large",
              415: "unsupported_type", 422: "invalid_request", 500: "internal_error"}


def error_body(status: int, message: str, *, code: str | None = None,
               details: list[Any] | None = None) -> dict[str, Any]:
    """The single error shape (pinned by tests/api/test_error_shape.py)."""
    return {"error": {"status": status, "code": code or HTTP_CODES.get(status, "error"),
                      "message": message, "details": details or []}}


class ErrorDetailPublic(BaseModel):
    loc: str
    msg: str


class ErrorInfoPublic(BaseModel):
    status: int
    code: str
    message: str
    details: list[ErrorDetailPublic]


class ErrorPublic(BaseModel):
    """The body of every error response (documented in the OpenAPI schema)."""

    error: ErrorInfoPublic


ERROR_DESCRIPTIONS = {
    400: "unusable input (`bad_request`)",
    401: "missing, invalid or revoked token (`unauthorized`)",
    403: "role too low (`forbidden`)",
    404: "no such resource (`not_found`)",
    409: "not processed yet (`not_ready`), already exists (`conflict`), already received "
         "and handled by another user (`held_by_another_user`), a stage move the table does "
         "not allow (`invalid_transition`) or a decision a check refuses (`decision_blocked`)",
    413: "request, file, member count, batch or zip expansion over a limit (`too_large`)",
    415: "extension or declared content type not accepted (`unsupported_type`)",
    422: "invalid request (`invalid_request`), packet (`invalid_packet`) or archive "
         "(`unsafe_archive`)",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each status with the common error body, so clients and
    the schema tests (tests/api/test_openapi_fuzz.py) know every error a route can give."""
    return {s: {"model": ErrorPublic, "description": ERROR_DESCRIPTIONS[s]} for s in statuses}


async def send_json(send: Send, status: int, body: dict[str, Any],
                    headers: dict[str, str] | None = None) -> None:
    """An error answered from ASGI middleware, outside FastAPI's exception handlers; the
    connection is closed since the request body may not have been read."""
    data = json.dumps(body).encode()
    extra = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode()),
                            (b"connection", b"close"), *extra]})
    await send({"type": "http.response.body", "body": data})
