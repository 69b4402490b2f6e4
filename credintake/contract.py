"""Pydantic models of the intake contract (``shared/contract/``).

These are the only shapes that cross a stage boundary: the CLI, the API workers, the
review screens and the tests all produce and consume them. Field names and enums are the
contract's, letter for letter; ``tests/test_contract.py`` validates real outputs against
the JSON Schemas.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_serializer

DocType = Literal[
    "state_license",
    "dea_registration",
    "board_certification",
    "malpractice_insurance",
    "diploma",
    "training_certificate",
    "life_support_card",
    "cme_certificate",
    "cv",
    "other",
]
DOC_TYPES: tuple[str, ...] = get_args(DocType)

RuleId = Literal[
    "completeness.missing_document",
    "completeness.missing_field",
    "expiration.expired",
    "expiration.expiring_soon",
    "work_history.gap",
    "reconciliation.mismatch",
    "identity.name_mismatch",
    "identifier.invalid_npi",
    "identifier.invalid_dea",
    "attestation.stale",
    "malpractice.insufficient_coverage",
    "document.unreadable",
    "document.unclassified",
    "malpractice.not_professional_liability",
    "extraction.low_confidence",
    "exclusion.match",
    "npi.registry_mismatch",
    "verification.stale",
    "recredentialing.due",
]
RULE_IDS: tuple[str, ...] = get_args(RuleId)
#: Contract rules the per-packet registry does not produce: judged at the credentialing
#: decision (verification.stale: api/verifications.py, rules/verification.py) or over a
#: provider's files in time by the coordinator's desk (recredentialing.due:
#: api/desk/calendar.py). NOT_YET_BUILT: contract rules no module produces (none now).
DECISION_RULES: frozenset[str] = frozenset({"verification.stale", "recredentialing.due"})
NOT_YET_BUILT: frozenset[str] = frozenset()

Severity = Literal["error", "warning", "info"]
ReconciliationStatus = Literal["match", "mismatch", "filled_from_document", "missing_in_documents"]
Scalar = str | int | float | bool | None

#: The fields each document type may carry (contract section 4).
DOC_TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "state_license": ("holder_name", "profession", "license_number", "issuing_state",
                      "issue_date", "expiration_date", "status"),
    "dea_registration": ("registrant_name", "dea_number", "schedules", "state",
                         "issue_date", "expiration_date"),
    "board_certification": ("holder_name", "board", "specialty", "issue_date", "expiration_date"),
    "malpractice_insurance": ("insured_name", "carrier", "policy_number", "per_claim_limit",
                              "aggregate_limit", "effective_date", "expiration_date"),
    "diploma": ("holder_name", "institution", "degree", "completion_date"),
    "training_certificate": ("holder_name", "institution", "program", "training_type",
                             "start_date", "end_date"),
    "life_support_card": ("holder_name", "course", "issue_date", "expiration_date"),
    "cme_certificate": ("holder_name", "activity_title", "credits", "completion_date"),
    "cv": ("name", "email", "phone", "npi"),
    "other": (),
}
CV_ENTRY_FIELDS: dict[str, tuple[str, ...]] = {
    "education": ("institution", "degree", "start_date", "end_date"),
    "work_history": ("employer", "title", "city", "state", "start_date", "end_date", "current"),
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Source(_Model):
    """Where a value was read: file, 1-based page, box in page points (origin top-left), raw text."""

    confidence: float = Field(default=1.0, ge=0, le=1)
    file: str | None = None
    page: int | None = Field(default=None, ge=1)
    bbox: tuple[float, float, float, float] | None = None
    raw: str | None = None


class FieldValue(Source):
    """One extracted value with its provenance."""

    value: Scalar = None

    @model_serializer(mode="wrap")
    def _keep_value(self, handler: Any) -> dict[str, Any]:
        """``value`` is required by the schema even when null (an open-ended end date)."""
        data = handler(self)
        data.setdefault("value", None)
        return data

    def source(self) -> Source:
        return Source(confidence=self.confidence, file=self.file, page=self.page,
                      bbox=self.bbox, raw=self.raw)


Fields = dict[str, FieldValue]


class Document(_Model):
    file: str
    sha256: str
    pages: list[int]
    doc_type: DocType
    doc_type_confidence: float = Field(ge=0, le=1)
    ocr: bool = False
    text_confidence: float | None = Field(default=None, ge=0, le=1)
    fields: Fields = Field(default_factory=dict)
    entries: dict[str, list[Fields]] | None = None


# --- application shape (application.schema.json) -------------------------------------

class Provider(_Model):
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    suffix: str | None = None
    other_names: list[str] | None = None
    profession: str | None = None
    specialty: str | None = None
    npi: str | None = None
    #: tells apart people of the same name when exclusion lists are screened
    date_of_birth: str | None = Field(default=None, pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
    email: str | None = None
    phone: str | None = None
    practice_state: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")


class License(_Model):
    profession: str | None = None
    license_number: str | None = None
    issuing_state: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    issue_date: str | None = None
    expiration_date: str | None = None
    status: str | None = None


class Dea(_Model):
    dea_number: str | None = None
    state: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    schedules: str | None = None
    issue_date: str | None = None
    expiration_date: str | None = None


class BoardCertification(_Model):
    board: str | None = None
    specialty: str | None = None
    issue_date: str | None = None
    expiration_date: str | None = None


class Education(_Model):
    kind: Literal["degree", "internship", "residency", "fellowship"] | None = None
    institution: str | None = None
    degree: str | None = None
    start_date: str | None = None
    end_date: str | None = None


class WorkHistory(_Model):
    employer: str | None = None
    title: str | None = None
    city: str | None = None
    state: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    start_date: str | None = None
    end_date: str | None = None
    current: bool | None = None

    @model_serializer(mode="wrap")
    def _keep_open_end(self, handler: Any) -> dict[str, Any]:
        """An open-ended job serialises as ``end_date: null, current: true`` (contract 3)."""
        data = handler(self)
        if self.current:
            data["end_date"] = None
        return data


class GapExplanation(_Model):
    start_date: str | None = None
    end_date: str | None = None
    reason: str | None = None


class Malpractice(_Model):
    carrier: str | None = None
    policy_number: str | None = None
    per_claim_limit: int | None = Field(default=None, ge=0)
    aggregate_limit: int | None = Field(default=None, ge=0)
    effective_date: str | None = None
    expiration_date: str | None = None


class LifeSupport(_Model):
    course: str | None = None
    issue_date: str | None = None
    expiration_date: str | None = None


class Cme(_Model):
    activity_title: str | None = None
    credits: float | None = None
    completion_date: str | None = None


class Attestation(_Model):
    signed_date: str | None = None
    signer_name: str | None = None


class Application(_Model):
    """What the provider typed in; also the shape of the consolidated ``profile``."""

    application_id: str | None = None
    provider: Provider | None = None
    licenses: list[License] | None = None
    dea: list[Dea] | None = None
    board_certifications: list[BoardCertification] | None = None
    education: list[Education] | None = None
    work_history: list[WorkHistory] | None = None
    gap_explanations: list[GapExplanation] | None = None
    malpractice_insurance: list[Malpractice] | None = None
    life_support: list[LifeSupport] | None = None
    cme: list[Cme] | None = None
    attestation: Attestation | None = None


# --- result ---------------------------------------------------------------------------

class ReconciliationItem(_Model):
    field: str
    application_value: Any = None
    document_value: Any = None
    status: ReconciliationStatus
    score: float | None = Field(default=None, ge=0, le=100)
    source: Source | None = None


class Finding(_Model):
    rule: RuleId
    severity: Severity
    field: str | None = None
    message: str
    evidence: dict[str, Any] = Field(default_factory=dict)


class Result(_Model):
    packet_id: str
    as_of: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    service_version: str
    documents: list[Document] = Field(default_factory=list)
    profile: Application = Field(default_factory=Application)
    reconciliation: list[ReconciliationItem] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        """The contract JSON: absent rather than null wherever the schema has no null."""
        return self.model_dump(mode="json", exclude_none=True)
