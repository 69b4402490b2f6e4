"""One provider across packets and years: a processed packet is linked to the provider of
its profile (same NPI, else the same normalised name and date of birth, within the
organisation), so the desk can show a provider's files, decisions and expirables and know
that a packet three years later is a recredentialing file."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from credintake.api import access, audit
from credintake.api.store.models import Decision, Packet, Provider, User
from credintake.errors import NotFoundError

#: the expirables the provider page lists: (profile section, what it is, the item's label key)
EXPIRABLES = (("licenses", "licence", "license_number"), ("dea", "DEA", "dea_number"),
              ("board_certifications", "board certificate", "board"),
              ("malpractice_insurance", "malpractice", "carrier"),
              ("life_support", "life-support card", "course"))


def name_key(first: str | None, last: str | None) -> str | None:
    """``last|first``, accents and case and punctuation gone ("O'Brien" = "OBRIEN")."""
    def norm(s: str | None) -> str:
        s = unicodedata.normalize("NFKD", s or "")
        return "".join(ch for ch in s.casefold() if ch.isalpha())
    f, la = norm(first), norm(last)
    return f"{la}|{f}" if f and la else None


def _dob(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def link_provider(session: Session, packet: Packet) -> Provider | None:
    """Find or create the provider of the packet's profile and link the packet to it; a
    new packet of a provider with an approved file becomes a recredentialing file."""
    prov = ((packet.result or {}).get("profile") or {}).get("provider") or {}
    npi = str(prov.get("npi") or "").strip() or None
    key = name_key(prov.get("first_name"), prov.get("last_name"))
    dob = _dob(prov.get("date_of_birth"))
    if not npi and not (key and dob):
        return None
    org = packet.organization_id
    found = session.scalar(select(Provider).where(
        Provider.organization_id == org, Provider.npi == npi)) if npi else None
    if found is None and key and dob:
        found = session.scalar(select(Provider).where(
            Provider.organization_id == org, Provider.name_key == key,
            Provider.date_of_birth == dob, (Provider.npi.is_(None)) | (Provider.npi == npi)
            if npi else Provider.name_key == key))
    display = " ".join(p for p in (prov.get("first_name"), prov.get("last_name")) if p) \
        or packet.name
    if found is None:
        found = Provider(organization_id=org, npi=npi, name_key=key, date_of_birth=dob,
                         display_name=display[:255])
        session.add(found)
        session.flush()
    else:
        found.npi = found.npi or npi
        found.date_of_birth = found.date_of_birth or dob
        found.name_key = found.name_key or key
    if packet.provider_id != found.id:
        packet.provider_id = found.id
    earlier = list(session.scalars(select(Packet.id).where(
        Packet.provider_id == found.id, Packet.id != packet.id)))
    if approvals(session, earlier):
        packet.kind = "recredentialing"
        approved_before = session.scalar(select(Packet.id).where(
            Packet.provider_id == found.id, Packet.stage == "approved",
            Packet.id != packet.id).limit(1))
        if approved_before and packet.stage not in ("approved", "denied"):
            packet.kind = "recredentialing"
    return found


def expirables(profile: dict[str, Any]) -> list[dict[str, Any]]:
    """The profile's dated credentials, soonest expiry first (undated ones last)."""
    out = []
    for section, what, label in EXPIRABLES:
        for item in profile.get(section) or []:
            out.append({"kind": what, "section": section, "label": str(item.get(label) or ""),
                        "state": item.get("issuing_state") or item.get("state"),
                        "expiration_date": _dob(item.get("expiration_date"))})
    return sorted(out, key=lambda e: (e["expiration_date"] is None,
                                      e["expiration_date"] or date.max))


def latest_approved(session: Session, provider_id: int) -> Packet | None:
    """The provider's most recently approved file (its result is the provider's record)."""
    return session.scalar(select(Packet).where(
        Packet.provider_id == provider_id, Packet.stage == "approved")
        .order_by(Packet.stage_changed_at.desc().nulls_last(), Packet.created_at.desc())
        .limit(1))


def provider_for(session: Session, user: User, provider_id: int) -> tuple[Provider,
                                                                           list[Packet]]:
    """The provider and the files of it ``user`` may see (none visible: not found)."""
    provider = session.get(Provider, provider_id)
    if provider is None or provider.organization_id != user.organization_id:
        raise NotFoundError(f"no provider {provider_id}")
    files = list(session.scalars(access.visible(select(Packet), user).options(
        defer(Packet.result)).where(Packet.provider_id == provider_id)
        .order_by(Packet.created_at)))
    if not files:
        raise NotFoundError(f"no provider {provider_id}")
    return provider, files


def provider_view(session: Session, user: User, provider_id: int) -> dict[str, Any]:
    """Files, decisions and expirables (from the latest approved file) of one provider."""
    provider, files = provider_for(session, user, provider_id)
    names = {u.id: u.name for u in session.scalars(select(User).where(
        User.organization_id == user.organization_id))}
    decisions = [{"packet_id": d.packet_id, "from": d.old_value, "to": d.new_value,
                  "user": names.get(d.user_id), "note": d.note, "at": d.created_at}
                 for d in session.scalars(select(Decision).where(
                     Decision.packet_id.in_([f.id for f in files]),
                     Decision.kind == "stage").order_by(Decision.created_at, Decision.id))]
    approved = latest_approved(session, provider.id)
    profile = ((approved.result or {}).get("profile") or {}) if approved else {}
    audit.record(session, user, "provider.read", None, provider_id=provider.id)
    return {"id": provider.id, "name": provider.display_name, "npi": provider.npi,
            "files": [{"id": f.id, "name": f.name, "kind": f.kind, "stage": f.stage,
                       "received": f.created_at, "status": f.status} for f in files],
            "decisions": decisions,
            "approved_file": approved.id if approved else None,
            "approved_at": approved.stage_changed_at if approved else None,
            "expirables": expirables(profile)}
