"""Optional knowledge about the applicant that helps pick *their* record.

A board's search-results printout lists several licensees with the same last name; from
the page alone no row is the holder's. The pipeline may set the applicant's name here
(from application.json) before extracting; extractors then pick the best-matching row,
and without it they emit only what every row shares. A ContextVar keeps this safe
across threads and asyncio tasks and keeps the registry signature ``fn(pages)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

applicant_name: ContextVar[str | None] = ContextVar("applicant_name", default=None)


@contextmanager
def applicant(name: str | None) -> Iterator[None]:
    """``with applicant("Jane A Doe"): extract(...)``"""
    token = applicant_name.set(name)
    try:
        yield
    finally:
        applicant_name.reset(token)
