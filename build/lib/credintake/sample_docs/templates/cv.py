"""Curricula vitae: single column, two column (sidebar), dates-column table, typed plain text.

Every education / work entry the CV prints is recorded as a label entry with only the
parts it prints (a CV that shows only years gives ``YYYY`` dates; one that omits the city
gives no city). Licensure, certification, publication and membership sections are
distractors: their dates and organisations are not work history.
"""

from __future__ import annotations

import random
from typing import Any, Callable

from credintake.sample_docs.data import STATE_NAMES
from credintake.sample_docs.persona import Degree, Job, Persona, Training
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template

T = "cv"

SECTION_NAMES = {
    "education": ("Education", "Medical Education", "Education and Training", "Academic Background"),
    "training": ("Postgraduate Training", "Residency and Fellowship", "Graduate Medical Education", "Training"),
    "work": ("Professional Experience", "Employment", "Work History", "Hospital Appointments", "Clinical Experience",
             "Employment History"),
    "licensure": ("Licensure", "Licenses", "State Licenses"),
    "certs": ("Certifications", "Board Certification", "Certifications and Credentials"),
    "pubs": ("Publications", "Selected Publications", "Peer-Reviewed Publications"),
    "members": ("Memberships", "Professional Memberships", "Professional Societies"),
    "pres": ("Presentations", "Invited Presentations"),
}
STYLES = {"mon": "my_abbr", "year": "y", "slash": "my", "dot": "my_dot", "long": "my_long"}
SEPS = (" – ", "–", " - ", " to ")
PRESENT = ("Present", "present", "Current", "current", "Now")
_WORDS = ("outcomes", "patients", "readmission", "sepsis", "telemedicine", "quality", "ambulatory", "adherence",
          "screening", "rural", "hypertension", "diabetes", "safety", "opioid", "pediatric", "trial", "cohort")
_JOURNALS = ("J Gen Intern Med", "Ann Fam Med", "Acad Med", "BMJ Open", "J Hosp Med", "Pediatrics", "Chest",
             "J Am Board Fam Med", "West J Emerg Med", "Cureus")


_DUTIES = ("Provided inpatient and outpatient care for a diverse adult population.",
           "Supervised residents and medical students on the teaching service.",
           "Served on the Pharmacy and Therapeutics Committee.",
           "Led a quality improvement project reducing 30-day readmissions.",
           "Covered night call, rapid response and code team.",
           "Performed procedures including central lines, lumbar punctures and paracentesis.",
           "Managed a panel of approximately 1,800 patients with chronic disease.",
           "Implemented a telehealth follow-up clinic for rural patients.",
           "Participated in peer review and credentialing committee.",
           "Precepted nurse practitioner and physician assistant students.")


def _duties(rng: random.Random, most: int = 4) -> list[str]:
    return rng.sample(_DUTIES, rng.randrange(0, most + 1))


class Flow:
    """A text column that moves to a new page when it runs out of room."""

    def __init__(self, doc: Doc, x: float, width: float, y: float, bottom: float = 60,
                 on_new_page: Callable[[], float] | None = None) -> None:
        self.doc, self.x, self.w, self.y, self.bottom = doc, x, width, y, bottom
        self.on_new_page = on_new_page

    def need(self, h: float) -> None:
        if self.y + h > self.doc.H - self.bottom:
            self.doc.new_page()
            self.y = self.on_new_page() if self.on_new_page else 60

    def line(self, s: str, font: str, size: float, align: str = "l", gap: float = 1.35) -> None:
        self.need(size * gap)
        x = self.x if align == "l" else (self.x + self.w if align == "r" else self.x + self.w / 2)
        self.doc.text(x, self.y, s, font, size, align)
        self.y += size * gap

    def para(self, s: str, font: str, size: float, indent: float = 0) -> None:
        lines = self.doc.wrap_lines(s, self.w - indent, font, size)
        for ln in lines:
            self.need(size * 1.3)
            self.doc.text(self.x + indent, self.y, ln, font, size)
            self.y += size * 1.3

    def space(self, h: float) -> None:
        self.y += h


