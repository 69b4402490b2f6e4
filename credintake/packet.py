"""Opening a packet safely: a directory or a zip of one, into named file bytes.

Zip members are checked before anything is extracted: absolute or ``..`` paths, links,
too many members, and a declared or actual uncompressed size (or expansion ratio) over
the limits in ``LimitSettings`` are refused with a problem naming the member, and the
rest of the packet is still read. A refused file is still a file of the packet: it is
recorded in ``PacketInput.refused`` with a SHA-256 taken without extracting it (a zip
member's stored bytes as they sit in the archive, a loose file's bytes streamed), so the
result lists it as a document like any unreadable file (the contract drops no file). Operating-system litter (``__MACOSX/``, ``.DS_Store``,
``Thumbs.db``, ``desktop.ini``) is not a provider document and is skipped by design.
"""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from credintake.contract import Application
from credintake.errors import UsageError
from credintake.problems import Problem
from credintake.settings import LimitSettings

APPLICATION_NAME = "application.json"
_LITTER = {".ds_store", "thumbs.db", "desktop.ini"}


class UnsafePathError(ValueError):
    """A member path that would escape the packet (absolute, drive letter, ``..``)."""


def safe_member_name(name: str) -> str:
    """A normalised relative POSIX path, or ``UnsafePathError``: the one path check for
    every zip this project opens (packets here, uploads in the API)."""
    raw = name.replace("\\", "/")
    if "\x00" in raw or raw.startswith("/") or (len(raw) > 1 and raw[1] == ":"):
        raise UnsafePathError(f"unsafe path {name!r} (absolute)")
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        raise UnsafePathError(f"unsafe path {name!r} (parent directory)")
    return "/".join(parts)


def is_litter(name: str) -> bool:
    """Operating-system litter, not a provider document (skipped by design)."""
    parts = PurePosixPath(name).parts
    return bool(parts) and ("__MACOSX" in parts or parts[-1].lower() in _LITTER
                            or parts[-1].startswith("._"))


@dataclass
class InputFile:
    name: str  # posix path inside the packet
    data: bytes


@dataclass
class PacketInput:
    packet_id: str
    files: list[InputFile] = field(default_factory=list)
    application: Application = field(default_factory=Application)
    problems: list[Problem] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # file name -> sha256, not read


def open_packet(path: Path, limits: LimitSettings) -> PacketInput:
    """Read a packet directory or zip, or one loose document as a packet of one (as the
    inbox and ``batch`` treat it); raises UsageError only when ``path`` is no packet."""
    if path.is_dir():
        packet = PacketInput(packet_id=path.name)
        _add_files(sorted(path.rglob("*")), path, limits, packet)
    elif path.is_file() and _is_document(path):
        packet = PacketInput(packet_id=path.stem)
        _add_files([path], path.parent, limits, packet)
    elif path.is_file() and zipfile.is_zipfile(path):
        packet = PacketInput(packet_id=path.stem)
        _zip_files(path, limits, packet)
    elif path.exists():
        raise UsageError(f"{path} is neither a packet directory nor a zip file")
    else:
        raise UsageError(f"{path} does not exist")
    _take_application(packet)
    packet.files.sort(key=lambda f: f.name)
    return packet


def _is_document(path: Path) -> bool:
    """A file we read as a document (a DOCX is a zip too, but not a packet)."""
    from credintake.extractor.read import sniff

    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    return sniff(head) is not None or (head.startswith(b"PK\x03\x04") and _is_docx_file(path))


