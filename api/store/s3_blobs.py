"""The ``s3`` blob backend: file bytes in an S3-compatible bucket, through boto3.

For deployments across machines that outgrow the ``database`` backend: every machine
reaches the bucket over HTTP, nothing is mounted. Uploads are still staged on the
receiving machine's disk while hashed (``BlobStore.stage``), then sent from that file
(multipart past ``store.s3.multipart_threshold_bytes``), so no file is held whole in
memory. S3 answers a PUT only once the object is durably stored: that answer, checked by
a HEAD for the size, is the durability the 202 promises. Reads stream the object and
refuse bytes that do not hash to its name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from credintake.api.store.blobs import CHUNK, BlobStore, Staged, verify, write_verified
from credintake.settings import S3Settings


def s3_client(cfg: S3Settings) -> Any:
    """A boto3 S3 client for ``cfg`` (credentials from boto3's chain when not set)."""
    import boto3
    from botocore.config import Config

    secret = cfg.secret_access_key.get_secret_value() if cfg.secret_access_key else None
    return boto3.client(
        "s3", endpoint_url=cfg.endpoint_url or None, region_name=cfg.region,
        aws_access_key_id=cfg.access_key_id or None, aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": cfg.max_attempts, "mode": "standard"},
                      s3={"addressing_style": cfg.addressing_style}))


class S3BlobStore(BlobStore):
    """Blobs as objects ``<prefix><sha[:2]>/<sha>`` in ``store.s3.bucket``."""

    def __init__(self, staging_root: Path, cfg: S3Settings, client: Any | None = None) -> None:
        from boto3.s3.transfer import TransferConfig

        super().__init__(staging_root)
        if not cfg.bucket:
            raise ValueError("store.blob_backend is s3 but store.s3.bucket is not set")
        self.cfg = cfg
        self.bucket = cfg.bucket
        self.client = client or s3_client(cfg)
        self.transfer = TransferConfig(multipart_threshold=cfg.multipart_threshold_bytes,
                                       multipart_chunksize=cfg.multipart_chunk_bytes,
                                       use_threads=False)

    def key(self, sha256: str) -> str:
        self.path(sha256)                       # validates the name
        return f"{self.cfg.prefix}{sha256[:2]}/{sha256}"

    def _size(self, sha256: str) -> int | None:
        from botocore.exceptions import ClientError

        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self.key(sha256))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return None
            raise
        return int(head["ContentLength"])

    def exists(self, sha256: str) -> bool:
        return self._size(sha256) is not None

    def commit(self, staged: Staged) -> bool:
        """Upload a staged file; True when the bytes were new to the bucket."""
        try:
            if self.exists(staged.sha256):
                return False
            self.client.upload_file(str(staged.path), self.bucket, self.key(staged.sha256),
                                    Config=self.transfer)
            stored = self._size(staged.sha256)
            if stored != staged.size:
                raise OSError(f"the bucket holds {stored} bytes for a {staged.size}-byte blob")
            return True
        finally:
            staged.path.unlink(missing_ok=True)

    def _chunks(self, sha256: str) -> Iterator[bytes]:
        from botocore.exceptions import ClientError

        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self.key(sha256))["Body"]
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                raise FileNotFoundError(f"no blob {sha256[:12]}... in the bucket") from exc
            raise
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    def read(self, sha256: str) -> bytes:
        data = b"".join(self._chunks(sha256))
        verify(sha256, hashlib.sha256(data).hexdigest())
        return data

    def export(self, sha256: str, dest: Path) -> None:
        write_verified(sha256, self._chunks(sha256), dest)

    def remove_new(self, sha256: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.key(sha256))
