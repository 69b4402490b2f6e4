"""What every rule sees: the packet, the consolidated profile, reconciliation, settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from credintake.contract import Application, Document, Source
from credintake.problems import Problem
from credintake.rules.doubts import Doubts
from credintake.rules.evidence import Entry, Profile
from credintake.rules.reconcile import Record
from credintake.rules.screening import ScreeningSource
from credintake.rules.values import FIELD_KINDS, compare
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
    doubts: Doubts = field(default_factory=Doubts)
    #: Imported exclusion lists and NPPES data (None: nothing to screen against).
    screening: ScreeningSource | None = None

    def trusts(self, *, field: str, value: Any, source: Source | None, doc_type: str | None,
               rule: str, agreed: bool = False) -> bool:
        """Whether ``rule`` may decide on a value: typed in, read at least
        ``min_confidence_to_flag`` confidently, or ``agreed`` by another source. If not, the
        value is doubted (extraction.low_confidence reports it once) and the rule abstains."""
        if source is None or not source.file or agreed:
            return True
        if source.confidence >= self.settings.min_confidence_to_flag:
            return True
        self.doubts.add(field=field, value=value, source=source, doc_type=doc_type,
                        reason=f"read with confidence {source.confidence:.2f}", rule=rule)
        return False

    def trusts_entry(self, entry: Entry, name: str, rule: str) -> bool:
        """``trusts`` for a profile entry's chosen value; the typed value or another
        document's reading of it that agrees vouches for it."""
        chosen = entry.chosen.get(name)
        if chosen is None or not chosen.from_document:
            return True
        typed = entry.app_values.get(name)
        agreed = self.agreed(entry, name, chosen.value, chosen.doc_index,
                             () if typed is None else (typed,))
        return self.trusts(field=f"{entry.section}.{name}", value=chosen.value,
                           source=chosen.source, doc_type=chosen.doc_type, rule=rule,
                           agreed=agreed)

    def agreed(self, entry: Entry | None, name: str, value: Any, doc_index: int | None,
               also: tuple[Any, ...] = ()) -> bool:
        """Another document of the entry (or one of ``also``) reads ``value`` the same."""
        if entry is None:
            return False
        kind = FIELD_KINDS.get(f"{entry.section}.{name}", "text")
        others = [ev.value for ev in entry.docs.get(name, []) if ev.doc_index != doc_index]
        return any(compare(kind, other, value,
                           match_threshold=self.settings.fuzzy_match_threshold).match
                   for other in [*others, *also])


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