class Ctx:
    """Per-CV choices: date style, separator, present word, state style."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.style = rng.choice(sorted(STYLES))
        self.sep = rng.choice(SEPS)
        self.present = rng.choice(PRESENT)
        self.state_full = rng.random() < 0.25
        self.city = rng.random() < 0.85

    def rng_dates(self, start: Any, end: Any) -> tuple[str, str | None, str, str | None]:
        """-> (start text, start iso, range text, end iso); end None = present."""
        st = STYLES[self.style]
        s_txt, s_iso = fmt_date(start, st)
        if end is None:
            return s_txt, s_iso, f"{s_txt}{self.sep}{self.present}", None
        e_txt, e_iso = fmt_date(end, st)
        return s_txt, s_iso, f"{s_txt}{self.sep}{e_txt}", e_iso

    def place(self, city: str, state: str) -> tuple[str, dict[str, Any], dict[str, str]]:
        if not self.city:
            return "", {}, {}
        st = STATE_NAMES[state] if self.state_full else state
        return f"{city}, {st}", {"city": city, "state": state}, {"city": city, "state": st}


def _job(rec: Rec, ctx: Ctx, j: Job) -> tuple[str, str, str, str]:
    """Record a work entry; return (dates, title, employer, place) texts."""
    s_txt, s_iso, dates, e_iso = ctx.rng_dates(j.start_date, j.end_date)
    place, pv, pr = ctx.place(j.city, j.state)
    values = {"employer": j.employer, "title": j.title, **pv, "start_date": s_iso, "end_date": e_iso,
              "current": j.end_date is None}
    raw = {"employer": j.employer, "title": j.title, **pr, "start_date": s_txt,
           "end_date": ctx.present if j.end_date is None else dates.split(ctx.sep)[-1]}
    rec.entry("work_history", values, raw)
    return dates, j.title, j.employer, place


def _edu(rec: Rec, ctx: Ctx, e: Degree | Training, end_only: bool = False) -> tuple[str, str, str]:
    """Record an education/training entry; return (dates, degree text, institution)."""
    if isinstance(e, Training):
        word = {"internship": "Internship", "residency": "Residency", "fellowship": "Fellowship"}[e.kind]
        deg_val, deg_txt = e.program, f"{word}, {e.program}" if ctx.rng.random() < 0.5 else f"{e.program} {word}"
    else:
        deg_val = deg_txt = e.degree if ctx.rng.random() < 0.7 else e.abbrev
    values: dict[str, Any] = {"institution": e.institution, "degree": deg_val}
    raw = {"institution": e.institution, "degree": deg_val}
    if end_only:
        txt, iso = fmt_date(e.end_date, STYLES[ctx.style])
        values["end_date"], raw["end_date"], dates = iso, txt, txt
    else:
        s_txt, s_iso, dates, e_iso = ctx.rng_dates(e.start_date, e.end_date)
        values.update(start_date=s_iso, end_date=e_iso)
        raw.update(start_date=s_txt, end_date=dates.split(ctx.sep)[-1])
    rec.entry("education", values, raw)
    return dates, deg_txt, e.institution


def _contact(rec: Rec, p: Persona, rng: random.Random, npi: bool) -> list[str]:
    out = [rec.put("email", p.email), rec.put("phone", p.phone)]
    if npi:
        out.append("NPI: " + rec.put("npi", p.npi))
    return out


def _distractors(p: Persona, rng: random.Random) -> list[tuple[str, list[str]]]:
    secs: list[tuple[str, list[str]]] = []
    lic = [f"{STATE_NAMES[lc.state]} {lc.profession_words} License #{lc.number}, expires "
           f"{fmt_date(lc.expiration_date, 'my')[0]}" for lc in p.licenses]
    if p.dea and rng.random() < 0.5:
        lic.append(f"DEA Registration, expires {fmt_date(p.dea.expiration_date, 'my')[0]}")
    secs.append((rng.choice(SECTION_NAMES["licensure"]), lic))
    certs = [f"{b.board}, {b.specialty} ({b.issue_date.year})" for b in p.board_certs]
    certs += [f"{c.course}, expires {fmt_date(c.expiration_date, 'my_abbr')[0]}" for c in p.life_support]
    secs.append((rng.choice(SECTION_NAMES["certs"]), certs))
    if rng.random() < 0.7:
        pubs = []
        for _ in range(rng.randrange(2, 14) if rng.random() < 0.7 else rng.randrange(20, 45)):
            t = " ".join(rng.sample(_WORDS, rng.randrange(4, 8))).capitalize()
            y = rng.randrange(p.degree.end_date.year - 2, p.as_of.year + 1)
            pubs.append(f"{p.last} {p.first[0]}, {p.other_person(rng).split()[-1]} K. {t}. {rng.choice(_JOURNALS)}. "
                        f"{y};{rng.randrange(1, 80)}:{rng.randrange(1, 900)}.")
        secs.append((rng.choice(SECTION_NAMES["pubs"]), pubs))
    mem = [f"{org}, {y}–present" if rng.random() < 0.5 else f"{org} ({y}-current)"
           for org, y in rng.sample([("American Medical Association", p.degree.start_date.year + 1),
                                     ("American College of Physicians", p.degree.end_date.year),
                                     (f"{STATE_NAMES[p.practice_state]} Medical Society", p.jobs[0].start_date.year),
                                     ("American Academy of Nurse Practitioners", p.degree.end_date.year),
                                     ("Society of Hospital Medicine", p.jobs[0].start_date.year + 1)], 2)]
    secs.append((rng.choice(SECTION_NAMES["members"]), mem))
    if rng.random() < 0.5:
        secs.append((rng.choice(SECTION_NAMES["pres"]),
                     [f"{rng.choice(('Grand Rounds', 'Poster', 'Invited talk', 'Workshop'))}: "
                      f"{' '.join(rng.sample(_WORDS, 3)).title()}. {rng.choice(p.jobs).employer}, "
                      f"{fmt_date(p.as_of.replace(day=1, year=p.as_of.year - rng.randrange(0, 8)), 'my_long')[0]}."
                      for _ in range(rng.randrange(1, 9))]))
    if rng.random() < 0.5:
        j = rng.choice(p.jobs)
        secs.append((rng.choice(("Committees", "Hospital Committees", "Leadership and Service")),
                     [f"{rng.choice(('Member', 'Chair', 'Vice Chair'))}, {c} Committee, {j.employer}, "
                      f"{j.start_date.year + 1}–{rng.choice(('present', str(p.as_of.year - 1)))}"
                      for c in rng.sample(("Quality", "Pharmacy and Therapeutics", "Credentials", "Ethics",
                                           "Infection Control", "Peer Review"), rng.randrange(1, 4))]))
    if rng.random() < 0.4:
        secs.append((rng.choice(("Honors and Awards", "Awards")),
                     [f"{a}, {y}" for a, y in zip(rng.sample(("Alpha Omega Alpha", "Chief Resident", "Teacher of the Year",
                                                              "Gold Humanism Honor Society", "Patient Choice Award",
                                                              "Dean's List"), 3),
                                                   sorted(rng.sample(range(p.degree.start_date.year, p.as_of.year), 3)))]))
    return secs


def _ordered_jobs(p: Persona, rng: random.Random) -> list[Job]:
    return list(reversed(p.jobs)) if rng.random() < 0.8 else list(p.jobs)


@template(T, "single_column")
def single_column(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Centred name, contact line, sections with dates right-aligned beside each entry."""
    ctx = Ctx(rng)
    doc.family(rng.choice(("times", "helv")))
    B, R, I = doc.f("b"), doc.f("r"), doc.f("i")
    name = rec.put("name", p.full_name(middle="initial", credential=p.credential, upper=rng.random() < 0.4, dots=True))
    footer = f"{p.last} CV"
    fl = Flow(doc, 60, doc.W - 120, 70, on_new_page=lambda: (doc.text(doc.W - 60, 40, footer, I, 8, "r"), 70)[1])
    fl.line(name, B, 18, "c", 1.6)
    fl.line("   |   ".join(_contact(rec, p, rng, rng.random() < 0.5)), R, 9.5, "c")
    fl.line(f"{p.street}, {p.city}, {p.practice_state} {p.zip}", R, 9.5, "c")
    fl.space(8)

    def heading(title: str) -> None:
        fl.need(40)
        fl.space(6)
        fl.line(title.upper() if rng.random() < 0.5 else title, B, 11.5)
        doc.line(fl.x, fl.y - 10, fl.x + fl.w, fl.y - 10, 0.6)
        fl.space(2)

    one_section = rng.random() < 0.35
    heading(rng.choice(SECTION_NAMES["education"]))
    for d in sorted(p.degrees, key=lambda d: d.end_date, reverse=True):
        dates, deg, inst = _edu(rec, ctx, d, end_only=rng.random() < 0.3)
        fl.need(28)
        doc.text(fl.x + fl.w, fl.y, dates, R, 10, "r")
        fl.line(deg, B, 10)
        fl.line(inst, R, 10)
    if not one_section:
        heading(rng.choice(SECTION_NAMES["training"]))
    for t in sorted(p.training, key=lambda t: t.start_date, reverse=True):
        dates, deg, inst = _edu(rec, ctx, t)
        fl.need(28)
        doc.text(fl.x + fl.w, fl.y, dates, R, 10, "r")
        fl.line(deg, B, 10)
        fl.line(f"{inst}, {t.city}, {t.state}", R, 10)
    heading(rng.choice(SECTION_NAMES["work"]))
    for j in _ordered_jobs(p, rng):
        dates, title, emp, place = _job(rec, ctx, j)
        fl.need(42)
        doc.text(fl.x + fl.w, fl.y, dates, R, 10, "r")
        fl.line(title, B, 10)
        fl.line(emp + (f", {place}" if place else ""), R, 10)
        for duty in _duties(rng):
            fl.para("• " + duty, I, 9, 12)
    for title, items in _distractors(p, rng):
        heading(title)
        for it in items:
            fl.para(it, R, 9.5, 10)


