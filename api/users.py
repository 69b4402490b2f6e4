"""API users and their bearer tokens; every user belongs to one organisation.

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

from credintake.api import orgs
from credintake.api.store.models import ROLES, Organization, User, utcnow
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
    organization: str
    token_prefix: str
    created_at: datetime
    revoked_at: datetime | None


def _info(u: User, organization: str) -> UserInfo:
    return UserInfo(u.id, u.name, u.role, organization, u.token_prefix, u.created_at,
                    u.revoked_at)


def add_user(session: Session, *, name: str, role: str, organization: str = orgs.DEFAULT
             ) -> tuple[UserInfo, str]:
    """Create a user in ``organization`` (created when missing); returns it and the token
    (shown once, never stored)."""
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if not name or len(name) > 120:
        raise UsageError("a user name is 1 to 120 characters")
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise ConflictError(f"user {name!r} already exists; revoke it or pick another name")
    org = orgs.ensure(session, organization)
    token = new_token()
    user = User(name=name, role=role, organization_id=org.id, token_hash=hash_token(token),
                token_prefix=token[:10])
    session.add(user)
    session.flush()
    return _info(user, org.name), token


def list_users(session: Session, organization_id: int | None = None) -> list[UserInfo]:
    """Every user (the command line), or one organisation's (an admin over HTTP)."""
    q = select(User, Organization.name).join(Organization,
                                             Organization.id == User.organization_id)
    if organization_id is not None:
        q = q.where(User.organization_id == organization_id)
    return [_info(u, org) for u, org in session.execute(q.order_by(User.id))]


def revoke_user(session: Session, name: str, organization_id: int | None = None) -> UserInfo:
    """Revoke by name; with ``organization_id``, a user of another organisation is
    "no user" (an admin manages only their own organisation)."""
    user = session.scalar(select(User).where(User.name == name))
    if user is None or organization_id not in (None, user.organization_id):
        raise NotFoundError(f"no user named {name!r}")
    if user.revoked_at is None:
        user.revoked_at = utcnow()
    return _info(user, session.get(Organization, user.organization_id).name)  # type: ignore[union-attr]


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
