"""Service-layer errors and the one JSON error shape every HTTP error uses.

    {"error": {"status": 413, "code": "too_large", "message": "...", "details": [...]}}

Intake errors subclass ``credintake.errors.UsageError`` so the CLI and the watcher map
them like any bad input (exit 2, ``.failed/`` with a reason); each carries its HTTP status
and a stable ``code``. Messages name limits and file names, never document content.
"""

from __future__ import annotations

from typing import Any

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


class NotReadyError(ConflictError):
    code = "not_ready"


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
