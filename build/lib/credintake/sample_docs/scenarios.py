"""Seeded findings scenarios: conditions the rules must flag, and look-alikes they must not.

``generate_packet(..., scenarios=True | [names])`` uses this module. It starts from a
*sanitised* persona (every credential current beyond the 90-day window, limits at least
$1M/$3M, a fresh attestation, a continuous work history, no seeded typing mistakes, every
required document in the packet), so a packet without scenarios should yield no finding
apart from the baseline ones listed below. Then zero, one or two scenarios change the
persona, the document plan or the typed application, and the labels record:

- ``scenarios``: the names applied;
- ``expected_findings``: ``[{rule, field, severity, scenario}]`` what a careful specialist
  flags *given the documents actually in the packet and the typed application* (an expired
  card only if the card or the typed application shows it; an invalid NPI only if the
  application or the CV prints it). Scenario ``baseline`` holds findings any packet can
  need: a blank application has no signed attestation (``completeness.missing_field`` on
  ``attestation.signed_date``), no NPI anywhere (``provider.npi``), a diploma in a former
  name that the application does not list (warning on ``provider.other_names``);
- ``forbidden_findings``: ``[{rule, field, scenario}]`` findings a look-alike must not
  produce.

Conditions: expired_license, expiring_license, expired_life_support, gap_8_months,
gap_14_months, invalid_npi, invalid_dea, stale_attestation, low_coverage, other_person,
license_typo, missing_document. Look-alikes: explained_gap, gap_4_months, nickname,
maiden_name, date_format.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable

from credintake.sample_docs.persona import Persona, make_persona

#: Plan items >= OTHER render the item (value - OTHER) of ``Setup.other`` (another person).
OTHER = 1000

CONDITIONS = ("expired_license", "expiring_license", "expired_life_support", "gap_8_months", "gap_14_months",
              "invalid_npi", "invalid_dea", "stale_attestation", "low_coverage", "other_person",
              "license_typo", "missing_document")
LOOKALIKES = ("explained_gap", "gap_4_months", "nickname", "maiden_name", "date_format")
ALL = CONDITIONS + LOOKALIKES

#: Scenarios touching one resource cannot share a packet.
_RESOURCE = {"expired_license": "license", "expiring_license": "license", "license_typo": "license",
             "date_format": "license", "expired_life_support": "card", "gap_8_months": "gap",
             "gap_14_months": "gap", "explained_gap": "gap", "gap_4_months": "gap", "invalid_npi": "npi",
             "invalid_dea": "dea", "stale_attestation": "attestation", "low_coverage": "malpractice",
             "other_person": "names", "nickname": "names", "maiden_name": "names",
             "missing_document": "missing"}
#: Scenarios that need a typed application.
_NEEDS_APP = {"stale_attestation", "license_typo", "nickname", "maiden_name", "date_format", "explained_gap"}
NEEDS_APPLICATION = frozenset(_NEEDS_APP)
RESOURCE = dict(_RESOURCE)

_NICKNAMES = (("Robert", "Bob"), ("William", "Bill"), ("Elizabeth", "Liz"), ("Katherine", "Kate"),
              ("James", "Jim"), ("Margaret", "Peggy"), ("Richard", "Rick"), ("Jennifer", "Jen"),
              ("Michael", "Mike"), ("Thomas", "Tom"), ("Patricia", "Trish"), ("Joseph", "Joe"))
_MAIDEN = ("Okafor", "Lindqvist", "Marchetti", "Haddad", "Novak", "Quintero", "Yamamoto", "Fitzgerald",
           "Brennan", "Castellanos", "Oyelaran", "Van Der Berg")
_REASONS = ("Family leave after the birth of my child", "Relocation with my spouse", "Medical leave",
            "Sabbatical and travel")
_LICENSE_DOC = "state_license"
#: The application section a document type backs (the finding's ``field``, see docs/rules.md).
_SECTION = {"malpractice_insurance": "malpractice_insurance", "diploma": "education",
            "training_certificate": "education", "board_certification": "board_certifications",
            "life_support_card": "life_support"}
_ALWAYS = ("state_license", "dea_registration", "board_certification", "malpractice_insurance", "diploma",
           "training_certificate", "cv")


def _month_add(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _end_of_month(d: date) -> date:
    return _month_add(d, 1) - timedelta(days=1)


def _ym(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


# --- the sanitised baseline -------------------------------------------------------------

def sanitise(p: Persona, rng: random.Random) -> None:
    """Make ``p`` clean: current credentials (> 90 days left), enough coverage, fresh attestation, no gap."""
    far = lambda: p.as_of + timedelta(days=rng.randrange(120, 900))  # noqa: E731
    for lic in p.licenses:
        if (lic.expiration_date - p.as_of).days < 120:
            lic.expiration_date = far()
        if lic.status in ("Expired", "Lapsed", "Inactive"):
            lic.status = "Active"
    if p.dea and (p.dea.expiration_date - p.as_of).days < 120:
        p.dea.expiration_date = far()
        p.dea.issue_date = p.dea.expiration_date - timedelta(days=3 * 365)
    for b in p.board_certs:
        if b.expiration_date is not None and (b.expiration_date - p.as_of).days < 120:
            b.expiration_date = far()
    m = p.malpractice
    if (m.expiration_date - p.as_of).days < 120:
        m.effective_date = p.as_of - timedelta(days=rng.randrange(10, 240))
        m.expiration_date = _add_years(m.effective_date, 1)
    if m.per_claim < 1_000_000 or m.aggregate < 3_000_000:
        m.per_claim, m.aggregate = 1_000_000, 3_000_000
    for c in p.life_support:
        if (c.expiration_date - p.as_of).days < 120:
            c.issue_date = p.as_of - timedelta(days=rng.randrange(20, 600))
            c.expiration_date = _end_of_month(_add_years(c.issue_date, 2))
    if (p.as_of - p.attestation_date).days > 150:
        p.attestation_date = p.as_of - timedelta(days=rng.randrange(1, 150))
    for prev, job in zip(p.jobs, p.jobs[1:]):  # continuous history: each job starts the month after
        if prev.end_date is not None:
            job.start_date = _month_add(prev.end_date, 1)
            if job.end_date is not None and job.end_date < job.start_date:
                job.end_date = job.start_date
    p.gaps = []


def _senior(p: Persona) -> bool:
    """The 5-year look-back lies in the work history (no school years with undated spans)."""
    first_job = p.jobs[0].start_date
    return first_job <= _add_years(p.as_of, -5) - timedelta(days=200) and len(p.jobs) >= 2


# --- scenario mechanics ------------------------------------------------------------------

@dataclass
class Setup:
    """What the scenarios did to one packet, and what to expect of the findings."""

    names: list[str]
    persona: Persona
    rng: random.Random
    app_state: str
    other: Persona | None = None
    notes: dict[str, Any] = field(default_factory=dict)
    removed: str | None = None

    def subject(self, item: int) -> tuple[Persona, int]:
        """The persona and item a plan item renders (items >= OTHER: the other person)."""
        if item >= OTHER and self.other is not None:
            return self.other, item - OTHER
        return self.persona, item


def _gap_boundary(p: Persona, months: int) -> int | None:
    """A job index whose start can move ``months`` later with the whole gap inside the look-back."""
    lookback = _add_years(p.as_of, -5)
    for i in range(1, len(p.jobs)):
        prev, job = p.jobs[i - 1], p.jobs[i]
        if prev.end_date is None:
            continue
        gap_start = _month_add(prev.end_date, 1)
        new_start = _month_add(job.start_date, months)
        last = job.end_date or _month_add(p.as_of.replace(day=1), -1)
        if gap_start >= _month_add(lookback, 2) and new_start <= last and new_start < _month_add(p.as_of, -1):
            return i
    return None


def _applicable(name: str, p: Persona, app_state: str) -> bool:
    if name in _NEEDS_APP and app_state in ("blank", "absent"):
        return False
    if name == "invalid_dea":
        return p.dea is not None
    if name in ("gap_8_months", "gap_14_months", "explained_gap", "gap_4_months"):
        return _gap_boundary(p, {"gap_8_months": 8, "gap_14_months": 14, "explained_gap": 14,
                                 "gap_4_months": 4}[name]) is not None
    if name == "maiden_name":
        return not p.other_names
    if name == "missing_document":
        return True
    return True


def choose(rng: random.Random, blank_application: bool = False) -> list[str]:
    """Zero (20%), one (45%) or two (35%) scenarios on different resources."""
    k = rng.choices((0, 1, 2), (20, 45, 35))[0]
    names: list[str] = []
    for name in rng.sample(ALL, len(ALL)):
        if len(names) == k:
            break
        if blank_application and name in _NEEDS_APP:
            continue
        if all(_RESOURCE[name] != _RESOURCE[n] for n in names):
            names.append(name)
    return names


def setup(seed: int, as_of: str, blank_application: bool, requested: list[str] | bool,
          persona_rng: random.Random) -> Setup:
    """Draw a persona fit for the scenarios, sanitise it and apply the scenarios to it."""
    rng = random.Random(seed * 7919 + 17)
    names = choose(rng, blank_application) if requested is True else list(requested)
    unknown = [n for n in names if n not in ALL]
    if unknown:
        raise ValueError(f"unknown scenario(s): {unknown}")
    app_state = "blank" if blank_application else rng.choices(("full", "partial", "absent"), (75, 15, 10))[0]
    if any(n in _NEEDS_APP for n in names) and app_state in ("blank", "absent"):
        if blank_application:
            raise ValueError(f"scenario(s) {names} need a typed application")
        app_state = "full"
    persona = None
    for _ in range(200):
        cand = make_persona(random.Random(persona_rng.getrandbits(64)), as_of)
        sanitise(cand, rng)
        if _senior(cand) and all(_applicable(n, cand, app_state) for n in names):
            persona = cand
            break
    if persona is None:
        raise ValueError(f"no persona fits scenarios {names}")
    s = Setup(names=names, persona=persona, rng=rng, app_state=app_state)
    for n in names:
        _PERSONA[n](s)
    return s


# --- persona changes ---------------------------------------------------------------------

def _expired_license(s: Setup) -> None:
    lic = s.persona.licenses[0]
    lic.expiration_date = s.persona.as_of - timedelta(days=s.rng.randrange(5, 200))
    lic.status = s.rng.choice(("Expired", "Lapsed"))


def _expiring_license(s: Setup) -> None:
    s.persona.licenses[0].expiration_date = s.persona.as_of + timedelta(days=s.rng.randrange(3, 86))


def _expired_card(s: Setup) -> None:
    p = s.persona
    k = s.rng.randrange(len(p.life_support))
    c = p.life_support[k]
    months_ago = s.rng.randrange(1, 9)  # month precision: the card's month ended before as_of
    c.expiration_date = _end_of_month(_month_add(p.as_of.replace(day=1), -months_ago))
    c.issue_date = _add_years(c.expiration_date.replace(day=1), -2) + timedelta(days=s.rng.randrange(0, 25))
    s.notes["card"] = k


def _gap(months: int) -> Callable[[Setup], None]:
    def apply(s: Setup) -> None:
        p = s.persona
        i = _gap_boundary(p, months)
        assert i is not None
        gap_start = _month_add(p.jobs[i - 1].end_date, 1)  # type: ignore[arg-type]
        p.jobs[i].start_date = _month_add(p.jobs[i].start_date, months)
        p.gaps = [(gap_start, p.jobs[i].start_date)]
        s.notes["gap"] = (gap_start, p.jobs[i].start_date)
    return apply


def _invalid_npi(s: Setup) -> None:
    npi = s.persona.npi
    s.persona.npi = npi[:9] + str((int(npi[9]) + s.rng.randrange(1, 10)) % 10)


def _invalid_dea(s: Setup) -> None:
    p = s.persona
    assert p.dea is not None
    avoid = {p.last[0].upper()} | {n.split()[-1][0].upper() for n in p.other_names}
    letter = s.rng.choice([c for c in "BCDFGHJKLMNPRSTW" if c not in avoid])
    p.dea.number = p.dea.number[0] + letter + p.dea.number[2:]


def _stale(s: Setup) -> None:
    s.persona.attestation_date = s.persona.as_of - timedelta(days=s.rng.randrange(200, 420))


def _low_coverage(s: Setup) -> None:
    m = s.persona.malpractice
    m.per_claim, m.aggregate = s.rng.choice(((500_000, 1_500_000), (1_000_000, 2_000_000), (750_000, 3_000_000),
                                            (250_000, 750_000)))


def _other_person(s: Setup) -> None:
    p = s.persona
    for _ in range(50):
        o = make_persona(random.Random(s.rng.getrandbits(64)), p.as_of, profession=p.profession)
        if o.last[0] != p.last[0] and o.first[0] != p.first[0] and not o.other_names \
                and o.cme[0].title not in {c.title for c in p.cme}:  # no merge with the applicant's CME
            break
    sanitise(o, s.rng)
    s.other = o


def _nickname(s: Setup) -> None:
    formal, nick = s.rng.choice(_NICKNAMES)
    p = s.persona
    if p.former_last:  # the former name keeps the given name: "Victoria Crawford" -> "Margaret Crawford"
        p.other_names = [f"{formal} {p.former_last}"]
    p.first = formal
    s.notes["nickname"] = nick


def _maiden(s: Setup) -> None:
    p = s.persona
    maiden = s.rng.choice([m for m in _MAIDEN if m != p.last and m[0] != p.last[0]])
    p.other_names = [f"{p.first} {maiden}"]
    p.former_last = maiden
    p.name_change = p.degree.end_date + timedelta(days=s.rng.randrange(40, 500))


def _date_format(s: Setup) -> None:
    lic = s.persona.licenses[0]
    d = lic.expiration_date
    day = s.rng.choice([x for x in range(1, 13) if x != d.month])
    lic.expiration_date = date(d.year + (1 if (d - s.persona.as_of).days < 200 else 0), d.month, day)
    s.notes["month_precision"] = s.rng.random() < 0.5


def _missing(s: Setup) -> None:
    p = s.persona
    options = {"MD": ["malpractice_insurance", "diploma", "training_certificate"],
               "DO": ["malpractice_insurance", "diploma", "training_certificate"],
               "PharmD": ["diploma"], "RN": ["life_support_card"]}.get(
        p.profession, ["malpractice_insurance", "diploma", "board_certification"])  # required (docs/rules.md)
    taken = {"maiden_name": "diploma", "low_coverage": "malpractice_insurance",
             "expired_life_support": "life_support_card"}
    options = [o for o in options if o not in {taken[n] for n in s.names if n in taken}]
    s.removed = s.rng.choice(options) if options else None


_PERSONA: dict[str, Callable[[Setup], None]] = {
    "expired_license": _expired_license, "expiring_license": _expiring_license,
    "expired_life_support": _expired_card, "gap_8_months": _gap(8), "gap_14_months": _gap(14),
    "explained_gap": _gap(14), "gap_4_months": _gap(4), "invalid_npi": _invalid_npi,
    "invalid_dea": _invalid_dea, "stale_attestation": _stale, "low_coverage": _low_coverage,
    "other_person": _other_person, "license_typo": lambda s: None, "missing_document": _missing,
    "nickname": _nickname, "maiden_name": _maiden, "date_format": _date_format,
}


# --- plan and application ----------------------------------------------------------------

def adjust_plan(s: Setup, plan: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every required document in the packet; then the scenarios' additions and removals."""
    p = s.persona
    plan = list(plan)
    need = [(t, 0) for t in _ALWAYS]
    if p.profession == "RN":
        need.append(("life_support_card", 0))
    if "expired_life_support" in s.names:
        need.append(("life_support_card", s.notes["card"]))
    for t, i in need:
        if t == "dea_registration" and p.dea is None:
            continue
        if t == "board_certification" and not p.board_certs:
            continue
        if t == "training_certificate" and not p.training:
            continue
        if (t, i) not in plan and not (t != "life_support_card" and any(x[0] == t for x in plan)):
            plan.insert(s.rng.randrange(len(plan) + 1), (t, i))
    if s.other is not None:
        plan.insert(s.rng.randrange(len(plan) + 1), ("cme_certificate", OTHER))
    if s.removed:
        plan = [x for x in plan if x[0] != s.removed]
    return plan