def _is_docx_file(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _add_files(paths: list[Path], root: Path, limits: LimitSettings, packet: PacketInput) -> None:
    for p in paths:
        rel = p.relative_to(root).as_posix()
        if p.is_symlink() or not p.is_file() or is_litter(rel):
            continue
        if p.stat().st_size > limits.max_file_bytes:
            packet.problems.append(Problem("unreadable", rel,
                f"the file is larger than the {limits.max_file_bytes}-byte limit; "
                "ask for a smaller scan or split it"))
            packet.refused[rel] = _file_sha256(p)
            continue
        packet.files.append(InputFile(rel, p.read_bytes()))


def _zip_files(path: Path, limits: LimitSettings, packet: PacketInput) -> None:
    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        packet.problems.append(Problem("unreadable", name, "the zip file is damaged"))
        packet.refused[name] = _file_sha256(path)
        return
    with zf:
        members = [m for m in zf.infolist() if not m.is_dir() and not is_litter(m.filename)]
        if len(members) > limits.max_zip_members:
            packet.problems.append(Problem("unreadable", name,
                f"the zip holds {len(members)} files, more than the {limits.max_zip_members} "
                "allowed; split the packet"))
            packet.refused[name] = _file_sha256(path)
            return
        prefix = _common_folder([m.filename for m in members])
        total = 0
        for m in members:
            rel = m.filename[len(prefix):]
            reason = _member_problem(m, limits)
            if reason is None and total + m.file_size > limits.max_zip_uncompressed_bytes:
                reason = "the zip expands beyond the packet size limit (possible zip bomb)"
            if reason:
                packet.problems.append(Problem("unreadable", rel or m.filename, reason))
                packet.refused[rel or m.filename] = _stored_sha256(path, m)
                continue
            data = _read_member(zf, m, limits)
            if data is None:
                packet.problems.append(Problem("unreadable", rel,
                    "the member expands far beyond its declared size (possible zip bomb)"))
                packet.refused[rel] = _stored_sha256(path, m)
                continue
            total += len(data)
            packet.files.append(InputFile(rel, data))


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _stored_sha256(archive: Path, m: zipfile.ZipInfo) -> str:
    """SHA-256 of a member's bytes as stored in the archive (compressed, maybe encrypted):
    it names the member without expanding it. The local header gives where they start."""
    h = hashlib.sha256()
    with archive.open("rb") as fh:
        fh.seek(m.header_offset)
        header = fh.read(30)
        if len(header) == 30 and header[:4] == b"PK\x03\x04":
            name_len, extra_len = struct.unpack("<HH", header[26:30])
            fh.seek(m.header_offset + 30 + name_len + extra_len)
            left = m.compress_size
            while left > 0:
                block = fh.read(min(left, 1 << 20))
                if not block:
                    break
                h.update(block)
                left -= len(block)
    return h.hexdigest()


def _common_folder(names: list[str]) -> str:
    """A packet zipped with its folder (``dr_doe/...``) reads like the folder itself."""
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1 and all("/" in n for n in names):
        return tops.pop() + "/"
    return ""


def _member_problem(m: zipfile.ZipInfo, limits: LimitSettings) -> str | None:
    try:
        safe_member_name(m.filename)
    except UnsafePathError:
        return "the zip member has an unsafe path (absolute or '..'); it was not extracted"
    if stat.S_ISLNK(m.external_attr >> 16):
        return "the zip member is a symbolic link; it was not extracted"
    if m.flag_bits & 0x1:
        return "the zip member is encrypted; ask for an unprotected copy"
    if m.file_size > limits.max_file_bytes:
        return f"the file is larger than the {limits.max_file_bytes}-byte limit"
    if m.compress_size and m.file_size / m.compress_size > limits.max_zip_ratio:
        return "the zip member's compression ratio is implausibly high (possible zip bomb)"
    return None


def _read_member(zf: zipfile.ZipFile, m: zipfile.ZipInfo, limits: LimitSettings) -> bytes | None:
    """Read at most the declared size (+1 byte to detect a lying header)."""
    cap = min(m.file_size, limits.max_file_bytes) + 1
    try:
        with zf.open(m) as fh:
            data = fh.read(cap)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, zipfile.LargeZipFile):
        return b""  # an empty file is reported unreadable by the reader
    return None if len(data) > m.file_size else data


def _take_application(packet: PacketInput) -> None:
    """Pull ``application.json`` out of the file list and parse it (a bad one is a problem)."""
    for f in list(packet.files):
        if PurePosixPath(f.name).name.lower() != APPLICATION_NAME or "/" in f.name:
            continue
        packet.files.remove(f)
        try:
            packet.application = Application.model_validate(json.loads(f.data or b"{}"))
        except (ValueError, ValidationError, RecursionError) as exc:  # too deeply nested
            packet.problems.append(Problem("unreadable", f.name,
                f"application.json is not a valid application ({_first_error(exc)}); "
                "it was ignored and the profile was filled from the documents"))
        return


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(root)"
        return f"{where}: {err['msg']}"
    return "nested too deeply" if isinstance(exc, RecursionError) else "not JSON"
