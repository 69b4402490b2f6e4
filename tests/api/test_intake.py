"""Intake refuses unsafe or oversized input with a clear error and stores nothing; the same
files arriving twice make one packet."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from credintake.api.errors import (InvalidPacketError, TooLargeError, UnsafeArchiveError,
                                   UnsupportedTypeError)
from credintake.api.intake import Intake, MemberInput, PacketInput
from credintake.api.store.db import Database
from credintake.api.store.models import BlobFile, Job, Packet, PacketFile
from service_helpers import make_settings
from tiny_packets import make_packet, pdf_bytes, zip_dir


@pytest.fixture()
def intake(tmp_path: Path) -> Any:
    db = Database(make_settings(tmp_path))
    db.migrate()
    yield Intake(db, db.settings)
    db.dispose()


def _counts(intake: Intake) -> tuple[int, int, int, int, int]:
    with intake.db.session() as s:
        rows = tuple(s.scalar(select(func.count()).select_from(t)) for t in
                     (Packet, PacketFile, BlobFile, Job))
    blobs = [p for p in intake.blobs.root.rglob("*") if p.is_file()]
    return (*rows, len(blobs))  # type: ignore[return-value]


def _zip(entries: dict[str, bytes], *, symlink: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return buf.getvalue()


def _submit_zip(intake: Intake, data: bytes) -> Any:
    return intake.submit([intake.packet_from_zip(lambda: io.BytesIO(data), "p.zip")],
                         source="test")


def test_directory_packet_is_stored_once_however_often_it_arrives(intake: Intake,
                                                                  tmp_path: Path) -> None:
    packet = make_packet(tmp_path / "in")
    _, [first] = intake.submit([intake.packet_from_path(packet)], source="test")
    assert not first.duplicate and first.status == "queued" and first.name == "pkt-test"
    zipped = zip_dir(packet, tmp_path / "pkt-test.zip", prefix="pkt-test")
    _, [again] = intake.submit([intake.packet_from_path(zipped)], source="test")
    assert again.duplicate and again.packet_id == first.packet_id and again.job_id == first.job_id
    assert _counts(intake) == (1, 3, 3, 1, 3)
    with intake.db.session() as s:
        names = sorted(s.scalars(select(PacketFile.name)))
    assert names == ["application.json", "bls_card.pdf", "license.pdf"]


@pytest.mark.parametrize("entries,error,words", [
    ({"../evil.pdf": b"%PDF-1.4"}, UnsafeArchiveError, "parent directory"),
    ({"/abs/evil.pdf": b"%PDF-1.4"}, UnsafeArchiveError, "absolute"),
    ({"ok.pdf": b"%PDF-1.4", "run.exe": b"MZ"}, UnsupportedTypeError, "'.exe'"),
    ({"ok.pdf": b"%PDF-1.4", "notes.json": b"{}"}, UnsupportedTypeError, "application.json"),
    ({"ok.pdf": b"%PDF-1.4", "application.json": b"{not json"}, InvalidPacketError,
     "not valid JSON"),
    ({"ok.pdf": b"%PDF-1.4", "application.json": b"[" * 50_000 + b"]" * 50_000},
     InvalidPacketError, "nested too deeply"),
    ({"ok.pdf": b"%PDF-1.4", "application.json": b'{"provider": {"npi": 5, "x": 1}}'},
     InvalidPacketError, "application schema"),
    ({"bomb.pdf": b"\0" * (20 * 1024 * 1024)}, UnsafeArchiveError, "zip bomb"),
])
def test_unsafe_or_wrong_zip_is_refused_and_nothing_is_stored(
        intake: Intake, entries: dict[str, bytes], error: type[Exception], words: str) -> None:
    data = _zip(entries)
    with pytest.raises(error, match=words.replace("(", r"\(").replace(".", r"\.")):
        _submit_zip(intake, data)
    assert _counts(intake) == (0, 0, 0, 0, 0)
    assert list(intake.blobs.tmp.iterdir()) == []


def test_symlink_member_is_refused(intake: Intake) -> None:
    with pytest.raises(UnsafeArchiveError, match="symbolic link"):
        _submit_zip(intake, _zip({"ok.pdf": b"%PDF"}, symlink="link.pdf"))
    assert _counts(intake) == (0, 0, 0, 0, 0)


def test_limits_on_members_files_and_bytes(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    settings.limits.max_zip_members = 3
    settings.api.max_files_per_packet = 2
    settings.api.max_upload_bytes = 5000
    db = Database(settings)
    db.migrate()
    intake = Intake(db, settings)
    try:
        with pytest.raises(TooLargeError, match="more than the limit of 3"):
            _submit_zip(intake, _zip({f"{i}.pdf": b"%PDF" for i in range(4)}))
        with pytest.raises(TooLargeError, match="limit of 2"):
            _submit_zip(intake, _zip({f"{i}.pdf": b"%PDF" for i in range(3)}))
        big = PacketInput("big", [MemberInput("a.pdf", lambda: io.BytesIO(pdf_bytes(["x"]))),
                                  MemberInput("b.pdf", lambda: io.BytesIO(b"y" * 6000))])
        with pytest.raises(TooLargeError, match="upload limit"):
            intake.submit([big], source="test")
        assert _counts(intake) == (0, 0, 0, 0, 0)
        assert list(intake.blobs.tmp.iterdir()) == []
    finally:
        db.dispose()


def test_batch_zip_children_are_packets(intake: Intake, tmp_path: Path) -> None:
    a = make_packet(tmp_path / "src", "alpha", variant=1)
    b = make_packet(tmp_path / "src", "beta", variant=2)
    inner = zip_dir(b, tmp_path / "beta.zip")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in sorted(a.iterdir()):
            zf.write(f, f"batch/alpha/{f.name}")
        zf.write(inner, "batch/beta.zip")
        zf.writestr("batch/loose.pdf", pdf_bytes(["loose"]))
        zf.writestr("__MACOSX/batch/._alpha", b"junk")
    data = buf.getvalue()
    packets = intake.packets_from_batch_zip(lambda: io.BytesIO(data), "batch.zip")
    batch_id, accepted = intake.submit(packets, source="batch", batch_name="batch.zip")
    assert batch_id and sorted(a.name for a in accepted) == ["alpha", "beta", "loose.pdf"]
    assert not any(a.duplicate for a in accepted)
    with intake.db.session() as s:
        members = sorted(s.execute(select(Packet.name, PacketFile.name).join(
            PacketFile, PacketFile.packet_id == Packet.id)))
    assert members == [("alpha", "application.json"), ("alpha", "bls_card.pdf"),
                       ("alpha", "license.pdf"), ("beta", "application.json"),
                       ("beta", "bls_card.pdf"), ("beta", "license.pdf"),
                       ("loose.pdf", "loose.pdf")]
