"""Intake: turn uploads, zips and inbox drops into stored packets with a queued job.

Every entry point (HTTP upload, batch zip, inbox watcher) goes through ``Intake``:
validate names, types, counts and sizes; stage bytes into the blob store's scratch area
(hashed while copied); only when the whole request is acceptable move blobs into place and
commit packet, file and job rows in one transaction. A refused request leaves nothing
behind. A packet whose members (names + sha256) were seen before in the same organisation is
not stored again: the existing packet is returned with ``duplicate=True``, so a file is
processed once however often it arrives; a user who may not see that packet (a specialist
re-sending a colleague's files) gets a 409 that names no packet, and a coordinator can
assign it to them. Another organisation sending the same files gets a packet of its own (it
must not learn that someone else holds them).
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import IO

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from credintake.api import access, orgs
from credintake.api.errors import (HeldByAnotherUserError, InvalidPacketError, TooLargeError,
                                   UnsupportedTypeError)
from credintake.api.safezip import SafeZip, safe_member_name
from credintake.api.store.blobs import Staged
from credintake.api.store.blobs import TooLargeError as BlobTooLarge
from credintake.api.store.db import Database
from credintake.api.store.models import Batch, BlobFile, Job, Packet, PacketFile, User
from credintake.packet import is_litter
from credintake.contract import Application
from credintake.settings import Settings

log = logging.getLogger(__name__)

APPLICATION = "application.json"
ALLOWED_CONTENT_TYPES = {
    "", "application/octet-stream", "application/pdf", "image/png", "image/jpeg", "image/jpg",
    "image/pjpeg", "image/tiff", "image/tif", "application/json", "text/json",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/zip", "application/x-zip-compressed", "multipart/x-zip",
}
ZIP_TYPES = {"application/zip", "application/x-zip-compressed", "multipart/x-zip"}

Opener = Callable[[], IO[bytes]]


@dataclass
class MemberInput:
    name: str
    open: Opener
    content_type: str | None = None


@dataclass
class PacketInput:
    """One packet to store: a name and its members, not yet read."""

    name: str
    members: list[MemberInput] = field(default_factory=list)
    resources: list[SafeZip] = field(default_factory=list)   # closed once staged

    def close(self) -> None:
        for r in self.resources:
            r.close()


@dataclass
class StagedPacket:
    name: str
    members: list[tuple[str, Staged]]

    @property
    def digest(self) -> str:
        h = hashlib.sha256()
        for name, staged in sorted(self.members, key=lambda m: m[0]):
            h.update(f"{name}\x00{staged.sha256}\n".encode())
        return h.hexdigest()


@dataclass(frozen=True)
class Accepted:
    packet_id: str
    job_id: str
    name: str
    duplicate: bool
    status: str


def new_id() -> str:
    return uuid.uuid4().hex


def packet_name(name: str) -> str:
    """A display name: the last path component, without a ``.zip`` suffix."""
    base = PurePosixPath(name.replace("\\", "/")).name or "packet"
    return base[:-4] if base.lower().endswith(".zip") else base


class Intake:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.blobs = db.blob_store
        self.allowed = {e.lower() for e in settings.api.allowed_extensions}

    # --- reading inputs --------------------------------------------------------------

    def packet_from_path(self, path: Path) -> PacketInput:
        """A packet directory, a packet ``.zip``, or a loose file (a packet of one)."""
        path = Path(path)
        if path.is_dir():
            members = []
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = f.relative_to(path).as_posix()
                if is_litter(rel) or any(part.startswith(".") for part in PurePosixPath(rel).parts):
                    continue
                members.append(MemberInput(rel, _file_opener(f)))
            return PacketInput(path.name, members)
        if path.suffix.lower() == ".zip":
            return self.packet_from_zip(_file_opener(path), path.name)
        return PacketInput(path.name, [MemberInput(path.name, _file_opener(path))])

    def packet_from_zip(self, opener: Opener, label: str) -> PacketInput:
        """A zip holding one packet; a single top-level folder is looked through."""
        fh = opener()
        try:
            sz = SafeZip(fh, self.settings.limits, label=label)
        except BaseException:
            fh.close()
            raise
        names = [m.name for m in sz.members]
        prefix = _common_folder(names)
        members = [MemberInput(m.name[len(prefix):], _zip_opener(sz, m)) for m in sz.members]
        return PacketInput(packet_name(label), members, [sz])

    def packets_from_batch_zip(self, opener: Opener, label: str) -> list[PacketInput]:
        """A zip whose children are packets: folders, zips, or loose files (packets of one)."""
        fh = opener()
        try:
            sz = SafeZip(fh, self.settings.limits, label=label)
        except BaseException:
            fh.close()
            raise
        names = [m.name for m in sz.members]
        prefix = _common_folder(names)
        if prefix and not any("/" in n[len(prefix):] or n.lower().endswith(".zip")
                              for n in names):
            prefix = ""          # only files in one folder: that folder is the one packet
        groups: dict[str, PacketInput] = {}
        try:
            for m in sz.members:
                rel = m.name[len(prefix):]
                head, _, rest = rel.partition("/")
                if rest:
                    groups.setdefault(head, PacketInput(head, [], [sz])).members.append(
                        MemberInput(rest, _zip_opener(sz, m)))
                elif rel.lower().endswith(".zip"):
                    data = _read_bounded(sz.open(m), self.settings.limits.max_file_bytes, rel)
                    inner = self.packet_from_zip(_bytes_opener(data), rel)
                    inner.resources.append(sz)
                    groups[rel] = inner
                else:
                    groups[rel] = PacketInput(rel, [MemberInput(rel, _zip_opener(sz, m))], [sz])
        except BaseException:
            sz.close()
            for g in groups.values():
                g.close()
            raise
        if not groups:
            sz.close()
            raise InvalidPacketError(f"{label} holds no packets")
        if len(groups) > self.settings.api.max_packets_per_batch:
            for g in groups.values():
                g.close()
            raise TooLargeError(f"{label} holds {len(groups)} packets, more than the limit "
                                f"of {self.settings.api.max_packets_per_batch}")
        return list(groups.values())

    # --- staging ---------------------------------------------------------------------

    def stage(self, packets: list[PacketInput]) -> list[StagedPacket]:
        """Validate and hash every member; on any refusal discard what was staged."""
        staged: list[StagedPacket] = []
        budget = self.settings.api.max_upload_bytes
        try:
            for packet in packets:
                staged.append(self._stage_one(packet, staged, budget))
                budget -= sum(s.size for _, s in staged[-1].members)
        except BaseException:
            for sp in staged:
                for _, s in sp.members:
                    self.blobs.discard(s)
            raise
        finally:
            for packet in packets:
                packet.close()
        return staged

    def _stage_one(self, packet: PacketInput, _done: list[StagedPacket], budget: int
                   ) -> StagedPacket:
        limits = self.settings.limits
        if not packet.members:
            raise InvalidPacketError(f"packet {packet.name!r} has no files")
        if len(packet.members) > self.settings.api.max_files_per_packet:
            raise TooLargeError(f"packet {packet.name!r} has {len(packet.members)} files, more "
                                f"than the limit of {self.settings.api.max_files_per_packet}")
        names: set[str] = set()
        for m in packet.members:
            m.name = safe_member_name(m.name)
            self._check_type(m)
            if m.name in names:
                raise InvalidPacketError(f"packet {packet.name!r} holds {m.name!r} twice")
            names.add(m.name)
        out: list[tuple[str, Staged]] = []
        try:
            for m in packet.members:
                cap = min(limits.max_file_bytes, budget)
                stream = m.open()
                try:
                    s = self.blobs.stage(stream, max_bytes=cap)
                except BlobTooLarge as exc:
                    which = ("the upload limit" if cap == budget else
                             f"the per-file limit of {limits.max_file_bytes} bytes")
                    raise TooLargeError(f"{m.name!r} in packet {packet.name!r} exceeds "
                                        f"{which}") from exc
                finally:
                    _close(stream)
                budget -= s.size
                out.append((m.name, s))
                if m.name == APPLICATION:
                    _validate_application(s.path)
        except BaseException:
            for _, s in out:
                self.blobs.discard(s)
            raise
        return StagedPacket(packet_name(packet.name), out)

    def _check_type(self, m: MemberInput) -> None:
        suffix = PurePosixPath(m.name).suffix.lower()
        if suffix not in self.allowed:
            raise UnsupportedTypeError(
                f"{m.name!r}: files of type {suffix or '(no extension)'!r} are not accepted; "
                f"allowed: {', '.join(sorted(self.allowed))}")
        if suffix == ".json" and m.name != APPLICATION:
            raise UnsupportedTypeError(f"{m.name!r}: the only JSON file a packet may hold is "
                                       f"{APPLICATION} at its top level")
        ctype = (m.content_type or "").split(";")[0].strip().lower()
        if ctype not in ALLOWED_CONTENT_TYPES or ctype in ZIP_TYPES:
            raise UnsupportedTypeError(f"{m.name!r}: content type {ctype!r} is not accepted")

    # --- storing ---------------------------------------------------------------------

    def accept(self, packets: list[StagedPacket], *, source: str, as_of: date | None = None,
               user_id: int | None = None, batch_name: str | None = None,
               organization_id: int | None = None) -> tuple[str | None, list[Accepted]]:
        """Move blobs into place and commit all rows at once; returns (batch id, packets).
        The packets belong to ``organization_id``; without it, to the uploader's
        organisation, or the default one for system intake."""
        new_blobs: list[str] = []
        for sp in packets:
            for _, s in sp.members:
                if self.blobs.commit(s):
                    new_blobs.append(s.sha256)
        try:
            for attempt in range(3):
                try:
                    return self._insert(packets, source=source, as_of=as_of or date.today(),
                                        user_id=user_id, batch_name=batch_name,
                                        organization_id=organization_id)
                except IntegrityError:
                    if attempt == 2:
                        raise
                    log.info("intake raced with a concurrent upload; retrying")
        except BaseException:
            self._forget_unreferenced(new_blobs)
            raise
        raise AssertionError("unreachable")

    def _insert(self, packets: list[StagedPacket], *, source: str, as_of: date,
                user_id: int | None, batch_name: str | None, organization_id: int | None
                ) -> tuple[str | None, list[Accepted]]:
        accepted: list[Accepted] = []
        with self.db.session() as session:
            org = organization_id or _owner(session, user_id)
            batch_id = None
            if batch_name is not None:
                batch_id = new_id()
                session.add(Batch(id=batch_id, name=batch_name[:255], created_by=user_id,
                                  organization_id=org))
            known = {b for (b,) in session.execute(select(BlobFile.sha256).where(
                BlobFile.sha256.in_({s.sha256 for sp in packets for _, s in sp.members})))}
            in_request: dict[str, Accepted] = {}
            for sp in packets:
                digest = sp.digest
                existing = session.scalar(select(Packet).where(Packet.organization_id == org,
                                                               Packet.digest == digest))
                if existing is not None or digest in in_request:
                    prev = in_request.get(digest)
                    if prev is None and existing is not None:
                        prev = Accepted(existing.id, existing.job.id if existing.job else "",
                                        existing.name, True, existing.status)
                    assert prev is not None
                    if existing is not None and not _uploader_sees(session, user_id, existing):
                        raise HeldByAnotherUserError(
                            "these files were already received in your organisation and are "
                            "handled by another user; ask a coordinator to assign that packet "
                            "to you")
                    accepted.append(Accepted(prev.packet_id, prev.job_id, prev.name, True,
                                             prev.status))
                    continue
                for _, s in sp.members:
                    if s.sha256 not in known:
                        session.add(BlobFile(sha256=s.sha256, size=s.size))
                        known.add(s.sha256)
                session.flush()
                pid, jid = new_id(), new_id()
                session.add(Packet(id=pid, name=sp.name[:255], organization_id=org,
                                   digest=digest, source=source, status="queued", as_of=as_of,
                                   batch_id=batch_id, created_by=user_id))
                session.flush()
                for name, s in sp.members:
                    session.add(PacketFile(packet_id=pid, name=name, sha256=s.sha256,
                                           size=s.size))
                session.add(Job(id=jid, packet_id=pid, status="queued",
                                max_attempts=self.settings.jobs.max_attempts))
                acc = Accepted(pid, jid, sp.name, False, "queued")
                in_request[digest] = acc
                accepted.append(acc)
        log.info("intake stored %d packet(s) (%d duplicate) from %s",
                 sum(not a.duplicate for a in accepted), sum(a.duplicate for a in accepted),
                 source)
        return batch_id, accepted

    def _forget_unreferenced(self, shas: list[str]) -> None:
        if not shas:
            return
        try:
            with self.db.session() as session:
                kept = set(session.scalars(select(BlobFile.sha256).where(
                    BlobFile.sha256.in_(shas))))
        except Exception:  # noqa: BLE001 - the database is what failed; keep the blobs
            return
        for sha in set(shas) - kept:
            self.blobs.remove_new(sha)

    def submit(self, packets: list[PacketInput], *, source: str, as_of: date | None = None,
               user_id: int | None = None, batch_name: str | None = None,
               organization_id: int | None = None) -> tuple[str | None, list[Accepted]]:
        """Stage, store and dispatch: the whole intake in one call."""
        from credintake.api.jobs.dispatch import dispatch

        staged = self.stage(packets)
        batch_id, accepted = self.accept(staged, source=source, as_of=as_of, user_id=user_id,
                                         batch_name=batch_name,
                                         organization_id=organization_id)
        dispatch(self.db, self.settings, [a.job_id for a in accepted if not a.duplicate])
        return batch_id, accepted


def _owner(session: Session, user_id: int | None) -> int:
    """The uploader's organisation; the default one when no user sent it (system intake)."""
    if user_id is not None:
        org = session.scalar(select(User.organization_id).where(User.id == user_id))
        if org is not None:
            return org
    return orgs.ensure(session, orgs.DEFAULT).id


