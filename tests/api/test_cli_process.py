"""The command line end to end, as a user runs it: a subprocess of the installed command."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

CLI = [sys.executable, "-m", "credintake.api"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_process_committed_packet_is_schema_valid_and_classified(
        committed_packets: list[Path], schema_validator, labels_for, tmp_path: Path) -> None:
    packet = committed_packets[0]
    out = tmp_path / "r.json"
    proc = run("process", str(packet), "--as-of", "2026-11-22", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text())
    schema_validator("result.schema.json", result)
    labels = labels_for(packet)
    assert result["packet_id"] == packet.name and result["as_of"] == "2026-11-22"
    want = sorted((d["file"], d["doc_type"]) for d in labels["documents"])
    got = sorted((d["file"], d["doc_type"]) for d in result["documents"])
    assert got == want


def test_process_prints_json_to_stdout(committed_packets: list[Path]) -> None:
    proc = run("process", str(committed_packets[1]), "--as-of", "2026-11-22")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"]


@pytest.mark.parametrize("args, message", [
    (("process", "/no/such/packet"), "does not exist"),
    (("process", ".", "--as-of", "22/11/2026"), "is not a date"),
    (("batch", ".", "--workers", "0", "-o", "x"), "0 is not in the range"),
    (("frobnicate",), "No such command"),
])
def test_bad_arguments_exit_2_with_one_line_and_no_traceback(args: tuple[str, ...],
                                                             message: str) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def _pdf_bytes(text: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, **kw)
    c.drawString(72, 700, text)
    c.save()
    return buf.getvalue()


def test_hostile_files_become_unreadable_findings_and_the_rest_is_processed(
        committed_packets: list[Path], schema_validator, tmp_path: Path) -> None:
    good = next(p for p in committed_packets[0].iterdir() if p.suffix == ".pdf")
    packet = tmp_path / "hostile"
    packet.mkdir()
    (packet / good.name).write_bytes(good.read_bytes())
    (packet / "locked.pdf").write_bytes(_pdf_bytes("secret", encrypt="pw"))
    (packet / "empty.pdf").write_bytes(b"")
    (packet / "notes.pdf").write_text("this is plain text with a pdf name")
    (packet / "cut.pdf").write_bytes(_pdf_bytes("a license")[:300])
    proc = run("process", str(packet), "--as-of", "2026-11-22")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    schema_validator("result.schema.json", result)
    unreadable = {f["evidence"].get("file") for f in result["findings"]
                  if f["rule"] == "document.unreadable"}
    assert unreadable == {"locked.pdf", "empty.pdf", "notes.pdf", "cut.pdf"}
    files = {d["file"] for d in result["documents"]}
    assert files == {good.name, "locked.pdf", "empty.pdf", "notes.pdf", "cut.pdf"}
    assert next(d for d in result["documents"] if d["file"] == good.name)["doc_type"] != "other"


def test_zip_packet_with_traversal_member(committed_packets: list[Path], tmp_path: Path,
                                          schema_validator) -> None:
    """The refused member is not extracted, yet it is a document of the packet (typed
    ``other``, named by the SHA-256 of its stored bytes) with its finding pointing at it."""
    src = committed_packets[0]
    z = tmp_path / "zipped.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in sorted(src.iterdir()):
            zf.write(f, f.name)
        zf.writestr("../../escape.pdf", _pdf_bytes("x"))
    proc = run("process", str(z), "--as-of", "2026-11-22")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    schema_validator("result.schema.json", result)
    unsafe = [f for f in result["findings"]
              if f["rule"] == "document.unreadable" and "unsafe path" in f["message"]]
    assert len(unsafe) == 1
    listed = [d for d in result["documents"] if d["file"] == "../../escape.pdf"]
    assert len(listed) == 1 and listed[0]["doc_type"] == "other" and listed[0]["fields"] == {}
    assert unsafe[0]["evidence"]["document_index"] == result["documents"].index(listed[0])
    with zipfile.ZipFile(z) as zf:               # stored, not extracted: zip's own CRC agrees
        info = zf.getinfo("../../escape.pdf")
    assert len(listed[0]["sha256"]) == 64 and info.compress_size > 0
    assert not (tmp_path.parent / "escape.pdf").exists()
    assert result["packet_id"] == "zipped"


def test_batch_writes_one_result_per_packet(committed_packets: list[Path], tmp_path: Path,
                                            schema_validator) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for p in committed_packets[:3]:
        (batch / p.name).symlink_to(p, target_is_directory=True)
    out = tmp_path / "out"
    proc = run("batch", str(batch), "-o", str(out), "--workers", "2", "--as-of", "2026-11-22")
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in out.glob("*.json"))
    assert written == sorted(f"{p.name}.json" for p in committed_packets[:3])
    for path in out.glob("*.json"):
        schema_validator("result.schema.json", json.loads(path.read_text()))
