"""Reading untrusted zips: member names, counts, sizes and ratios checked before any byte
is extracted, and actual sizes enforced while reading (headers can lie).

Refused (``UnsafeArchiveError`` / ``TooLargeError``): absolute or ``..`` paths, drive
letters, symlinks, encrypted members, more than ``limits.max_zip_members`` members, more than
``limits.max_zip_uncompressed_bytes`` in total, any member expanding more than
``limits.max_zip_ratio`` times. Platform junk (``__MACOSX/``, ``.DS_Store``, ``Thumbs.db``)
is skipped; directories are implied by their files.
"""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from credintake.api.errors import TooLargeError, UnsafeArchiveError
from credintake.packet import UnsafePathError, is_litter
from credintake.packet import safe_member_name as _safe_name
from credintake.settings import LimitSettings

def safe_member_name(name: str) -> str:
    """``credintake.packet.safe_member_name`` with the API's error type (a 4xx)."""
    try:
        return _safe_name(name)
    except UnsafePathError as exc:
        raise UnsafeArchiveError(f"{exc} in upload") from None


@dataclass(frozen=True)
class ZipMember:
    name: str
    info: zipfile.ZipInfo


class SafeZip:
    """A checked view of a zip; iterate ``members`` and ``open`` them."""

    def __init__(self, file: IO[bytes] | str, limits: LimitSettings, *, label: str = "zip"
                 ) -> None:
        self._fh = file if not isinstance(file, str) else None
        try:
            self.zf = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UnsafeArchiveError(f"{label} is not a readable zip archive") from exc
        self.limits = limits
        self.label = label
        try:
            self.members = list(self._check())
        except BaseException:
            self.zf.close()
            raise

    def _check(self) -> Iterator[ZipMember]:
        infos = self.zf.infolist()
        if len(infos) > self.limits.max_zip_members:
            raise TooLargeError(f"{self.label} has {len(infos)} members, more than the limit "
                                f"of {self.limits.max_zip_members}")
        total = 0
        seen: set[str] = set()
        for info in infos:
            name = safe_member_name(info.filename)
            if info.is_dir() or is_litter(name):
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise UnsafeArchiveError(f"{self.label} member {name!r} is a symbolic link")
            if info.flag_bits & 0x1:
                raise UnsafeArchiveError(f"{self.label} member {name!r} is encrypted")
            total += info.file_size
            if total > self.limits.max_zip_uncompressed_bytes:
                raise TooLargeError(f"{self.label} expands to more than "
                                    f"{self.limits.max_zip_uncompressed_bytes} bytes")
            if info.file_size > 1024 * 1024 and info.file_size > (
                    max(info.compress_size, 1) * self.limits.max_zip_ratio):
                raise UnsafeArchiveError(f"{self.label} member {name!r} expands more than "
                                         f"{self.limits.max_zip_ratio:g} times (zip bomb?)")
            if name in seen:
                raise UnsafeArchiveError(f"{self.label} holds {name!r} twice")
            seen.add(name)
            yield ZipMember(name, info)

    def open(self, member: ZipMember) -> IO[bytes]:
        """The member's bytes, cut off (``TooLargeError``) past its declared size."""
        return _Bounded(self.zf.open(member.info), member.info.file_size, member.name)

    def close(self) -> None:
        self.zf.close()
        if self._fh is not None:
            self._fh.close()


class _Bounded:
    def __init__(self, raw: IO[bytes], limit: int, name: str) -> None:
        self.raw, self.left, self.name = raw, limit, name

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n if n >= 0 else self.left + 1)
        self.left -= len(data)
        if self.left < 0:
            raise TooLargeError(f"zip member {self.name!r} is larger than its header says")
        return data

    def close(self) -> None:
        self.raw.close()
