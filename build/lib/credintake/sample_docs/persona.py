"""A synthetic provider whose data is consistent across every document of a packet.

All dates are relative to a reference date (``as_of``) so that credentials are mostly
current, with a seeded minority expired, expiring soon, stale or under-insured: the
rules have something real to find.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

from credintake.sample_docs import data

_FAKER = Faker("en_US")

PROFESSIONS: tuple[tuple[str, int], ...] = (
    ("MD", 40), ("DO", 15), ("NP", 18), ("PA", 12), ("CRNA", 6), ("PharmD", 5), ("RN", 4))


# --- identifiers ---------------------------------------------------------------------

def _luhn_check_digit(payload: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:  # rightmost payload digit is doubled (check digit goes after it)
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def npi_check_digit(first9: str) -> int:
    """Luhn check digit over '80840' + the first nine NPI digits."""
    return _luhn_check_digit("80840" + first9)


def is_valid_npi(npi: str) -> bool:
    return len(npi) == 10 and npi.isdigit() and npi_check_digit(npi[:9]) == int(npi[9])


def make_npi(rng: random.Random) -> str:
    first9 = str(rng.choice("12")) + "".join(str(rng.randrange(10)) for _ in range(8))
    return first9 + str(npi_check_digit(first9))


def dea_check_digit(six: str) -> int:
    d = [int(c) for c in six]
    return ((d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])) % 10


def is_valid_dea(dea: str, last_name: str | None = None) -> bool:
    if len(dea) != 9 or not dea[:2].isalpha() or not dea[2:].isdigit():
        return False
    if dea[0] not in "ABFGM":
        return False
    if last_name and dea[1] != last_name[0].upper():
        return False
    return dea_check_digit(dea[2:8]) == int(dea[8])


def make_dea(rng: random.Random, last_name: str, mid_level: bool) -> str:
    first = "M" if mid_level else rng.choice("ABFGFG")
    six = "".join(str(rng.randrange(10)) for _ in range(6))
    return f"{first}{last_name[0].upper()}{six}{dea_check_digit(six)}"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def make_license_number(rng: random.Random, state: str, profession: str) -> str:
    """License numbers as each state prints them (formats vary a lot between boards)."""
    p = {"MD": "MD", "DO": "DO", "NP": "NP", "APRN": "NP", "PA": "PA", "CRNA": "NP",
         "PharmD": "RPH", "RN": "RN"}[profession]
    d = lambda n: _digits(rng, n)  # noqa: E731
    fmts = {
        "CA": {"MD": f"A{d(6)}", "DO": f"20A{d(4)}", "RN": d(8), "NP": f"NP{d(5)}", "PA": f"PA{d(5)}", "RPH": f"RPH{d(5)}"},
        "TX": {"MD": f"{rng.choice('NPQR')}{d(4)}", "DO": f"{rng.choice('NPQR')}{d(4)}", "RN": d(6), "NP": f"AP{d(6)}",
               "PA": f"PA{d(5)}", "RPH": d(5)},
        "NY": {"MD": f"{rng.choice('23')}{d(5)}", "DO": f"{rng.choice('23')}{d(5)}", "RN": f"7{d(5)}", "NP": f"F4-{d(6)}",
               "PA": f"0{d(5)}", "RPH": f"0{d(5)}"},
        "FL": {"MD": f"ME{d(6)}", "DO": f"OS{d(5)}", "RN": f"RN{d(7)}", "NP": f"APRN{d(7)}", "PA": f"PA{d(7)}",
               "RPH": f"PS{d(5)}"},
        "PA": {"MD": f"MD{d(6)}", "DO": f"OS{d(6)}", "RN": f"RN{d(6)}", "NP": f"SP{d(6)}", "PA": f"MA{d(6)}",
               "RPH": f"RP{d(6)}"},
        "OH": {"MD": f"35.{d(6)}", "DO": f"34.{d(6)}", "RN": f"RN.{d(6)}", "NP": f"APRN.CNP.{d(7)}",
               "PA": f"50.00{d(4)}", "RPH": f"03-1-{d(5)}"},
        "IL": {"MD": f"036.{d(6)}", "DO": f"036.{d(6)}", "RN": f"041.{d(7)}", "NP": f"209.{d(6)}",
               "PA": f"085.{d(6)}", "RPH": f"051.{d(6)}"},
        "WA": {"MD": f"MD{d(8)}", "DO": f"OP{d(8)}", "RN": f"RN{d(8)}", "NP": f"AP{d(8)}", "PA": f"PA{d(8)}",
               "RPH": f"PH{d(8)}"},
        "MI": {"MD": f"4301{d(6)}", "DO": f"5101{d(6)}", "RN": f"4704{d(6)}", "NP": f"4704{d(6)}", "PA": f"5501{d(6)}",
               "RPH": f"5302{d(6)}"},
        "NC": {"MD": f"{rng.randrange(2005, 2024)}-{d(5)}", "DO": f"{rng.randrange(2005, 2024)}-{d(5)}", "RN": d(6),
               "NP": d(7), "PA": f"00{d(4)}", "RPH": d(5)},
        "CO": {"MD": f"DR.00{d(5)}", "DO": f"DR.00{d(5)}", "RN": f"RN.0{d(6)}", "NP": f"APN.0{d(6)}", "PA": f"PA.00{d(4)}",
               "RPH": f"PHA.0{d(6)}"},
    }
    if state in fmts:
        return fmts[state][p]
    prefix = {"MD": "", "DO": "", "RN": "R", "NP": "APN", "PA": "PA", "RPH": "PH"}[p]
    return f"{prefix}{d(rng.choice((5, 6, 7)))}"


# --- persona -------------------------------------------------------------------------

@dataclass
class License:
    state: str
    kind: str  # profession code used for numbering: MD, DO, RN, NP, PA, PharmD, CRNA
    profession_words: str
    number: str
    issue_date: date
    expiration_date: date
    status: str

    @property
    def board_name(self) -> str:
        sname = data.STATE_NAMES[self.state]
        if self.kind in ("RN", "NP", "CRNA"):
            return f"{sname} Board of Nursing"
        if self.kind == "PharmD":
            return f"{sname} State Board of Pharmacy"
        if self.kind == "PA" and self.state not in ("CA", "TX"):
            return data.MEDICAL_BOARDS.get(self.state, f"{sname} Board of Medical Examiners")
        if self.kind == "DO" and self.state in ("CA", "FL", "PA", "MI"):
            return f"{sname} Board of Osteopathic Medicine" if self.state != "CA" else "Osteopathic Medical Board of California"
        return data.MEDICAL_BOARDS.get(self.state, f"{sname} Board of Medical Examiners")


@dataclass
class Dea:
    number: str
    state: str
    schedules: str
    business_activity: str
    issue_date: date
    expiration_date: date
    fee: int


@dataclass
class BoardCert:
    board: str
    specialty: str
    issue_date: date
    expiration_date: date | None
    cert_number: str


@dataclass
class Degree:
    institution: str
    city: str
    state: str
    degree: str
    abbrev: str
    start_date: date
    end_date: date  # graduation (conferral) date
    professional: bool  # the diploma credentialing asks for


@dataclass
class Training:
    kind: str  # internship, residency, fellowship
    institution: str
    city: str
    state: str
    program: str
    start_date: date
    end_date: date
    director: str
    dio: str


@dataclass
class Job:
    employer: str
    title: str
    city: str
    state: str
    start_date: date  # first of month
    end_date: date | None  # None = current


@dataclass
class Malpractice:
    carrier: str
    policy_number: str  # printed form (may contain spaces)
    per_claim: int
    aggregate: int
    effective_date: date
    expiration_date: date
    retro_date: date


@dataclass
class LifeSupport:
    course: str  # BLS, ACLS, PALS, NRP
    issue_date: date
    expiration_date: date
    instructor: str
    center: str
    ecard: str


@dataclass
class Cme:
    title: str
    provider: str
    credits: float
    max_credits: float
    completion_date: date


@dataclass
class Persona:
    seed: int
    as_of: date
    first: str
    middle: str | None
    last: str
    suffix: str | None
    other_names: list[str]
    profession: str
    credential: str
    specialty: str
    npi: str
    email: str
    phone: str
    practice_state: str
    street: str
    city: str
    zip: str
    licenses: list[License]
    dea: Dea | None
    board_certs: list[BoardCert]
    degrees: list[Degree]
    training: list[Training]
    jobs: list[Job]
    gaps: list[tuple[date, date]]
    malpractice: Malpractice
    life_support: list[LifeSupport]
    cme: list[Cme]
    attestation_date: date
    former_last: str | None = None  # maiden / former last name (also in other_names)
    name_change: date | None = None  # documents dated before this print the former name

    # names as printed -----------------------------------------------------------------
    @property
    def degree(self) -> Degree:
        return next(d for d in self.degrees if d.professional)

    def full_name(self, *, middle: str = "initial", suffix: bool = True, credential: str | None = None,
                  upper: bool = False, last_first: bool = False, dots: bool = False, when: date | None = None) -> str:
        """The persona's name in one of the ways documents print it.

        middle: 'initial', 'full' or 'none'; credential: None or a printed credential;
        when: the document's date (before a name change, the former last name is printed).
        """
        last = self.last
        if when is not None and self.former_last and self.name_change and when < self.name_change:
            last = self.former_last
        mid = ""
        if self.middle and middle == "full":
            mid = self.middle
        elif self.middle and middle == "initial":
            mid = self.middle[0] + ("." if dots else "")
        sfx = self.suffix if (suffix and self.suffix) else ""
        if last_first:
            s = f"{last}{' ' + sfx if sfx else ''}, {self.first}{' ' + mid if mid else ''}"
        else:
            s = " ".join(p for p in (self.first, mid, last) if p) + (f" {sfx}" if sfx else "")
        if credential:
            s += f", {credential}"
        return s.upper() if upper else s

    def name_variant(self, rng: random.Random, *, allow_credential: bool = True) -> str:
        cred = None
        if allow_credential and rng.random() < 0.5:
            cred = self.credential_printed(rng)
        return self.full_name(middle=rng.choice(("initial", "full", "none", "initial")), suffix=rng.random() < 0.8,
                              credential=cred, upper=rng.random() < 0.4, last_first=rng.random() < 0.15,
                              dots=rng.random() < 0.5)

    def credential_printed(self, rng: random.Random) -> str:
        if self.credential in ("MD", "DO") and rng.random() < 0.4:
            return ".".join(self.credential) + "."
        return self.credential

    def other_person(self, rng: random.Random, title: str = "") -> str:
        name = f"{_FAKER.first_name()} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {_FAKER.last_name()}"
        while name.split()[-1] == self.last:
            name = f"{_FAKER.first_name()} {_FAKER.last_name()}"
        return name + (f", {title}" if title else "")

    @property
    def practice_license(self) -> License:
        return self.licenses[0]


def _person(fk: Faker) -> str:
    """Somebody else's name (program directors, instructors): plain first + last."""
    return f"{fk.first_name()} {fk.last_name()}"


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def _month_add(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _end_of_month(d: date) -> date:
    nxt = _month_add(d, 1)
    return nxt - timedelta(days=1)


def _rand_date(rng: random.Random, start: date, end: date) -> date:
    span = (end - start).days
    return start + timedelta(days=rng.randrange(max(1, span)))


def _exp_offset(rng: random.Random) -> int:
    """Days from as_of to an expiration: mostly current, some soon, some expired."""
    r = rng.random()
    if r < 0.07:
        return -rng.randrange(1, 200)
    if r < 0.15:
        return rng.randrange(1, 90)
    return rng.randrange(90, 900)


def make_persona(rng: random.Random, as_of: date | str = "2026-11-22", profession: str | None = None) -> Persona:
    """Draw one provider. Same rng state -> same persona (Faker is reseeded from ``rng``)."""
    if isinstance(as_of, str):
        as_of = date.fromisoformat(as_of)
    seed = rng.getrandbits(32)
    _FAKER.seed_instance(seed)
    fk = _FAKER
    if profession is None:
        profession = rng.choices([p for p, _ in PROFESSIONS], [w for _, w in PROFESSIONS])[0]
    female = rng.random() < 0.55
    first = fk.first_name_female() if female else fk.first_name_male()
    middle = (fk.first_name_female() if female else fk.first_name_male()) if rng.random() < 0.75 else None
    last = fk.last_name()
    suffix = rng.choice(("Jr.", "III", "II")) if (not female and rng.random() < 0.08) else None
    other_names = [f"{first} {fk.last_name()}"] if (female and rng.random() < 0.15) else []
    state = rng.choice(sorted(data.CITIES))
    cities, areas = data.CITIES[state]
    city = rng.choice(cities)

    # specialty / credential / boards ----------------------------------------------------------
    if profession in ("MD", "DO"):
        specialty = rng.choice(sorted(data.MD_SPECIALTIES))
        credential = profession
    else:
        specialty, _, _ = rng.choice(data.OTHER_CERTS[profession])
        credential = {"NP": rng.choice(("NP", "APRN", "FNP-C", "NP-C")), "PA": "PA-C", "CRNA": "CRNA",
                      "PharmD": "PharmD", "RN": "RN"}[profession]

    # education timeline --------------------------------------------------------------------
    career_years = rng.randrange(3, 22)
    prof = data.PROFESSION_INFO[profession]
    school_len = {"MD": 4, "DO": 4, "NP": 2, "PA": 2, "CRNA": 3, "PharmD": 4, "RN": 4}[profession]
    train_len = 0
    fellowship = None
    if profession in ("MD", "DO"):
        _, _, res_years, fellows = data.MD_SPECIALTIES[specialty]
        fellowship = rng.choice(fellows) if fellows and rng.random() < 0.3 else None
        train_len = res_years + (rng.choice((1, 2, 3)) if fellowship else 0)
    else:
        train_len = 1
    career_start_year = as_of.year - career_years
    train_start_year = career_start_year - train_len
    grad = date(train_start_year, 5, rng.randrange(12, 30))
    school_start = date(grad.year - school_len, 8, rng.randrange(15, 30))
    pools = {"MD": data.MED_SCHOOLS, "DO": data.DO_SCHOOLS, "NP": data.NURSING_SCHOOLS, "CRNA": data.NURSING_SCHOOLS,
             "RN": data.NURSING_SCHOOLS, "PA": data.PA_SCHOOLS, "PharmD": data.PHARMACY_SCHOOLS}
    inst, icity, istate = rng.choice(pools[profession])
    degrees = []
    if profession != "RN":
        ug, ucity, ustate = rng.choice(data.UNDERGRAD)
        ug_deg = "Bachelor of Science in Nursing" if profession in ("NP", "CRNA") else rng.choice(data.UNDERGRAD_DEGREES[:4])
        ug_grad = date(school_start.year - rng.choice((0, 1, 2)), 5, rng.randrange(10, 25))
        degrees.append(Degree(ug, ucity, ustate, ug_deg, "BSN" if "Nursing" in ug_deg else ("BS" if "Science" in ug_deg else "BA"),
                              date(ug_grad.year - 4, 8, 25), ug_grad, False))
    degrees.append(Degree(inst, icity, istate, prof[0], prof[1], school_start, grad, True))

    # postgraduate training --------------------------------------------------------------------
    training: list[Training] = []
    t0 = date(train_start_year, 7, 1)
    if profession in ("MD", "DO"):
        _, program, res_years, _ = data.MD_SPECIALTIES[specialty]
        site = rng.choice(data.TRAINING_SITES)
        if rng.random() < 0.3 and res_years >= 4:
            isite = rng.choice(data.TRAINING_SITES)
            training.append(Training("internship", isite[0], isite[1], isite[2], rng.choice(("Transitional Year", "Internal Medicine", "Surgery")),
                                     t0, date(t0.year + 1, 6, 30), _person(fk), _person(fk)))
            rstart, ry = date(t0.year + 1, 7, 1), res_years - 1
        else:
            rstart, ry = t0, res_years
        training.append(Training("residency", site[0], site[1], site[2], program, rstart,
                                 date(rstart.year + ry, 6, 30), _person(fk), _person(fk)))
        if fellowship:
            fsite = rng.choice(data.TRAINING_SITES)
            fs = date(rstart.year + ry, 7, 1)
            training.append(Training("fellowship", fsite[0], fsite[1], fsite[2], fellowship, fs,
                                     date(career_start_year, 6, 30), _person(fk), _person(fk)))
    else:
        site = rng.choice(data.TRAINING_SITES)
        program = {"NP": f"Nurse Practitioner Fellowship in {specialty}", "PA": f"Postgraduate PA Residency in {specialty}",
                   "CRNA": "Nurse Anesthesia Pain Management Fellowship", "PharmD": "PGY1 Pharmacy Residency",
                   "RN": "Nurse Residency Program"}[profession]
        kind = "residency" if profession in ("PA", "PharmD", "RN") else "fellowship"
        training.append(Training(kind, site[0], site[1], site[2], program, t0, date(career_start_year, 6, 30), _person(fk), _person(fk)))

    # work history -------------------------------------------------------------------------------
    jobs: list[Job] = []
    gaps: list[tuple[date, date]] = []
    start = date(career_start_year, rng.choice((7, 8, 9)), 1)
    total_months = (as_of.year - start.year) * 12 + as_of.month - start.month
    n = max(1, min(rng.randrange(3, 7), total_months // 10))
    cuts = sorted(rng.sample(range(8, max(9, total_months - 4)), min(n - 1, max(0, total_months - 12)))) if n > 1 else []
    bounds = [0] + cuts + [total_months]
    current = rng.random() < 0.9
    gap_job = rng.randrange(1, n) if (n > 1 and rng.random() < 0.2) else -1
    titles = data.JOB_TITLES[profession]
    for i in range(n):
        s = _month_add(start, bounds[i])
        if i == gap_job:
            g = rng.randrange(7, 15)
            gap_start = s
            s = _month_add(s, g)
            gaps.append((gap_start, s))
        e_month = _month_add(start, bounds[i + 1] - 1)
        last_job = i == n - 1
        if s > e_month:
            s = e_month
        jst = rng.choice(sorted(data.CITIES)) if rng.random() < 0.35 else state
        jcity = rng.choice(data.CITIES[jst][0])
        if last_job:  # the current (or latest) job is where the provider practises now
            jst, jcity = state, city
        pat = rng.choice(data.EMPLOYER_PATTERNS)
        employer = pat.format(city=jcity, name=fk.last_name(), saint=rng.choice(data.SAINTS), state=jst)
        end = None if (last_job and current) else e_month
        if last_job and not current:
            end = max(s, _month_add(as_of.replace(day=1), -rng.randrange(1, 5)))
        jobs.append(Job(employer, rng.choice(titles), jcity, jst, s, end))

    # licenses -------------------------------------------------------------------------------------
    lic_kinds = {"MD": ["MD"], "DO": ["DO"], "NP": ["RN", "NP"], "PA": ["PA"], "CRNA": ["RN", "CRNA"],
                 "PharmD": ["PharmD"], "RN": ["RN"]}[profession]
    licenses: list[License] = []

    def _license(st: str, kind: str) -> License:
        words = {"RN": "Registered Nurse", "NP": rng.choice(("Advanced Practice Registered Nurse", "Nurse Practitioner")),
                 "CRNA": rng.choice(("Certified Registered Nurse Anesthetist", "Advanced Practice Registered Nurse")),
                 "MD": rng.choice(data.PROFESSION_INFO["MD"][2]), "DO": rng.choice(data.PROFESSION_INFO["DO"][2]),
                 "PA": "Physician Assistant", "PharmD": "Pharmacist"}[kind]
        issue = _rand_date(rng, date(career_start_year - 1, 3, 1), date(career_start_year, 10, 1))
        exp = as_of + timedelta(days=_exp_offset(rng))
        status = "Active" if exp >= as_of else rng.choice(("Expired", "Lapsed", "Inactive"))
        if status == "Active":
            status = rng.choice(("Active", "Active", "Clear", "Current", "Active - Clear"))
        return License(st, kind, words, make_license_number(rng, st, kind), issue, exp, status)

    for k in lic_kinds:
        licenses.append(_license(state, k))
    if rng.random() < 0.35:
        other = rng.choice([s for s in sorted(data.CITIES) if s != state])
        licenses.append(_license(other, lic_kinds[-1]))

    # DEA ------------------------------------------------------------------------------------------
    dea = None
    if profession != "RN":
        mid = profession not in ("MD", "DO")
        exp = as_of + timedelta(days=_exp_offset(rng))
        sched = "2,2N,3,3N,4,5" if (not mid or rng.random() < 0.6) else rng.choice(("3,3N,4,5", "2,3,4,5", "2N,3,3N,4,5"))
        dea = Dea(make_dea(rng, last, mid), state, sched, "MID-LEVEL PRACTITIONER" if mid else "PRACTITIONER",
                  exp - timedelta(days=3 * 365 - rng.randrange(0, 40)), exp, 888)

    # board certification ---------------------------------------------------------------------------
    if profession in ("MD", "DO"):
        board, _, _, _ = data.MD_SPECIALTIES[specialty]
        if profession == "DO" and rng.random() < 0.5:
            board = data.AOA_BOARDS[specialty]
        cert_specs = [(board, specialty)]
        if fellowship and rng.random() < 0.6 and "Osteopathic" not in board:
            cert_specs.append((board, fellowship))
    else:
        _, b, cs = next(x for x in data.OTHER_CERTS[profession] if x[0] == specialty)
        cert_specs = [(b, cs)]
    board_certs = []
    for b, sp in cert_specs:
        issue = _rand_date(rng, date(career_start_year, 8, 1), date(career_start_year + 1, 6, 1))
        exp: date | None = as_of + timedelta(days=_exp_offset(rng) + 365 * rng.randrange(0, 4))
        if rng.random() < 0.05:
            exp = None
        elif exp is not None:
            exp = date(exp.year, 12, 31) if rng.random() < 0.5 else exp
        board_certs.append(BoardCert(b, sp, issue, exp, _digits(rng, 6)))

    # malpractice -------------------------------------------------------------------------------------
    r = rng.random()
    limits = (1_000_000, 3_000_000) if r < 0.78 else ((2_000_000, 4_000_000) if r < 0.86 else
                                                     ((500_000, 1_500_000) if r < 0.93 else (1_300_000, 3_900_000)))
    eff = as_of - timedelta(days=rng.randrange(10, 340)) if rng.random() > 0.05 else as_of - timedelta(days=rng.randrange(380, 500))
    carrier = rng.choice(data.MALPRACTICE_CARRIERS)
    pol = rng.choice((f"MP {_digits(rng, 7)}", f"PL-{eff.year}-{_digits(rng, 6)}", f"{_digits(rng, 3)} {_digits(rng, 4)} {_digits(rng, 2)}",
                      f"CP{_digits(rng, 8)}", f"HPL {_digits(rng, 4)} {_digits(rng, 4)}"))
    mal = Malpractice(carrier, pol, limits[0], limits[1], eff, _add_years(eff, 1), jobs[0].start_date)

    # life support -------------------------------------------------------------------------------
    courses = ["BLS"]
    if profession in ("MD", "DO", "CRNA", "NP", "PA") and rng.random() < 0.7:
        courses.append("ACLS")
    if specialty in ("Pediatrics", "Emergency Medicine") and rng.random() < 0.6:
        courses.append("PALS")
    if specialty in ("Pediatrics", "Obstetrics and Gynecology") and rng.random() < 0.4:
        courses.append("NRP")
    life = []
    for c in courses:
        issue = as_of - timedelta(days=rng.randrange(20, 700) if rng.random() > 0.06 else rng.randrange(740, 900))
        exp = _end_of_month(_add_years(issue, 2))
        life.append(LifeSupport(c, issue, exp, _person(fk), rng.choice(data.TRAINING_CENTERS),
                                "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(12))))

    # CME ---------------------------------------------------------------------------------------------
    cmes = []
    for _ in range(rng.randrange(1, 4)):
        mx = rng.choice((1.0, 2.0, 4.0, 8.0, 12.0, 16.0, 20.0, 25.0, 32.0))
        claimed = mx if rng.random() < 0.6 else max(0.25, round(mx * rng.uniform(0.3, 0.9) * 4) / 4)
        cmes.append(Cme(rng.choice(data.CME_TITLES), rng.choice(data.CME_PROVIDERS), claimed, mx,
                        as_of - timedelta(days=rng.randrange(15, 700))))

    att = as_of - timedelta(days=rng.randrange(1, 170) if rng.random() > 0.1 else rng.randrange(181, 400))
    email_user = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{last[0]}{rng.randrange(10, 99)}",
                             f"dr.{last}" if profession in ("MD", "DO") else f"{first}_{last}"))
    email = f"{email_user}@{rng.choice(('gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'protonmail.com'))}".lower()
    email = email.replace("'", "").replace(" ", "")
    phone = f"({rng.choice(areas)}) {rng.randrange(200, 999)}-{rng.randrange(0, 10000):04d}"
    street = fk.street_address()
    zipc = fk.zipcode_in_state(state)
    former_last = name_change = None
    if other_names:  # married after school: older documents carry the former last name
        former_last = other_names[0].split()[-1]
        name_change = _rand_date(rng, grad - timedelta(days=700), as_of - timedelta(days=400))
    return Persona(seed, as_of, first, middle, last, suffix, other_names, profession, credential, specialty,
                   make_npi(rng), email, phone, state, street, city, zipc, licenses, dea, board_certs, degrees,
                   training, jobs, gaps, mal, life, cmes, att, former_last, name_change)
