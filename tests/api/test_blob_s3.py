"""The blob store contract on the ``s3`` backend, against a real S3-compatible HTTP server
(moto's server mode, a separate process on a loopback port; boto3 talks HTTP to it exactly
as to MinIO or AWS). The contract tests shared with the other backends are imported from
test_blob_backends; the S3-specific ones (damaged object, wrong bucket, one upload end to
end through the API process's intake) are below."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from credintake.api.store.blobs import BlobCorruptError
from credintake.api.store.db import Database, check_shared_blobs
from credintake.errors import UsageError
from credintake.settings import S3Settings
from service_helpers import free_port, make_settings, service_missing, wait_for
from test_blob_backends import (  # noqa: F401 - collected here against the s3 fixture
    test_a_large_file_is_streamed_in_chunks_and_exported,
    test_same_bytes_are_stored_once_and_read_back,
)

BUCKET = "credintake-test"


@pytest.fixture(scope="module")
def s3_endpoint(module_tmp: Path) -> Iterator[str]:
    """A moto S3 server for this module; skips when moto is not installed."""
    import httpx

    try:
        import moto.server  # noqa: F401
    except ImportError as exc:
        service_missing(f"moto[server] not installed ({exc})")
    port = free_port()
    log = (module_tmp / "moto.log").open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p",
                             str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return httpx.get(f"{url}/moto-api/", timeout=1).status_code < 500
        except httpx.HTTPError:
            return False

    try:
        wait_for(up, 30, 0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()


def _settings(tmp: Path, endpoint: str, bucket: str = BUCKET) -> object:
    settings = make_settings(tmp, blob_backend="s3")
    settings.store.s3 = S3Settings.model_validate({
        "endpoint_url": endpoint, "bucket": bucket, "access_key_id": "test",
        "secret_access_key": "test", "multipart_threshold_bytes": 5 * 1024 * 1024,
        "multipart_chunk_bytes": 5 * 1024 * 1024})
    return settings


@pytest.fixture()
def db(tmp_path: Path, s3_endpoint: str) -> Iterator[Database]:
    settings = _settings(tmp_path, s3_endpoint)
    database = Database(settings)  # type: ignore[arg-type]
    client = database.blob_store.client
    if BUCKET not in {b["Name"] for b in client.list_buckets().get("Buckets", [])}:
        client.create_bucket(Bucket=BUCKET)
    database.migrate()
    try:
        yield database
    finally:
        database.dispose()


def test_the_backend_setting_picks_the_bucket(db: Database) -> None:
    from credintake.api.store.s3_blobs import S3BlobStore

    assert isinstance(db.blob_store, S3BlobStore)
    staged = db.blob_store.stage_bytes(b"%PDF-1.4 in a bucket")
    assert db.blob_store.commit(staged)
    head = db.blob_store.client.head_object(Bucket=BUCKET,
                                            Key=f"blobs/{staged.sha256[:2]}/{staged.sha256}")
    assert head["ContentLength"] == len(b"%PDF-1.4 in a bucket")
    assert not staged.path.exists()                    # nothing left on this machine


def test_a_damaged_object_is_refused_on_read_and_export(db: Database, tmp_path: Path) -> None:
    store = db.blob_store
    staged = store.stage_bytes(b"the real bytes")
    store.commit(staged)
    store.client.put_object(Bucket=BUCKET, Key=store.key(staged.sha256), Body=b"tampered")
    with pytest.raises(BlobCorruptError):
        store.read(staged.sha256)
    dest = tmp_path / "scratch" / "a.pdf"
    with pytest.raises(BlobCorruptError):
        store.export(staged.sha256, dest)
    assert not dest.exists()


def test_a_missing_object_reads_as_not_found_and_remove_new_forgets(db: Database) -> None:
    store = db.blob_store
    sha = hashlib.sha256(b"never stored").hexdigest()
    with pytest.raises(FileNotFoundError):
        store.read(sha)
    staged = store.stage_bytes(b"stored then undone")
    assert store.commit(staged)
    store.remove_new(staged.sha256)
    assert not store.exists(staged.sha256)


def test_the_start_up_probe_passes_on_the_bucket_and_refuses_a_missing_one(
        db: Database, tmp_path: Path, s3_endpoint: str) -> None:
    def keys() -> set[str]:
        listing = db.blob_store.client.list_objects_v2(Bucket=BUCKET)
        return {k["Key"] for k in listing.get("Contents", [])}

    before = keys()
    check_shared_blobs(db)                             # write, read back, delete: fine
    assert keys() == before                            # the probe cleaned up after itself
    other = Database(_settings(tmp_path / "other", s3_endpoint, bucket="no-such-bucket"))  # type: ignore[arg-type]
    try:
        with pytest.raises(UsageError, match="cannot be written, read back and cleaned up"):
            check_shared_blobs(other)
    finally:
        other.dispose()


def test_an_upload_goes_to_the_bucket_and_a_worker_elsewhere_reads_it(
        db: Database, tmp_path: Path, s3_endpoint: str) -> None:
    """Intake on one machine, materialize on another data directory: only the bucket (and
    the database) in common."""
    from credintake.api.intake import Intake, MemberInput, PacketInput
    from credintake.api.jobs.runner import materialize

    data = os.urandom(64 * 1024)
    packet = PacketInput("pkt", [MemberInput("doc.pdf", lambda: io.BytesIO(data))])
    _, accepted = Intake(db, db.settings).submit([packet], source="test")
    assert [p for p in db.blobs.rglob("*") if p.is_file()] == []   # not on the API's disk
    elsewhere = _settings(tmp_path / "worker-machine", s3_endpoint)
    elsewhere.store.database_url = db.url  # type: ignore[attr-defined]
    worker_db = Database(elsewhere)  # type: ignore[arg-type]
    try:
        check_shared_blobs(worker_db)
        scratch = tmp_path / "worker-machine" / "scratch"
        materialize(worker_db, accepted[0].packet_id, scratch)
        assert (scratch / "doc.pdf").read_bytes() == data
    finally:
        worker_db.dispose()


def test_the_bucket_is_configured_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from credintake.settings import Settings

    monkeypatch.setenv("CREDINTAKE_BLOB_BACKEND", "s3")
    monkeypatch.setenv("CREDINTAKE_STORE__S3__BUCKET", "hospital-blobs")
    monkeypatch.setenv("CREDINTAKE_STORE__S3__ENDPOINT_URL", "http://minio:9000")
    monkeypatch.setenv("CREDINTAKE_STORE__S3__SECRET_ACCESS_KEY", "s3cr3t")
    store = Settings().store
    assert (store.blob_backend, store.s3.bucket, store.s3.endpoint_url) == (
        "s3", "hospital-blobs", "http://minio:9000")
    assert "s3cr3t" not in repr(store)                 # a secret never reaches a log line
    assert store.s3.secret_access_key is not None
    assert store.s3.secret_access_key.get_secret_value() == "s3cr3t"
