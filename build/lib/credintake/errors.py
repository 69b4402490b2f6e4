"""The error hierarchy, designed once and mapped at two edges (CLI exit codes, HTTP status).

    CredintakeError            anything credintake raises on purpose        exit 1 / HTTP 500
    ├── UsageError             bad arguments or settings                    exit 2 / HTTP 400
    ├── NotFoundError          no such packet, document, user               exit 2 / HTTP 404
    ├── ConflictError          the request clashes with stored state        exit 1 / HTTP 409
    └── InputFileError         one input file cannot be read                never an exit: it
                               becomes a ``document.unreadable`` finding and the packet goes on

Messages never contain document text or personal data; they say what happened and what to do.
"""

from __future__ import annotations


class CredintakeError(Exception):
    exit_code = 1
    http_status = 500


class UsageError(CredintakeError):
    exit_code = 2
    http_status = 400


class NotFoundError(CredintakeError):
    exit_code = 2
    http_status = 404


class ConflictError(CredintakeError):
    exit_code = 1
    http_status = 409


class InputFileError(CredintakeError):
    """A file (or one page of it) cannot be read; ``page`` is 1-based when known."""

    def __init__(self, message: str, *, page: int | None = None) -> None:
        super().__init__(message)
        self.page = page