def _validate_application(path: Path) -> None:
    try:
        data = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidPacketError(f"{APPLICATION} is not valid JSON") from exc
    except RecursionError:
        raise InvalidPacketError(f"{APPLICATION} is nested too deeply to be an application"
                                 ) from None
    try:
        Application.model_validate(data)
    except ValidationError as exc:
        # Locations and messages only: the input values may be personal data.
        details = [{"loc": ".".join(str(p) for p in e["loc"]), "msg": e["msg"]}
                   for e in exc.errors(include_input=False, include_url=False)][:20]
        err = InvalidPacketError(f"{APPLICATION} does not match the application schema")
        err.details = details  # type: ignore[attr-defined]
        raise err from None


def _common_folder(names: list[str]) -> str:
    """``"x/"`` when every name sits under one top-level folder ``x``, else ``""``."""
    heads = {n.split("/", 1)[0] for n in names}
    if len(heads) == 1 and all("/" in n for n in names):
        return heads.pop() + "/"
    return ""


def _file_opener(path: Path) -> Opener:
    return lambda: open(path, "rb")


def _bytes_opener(data: bytes) -> Opener:
    import io

    return lambda: io.BytesIO(data)


def _zip_opener(sz: SafeZip, member: object) -> Opener:
    return lambda: sz.open(member)  # type: ignore[arg-type]


def _read_bounded(stream: IO[bytes], limit: int, name: str) -> bytes:
    try:
        data = stream.read(limit + 1)
    finally:
        _close(stream)
    if len(data) > limit:
        raise TooLargeError(f"{name!r} exceeds the per-file limit of {limit} bytes")
    return data


def _close(stream: object) -> None:
    close = getattr(stream, "close", None)
    if close:
        close()


def _uploader_sees(session: Session, user_id: int | None, packet: Packet) -> bool:
    """Inbox drops (no user) see everything of their organisation; a user what access allows."""
    if user_id is None:
        return True
    user = session.get(User, user_id)
    return user is not None and access.can_view(user, packet)
