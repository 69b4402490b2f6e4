"""A contract result as a FHIR R4 Bundle: Practitioner and PractitionerRole.

Directories and payers read FHIR, not our JSON; the bundle carries what a roster needs
(NPI and licence identifiers, qualifications with their periods and issuers: licences,
board certificates, degrees and training, specialty).
Validated in the tests with ``fhir.resources`` R4B models (same Practitioner shape as R4).
"""

from __future__ import annotations

import uuid
from typing import Any

from credintake.contract import Application

NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
LICENSE_SYSTEM = "urn:credintake:license:"
V2_0360 = "http://terminology.hl7.org/CodeSystem/v2-0360"
#: Degrees written as one of these abbreviations get their v2-0360 code; others are text.
V2_0360_DEGREES = frozenset({"MD", "DO", "DDS", "DMD", "DPM", "PHD", "RN", "BSN", "MSN", "NP",
                             "PA", "BS", "BA", "MS", "MA"})


def _period(start: str | None, end: str | None) -> dict[str, str] | None:
    period = {k: v for k, v in (("start", start), ("end", end)) if _fhir_date(v)}
    return period or None


def _fhir_date(value: str | None) -> bool:
    """FHIR dateTime accepts YYYY, YYYY-MM or YYYY-MM-DD: the contract's partial dates."""
    if not value:
        return False
    parts = value.split("-")
    return all(p.isdigit() for p in parts) and len(parts[0]) == 4 and len(parts) <= 3


#: Degrees written out in full that have a v2-0360 code.
V2_0360_NAMES = {"DOCTOR OF MEDICINE": "MD", "DOCTOR OF OSTEOPATHIC MEDICINE": "DO",
                 "DOCTOR OF DENTAL SURGERY": "DDS", "DOCTOR OF DENTAL MEDICINE": "DMD",
                 "DOCTOR OF PODIATRIC MEDICINE": "DPM", "DOCTOR OF PHILOSOPHY": "PHD"}


def _degree_code(degree: str | None) -> str | None:
    name = " ".join((degree or "").upper().split())
    code = "".join(ch for ch in name if ch.isalnum())
    return code if code in V2_0360_DEGREES else V2_0360_NAMES.get(name)


def _qualification(text: str, *, code: str | None = None, identifier: dict[str, Any] | None = None,
                   period: dict[str, str] | None = None, issuer: str | None = None
                   ) -> dict[str, Any]:
    concept: dict[str, Any] = {"text": text}
    if code:
        concept["coding"] = [{"system": V2_0360, "code": code}]
    q: dict[str, Any] = {"code": concept}
    if identifier:
        q["identifier"] = [identifier]
    if period:
        q["period"] = period
    if issuer:
        q["issuer"] = {"display": issuer}
    return q


def to_bundle(result: dict[str, Any]) -> dict[str, Any]:
    """The FHIR R4 collection Bundle (JSON) of one contract result."""
    profile = Application.model_validate(result.get("profile") or {})
    pid = result["packet_id"]
    prov = profile.provider
    # FHIR ids allow [A-Za-z0-9-.]{1,64}: stable UUIDs derived from the packet id
    prac_id, role_id = (str(uuid.uuid5(uuid.NAMESPACE_URL, f"credintake:{pid}:{kind}"))
                        for kind in ("practitioner", "role"))
    practitioner: dict[str, Any] = {"resourceType": "Practitioner", "id": prac_id}
    identifiers: list[dict[str, Any]] = []
    if prov and prov.npi:
        identifiers.append({"system": NPI_SYSTEM, "value": prov.npi})
    quals: list[dict[str, Any]] = []
    for lic in profile.licenses or []:
        ident = None
        if lic.license_number:
            ident = {"system": LICENSE_SYSTEM + (lic.issuing_state or "unknown"),
                     "value": lic.license_number}
            identifiers.append(ident)
        quals.append(_qualification(f"{lic.profession or 'License'} license"
                                    f"{' (' + lic.issuing_state + ')' if lic.issuing_state else ''}",
                                    identifier=ident,
                                    period=_period(lic.issue_date, lic.expiration_date),
                                    issuer=f"{lic.issuing_state} licensing board"
                                    if lic.issuing_state else None))
    for bc in profile.board_certifications or []:
        quals.append(_qualification(" ".join(x for x in ("Board certification", bc.specialty)
                                             if x), period=_period(bc.issue_date,
                                                                   bc.expiration_date),
                                    issuer=bc.board))
    for ed in profile.education or []:
        if ed.kind in ("internship", "residency", "fellowship"):
            quals.append(_qualification(": ".join(x for x in (ed.kind.capitalize(), ed.degree)
                                                  if x),
                                        period=_period(ed.start_date, ed.end_date),
                                        issuer=ed.institution))
        elif ed.kind == "degree" or ed.degree:
            quals.append(_qualification(ed.degree or "Degree",
                                        code=_degree_code(ed.degree),
                                        period=_period(ed.start_date, ed.end_date),
                                        issuer=ed.institution))
    if identifiers:
        practitioner["identifier"] = identifiers
    if prov and (prov.last_name or prov.first_name):
        name: dict[str, Any] = {"use": "official"}
        if prov.last_name:
            name["family"] = prov.last_name
        given = [g for g in (prov.first_name, prov.middle_name) if g]
        if given:
            name["given"] = given
        if prov.suffix:
            name["suffix"] = [prov.suffix]
        practitioner["name"] = [name]
    if quals:
        practitioner["qualification"] = quals
    role: dict[str, Any] = {"resourceType": "PractitionerRole", "id": role_id,
                            "active": True,
                            "practitioner": {"reference": f"Practitioner/{practitioner['id']}"}}
    if prov and prov.specialty:
        role["specialty"] = [{"text": prov.specialty}]
    if prov and prov.profession:
        role["code"] = [{"text": prov.profession}]
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"fullUrl": f"urn:uuid:{practitioner['id']}", "resource": practitioner},
                      {"fullUrl": f"urn:uuid:{role['id']}", "resource": role}]}