def _app_section(profile: dict[str, Any], section: str) -> list[dict[str, Any]]:
    items = copy.deepcopy(profile[section])
    if section in ("education", "life_support"):
        for e in items:
            for k in ("start_date", "end_date", "issue_date", "expiration_date"):
                if e.get(k):
                    e[k] = e[k][:7]
    return items


def adjust_application(s: Setup, app: dict[str, Any] | None, profile: dict[str, Any],
                       discrepancies: list[dict[str, Any]],
                       documents: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Undo the generator's random typing mistakes, then apply the scenarios' typed values.

    A self-insurance letter prints the trust as carrier rather than the persona's carrier:
    the typed carrier (and the expected profile) follow the document, so that the baseline
    stays clean. Returns the discrepancies left in the application (the license typo).
    """
    p = s.persona
    profile["gap_explanations"] = []
    for d in documents or []:
        printed = d["fields"].get("carrier") if d["doc_type"] == "malpractice_insurance" else None
        if printed and not d.get("other_person"):
            profile["malpractice_insurance"][0]["carrier"] = printed
            if app and app.get("malpractice_insurance"):
                app["malpractice_insurance"][0]["carrier"] = printed
    if app is None or s.app_state == "blank":
        return []
    for d in discrepancies:
        section, name = d["field"].split(".")
        target = app[section][d["index"]] if d["index"] is not None else app[section]
        target[name] = d["document_value"]
    if p.other_names:
        app["provider"]["other_names"] = list(p.other_names)
    app["gap_explanations"] = []
    if any(n in s.names for n in ("license_typo", "date_format", "expired_license", "expiring_license")) \
            and not app.get("licenses"):
        app["licenses"] = _app_section(profile, "licenses")
    if "stale_attestation" in s.names:
        app["attestation"] = copy.deepcopy(profile["attestation"])
    left: list[dict[str, Any]] = []
    if "explained_gap" in s.names:
        a, b = s.notes["gap"]
        app["gap_explanations"] = [{"start_date": _ym(a), "end_date": _ym(_month_add(b, -1)),
                                    "reason": s.rng.choice(_REASONS)}]
        profile["gap_explanations"] = copy.deepcopy(app["gap_explanations"])
    if "license_typo" in s.names:
        lic = app["licenses"][0]
        num = lic["license_number"]
        digits = [i for i, ch in enumerate(num) if ch.isdigit()]
        i = s.rng.choice(digits)
        typed = num[:i] + str((int(num[i]) + s.rng.randrange(1, 10)) % 10) + num[i + 1:]
        left.append({"field": "licenses.license_number", "index": 0, "application_value": typed,
                     "document_value": num})
        lic["license_number"] = typed
    if "nickname" in s.names:
        app["provider"]["first_name"] = s.notes["nickname"]
    if "date_format" in s.names and s.notes.get("month_precision"):
        app["licenses"][0]["expiration_date"] = app["licenses"][0]["expiration_date"][:7]
    return left


# --- expectations -----------------------------------------------------------------------

def _month_index(iso: str, end: bool) -> int:
    y = int(iso[:4])
    m = int(iso[5:7]) if len(iso) >= 7 else (12 if end else 1)
    return y * 12 + m


def _severity(months: int) -> str | None:
    return None if months <= 6 else ("warning" if months <= 12 else "error")


def _visible_gap(s: Setup, documents: list[dict[str, Any]], app: dict[str, Any]) -> str | None:
    """The gap's severity as the packet shows it: typed month dates, or the CV at its printed precision.

    A CV printing years only ("2024 - 2024", "2025 - present") hides an 8-month gap; a
    specialist reading it would not flag one.
    """
    a, b = s.notes["gap"]
    months = (b.year * 12 + b.month) - (a.year * 12 + a.month)
    if app.get("work_history"):
        return _severity(months)
    before = next(j for j in s.persona.jobs if j.end_date is not None and _month_add(j.end_date, 1) == a)
    after = next(j for j in s.persona.jobs if j.start_date == b)
    for d in documents:
        if d["doc_type"] != "cv":
            continue
        rows = d.get("entries", {}).get("work_history", [])
        # one employer can appear twice in a career: the printed year identifies the stint
        prev = next((r for r in rows if r["employer"] == before.employer and r.get("end_date")
                     and int(r["end_date"][:4]) == before.end_date.year), None)  # type: ignore[union-attr]
        nxt = next((r for r in rows if r["employer"] == after.employer and r.get("start_date")
                    and int(r["start_date"][:4]) == after.start_date.year), None)
        if prev and nxt:
            return _severity(_month_index(nxt["start_date"], False) - _month_index(prev["end_date"], True) - 1)
    return None


def expectations(s: Setup, documents: list[dict[str, Any]],
                 app: dict[str, Any] | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(expected, forbidden) findings given the documents rendered and the typed application."""
    p = s.persona
    app = app or {}
    types = {d["doc_type"] for d in documents}
    mine = [d for d in documents if not d.get("other_person")]
    expected: list[dict[str, Any]] = []
    forbidden: list[dict[str, Any]] = []

    def want(rule: str, fld: str, severity: str, scenario: str) -> None:
        expected.append({"rule": rule, "field": fld, "severity": severity, "scenario": scenario})

    def forbid(rule: str, fld: str, scenario: str) -> None:
        forbidden.append({"rule": rule, "field": fld, "scenario": scenario})

    def shown(doc_type: str, section: str) -> bool:
        return doc_type in types or bool(app.get(section))

    cv_npi = any(d["doc_type"] == "cv" and "npi" in d["fields"] for d in mine)
    typed_npi = bool((app.get("provider") or {}).get("npi"))
    # baseline -------------------------------------------------------------------------
    if not (app.get("attestation") or {}).get("signed_date"):
        want("completeness.missing_field", "attestation.signed_date", "error", "baseline")
    if not cv_npi and not typed_npi:
        want("completeness.missing_field", "provider.npi", "error", "baseline")
    if p.former_last and not (app.get("provider") or {}).get("other_names"):
        if any(p.former_last.lower() in str(d["fields"].get("holder_name", "")).lower() for d in mine):
            want("identity.name_mismatch", "provider.other_names", "warning", "baseline")
    # conditions -----------------------------------------------------------------------
    n = s.names
    lic_number = p.licenses[0].number.replace(" ", "")
    lic_docs = [d for d in mine if d["doc_type"] == _LICENSE_DOC and d["fields"].get("license_number") == lic_number]
    typed_exp = bool(app.get("licenses")) and bool(app["licenses"][0].get("expiration_date"))
    if "expired_license" in n:
        if typed_exp or any("expiration_date" in d["fields"] for d in lic_docs):
            want("expiration.expired", "licenses.expiration_date", "error", "expired_license")
        elif any(str(d["fields"].get("status", "")).lower() in ("expired", "lapsed") for d in lic_docs):
            want("expiration.expired", "licenses.status", "error", "expired_license")
    if "expiring_license" in n and (typed_exp or any("expiration_date" in d["fields"] for d in lic_docs)):
        want("expiration.expiring_soon", "licenses.expiration_date", "warning", "expiring_license")
    if "expired_life_support" in n:
        course = p.life_support[s.notes["card"]].course
        if any(d["doc_type"] == "life_support_card" and d["fields"].get("course") == course
               and "expiration_date" in d["fields"] for d in mine) or any(
                c.get("course") == course and c.get("expiration_date") for c in app.get("life_support") or []):
            want("expiration.expired", "life_support.expiration_date", "error", "expired_life_support")
    for name in ("gap_8_months", "gap_14_months"):
        sev = _visible_gap(s, mine, app) if name in n else None
        if sev:
            want("work_history.gap", "work_history", sev, name)
    if "invalid_npi" in n and (cv_npi or typed_npi):
        want("identifier.invalid_npi", "provider.npi", "error", "invalid_npi")
    if "invalid_dea" in n and shown("dea_registration", "dea"):
        want("identifier.invalid_dea", "dea.dea_number", "error", "invalid_dea")
    if "stale_attestation" in n:
        want("attestation.stale", "attestation.signed_date", "error", "stale_attestation")
    if "low_coverage" in n:
        m = p.malpractice
        typed = (app.get("malpractice_insurance") or [{}])[0]
        printed = [d["fields"] for d in mine if d["doc_type"] == "malpractice_insurance"]
        for fld, value, minimum in (("per_claim_limit", m.per_claim, 1_000_000),
                                    ("aggregate_limit", m.aggregate, 3_000_000)):
            if value < minimum and (typed.get(fld) is not None or any(fld in f for f in printed)):
                want("malpractice.insufficient_coverage", f"malpractice_insurance.{fld}", "error", "low_coverage")
    if "other_person" in n and any(d.get("other_person") for d in documents):
        want("identity.name_mismatch", "provider.last_name", "error", "other_person")
    if "license_typo" in n and _LICENSE_DOC in types:
        want("reconciliation.mismatch", "licenses.license_number", "error", "license_typo")
    if "missing_document" in n and s.removed:
        want("completeness.missing_document", _SECTION[s.removed], "error", "missing_document")
    # look-alikes ----------------------------------------------------------------------
    for name in ("explained_gap", "gap_4_months"):
        if name in n:
            forbid("work_history.gap", "work_history", name)
    for name in ("nickname", "maiden_name"):
        if name in n:
            for fld in ("provider.first_name", "provider.last_name", "provider.other_names"):
                forbid("identity.name_mismatch", fld, name)
    if "date_format" in n:
        for rule in ("reconciliation.mismatch", "expiration.expired", "expiration.expiring_soon"):
            forbid(rule, "licenses.expiration_date", "date_format")
    return expected, forbidden
