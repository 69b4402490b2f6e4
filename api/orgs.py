"""Organisations: the tenants whose users see only their own packets (api/access.py).

Migration 0002 creates the organisation named ``default`` on every database; users added
without ``--org`` and inbox drops without ``watch --org`` belong to it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from credintake.api.store.models import Organization
from credintake.errors import UsageError

DEFAULT = "default"


def find(session: Session, name: str) -> Organization | None:
    return session.scalar(select(Organization).where(Organization.name == name))


def ensure(session: Session, name: str) -> Organization:
    """The organisation called ``name``, created when missing (``users add --org``)."""
    name = name.strip()
    if not name or len(name) > 120:
        raise UsageError("an organisation name is 1 to 120 characters")
    org = find(session, name)
    if org is None:
        org = Organization(name=name)
        session.add(org)
        session.flush()
    return org


def existing(session: Session, name: str) -> Organization:
    """The organisation called ``name``; a typo must not quietly create one nobody sees
    (``watch --org``), so a missing one is an error naming how to create it."""
    org = find(session, name)
    if org is None:
        raise UsageError(f"no organisation named {name!r}; it is created by "
                         f"`credintake users add NAME --role ROLE --org {name}`")
    return org
