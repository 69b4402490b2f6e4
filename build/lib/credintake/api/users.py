"""API users and their bearer tokens.

A token is 32 random bytes (URL-safe, prefixed ``ci_``); only its SHA-256 is stored (a
random token needs no slow hash), with the first characters kept to recognise it in
listings. Roles are ordered: specialist < coordinator < admin.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from credintake.api.store.models import ROLES, User, utcnow
from credintake.errors import ConflictError, NotFoundError, UsageError

ROLE_RANK = {role: i for i, role in enumerate(ROLES)}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return "ci_" + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    role: str
    token_prefix: str
    created_at: datetime
    revoked_at: datetime | None


def _info(u: User) -> UserInfo:
    return UserInfo(u.id, u.name, u.role, u.token_prefix, u.created_at, u.revoked_at)


def add_user(session: Session, *, name: str, role: str) -> tuple[UserInfo, str]:
    """Create a user; returns it and the token (shown once, never stored)."""
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if not name or len(name) > 120:
        raise UsageError("a user name is 1 to 120 characters")
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise ConflictError(f"user {name!r} already exists; revoke it or pick another name")
    token = new_token()
    user = User(name=name, role=role, token_hash=hash_token(token), token_prefix=token[:10])
    session.add(user)
    session.flush()
    return _info(user), token


def list_users(session: Session) -> list[UserInfo]:
    return [_info(u) for u in session.scalars(select(User).order_by(User.id))]


def revoke_user(session: Session, name: str) -> UserInfo:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFoundError(f"no user named {name!r}")
    if user.revoked_at is None:
        user.revoked_at = utcnow()
    return _info(user)


def authenticate(session: Session, token: str) -> User | None:
    """The active user holding ``token``, or None."""
    digest = hash_token(token)
    user = session.scalar(select(User).where(User.token_hash == digest))
    if user is None or user.revoked_at is not None:
        return None
    if not hmac.compare_digest(user.token_hash, digest):  # pragma: no cover - belt and braces
        return None
    return user


def has_role(user_role: str, needed: str) -> bool:
    return ROLE_RANK.get(user_role, -1) >= ROLE_RANK[needed]
