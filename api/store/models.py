"""One table class per entity. Alembic migrations in ``alembic/versions`` must match these
(``alembic check`` in the tests fails on drift).

Personal data lives only in columns meant for it (field values, the result JSON); log lines
and the audit log carry ids, counts and actions only.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (JSON, BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index,
                        Integer, LargeBinary, MetaData, String, Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("specialist", "coordinator", "admin")
PACKET_STATUSES = ("queued", "running", "done", "failed")
FINDING_STATUSES = ("open", "accepted", "resolved")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Organization(Base):
    """A credentialing team's tenant: its users see only its packets (api/access.py)."""

    __tablename__ = "organizations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class User(Base):
    """An API user of one organisation; only a SHA-256 of the bearer token is stored."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token_prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class UiSession(Base):
    """A signed-in screen session. The cookie names it; signing out (or the session's
    expiry, or the user's revocation) ends it here, so a copied cookie is dead after
    sign-out on a shared workstation. Only a SHA-256 of the session id is stored."""

    __tablename__ = "ui_sessions"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Batch(Base):
    """A bulk upload (zip of packets), in its uploader's organisation."""

    __tablename__ = "batches"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class BlobFile(Base):
    """A file's bytes, by SHA-256; the bytes themselves are in the blob store."""

    __tablename__ = "files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Packet(Base):
    """One provider's packet, owned by one organisation; ``digest`` (over member names and
    hashes) makes intake idempotent within that organisation (two organisations sending the
    same files have two packets: neither may learn of the other's)."""

    __tablename__ = "packets"
    __table_args__ = (UniqueConstraint("organization_id", "digest"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    # no index of its own: the unique (organization_id, digest) index leads with it
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    digest: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    as_of: Mapped[date] = mapped_column(Date)
    batch_id: Mapped[str | None] = mapped_column(ForeignKey("batches.id"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date)
    has_errors: Mapped[bool | None] = mapped_column(Boolean, index=True)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow,
                                                 onupdate=utcnow)
    # the coordinator's desk (issue 15; api/desk/stages.py): the credentialing file's kind,
    # its stage and when it entered it (the SLA clock runs from there)
    kind: Mapped[str] = mapped_column(String(20), default="initial", server_default="initial")
    stage: Mapped[str] = mapped_column(String(30), default="received",
                                       server_default="received", index=True)
    stage_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("providers.id"), index=True)
    # the daily job's escalation of a stalled file (api/desk/daily.py): when and why
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalation: Mapped[str | None] = mapped_column(String(40))

    members: Mapped[list[PacketFile]] = relationship(back_populates="packet",
                                                     order_by="PacketFile.name")
    job: Mapped[Job | None] = relationship(back_populates="packet", uselist=False)


class PacketFile(Base):
    """A file as a member of a packet (the same bytes may be in many packets)."""

    __tablename__ = "packet_files"
    __table_args__ = (UniqueConstraint("packet_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    packet_id: Mapped[str] = mapped_column(ForeignKey("packets.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(ForeignKey("files.sha256"))
    size: Mapped[int] = mapped_column(Integer)

    packet: Mapped[Packet] = relationship(back_populates="members")


class Job(Base):
    """The durable job of one packet; a running job holds a lease its worker renews."""

    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    packet_id: Mapped[str] = mapped_column(ForeignKey("packets.id", ondelete="CASCADE"),
                                           unique=True)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    error: Mapped[str | None] = mapped_column(Text)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    lease_owner: Mapped[str | None] = mapped_column(String(120))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    available_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completions: Mapped[int] = mapped_column(Integer, default=0)
    finished_by: Mapped[str | None] = mapped_column(String(120))

    packet: Mapped[Packet] = relationship(back_populates="job")


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("packet_id", "idx"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    packet_id: Mapped[str] = mapped_column(ForeignKey("packets.id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)
    file: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(String(64))
    pages: Mapped[list[Any]] = mapped_column(JSON, nullable=True)
    doc_type: Mapped[str] = mapped_column(String(40))
    doc_type_confidence: Mapped[float] = mapped_column(Float)
    ocr: Mapped[bool] = mapped_column(Boolean)
    text_confidence: Mapped[float | None] = mapped_column(Float)


class FieldRow(Base):
    """One extracted value; ``entry``/``entry_index`` locate CV entries (work_history 2)."""

    __tablename__ = "fields"
    id: Mapped[int] = mapped_column(primary_key=True)
    packet_id: Mapped[str] = mapped_column(ForeignKey("packets.id", ondelete="CASCADE"),
                                           index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    entry: Mapped[str | None] = mapped_column(String(40))
    entry_index: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(80))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    confidence: Mapped[float] = mapped_column(Float)
    page: Mapped[int | None] = mapped_column(Integer)
    bbox: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    corrected: Mapped[bool] = mapped_column(Boolean, default=False)
    corrected_value: Mapped[Any] = mapped_column(JSON, nullable=True)


class FindingRow(Base):
    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("packet_id", "idx"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    packet_id: Mapped[str] = mapped_column(ForeignKey("packets.id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(60))
    severity: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(120))
    message: Mapped[str] = mapped_column(Text)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    note: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Decision(Base):
    """A reviewer's action: a field correction or a finding accepted/resolved, with a note."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    packet_id: Mapped[str] = mapped_column(ForeignKey("packets.id", ondelete="CASCADE"),
                                           index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(30))
    field_id: Mapped[int | None] = mapped_column(ForeignKey("fields.id", ondelete="CASCADE"))
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id",
                                                              ondelete="CASCADE"))
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuditEntry(Base):
    """Who did what to which packet, when. ``detail`` holds ids and counts, never content."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_packet_at", "packet_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(60))
    packet_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


# --- issue 16 items 4-5: verification records (migration 0005) ---------------------------

class Verification(Base):
    """A primary-source verification of one element of a packet's provider: who checked what,
    where, how and when; ``document_index`` points at the packet's evidence document."""

    __tablename__ = "verifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    packet_id: Mapped[str] = mapped_column(ForeignKey("packets.id", ondelete="CASCADE"),
                                           index=True)
    element: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str | None] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(40))
    verified_on: Mapped[date] = mapped_column(Date)
    verified_by: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    document_index: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

# --- the ``database`` blob backend (api/store/db_blobs.py) ---------------------------------

class StoredBlob(Base):
    """A blob kept in the database (``store.blob_backend = "database"``); its bytes are the
    ``stored_blob_chunks`` rows in ``seq`` order. Committed after all its chunks."""

    __tablename__ = "stored_blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StoredBlobChunk(Base):
    """One slice (``store.blob_chunk_bytes``) of a database-kept blob."""

    __tablename__ = "stored_blob_chunks"
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_blobs.sha256", ondelete="CASCADE"),
                                        primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)

# --- the coordinator's desk (issue 15) ---------------------------------------------------

class Provider(Base):
    """One provider across packets and years, within one organisation: the same NPI, else
    the same normalised name and date of birth (api/desk/providers.py). The keys are
    personal data and live only here."""

    __tablename__ = "providers"
    __table_args__ = (Index("ix_providers_org_npi", "organization_id", "npi"),
                      Index("ix_providers_org_name_dob", "organization_id", "name_key",
                            "date_of_birth"))
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    npi: Mapped[str | None] = mapped_column(String(10))
    name_key: Mapped[str | None] = mapped_column(String(200))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    display_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# --- imported exclusion lists and NPPES data (credintake.api.lists; issue 16) -----------------

class ListVersion(Base):
    """One import of one list file. Rows are written under ``status='loading'``; one
    transaction then makes the version ``active`` and the former one ``superseded``, so a
    list is never half-replaced. ``lines_done`` is the resume point of an interrupted
    import; ``sha256`` makes re-importing the same file a no-op."""

    __tablename__ = "list_versions"
    __table_args__ = (UniqueConstraint("list_name", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    list_name: Mapped[str] = mapped_column(String(20), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    file_date: Mapped[date] = mapped_column(Date)
    file_date_from: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="loading")
    lines_done: Mapped[int] = mapped_column(Integer, default=0)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    bad_rows: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ExclusionRow(Base):
    """A person or business on an exclusion list (LEIE, SAM), as of its version."""

    __tablename__ = "list_exclusions"
    __table_args__ = (Index("ix_list_exclusions_version_key", "version_id", "name_key"),
                      Index("ix_list_exclusions_version_npi", "version_id", "npi"))
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id", ondelete="CASCADE"))
    line: Mapped[int] = mapped_column(Integer)
    name_key: Mapped[str] = mapped_column(String(8))
    last_name: Mapped[str] = mapped_column(String(120))
    first_name: Mapped[str] = mapped_column(String(120))
    middle_name: Mapped[str] = mapped_column(String(120))
    business_name: Mapped[str | None] = mapped_column(String(255))
    npi: Mapped[str | None] = mapped_column(String(10))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    exclusion_type: Mapped[str | None] = mapped_column(String(60))
    exclusion_date: Mapped[date | None] = mapped_column(Date)
    reinstatement_date: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str | None] = mapped_column(String(20))


class NpiRow(Base):
    """The columns of an NPPES dissemination row that the registry check compares."""

    __tablename__ = "list_npi"
    __table_args__ = (Index("ix_list_npi_version_npi", "version_id", "npi"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id", ondelete="CASCADE"))
    npi: Mapped[str] = mapped_column(String(10))
    entity_type: Mapped[str | None] = mapped_column(String(1))
    last_name: Mapped[str] = mapped_column(String(120))
    first_name: Mapped[str] = mapped_column(String(120))
    middle_name: Mapped[str] = mapped_column(String(120))
    organization: Mapped[str] = mapped_column(String(255))
    practice_state: Mapped[str | None] = mapped_column(String(40))
    deactivation_date: Mapped[date | None] = mapped_column(Date)
    reactivation_date: Mapped[date | None] = mapped_column(Date)
    taxonomies: Mapped[list[Any]] = mapped_column(JSON, default=list)
    licenses: Mapped[list[Any]] = mapped_column(JSON, default=list)
