"""Opening packets: directories, zips, and hostile zips that must not escape or explode."""

from __future__ import annotations

import hashlib

import json
import zipfile
from pathlib import Path

import pytest

from credintake.errors import UsageError
from credintake.packet import open_packet
from credintake.settings import LimitSettings


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_directory_packet_reads_files_and_application(tmp_path: Path) -> None:
    (tmp_path / "p1").mkdir()
    (tmp_path / "p1" / "a.pdf").write_bytes(b"%PDF-1.4 x")
    (tmp_path / "p1" / "sub").mkdir()
    (tmp_path / "p1" / "sub" / "b.png").write_bytes(b"\x89PNG")
    (tmp_path / "p1" / ".DS_Store").write_bytes(b"junk")
    (tmp_path / "p1" / "application.json").write_text(json.dumps(
        {"provider": {"last_name": "Doe", "npi": "1234567893"}}))
    packet = open_packet(tmp_path / "p1", LimitSettings())
    assert packet.packet_id == "p1"
    assert [f.name for f in packet.files] == ["a.pdf", "sub/b.png"]
    assert packet.application.provider.npi == "1234567893"
    assert packet.problems == []


def test_zip_with_top_folder_is_read_like_the_folder(tmp_path: Path) -> None:
    z = _zip(tmp_path / "dr.zip", {"dr/x.pdf": b"%PDF-1.4", "dr/application.json": b"{}"})
    packet = open_packet(z, LimitSettings())
    assert packet.packet_id == "dr"
    assert [f.name for f in packet.files] == ["x.pdf"]


def test_traversal_and_absolute_members_are_refused_not_extracted(tmp_path: Path) -> None:
    z = _zip(tmp_path / "evil.zip", {"../../etc/x.pdf": b"%PDF", "/abs.pdf": b"%PDF",
                                      "ok.pdf": b"%PDF-1.4"}, zipfile.ZIP_STORED)
    packet = open_packet(z, LimitSettings())
    assert [f.name for f in packet.files] == ["ok.pdf"]
    reasons = {p.file: p.reason for p in packet.problems}
    assert len(reasons) == 2
    assert all("unsafe path" in r for r in reasons.values())
    assert not (tmp_path.parent / "etc").exists()
    # still files of the packet, named by the SHA-256 of their stored (here: raw) bytes
    assert packet.refused == {name: hashlib.sha256(b"%PDF").hexdigest() for name in reasons}


def test_zip_bomb_member_is_refused_by_ratio(tmp_path: Path) -> None:
    z = _zip(tmp_path / "bomb.zip", {"big.pdf": b"\0" * 5_000_000, "ok.pdf": b"%PDF-1.4"})
    packet = open_packet(z, LimitSettings(max_zip_ratio=50))
    assert [f.name for f in packet.files] == ["ok.pdf"]
    assert "zip bomb" in packet.problems[0].reason


def test_zip_total_expansion_limit(tmp_path: Path) -> None:
    members = {f"f{i}.pdf": bytes(range(256)) * 400 for i in range(5)}
    z = _zip(tmp_path / "many.zip", members, compression=zipfile.ZIP_STORED)
    packet = open_packet(z, LimitSettings(max_zip_uncompressed_bytes=250_000))
    assert len(packet.files) == 2
    assert len(packet.problems) == 3


def test_too_many_members(tmp_path: Path) -> None:
    z = _zip(tmp_path / "m.zip", {f"{i}.pdf": b"%PDF" for i in range(12)})
    packet = open_packet(z, LimitSettings(max_zip_members=10))
    assert packet.files == []
    assert "more than the 10 allowed" in packet.problems[0].reason


def test_invalid_application_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "application.json").write_text('{"provider": {"shoe_size": 9}}')
    packet = open_packet(tmp_path / "p", LimitSettings())
    assert packet.application.provider is None
    assert packet.problems[0].file == "application.json"
    assert "provider.shoe_size" in packet.problems[0].reason


def test_deeply_nested_application_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "application.json").write_text('{"x": ' + "[" * 50_000 + "]" * 50_000 + "}")
    packet = open_packet(tmp_path / "p", LimitSettings())
    assert packet.application.provider is None
    assert "nested too deeply" in packet.problems[0].reason


def test_not_a_packet(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(UsageError, match="neither a packet directory nor a zip"):
        open_packet(tmp_path / "x.txt", LimitSettings())
    with pytest.raises(UsageError, match="does not exist"):
        open_packet(tmp_path / "missing", LimitSettings())


def test_a_loose_document_is_a_packet_of_one(tmp_path: Path) -> None:
    from credintake.sample_docs.docx_cv import cv_docx

    pdf = tmp_path / "license.pdf"
    pdf.write_bytes(b"%PDF-1.4 not much else")
    packet = open_packet(pdf, LimitSettings())
    assert (packet.packet_id, [f.name for f in packet.files]) == ("license", ["license.pdf"])
    docx = tmp_path / "cv.docx"
    docx.write_bytes(cv_docx({"fields": {"name": "Jane Doe"}, "entries": {}}))
    packet = open_packet(docx, LimitSettings())
    assert [f.name for f in packet.files] == ["cv.docx"] and packet.problems == []


def test_oversized_file_is_reported_not_read(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "huge.pdf").write_bytes(b"%PDF-1.4" + b"0" * 2000)
    packet = open_packet(tmp_path / "p", LimitSettings(max_file_bytes=1000))
    assert packet.files == []
    assert "larger than the 1000-byte limit" in packet.problems[0].reason
    assert packet.refused == {
        "huge.pdf": hashlib.sha256((tmp_path / "p" / "huge.pdf").read_bytes()).hexdigest()}