@template(T, "two_column")
def two_column(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Grey sidebar (contact, skills, licences) beside a main column (experience, education)."""
    ctx = Ctx(rng)
    doc.family("helv")
    sw = 170
    doc.rect(0, 0, sw, doc.H, 0, fill=0.9, stroke=False)
    sb = Flow(doc, 18, sw - 30, 60)
    sb.line(p.first.upper(), "Helvetica-Bold", 18, gap=1.2)
    sb.line(p.last.upper(), "Helvetica-Bold", 18, gap=1.4)
    rec.put("name", f"{p.first.upper()} {p.last.upper()}")
    sb.line(p.credential, "Helvetica", 10, gap=2)
    sb.line("CONTACT", "Helvetica-Bold", 9.5)
    for s in _contact(rec, p, rng, rng.random() < 0.6):
        sb.para(s, "Helvetica", 8)
    sb.para(f"{p.city}, {p.practice_state}", "Helvetica", 8)
    sb.space(10)
    sb.line("SKILLS", "Helvetica-Bold", 9.5)
    for s in rng.sample(("Procedural sedation", "Point-of-care ultrasound", "Epic EHR", "Quality improvement",
                         "Spanish (conversational)", "Teaching", "Telehealth", "Chronic disease management"), 4):
        sb.para("• " + s, "Helvetica", 8)
    sb.space(10)
    sb.line("LICENSES", "Helvetica-Bold", 9.5)
    for lc in p.licenses:
        sb.para(f"{lc.state} {lc.profession_words} #{lc.number} (exp. {fmt_date(lc.expiration_date, 'my')[0]})",
                "Helvetica", 7.5)
    sb.space(10)
    sb.line("CERTIFICATIONS", "Helvetica-Bold", 9.5)
    for b in p.board_certs:
        sb.para(f"{b.specialty}, {b.board} {b.issue_date.year}", "Helvetica", 7.5)
    for c in p.life_support:
        sb.para(f"{c.course} through {fmt_date(c.expiration_date, 'my')[0]}", "Helvetica", 7.5)
    mn = Flow(doc, sw + 24, doc.W - sw - 60, 60, on_new_page=lambda: 60)

    def heading(title: str) -> None:
        mn.need(40)
        mn.space(6)
        mn.line(title.upper(), "Helvetica-Bold", 11)
        doc.line(mn.x, mn.y - 9, mn.x + 40, mn.y - 9, 2)
        mn.space(4)

    heading("Profile")
    mn.para(f"{p.specialty} {p.credential} with {p.as_of.year - p.jobs[0].start_date.year} years of clinical practice.",
            "Helvetica", 9)
    heading(rng.choice(SECTION_NAMES["work"]))
    for j in _ordered_jobs(p, rng):
        dates, title, emp, place = _job(rec, ctx, j)
        mn.need(44)
        mn.line(title, "Helvetica-Bold", 10)
        mn.line(emp, "Helvetica", 9.5)
        mn.line(dates + (f"  |  {place}" if place else ""), "Helvetica-Oblique", 8.5, gap=1.8)
    heading(rng.choice(SECTION_NAMES["education"]))
    items: list[Degree | Training] = sorted([*p.degrees, *p.training], key=lambda e: e.end_date, reverse=True)
    for e in items:
        dates, deg, inst = _edu(rec, ctx, e)
        mn.need(44)
        mn.line(deg, "Helvetica-Bold", 10)
        mn.line(inst, "Helvetica", 9.5)
        mn.line(dates, "Helvetica-Oblique", 8.5, gap=1.8)
    for title, its in _distractors(p, rng)[2:]:
        heading(title)
        for it in its:
            mn.para(it, "Helvetica", 8.5)


@template(T, "dates_table")
def dates_table(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Academic CV: a dates column on the left, content on the right, rules between sections."""
    ctx = Ctx(rng)
    ctx.sep = rng.choice(("–", " - "))
    doc.family("times")
    name = rec.put("name", p.full_name(middle="full", credential=p.credential_printed(rng)))
    fl = Flow(doc, 200, doc.W - 260, 70, on_new_page=lambda: 60)
    doc.text(60, fl.y, "CURRICULUM VITAE", "Times-Bold", 10)
    fl.y += 26
    doc.text(60, fl.y, name, "Times-Bold", 17)
    fl.y += 22
    for s in [*_contact(rec, p, rng, rng.random() < 0.5), f"{p.street}, {p.city}, {p.practice_state} {p.zip}"]:
        doc.text(60, fl.y, s, "Times-Roman", 10)
        fl.y += 13
    fl.y += 10

    def heading(title: str) -> None:
        fl.need(44)
        doc.line(60, fl.y - 4, doc.W - 60, fl.y - 4, 0.5)
        fl.y += 12
        doc.text(60, fl.y, title, "Times-Bold", 12)
        fl.y += 18

    def row(dates: str, lines: list[str]) -> None:
        fl.need(14 * len(lines) + 6)
        doc.text(60, fl.y, dates, "Times-Roman", 9.5)
        for i, s in enumerate(lines):
            fl.line(s, "Times-Bold" if i == 0 else "Times-Roman", 10)
        fl.space(4)

    heading(rng.choice(SECTION_NAMES["education"]))
    for d in sorted(p.degrees, key=lambda d: d.end_date):
        dates, deg, inst = _edu(rec, ctx, d)
        row(dates, [inst, deg])
    heading(rng.choice(SECTION_NAMES["training"]))
    for t in sorted(p.training, key=lambda t: t.start_date):
        dates, deg, inst = _edu(rec, ctx, t)
        row(dates, [inst, deg])
    heading(rng.choice(SECTION_NAMES["work"]))
    for j in sorted(p.jobs, key=lambda j: j.start_date):
        dates, title, emp, place = _job(rec, ctx, j)
        row(dates, [emp + (f", {place}" if place else ""), title])
        for duty in _duties(rng, 3):
            fl.para("- " + duty, "Times-Roman", 9.5)
    for title, items in _distractors(p, rng):
        heading(title)
        for it in items:
            fl.para(it, "Times-Roman", 9.5)


@template(T, "typed_plain")
def typed_plain(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Monospaced, typewriter-like CV: uppercase headings, 'MM/YYYY to MM/YYYY' dates on their own lines."""
    ctx = Ctx(rng)
    ctx.style = rng.choice(("slash", "year", "mon"))
    ctx.sep = " to " if ctx.style == "slash" else " - "
    doc.family("courier")
    fl = Flow(doc, 60, doc.W - 120, 60, on_new_page=lambda: 60)
    fl.line(rec.put("name", p.full_name(middle="initial", upper=True, credential=p.credential)), "Courier-Bold", 13)
    for s in _contact(rec, p, rng, rng.random() < 0.4):
        fl.line(s, "Courier", 9.5)
    fl.space(12)
    work_first = rng.random() < 0.5
    sections = ["work", "education"] if work_first else ["education", "work"]
    for sec in sections:
        fl.need(40)
        fl.line(rng.choice(SECTION_NAMES[sec]).upper(), "Courier-Bold", 10.5)
        fl.line("-" * 40, "Courier", 9)
        if sec == "work":
            for j in _ordered_jobs(p, rng):
                dates, title, emp, place = _job(rec, ctx, j)
                fl.need(50)
                fl.line(dates, "Courier", 9.5)
                fl.line(title, "Courier-Bold", 9.5)
                fl.line(emp + (f", {place}" if place else ""), "Courier", 9.5)
                for duty in _duties(rng, 3):
                    fl.para("  - " + duty, "Courier", 8.5)
                fl.space(6)
        else:
            for e in sorted([*p.degrees, *p.training], key=lambda e: e.end_date, reverse=True):
                dates, deg, inst = _edu(rec, ctx, e)
                fl.need(44)
                fl.line(dates, "Courier", 9.5)
                fl.line(f"{deg}, {inst}", "Courier", 9.5)
                fl.space(6)
        fl.space(8)
    for title, items in _distractors(p, rng):
        fl.need(40)
        fl.line(title.upper(), "Courier-Bold", 10.5)
        for it in items:
            fl.para("* " + it, "Courier", 8.5)
        fl.space(8)


@template(T, "grid_table")
def grid_table(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Form-like CV: ruled grids with From / To columns for training and employment."""
    ctx = Ctx(rng)
    ctx.style = rng.choice(("slash", "mon", "year"))
    ctx.city = True
    doc.family("helv")
    doc.text(40, 50, rng.choice(("Curriculum Vitae", "Practitioner Profile", "Professional Summary")), "Helvetica", 10)
    doc.text(40, 72, rec.put("name", p.full_name(middle="initial", credential=p.credential, dots=True)),
             "Helvetica-Bold", 16)
    contact = _contact(rec, p, rng, rng.random() < 0.7)
    doc.text(40, 90, "   ".join(contact), "Helvetica", 9)
    fl = Flow(doc, 40, doc.W - 80, 118, on_new_page=lambda: 60)

    def grid(title: str, heads: list[tuple[str, float]], rows: list[list[str]]) -> None:
        fl.need(60)
        fl.line(title, "Helvetica-Bold", 11, gap=1.2)
        x0 = fl.x
        doc.rect(x0, fl.y - 2, fl.w, 15, 0.4, fill=0.88)
        x = x0
        for h, w in heads:
            doc.text(x + 3, fl.y + 9, h, "Helvetica-Bold", 7.5)
            x += w
        fl.y += 15
        for row in rows:
            lines = [doc.wrap_lines(v, w - 6, "Helvetica", 8) for v, (_, w) in zip(row, heads)]
            h = 11 * max(len(ln) for ln in lines) + 5
            fl.need(h)
            x = x0
            for ln, (_, w) in zip(lines, heads):
                for i, s in enumerate(ln):
                    doc.text(x + 3, fl.y + 10 + 11 * i, s, "Helvetica", 8)
                doc.rect(x, fl.y, w, h, 0.3)
                x += w
            fl.y += h
        fl.space(16)

    def split(dates: str, current: bool) -> tuple[str, str]:
        a, _, b = dates.partition(ctx.sep)
        return a, b

    edu_rows = []
    for e in sorted([*p.degrees, *p.training], key=lambda e: e.start_date):
        dates, deg, inst = _edu(rec, ctx, e)
        a, b = split(dates, False)
        edu_rows.append([inst, deg, a, b])
    grid(rng.choice(SECTION_NAMES["education"]), [("Institution", 220), ("Degree / Program", 160), ("From", 76),
                                                  ("To", 76)], edu_rows)
    work_rows = []
    for j in _ordered_jobs(p, rng):
        dates, title, emp, place = _job(rec, ctx, j)
        a, b = split(dates, j.end_date is None)
        work_rows.append([emp, title, place, a, b])
    grid(rng.choice(SECTION_NAMES["work"]), [("Employer", 170), ("Position", 120), ("City, State", 90), ("From", 76),
                                             ("To", 76)], work_rows)
    for title, items in _distractors(p, rng)[:2]:
        fl.need(40)
        fl.line(title, "Helvetica-Bold", 11, gap=1.4)
        for it in items:
            fl.para("• " + it, "Helvetica", 8.5)
        fl.space(10)
