"""The persona in application shape: the expected profile, and what the provider typed.

The profile holds the persona's truth at its natural precision (full dates for credentials,
``YYYY-MM`` for jobs, as applications ask); ``application.json`` is what a provider would
type into a CAQH-like form: month-year dates for education, training and cards, some
sections left blank.
"""

from __future__ import annotations

import copy
import random
from typing import Any

from credintake.sample_docs.persona import Persona


def _ym(d: Any) -> str | None:
    return None if d is None else f"{d.year:04d}-{d.month:02d}"


def _iso(d: Any) -> str | None:
    return None if d is None else d.isoformat()


def profile_from_persona(p: Persona) -> dict[str, Any]:
    """The expected consolidated profile (application.schema.json shape)."""
    prof: dict[str, Any] = {
        "application_id": f"APP-{p.seed % 10**8:08d}",
        "provider": {"first_name": p.first, "middle_name": p.middle, "last_name": p.last, "suffix": p.suffix,
                     "other_names": list(p.other_names), "profession": p.profession, "specialty": p.specialty,
                     "npi": p.npi, "email": p.email, "phone": p.phone, "practice_state": p.practice_state},
        "licenses": [{"profession": lic.profession_words, "license_number": lic.number.replace(" ", ""),
                      "issuing_state": lic.state, "issue_date": _iso(lic.issue_date),
                      "expiration_date": _iso(lic.expiration_date), "status": lic.status} for lic in p.licenses],
        "dea": ([{"dea_number": p.dea.number, "state": p.dea.state, "schedules": p.dea.schedules,
                  "issue_date": _iso(p.dea.issue_date), "expiration_date": _iso(p.dea.expiration_date)}]
                if p.dea else []),
        "board_certifications": [{"board": b.board, "specialty": b.specialty, "issue_date": _iso(b.issue_date),
                                  "expiration_date": _iso(b.expiration_date)} for b in p.board_certs],
        "education": [{"kind": "degree", "institution": d.institution, "degree": d.degree,
                       "start_date": _ym(d.start_date), "end_date": _iso(d.end_date)} for d in p.degrees]
        + [{"kind": t.kind, "institution": t.institution, "degree": t.program, "start_date": _iso(t.start_date),
            "end_date": _iso(t.end_date)} for t in p.training],
        "work_history": [{"employer": j.employer, "title": j.title, "city": j.city, "state": j.state,
                          "start_date": _ym(j.start_date), "end_date": _ym(j.end_date),
                          "current": j.end_date is None} for j in p.jobs],
        "gap_explanations": [],
        "malpractice_insurance": [{"carrier": p.malpractice.carrier,
                                   "policy_number": p.malpractice.policy_number.replace(" ", ""),
                                   "per_claim_limit": p.malpractice.per_claim,
                                   "aggregate_limit": p.malpractice.aggregate,
                                   "effective_date": _iso(p.malpractice.effective_date),
                                   "expiration_date": _iso(p.malpractice.expiration_date)}],
        "life_support": [{"course": c.course, "issue_date": _iso(c.issue_date),
                          "expiration_date": _iso(c.expiration_date)} for c in p.life_support],
        "cme": [{"activity_title": c.title, "credits": c.credits, "completion_date": _iso(c.completion_date)}
                for c in p.cme],
        "attestation": {"signed_date": _iso(p.attestation_date), "signer_name": p.full_name(middle="initial", suffix=True)},
    }
    return prof


OPTIONAL_SECTIONS = ("board_certifications", "education", "work_history", "malpractice_insurance", "life_support",
                     "cme", "dea", "licenses")


def application_from_profile(profile: dict[str, Any], p: Persona, rng: random.Random, state: str) -> dict[str, Any] | None:
    """What the provider typed: ``state`` is full, partial (some sections blank), blank or absent."""
    if state == "absent":
        return None
    if state == "blank":
        return {"application_id": profile["application_id"]}
    app = copy.deepcopy(profile)
    for e in app["education"]:
        e["start_date"] = e["start_date"][:7] if e["start_date"] else None
        e["end_date"] = e["end_date"][:7] if e["end_date"] else None
    for c in app["life_support"]:
        c["issue_date"] = c["issue_date"][:7] if c["issue_date"] else None
        c["expiration_date"] = c["expiration_date"][:7] if c["expiration_date"] else None
    if rng.random() < 0.5:
        digits = "".join(ch for ch in p.phone if ch.isdigit())
        app["provider"]["phone"] = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if not app["provider"]["other_names"] or rng.random() < 0.3:
        app["provider"].pop("other_names")
    explained = [g for g in p.gaps if rng.random() < 0.7]
    app["gap_explanations"] = [{"start_date": _ym(a), "end_date": _ym(b),
                                "reason": rng.choice(("Family leave", "Relocation", "Sabbatical and travel",
                                                      "Medical leave", "Job search after relocation"))}
                               for a, b in explained]
    profile["gap_explanations"] = copy.deepcopy(app["gap_explanations"])
    if state == "partial":
        for sec in rng.sample(OPTIONAL_SECTIONS, rng.randrange(1, 4)):
            app[sec] = []
        if rng.random() < 0.3:
            app.pop("attestation")
    return app
