"""Request and response shapes of the HTTP API; the suffix says the direction
(``*In`` arrives, ``*Public`` leaves). Public views never carry page text or token hashes."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: object) -> object:
    """The schema promises ``format: date`` (YYYY-MM-DD); pydantic alone would also take a
    number ("0" is 1970-01-01) or a midnight datetime, so anything else is refused (422)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class JobPublic(_Out):
    id: str
    status: str = Field(description="queued, running, done, failed; or retrying / failing "
                                    "for a running job whose worker was lost (its lease "
                                    "expired), with / without attempts left")
    attempts: int
    max_attempts: int
    progress: float = Field(description="0 to 1: 0.1 once the files are in place, then "
                                        "with the files read (OCR), 1 when done")
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    finished_by: str | None


class PacketAcceptedPublic(BaseModel):
    packet_id: str
    job_id: str
    name: str
    status: str
    duplicate: bool = Field(description="the same files were received before; the existing "
                                        "packet is returned and nothing is processed again")
    links: dict[str, str]


class BatchAcceptedPublic(BaseModel):
    batch_id: str | None
    packets: list[PacketAcceptedPublic]


class PacketPublic(_Out):
    id: str
    name: str
    source: str
    status: str
    as_of: date
    batch_id: str | None
    assignee: str | None = None
    due_date: date | None
    has_errors: bool | None
    error_count: int
    warning_count: int
    files: list[dict[str, Any]] = Field(default_factory=list)
    job: JobPublic | None = None
    created_at: datetime
    updated_at: datetime
    kind: str = "initial"
    stage: str = "received"
    stage_changed_at: datetime | None = None


class PacketsPublic(BaseModel):
    data: list[PacketPublic]
    count: int


class PacketUpdateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    assignee: str | None = Field(default=None, description="user name; null to unassign")
    due_date: IsoDate | None = None


class DocumentPublic(_Out):
    idx: int
    file: str
    sha256: str
    pages: list[int]
    doc_type: str
    doc_type_confidence: float
    ocr: bool
    text_confidence: float | None


class FieldPublic(_Out):
    id: int
    document_index: int
    entry: str | None
    entry_index: int | None
    name: str
    value: Any
    confidence: float
    page: int | None
    bbox: list[float] | None
    corrected: bool
    corrected_value: Any


class FieldCorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: str | int | float | bool | None
    note: str | None = Field(default=None, max_length=2000)


class FindingPublic(_Out):
    id: int
    idx: int
    rule: str
    severity: str
    field: str | None
    message: str
    evidence: dict[str, Any]
    status: str
    note: str | None
    resolved_by: str | None = None
    resolved_at: datetime | None


class FindingResolutionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["accept", "resolve", "reopen"]
    note: str = Field(min_length=1, max_length=2000, pattern=r"[^\W_]",
                      description="why: required (a letter or digit at least), it goes to "
                                  "the packet's record")


class DecisionPublic(_Out):
    id: int
    kind: str
    user: str
    field_id: int | None
    finding_id: int | None
    old_value: Any
    new_value: Any
    note: str | None
    created_at: datetime


class UserCreateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=120)
    role: Literal["specialist", "coordinator", "admin"]


class UserPublic(_Out):
    id: int
    name: str
    role: str
    organization: str
    token_prefix: str
    created_at: datetime
    revoked_at: datetime | None


class UserCreatedPublic(UserPublic):
    token: str = Field(description="shown once; only its hash is stored")


class AuditPublic(_Out):
    id: int
    at: datetime
    actor: str
    action: str
    packet_id: str | None
    detail: dict[str, Any]


# --- the coordinator's desk (issue 15) --------------------------------------------------

StageName = Literal["received", "in_review", "waiting_on_provider", "waiting_on_source",
                    "ready_for_committee", "approved", "denied", "pended"]


class StageMoveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    stage: StageName
    note: str | None = Field(default=None, max_length=2000,
                             description="why; required for denied and pended")


class DeskRowPublic(BaseModel):
    """A file as the desk's queue and pool list it: open findings only, and the SLA clock
    (days allowed in the stage for the organisation, settings ``desk.sla_days``)."""

    id: str
    name: str
    kind: str
    stage: str
    status: str
    assignee: str | None
    open_errors: int
    open_warnings: int
    received: datetime
    due_date: date | None
    age_days: int
    days_in_stage: int
    sla_days: int | None
    sla_due: date | None
    sla_overdue: bool
    escalation: str | None = Field(default=None, description="stalled or waiting_past_date: "
                                   "escalated by the daily job since the last activity")
    escalated_at: datetime | None = None


class ProviderListPublic(BaseModel):
    id: int
    name: str
    npi: str | None
    files: int


class ProviderFilePublic(BaseModel):
    id: str
    name: str
    kind: str
    stage: str
    received: datetime
    approved_on: date | None


class ProviderDecisionPublic(BaseModel):
    packet_id: str
    from_: str | None = Field(alias="from")
    to: str | None
    note: str | None
    user: str
    at: datetime
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class ProviderPublic(BaseModel):
    """One provider across files and years; ``expirables`` come from the latest approved
    file (``expirables_from``), ``recredentialing_due`` from its approval date plus the
    cycle (settings ``desk.cycle_months*``)."""

    id: int
    name: str
    npi: str | None
    files: list[ProviderFilePublic]
    decisions: list[ProviderDecisionPublic]
    expirables_from: str | None
    expirables: list[dict[str, Any]]
    last_approved: date | None
    recredentialing_due: date | None


class CalendarItemPublic(BaseModel):
    """A provider's recredentialing date or a credential's expiry; ``window`` is the
    smallest of ``desk.horizon_days`` holding it (0: past)."""

    provider_id: int
    provider: str
    packet_id: str
    kind: str = Field(description="recredentialing, or the profile section that expires")
    label: str
    date: date
    days: int
    window: int
