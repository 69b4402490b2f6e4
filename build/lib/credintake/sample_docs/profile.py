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


def _shift_date(iso: str, rng: random.Random) -> str:
    y = int(iso[:4]) + rng.choice((-2, -1, 1))
    return f"{y:04d}{iso[4:]}" if not iso[4:].startswith("-02-29") else f"{y:04d}-02-28"


def _discrepancies(app: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """Typing mistakes and stale values a provider really enters; recorded so reconciliation can be scored."""
    out: list[dict[str, Any]] = []

    def change(section: str, index: int | None, name: str, new: Any) -> None:
        target = app[section][index] if index is not None else app[section]
        out.append({"field": f"{section}.{name}", "index": index, "application_value": new,
                    "document_value": target[name]})
        target[name] = new

    options = []
    if app["licenses"]:
        options.append(lambda: change("licenses", 0, "expiration_date", _shift_date(app["licenses"][0]["expiration_date"], rng)))
        num = app["licenses"][0]["license_number"]
        digits = [i for i, ch in enumerate(num) if ch.isdigit()]
        if len(digits) >= 2:
            i = rng.choice(digits[:-1])
            j = next((k for k in digits if k > i and num[k] != num[i]), None)
            if j is not None:
                swapped = list(num)
                swapped[i], swapped[j] = swapped[j], swapped[i]
                options.append(lambda: change("licenses", 0, "license_number", "".join(swapped)))
    if app["malpractice_insurance"]:
        m = app["malpractice_insurance"][0]
        options.append(lambda: change("malpractice_insurance", 0, "per_claim_limit",
                                      2_000_000 if m["per_claim_limit"] != 2_000_000 else 1_000_000))
        options.append(lambda: change("malpractice_insurance", 0, "expiration_date", _shift_date(m["expiration_date"], rng)))
    if app["board_certifications"] and app["board_certifications"][0]["expiration_date"]:
        options.append(lambda: change("board_certifications", 0, "expiration_date",
                                      _shift_date(app["board_certifications"][0]["expiration_date"], rng)))
    if app["work_history"]:
        k = rng.randrange(len(app["work_history"]))
        options.append(lambda: change("work_history", k, "start_date", _shift_date(app["work_history"][k]["start_date"], rng)))
    if app["dea"]:
        options.append(lambda: change("dea", 0, "expiration_date", _shift_date(app["dea"][0]["expiration_date"], rng)))
    for fn in rng.sample(options, min(len(options), rng.choice((1, 1, 2)))):
        fn()
    return out


def application_from_profile(profile: dict[str, Any], p: Persona, rng: random.Random, state: str) -> dict[str, Any] | None:
    """What the provider typed: ``state`` is full, partial (some sections blank), blank or absent.

    About 30% of typed applications carry one or two seeded discrepancies with the documents
    (stale expiry year, transposed licence digits, wrong limit, shifted job start), listed under
    the private key ``_discrepancies``.
    """
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
    # popped by generate_packet into the labels (never written to application.json)
    app["_discrepancies"] = _discrepancies(app, rng) if rng.random() < 0.3 else []
    return app


def persona_facts(p: Persona, warn_days: int = 90, attestation_days: int = 180,
                  min_limits: tuple[int, int] = (1_000_000, 3_000_000)) -> dict[str, Any]:
    """What is true of this provider on ``as_of`` (with the contract's default thresholds).

    Not expected findings (those also depend on which documents the packet holds and on the
    service's settings) but the facts a rule should find when the evidence is present.
    """
    dated: list[tuple[str, Any]] = [(f"licenses[{i}]", x.expiration_date) for i, x in enumerate(p.licenses)]
    if p.dea:
        dated.append(("dea[0]", p.dea.expiration_date))
    dated += [(f"board_certifications[{i}]", b.expiration_date) for i, b in enumerate(p.board_certs) if b.expiration_date]
    dated.append(("malpractice_insurance[0]", p.malpractice.expiration_date))
    dated += [(f"life_support[{i}]", c.expiration_date) for i, c in enumerate(p.life_support)]
    expired = [k for k, d in dated if d < p.as_of]
    soon = [k for k, d in dated if 0 <= (d - p.as_of).days <= warn_days]
    return {
        "expired": expired,
        "expiring_soon": soon,
        "attestation_age_days": (p.as_of - p.attestation_date).days,
        "attestation_stale": (p.as_of - p.attestation_date).days > attestation_days,
        "coverage_below_minimum": p.malpractice.per_claim < min_limits[0] or p.malpractice.aggregate < min_limits[1],
        "work_gaps": [{"start_date": _ym(a), "end_date": _ym(b)} for a, b in p.gaps],
        "former_name": p.other_names[0] if p.other_names else None,
    }
