"""One provider across packets and years: a processed packet is linked to the provider
record with the same NPI, else the same normalised first and last name and date of birth
(within the organisation); otherwise a new record. The provider page gathers the files,
their decisions, the expirables of the latest approved file and the recredentialing date."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from credintake.api import audit
from credintake.api.desk.calendar import next_due
from credintake.api.store.models import Decision, Organization, Packet, Provider, User
from credintake.errors import NotFoundError
from credintake.rules.text import normalise_text
from credintake.settings import DeskSettings

log = logging.getLogger(__name__)

#: the profile's sections that expire, and the fields shown for each
EXPIRABLES: dict[str, tuple[str, ...]] = {
    "licenses": ("license_number", "issuing_state", "expiration_date"),
    "dea": ("dea_number", "state", "expiration_date"),
    "board_certifications": ("board", "specialty", "expiration_date"),
    "malpractice_insurance": ("carrier", "policy_number", "expiration_date"),
    "life_support": ("course", "expiration_date"),
}


def identity(profile: dict[str, Any]) -> tuple[str | None, str | None, date | None, str]:
    """(NPI, normalised "first last", date of birth, display name) of a result's profile."""
    p = profile.get("provider") or {}
    npi = "".join(ch for ch in str(p.get("npi") or "") if ch.isdigit()) or None
    first, last = normalise_text(p.get("first_name")), normalise_text(p.get("last_name"))
    name_key = f"{first} {last}".strip() if first and last else None
    try:
        dob = date.fromisoformat(p["date_of_birth"]) if p.get("date_of_birth") else None
    except ValueError:
        dob = None
    display = " ".join(str(p[k]) for k in ("first_name", "last_name") if p.get(k))
    return npi, name_key, dob, display


def link_provider(session: Session, packet_id: str) -> Provider | None:
    """Link the packet to its provider record (found or created); ``None`` when its profile
    has neither an NPI nor a name with a date of birth to know the provider by. A file of a
    provider with an approved file already is a recredentialing file."""
    packet = session.get(Packet, packet_id)
    if packet is None or not packet.result:
        return None
    npi, name_key, dob, display = identity(packet.result.get("profile") or {})
    if not npi and not (name_key and dob):
        return None
    org = packet.organization_id
    found = session.scalar(select(Provider).where(
        Provider.organization_id == org, Provider.npi == npi).limit(1)) if npi else None
    if found is None and name_key and dob:
        found = session.scalar(select(Provider).where(
            Provider.organization_id == org, Provider.name_key == name_key,
            Provider.date_of_birth == dob).limit(1))
    if found is None:
        found = Provider(organization_id=org, npi=npi, name_key=name_key, date_of_birth=dob,
                         display_name=(display or packet.name)[:255])
        session.add(found)
        session.flush()
    else:
        found.npi = found.npi or npi
        found.date_of_birth = found.date_of_birth or dob
        found.name_key = found.name_key or name_key
    packet.provider_id = found.id
    earlier = list(session.scalars(select(Packet.id).where(
        Packet.provider_id == found.id, Packet.id != packet.id)))
    if approvals(session, earlier):
        packet.kind = "recredentialing"
    log.info("packet %s linked to provider %d", packet_id, found.id)
    return found


def provider_for(session: Session, user: User, provider_id: int) -> Provider:
    """The provider if it is of the user's organisation, else 404."""
    prov = session.get(Provider, provider_id)
    if prov is None or prov.organization_id != user.organization_id:
        raise NotFoundError(f"no provider {provider_id}")
    return prov


def expirables(result: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The credentials that expire, from a result's profile, soonest first."""
    profile = (result or {}).get("profile") or {}
    items = []
    for section, keys in EXPIRABLES.items():
        for entry in profile.get(section) or []:
            if isinstance(entry, dict) and entry.get("expiration_date"):
                items.append({"kind": section, **{k: entry.get(k) for k in keys}})
    return sorted(items, key=lambda e: str(e["expiration_date"]))


def approvals(session: Session, packet_ids: list[str]) -> dict[str, date]:
    """The date each of these packets was approved (its last move to ``approved``)."""
    if not packet_ids:
        return {}
    # ``new_value`` is a JSON column (a stage is stored as a JSON string), so the value is
    # compared here rather than in SQL, where each backend spells JSON text differently
    return {pid: at.date() for pid, at, to in session.execute(
        select(Decision.packet_id, Decision.created_at, Decision.new_value).where(
            Decision.packet_id.in_(packet_ids), Decision.kind == "stage")
        .order_by(Decision.created_at)) if to == "approved"}


def current_file(session: Session, provider_id: int) -> tuple[Packet, date] | None:
    """The provider's latest approved file and its approval date (its result is the
    provider's record: expirables, the recredentialing clock)."""
    packets = list(session.scalars(select(Packet).where(Packet.provider_id == provider_id,
                                                        Packet.stage == "approved")))
    approved = approvals(session, [p.id for p in packets])
    best = max((p for p in packets if p.id in approved), key=lambda p: approved[p.id],
               default=None)
    return (best, approved[best.id]) if best else None


def provider_view(session: Session, user: User, provider_id: int, desk: DeskSettings
                  ) -> dict[str, Any]:
    """The provider's files, decisions, expirables (from the latest approved file) and the
    next recredentialing date."""
    prov = provider_for(session, user, provider_id)
    packets = list(session.scalars(select(Packet).options(defer(Packet.result)).where(
        Packet.provider_id == prov.id).order_by(Packet.created_at)))
    approved = approvals(session, [p.id for p in packets])
    decisions = [{"packet_id": d.packet_id, "from": d.old_value, "to": d.new_value,
                  "note": d.note, "user": name, "at": d.created_at}
                 for d, name in session.execute(
                     select(Decision, User.name).join(User, User.id == Decision.user_id)
                     .where(Decision.packet_id.in_([p.id for p in packets]),
                            Decision.kind == "stage").order_by(Decision.created_at))]
    current = current_file(session, prov.id)
    org = session.get(Organization, prov.organization_id)
    due = next_due(current[1], current[0].result, desk, org.name if org else "") \
        if current else None
    audit.record(session, user, "provider.read", None, provider_id=prov.id,
                 packet_ids=[p.id for p in packets])
    return {"id": prov.id, "name": prov.display_name, "npi": prov.npi,
            "files": [{"id": p.id, "name": p.name, "kind": p.kind, "stage": p.stage,
                       "received": p.created_at, "approved_on": approved.get(p.id)}
                      for p in packets],
            "decisions": decisions,
            "expirables_from": current[0].id if current else None,
            "expirables": expirables(current[0].result) if current else [],
            "last_approved": current[1] if current else None,
            "recredentialing_due": due}


def list_providers(session: Session, user: User) -> list[dict[str, Any]]:
    rows = list(session.scalars(select(Provider).where(
        Provider.organization_id == user.organization_id).order_by(Provider.display_name)
        .limit(1000)))
    counts = dict(session.execute(select(Packet.provider_id, func.count()).where(
        Packet.provider_id.in_([r.id for r in rows])).group_by(Packet.provider_id)).all())
    audit.record(session, user, "provider.list", None, count=len(rows))
    return [{"id": r.id, "name": r.display_name, "npi": r.npi, "files": counts.get(r.id, 0)}
            for r in rows]
