"""Liveness and readiness: the only route without authentication."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from credintake import __version__
from credintake.api.deps import DatabaseDep

router = APIRouter(tags=["health"])


@router.get("/health")
def health(db: DatabaseDep) -> dict[str, str]:
    with db.read_session() as session:      # a probe must not queue on the write lock
        session.execute(text("SELECT 1"))
    mode = "celery" if db.settings.jobs.broker_url else "embedded"
    return {"status": "ok", "version": __version__, "database": db.engine.dialect.name,
            "jobs": mode}
