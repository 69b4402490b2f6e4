"""Imported lists over HTTP (admin only): upload a list file, see the versions.

The same import as ``credintake lists import``: the upload is copied to a scratch file
under the data directory (the importer hashes it and streams it twice; constant memory),
imported, and removed. Lists are service-wide public data, so an admin of any
organisation may import them; every import is audited.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, UploadFile, status

from credintake.api import audit
from credintake.api.deps import Admin, DatabaseDep
from credintake.api.errors import error_responses
from credintake.api.schemas import IsoDate
from credintake.api.lists.importer import import_list, list_status

router = APIRouter(prefix="/lists", tags=["lists"])

ListName = Literal["oig-leie", "sam", "nppes"]


@router.get("", summary="The imported list versions")
def get_lists(user: Admin, db: DatabaseDep) -> list[dict[str, Any]]:
    return list_status(db)


@router.post("/{list_name}", status_code=status.HTTP_201_CREATED,
             summary="Import a list file as the list's next version",
             responses=error_responses(400, 422))
def upload_list(list_name: ListName, user: Admin, db: DatabaseDep,
                file: Annotated[UploadFile, File(description="the list's CSV file")],
                file_date: Annotated[IsoDate, Form(
                    description="the list's date; default: a date in the file name, else "
                                "today")] = None,  # type: ignore[assignment]
                ) -> dict[str, Any]:
    """201 with the import's report; an unchanged file reports ``status: unchanged``."""
    scratch = db.settings.data_dir / "list-uploads"
    scratch.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", Path(file.filename or "list.csv").name)[-120:]
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:
        path = Path(tmp) / safe
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out, 1 << 20)
        report = import_list(db, list_name, path, file_date=file_date)
    with db.session() as session:
        audit.record(session, user, "list.import", None, list=list_name,
                     file_date=report.file_date.isoformat(), status=report.status,
                     rows=report.rows, bad_rows=report.bad_rows)
    return {"list": list_name, "status": report.status,
            "file_date": report.file_date.isoformat(), "file_date_from": report.file_date_from,
            "sha256": report.sha256, "rows": report.rows, "bad_rows": report.bad_rows,
            "bad": [{"line": line, "reason": why} for line, why in report.bad]}
