"""One typed settings object for the whole service.

Values come, in increasing priority, from the defaults below, a TOML file named by
``CREDINTAKE_SETTINGS_FILE``, and environment variables prefixed ``CREDINTAKE_`` with
``__`` between nested groups (``CREDINTAKE_RULES__EXPIRING_SOON_DAYS=60``).
Every threshold, window and limit used by the code lives here; docs/settings.md lists them.
"""

from __future__ import annotations

import os
import tomllib
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict


class LimitSettings(BaseModel):
    """Input limits: anything beyond them becomes a ``document.unreadable`` finding."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_pages_per_file: int = 500
    max_image_pixels: int = 120_000_000
    max_zip_members: int = 2_000
    max_zip_uncompressed_bytes: int = 1024 * 1024 * 1024
    max_zip_ratio: float = 200.0


class OcrSettings(BaseModel):
    """Tesseract, rendering and image clean-up settings (extractor/ocr.py, preprocess.py)."""

    language: str = "eng"
    render_dpi: int = 300
    page_timeout_s: float = 60.0
    min_text_chars_for_text_layer: int = 20
    min_word_confidence: float = 0.0
    unreadable_text_confidence: float = 0.35
    # Tesseract's own OpenMP threads per call; pages run in parallel processes instead.
    tesseract_threads: int = 1
    # Tesseract page segmentation mode (3 = fully automatic layout, no OSD).
    psm: int = 3
    # Images below ``min_dpi`` (effective) are upscaled to ``upscale_dpi`` before OCR.
    min_dpi: int = 200
    upscale_dpi: int = 300
    # Images whose metadata DPI implies a page longer than this (or shorter than
    # ``min_page_inches``) get their DPI guessed from a US-letter page instead.
    max_page_inches: float = 17.0
    min_page_inches: float = 2.0
    # Fax aspect: resample non-square pixels (204x98 dpi) to square before OCR.
    fix_aspect: bool = True
    # Remove isolated specks from 1-bit images (fax noise) with a 3x3 median filter
    # (measured harmful: thin strokes vanish; kept off).
    despeckle_bilevel: bool = False
    # Gaussian blur radius (pixels, after square_pixels) for 1-bit images; 0 turns it off.
    bilevel_blur_px: float = 1.0
    # Deskew: search +-max_skew_deg; rotate only when the found angle is at least min_skew_deg.
    deskew: bool = True
    max_skew_deg: float = 5.0
    min_skew_deg: float = 0.3
    # OCR only the part of the page that holds ink, plus ``ink_margin_in`` inches around it:
    # Tesseract's time grows with the page area, blank margins included.
    crop_to_ink: bool = True
    ink_margin_in: float = 0.2
    # Orientation (Tesseract OSD, a second call): run only when the first pass looks bad,
    # i.e. mean word confidence below ``osd_below_confidence`` or fewer words than
    # ``osd_below_words``; turn the page only when OSD's own confidence reaches
    # ``osd_min_confidence``, and keep the turned reading only when it reads better.
    orientation: bool = True
    osd_below_confidence: float = 0.50
    osd_below_words: int = 15
    osd_min_confidence: float = 0.5
    # Flatten uneven lighting (divide by a blurred background) on greyscale/colour images
    # whose background brightness varies by more than this (0..255).
    flatten_background_spread: float = 25.0
    binarize: bool = False
    # Images on PDF pages WITH a text layer (a certificate's template heading, a pasted
    # table, a scanned signature block) are rendered and OCR'd (extractor/read/pdf_images.py):
    # at most this many per page (0 turns it off), largest first ...
    image_regions_per_page: int = 4
    # ... each at least this tall and wide (points) and this large (square inches) ...
    image_region_min_height_pt: float = 12.0
    image_region_min_area_sq_in: float = 0.5
    # ... and not already read by the text layer (this many text characters per square
    # inch over it: an OCR "sandwich" scan). Words below the confidence are dropped.
    image_region_max_text_per_sq_in: float = 20.0
    image_region_min_word_confidence: float = 0.5
    # Images shaped like a line of text or a few (a pasted or stamped value, a date or a
    # number about 10 pt high, a heading) are read whatever their area: between these
    # heights (points) and this many times wider than tall (square icons and bullets are
    # not), at most this many per page, all in ONE Tesseract call (stacked into one
    # picture), each rendered at least ``image_region_line_min_px`` pixels tall (at most
    # twice ``render_dpi``).
    image_region_line_min_height_pt: float = 6.0
    image_region_line_max_height_pt: float = 48.0
    image_region_line_min_aspect: float = 1.5
    image_region_lines_per_page: int = 40
    image_region_line_min_px: int = 48
    # Words of such line images with four letters or digits or more are kept down to this
    # confidence (Tesseract scores e-mails and identifiers low); shorter ones need
    # ``image_region_min_word_confidence`` (strokes of logos and signatures).
    image_region_line_min_word_confidence: float = 0.1


class ClassifierSettings(BaseModel):
    """Below ``min_confidence`` a document is ``other`` with ``document.unclassified``."""

    min_confidence: float = 0.5
    model_path: Path | None = None  # None: the committed models/artifacts/doc_classifier.joblib


class ConfidenceSettings(BaseModel):
    """Field confidences as probabilities of being right (models/field_confidence.py):
    ``calibrate`` is ``off`` (the extractors' scores), ``ocr`` (values of OCR'd documents)
    or ``all``. ``ocr`` by default: text-layer values keep the extractors' scores, which are
    already calibrated on real text PDFs (ECE 0.03) while the generated-data fit makes them
    ~0.99 where real unseen layouts are right 86% of the time (``all``: real ECE 0.13);
    OCR'd values are calibrated (real OCR'd values 0.22 -> 0.07). ``rules.min_confidence_to_flag``
    is tuned on this scale (bench/findings.py; docs/decisions.md)."""

    calibrate: Literal["off", "ocr", "all"] = "ocr"
    model_path: Path | None = None  # None: the committed models/artifacts/field_confidence.json


class FieldScorerSettings(BaseModel):
    """The learned field scorer (models/field_scorer.py): fills a field the label engine
    left empty with the best typed candidate when its calibrated probability reaches
    ``min_probability``, on documents where the engine read at least ``min_engine_fields``
    values (a blank form has none). Never on ``other`` documents. Off by default: on the
    real sets it adds one right value, but it fills fields the engine leaves empty on
    purpose (a parent's name on a diploma, a lifetime certification's expiry; see
    docs/decisions.md, "Learned field scorer")."""

    enabled: bool = False
    min_probability: float = Field(default=0.7, ge=0.0, le=1.0)
    min_engine_fields: int = Field(default=2, ge=0)
    model_path: Path | None = None  # None: the committed models/artifacts/field_scorer.npz


class RuleSettings(BaseModel):
    """Rule thresholds; defaults follow DOMAIN.md and the contract (docs/rules.md lists them)."""

    #: expiration.expiring_soon: a credential expiring within this many days after as_of
    #: (inclusive: exactly 90 days out still warns).
    expiring_soon_days: int = 90
    #: work_history.gap: only the last N years before as_of are examined.
    gap_lookback_years: int = 5
    #: work_history.gap: a gap LONGER than this many calendar months warns (exactly 6 does not).
    gap_warning_months: int = 6
    #: work_history.gap: a gap longer than this many calendar months is an error unless a
    #: gap explanation with a written reason covers it.
    gap_error_months: int = 12
    #: attestation.stale: signed more than this many days before as_of (exactly 180 is fine).
    attestation_max_age_days: int = 180
    #: malpractice.insufficient_coverage: minimum per-claim limit in USD (exactly $1M passes).
    malpractice_min_per_claim: int = 1_000_000
    #: malpractice.insufficient_coverage: minimum aggregate limit in USD.
    malpractice_min_aggregate: int = 3_000_000
    #: Free text (employers, institutions, boards, carriers): a score at or above this
    #: (0-100, rapidfuzz token ratios after abbreviation expansion) is a match.
    fuzzy_match_threshold: float = 88.0
    #: Below the match threshold but at or above this, two entries are still paired (same
    #: credential, differing text) so that the difference is reported as a mismatch; a
    #: document name scoring this close to the applicant's is a warning, not an error.
    fuzzy_probable_threshold: float = 75.0
    #: Weight of a value typed into the application when consolidating the profile; a
    #: document value wins when confidence x document-type authority exceeds it.
    application_authority: float = 0.7
    #: Document values read with a confidence below this are ignored when consolidating.
    min_field_confidence: float = 0.3
    #: A rule judges a document value (compares it, checks its digits, dates a gap or an
    #: expiry with it) only when it was read with at least this confidence or another source
    #: agrees with it; below, the rule does not decide and extraction.low_confidence asks a
    #: person to look at the value on the page (measured on bench/findings.py with
    #: ``confidence.calibrate=ocr``, a probability of being right; docs/decisions.md).
    min_confidence_to_flag: float = 0.8
    #: Allowed first letters of a DEA number (registrant type; A/B/F/G practitioners,
    #: M mid-level practitioners, others for businesses and programs).
    dea_registrant_types: str = "ABCDEFGHJKLMPRSTUX"
    #: Documents required for every provider, by profession (MD, DO, NP, PA, CRNA, PharmD, RN).
    required_documents: dict[str, list[str]] = Field(default_factory=lambda: {
        "MD": ["state_license", "diploma", "training_certificate", "malpractice_insurance", "cv"],
        "DO": ["state_license", "diploma", "training_certificate", "malpractice_insurance", "cv"],
        "NP": ["state_license", "board_certification", "diploma", "malpractice_insurance", "cv"],
        "PA": ["state_license", "board_certification", "diploma", "malpractice_insurance", "cv"],
        "CRNA": ["state_license", "board_certification", "diploma", "malpractice_insurance", "cv"],
        "PharmD": ["state_license", "diploma", "cv"],
        "RN": ["state_license", "life_support_card", "cv"],
    })
    #: Required documents when the profession is unknown or not listed above.
    required_documents_default: list[str] = Field(default_factory=lambda: ["state_license", "cv"])
    #: A section the provider claims in the application (DEA = prescribes; board
    #: certification "if claimed") requires the matching document type.
    documents_required_when_claimed: dict[str, str] = Field(default_factory=lambda: {
        "dea": "dea_registration",
        "board_certifications": "board_certification",
    })
    #: rapidfuzz ratio (0-100) from which a listed last name is the provider's (exclusion
    #: screening; the given names must then agree by spelling, initial or nickname).
    exclusion_name_threshold: float = 90.0
    #: Application fields that must be present in the consolidated profile.
    required_fields: list[str] = Field(default_factory=lambda: [
        "provider.first_name", "provider.last_name", "provider.npi", "provider.profession",
        "licenses.license_number", "attestation.signed_date",
    ])


class AccreditationProfile(BaseModel):
    """One version of an accreditation body's verification windows, in force from ``effective``.

    Decisions are judged by the version in force at the decision date, so files decided
    before a standards change keep the older limits (docs/decisions.md cites the sources).
    """

    family: str
    effective: date
    #: Verification age limit (days before the decision) per element.
    verification_max_age_days: dict[str, int]
    attestation_max_age_days: int
    recredentialing_months: int = 36


#: The elements a credentialing file verifies (verification records name one of these).
VERIFICATION_ELEMENTS = ("license", "dea", "board_certification", "education", "work_history",
                         "malpractice_history", "exclusion_screening", "npi")


def _limits(days: int, exclusion_screening_days: int = 30) -> dict[str, int]:
    """``days`` for every element but the exclusion screening, which is monthly."""
    return {k: (exclusion_screening_days if k == "exclusion_screening" else days)
            for k in VERIFICATION_ELEMENTS}


def _default_profiles() -> list[AccreditationProfile]:
    return [
        AccreditationProfile(family="ncqa", effective=date(2018, 7, 1),
                             verification_max_age_days=_limits(180),
                             attestation_max_age_days=180),
        AccreditationProfile(family="ncqa", effective=date(2025, 7, 1),
                             verification_max_age_days=_limits(120),
                             attestation_max_age_days=120),
        AccreditationProfile(family="ncqa_cvo", effective=date(2025, 7, 1),
                             verification_max_age_days=_limits(90),
                             attestation_max_age_days=90),
        AccreditationProfile(family="joint_commission_hospital", effective=date(2018, 1, 1),
                             verification_max_age_days=_limits(180),
                             attestation_max_age_days=180, recredentialing_months=24),
        AccreditationProfile(family="joint_commission_hospital", effective=date(2023, 2, 19),
                             verification_max_age_days=_limits(180),
                             attestation_max_age_days=180, recredentialing_months=36),
    ]


class AccreditationSettings(BaseModel):
    """Which accreditation family the organisation follows, and every dated version of each."""

    family: str = "ncqa"
    profiles: list[AccreditationProfile] = Field(default_factory=_default_profiles)

    def in_force(self, on: date, family: str | None = None) -> AccreditationProfile:
        """The version of ``family`` (default: the configured one) in force on ``on``."""
        fam = family or self.family
        versions = sorted((p for p in self.profiles if p.family == fam and p.effective <= on),
                          key=lambda p: p.effective)
        if not versions:
            raise ValueError(f"no {fam!r} accreditation profile in force on {on.isoformat()}")
        return versions[-1]


def _env(name: str) -> str | None:
    """Short aliases the deployment docs promise (``CREDINTAKE_DATABASE_URL``)."""
    return os.environ.get(name) or None


class S3Settings(BaseModel):
    """The bucket of ``store.blob_backend = "s3"`` (AWS S3, MinIO, Ceph RGW, ...).

    ``endpoint_url`` empty means AWS itself. Credentials left empty come from boto3's own
    chain (``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``, ``~/.aws``, an instance role), so
    a secret need not sit in a settings file (``CREDINTAKE_STORE__S3__BUCKET`` etc. also work).
    """

    endpoint_url: str | None = None
    bucket: str = ""
    prefix: str = "blobs/"
    region: str = "us-east-1"
    access_key_id: str | None = None
    secret_access_key: SecretStr | None = None
    # "path" for MinIO and most self-hosted servers; "virtual" for AWS
    addressing_style: Literal["path", "virtual", "auto"] = "path"
    # uploads at least this large go as multipart, ``multipart_chunk_bytes`` a part, read
    # from the staged file: memory stays at a few parts whatever the file's size
    multipart_threshold_bytes: int = Field(default=8 * 1024 * 1024, ge=5 * 1024 * 1024)
    multipart_chunk_bytes: int = Field(default=8 * 1024 * 1024, ge=5 * 1024 * 1024)
    max_attempts: int = Field(default=5, ge=1)


class StoreSettings(BaseModel):
    """Where state and file bytes live (service layer, docs/service.md).

    ``database_url`` empty means the embedded SQLite file ``<data_dir>/credintake.db``;
    ``blob_dir`` empty means ``<data_dir>/blobs``. ``CREDINTAKE_DATABASE_URL`` and
    ``CREDINTAKE_BLOB_DIR`` are short aliases of ``CREDINTAKE_STORE__DATABASE_URL`` etc.
    """

    database_url: str | None = Field(default_factory=lambda: _env("CREDINTAKE_DATABASE_URL"))
    blob_dir: Path | None = Field(default_factory=lambda: _env("CREDINTAKE_BLOB_DIR"))
    # where file bytes live: "filesystem" (blob_dir; share it by a mount across machines),
    # "database" (chunk rows in the service database: nothing else to share), "s3" (an
    # S3-compatible bucket: ``s3``, below)
    blob_backend: Literal["filesystem", "database", "s3"] = Field(
        default_factory=lambda: _env("CREDINTAKE_BLOB_BACKEND") or "filesystem")
    # the slice a database-kept blob is stored in: one row each; bounds the memory a copy uses
    blob_chunk_bytes: int = Field(default=1024 * 1024, ge=4096, le=64 * 1024 * 1024)
    s3: S3Settings = Field(default_factory=lambda: S3Settings())
    # None: migrate at start on the embedded SQLite file (one machine), never on a server
    # database, where `credintake db upgrade` runs once per deploy and every process only
    # checks that the schema is not older than its code (docs/service.md, "Schema changes").
    migrate_on_startup: bool | None = None


class JobSettings(BaseModel):
    """Durable packet jobs: embedded worker pool, or Celery when ``broker_url`` is set
    (``CREDINTAKE_BROKER_URL`` is a short alias)."""

    broker_url: str | None = Field(default_factory=lambda: _env("CREDINTAKE_BROKER_URL"))
    embedded_workers: int | None = None     # None: ``Settings.workers``
    # added to the embedded workers' niceness: OCR yields the CPU to the API process
    worker_nice: int = Field(default=10, ge=0, le=19)
    lease_seconds: float = 60.0
    heartbeat_seconds: float = 10.0
    poll_seconds: float = 0.5
    max_attempts: int = 3
    retry_delay_seconds: float = 5.0
    requeue_after_seconds: float = 120.0    # Celery mode: re-publish a queued job nobody took
    sweep_seconds: float = 10.0             # Celery mode: how often the sweeper looks
    timeout_seconds: float = 1800.0         # hard deadline per attempt: the worker process exits
    processor: str = "credintake.pipeline:process_packet"


class ListSettings(BaseModel):
    """Imports of the exclusion lists and the NPPES file (``credintake lists``)."""

    #: rows inserted per transaction; the import's resume point advances by this much
    batch_rows: int = Field(default=5_000, ge=1)
    #: the monitoring run re-screens every stored packet this often (NCQA: monthly)
    monitor_every_days: int = Field(default=30, ge=1)
    #: how often the service checks whether a monitoring run is due (0: never, no thread)
    monitor_check_seconds: float = Field(default=3600.0, ge=0)


class ApiSettings(BaseModel):
    """HTTP API and inbox limits (beyond them: a clear 4xx and nothing stored)."""

    max_upload_bytes: int = 512 * 1024 * 1024
    max_files_per_packet: int = 200
    max_packets_per_batch: int = 500
    allowed_extensions: list[str] = Field(default_factory=lambda: [
        ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".docx", ".json"])
    # Uploads storing their files at the same time (the rest wait, without a thread): under
    # a burst, twenty upload threads starve the API's reads of the GIL.
    upload_concurrency: int = Field(default=2, ge=1)
    page_image_dpi: int = 110
    page_image_max_dpi: int = 300
    watch_stable_seconds: float = 2.0
    watch_poll_seconds: float = 1.0
    # A refused inbox entry written in place waits this long unchanged before .failed/: a
    # scanner or network share that pauses longer than watch_stable_seconds mid-file.
    watch_refused_grace_seconds: float = Field(default=60.0, ge=0)


class DeskSettings(BaseModel):
    """The coordinator's desk (api/desk/): SLA days per stage, the recredentialing cycle and
    windows, and when a file counts as stalled. ``*_by_org`` override per organisation name
    (and ``cycle_months_by_state`` per USPS state where state law sets another cycle)."""

    #: days a file may stay in a stage before its SLA clock reads overdue
    sla_days: dict[str, int] = Field(default_factory=lambda: {
        "received": 2, "in_review": 10, "waiting_on_provider": 14, "waiting_on_source": 14,
        "ready_for_committee": 30, "pended": 30})
    sla_days_by_org: dict[str, dict[str, int]] = Field(default_factory=dict)
    #: recredentialing cycle (NCQA: 36 months, no grace period)
    cycle_months: int = Field(default=36, ge=1)
    cycle_months_by_org: dict[str, int] = Field(default_factory=dict)
    cycle_months_by_state: dict[str, int] = Field(default_factory=dict)
    #: recredentialing.due warns this many days before the due date
    due_warning_days: int = Field(default=180, ge=0)
    #: the daily job lists what falls due or expires within each of these windows
    horizon_days: list[int] = Field(default_factory=lambda: [30, 60, 90])
    #: a file with no activity for this many days is stalled
    stalled_after_days: int = Field(default=14, ge=1)
    #: the service runs the daily job at start and then every this many hours (0: never;
    #: then run ``credintake desk daily`` from cron)
    daily_every_hours: float = Field(default=24.0, ge=0)

    def sla_for(self, organization: str, stage: str) -> int | None:
        """Days allowed in ``stage`` for ``organization`` (None: no clock, a final stage)."""
        return {**self.sla_days, **self.sla_days_by_org.get(organization, {})}.get(stage)


class Settings(BaseSettings):
    """Everything configurable about credintake."""

    model_config = SettingsConfigDict(env_prefix="CREDINTAKE_", env_nested_delimiter="__",
                                      extra="ignore")

    data_dir: Path = Path("./credintake-data")
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    classifier: ClassifierSettings = Field(default_factory=ClassifierSettings)
    confidence: ConfidenceSettings = Field(default_factory=ConfidenceSettings)
    field_scorer: FieldScorerSettings = Field(default_factory=FieldScorerSettings)
    rules: RuleSettings = Field(default_factory=RuleSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    jobs: JobSettings = Field(default_factory=JobSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    accreditation: AccreditationSettings = Field(default_factory=AccreditationSettings)
    desk: DeskSettings = Field(default_factory=DeskSettings)
    lists: ListSettings = Field(default_factory=ListSettings)

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings],
                                   init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource,
                                   dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource,
                                   ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, _TomlFileSource(settings_cls)


class _TomlFileSource(PydanticBaseSettingsSource):
    """Reads the TOML file named by ``CREDINTAKE_SETTINGS_FILE``, if any."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return self._data().get(field_name), field_name, False

    def _data(self) -> dict[str, Any]:
        path = os.environ.get("CREDINTAKE_SETTINGS_FILE")
        return tomllib.loads(Path(path).read_text()) if path else {}

    def __call__(self) -> dict[str, Any]:
        return self._data()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests build their own ``Settings(...)`` instead."""
    return Settings()
