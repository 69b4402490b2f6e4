"""What every rule sees: the packet, the consolidated profile, reconciliation, settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from credintake.contract import Application, Document, Source
from credintake.problems import Problem
from credintake.rules.reconcile import Record
from credintake.rules.evidence import Profile
from credintake.settings import RuleSettings

DOC_LABELS = {
    "state_license": "State license", "dea_registration": "DEA registration",
    "board_certification": "Board certification", "malpractice_insurance": "Malpractice policy",
    "diploma": "Diploma", "training_certificate": "Training certificate",
    "life_support_card": "Life-support card", "cme_certificate": "CME certificate", "cv": "CV",
    "other": "Document",
}


@dataclass
class RuleContext:
    documents: list[Document]
    application: Application          # as submitted
    problems: list[Problem]
    as_of: dt.date
    settings: RuleSettings
    profile: Profile
    records: list[Record]


APPLICATION = "application.json"


def cite(source: Source | None = None, *, file: str | None = None, page: int | None = None) -> str:
    """"scan_0003.pdf p.1", or "application.json" when the value was only typed in."""
    if source is not None:
        file, page = source.file, source.page
    if not file:
        return APPLICATION
    return f"{file} p.{page}" if page else file


def where(source: Source | None) -> dict[str, object]:
    """file/page evidence keys for a finding."""
    if source is None or not source.file:
        return {"file": APPLICATION, "page": None}
    return {"file": source.file, "page": source.page}
