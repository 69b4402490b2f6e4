"""Resumes of the whole care workforce, not only physician CVs (label ``cv``).

Serves one- and two-page resumes from resume builders and job boards (anonymised
"Company Name / City , State" exports), student resumes and plain typed CVs: section
names, date-range styles and entry layouts vary, so the model learns what a resume is
rather than what our CV templates look like.
"""

from __future__ import annotations

import random

from credintake.models.training_texts.vocab import day, email, employer, month_year, person, phone, place

ROLES: dict[str, tuple[str, ...]] = {
    "Registered Nurse": ("Administered medications and IV therapy to assigned patients",
                         "Assessed patients and documented care plans in the EMR",
                         "Coordinated discharge planning with case management",
                         "Precepted new graduate nurses on the medical-surgical unit",
                         "Monitored telemetry and responded to rapid response calls"),
    "Licensed Practical Nurse": ("Provided wound care and medication passes for 30 residents",
                                 "Recorded vital signs and reported changes in condition",
                                 "Supervised certified nursing assistants on the day shift"),
    "Certified Nursing Assistant": ("Assisted residents with bathing, dressing and feeding",
                                    "Took vital signs and recorded intake and output",
                                    "Turned and repositioned patients to prevent pressure injuries",
                                    "Answered call lights and kept rooms clean and safe"),
    "Respiratory Therapist": ("Managed ventilators and BiPAP in the intensive care unit",
                              "Performed arterial blood gas draws and analysis",
                              "Delivered nebulizer treatments and airway clearance"),
    "Medical Assistant": ("Roomed patients and recorded histories and vital signs",
                          "Scheduled appointments and verified insurance eligibility",
                          "Performed phlebotomy, EKGs and point-of-care testing"),
    "Surgical Technician": ("Prepared sterile fields and instruments for surgical procedures",
                            "Anticipated surgeon needs during orthopedic and general cases"),
    "Pharmacy Technician": ("Filled prescriptions and processed insurance claims",
                            "Maintained inventory and controlled substance counts"),
    "Radiologic Technologist": ("Performed diagnostic x-ray and CT examinations",
                                "Ensured radiation safety for patients and staff"),
    "Medical Technician": ("Collected specimens and ran laboratory analyzers",
                           "Performed quality control and calibration of lab equipment"),
    "Physical Therapist": ("Evaluated patients and designed individualized treatment plans",
                           "Provided gait training and therapeutic exercise after surgery"),
    "Occupational Therapist": ("Assessed activities of daily living and recommended adaptive equipment",
                               "Led cognitive rehabilitation groups for stroke patients"),
    "Licensed Clinical Social Worker": ("Provided individual and family counseling",
                                        "Completed psychosocial assessments and discharge referrals"),
    "Psychotherapist": ("Delivered cognitive behavioral therapy to adults and adolescents",
                        "Maintained clinical documentation and treatment plans"),
    "Home Health Aide": ("Assisted clients with personal care in their homes",
                         "Prepared meals and reminded clients to take medications"),
    "Paramedic": ("Responded to 911 calls and provided advanced life support",
                  "Completed patient care reports and transferred care in the emergency department"),
    "Dental Hygienist": ("Performed prophylaxis, scaling and root planing",
                         "Took radiographs and educated patients on oral hygiene"),
    "Unit Secretary": ("Transcribed physician orders and managed unit census",
                       "Answered phones and coordinated transport"),
    "Nurse Manager": ("Managed a staff of 45 nurses and a budget of $3 million",
                      "Led quality improvement projects that reduced falls by 20%"),
    "Health Services Manager": ("Oversaw daily clinic operations and staffing",
                                "Prepared reports for Joint Commission surveys"),
    "Patient Care Technician": ("Performed EKGs, blood draws and bedside glucose checks",
                                "Assisted nurses with admissions and patient transfers"),
    "Staff Physician": ("Provided inpatient care for up to 20 patients daily",
                        "Supervised residents and medical students on rounds"),
    "Nurse Practitioner": ("Diagnosed and treated acute and chronic conditions",
                           "Prescribed medications and ordered diagnostic tests"),
    "Administrative Assistant": ("Managed multi-line phones, billing and scheduling",
                                 "Maintained medical records and supply inventory"),
}
VERBS = ("Managed", "Coordinated", "Performed", "Assisted with", "Maintained", "Provided", "Supervised",
         "Trained staff on",
         "Documented", "Implemented", "Developed", "Monitored", "Collaborated on", "Streamlined", "Oversaw", "Handled")
OBJECTS = ("patient admissions and discharges", "daily scheduling for a busy clinic", "electronic health records",
           "infection control audits", "medication reconciliation", "billing and insurance verification",
           "care plans for residents", "quality improvement initiatives", "inventory and supply ordering",
           "client intake and assessments", "staff orientation and competency checks", "family education sessions",
           "compliance with state and federal regulations", "data entry and recordkeeping",
           "team huddles and shift reports")
LETTER_SUMMARY = ("I would welcome the chance to contribute to your organization.",
                  "My background combines patient care with administrative support.",
                  "Thank you for considering my application.", "I am confident my skills will benefit your team.",
                  "Sincerely,")
SECTIONS = {
    "summary": ("Summary", "Professional Summary", "Career Overview", "Profile", "Objective",
                "Career Objective", "Professional Profile", "Executive Profile", "About Me"),
    "skills": ("Skills", "Core Qualifications", "Highlights", "Key Skills", "Areas of Expertise",
               "Skill Highlights", "Technical Skills", "Competencies"),
    "work": ("Experience", "Professional Experience", "Work History", "Employment History",
             "Work Experience", "Clinical Experience", "Relevant Experience", "Employment"),
    "education": ("Education", "Education and Training", "Academic Background", "Education & Credentials"),
    "licenses": ("Licenses", "Certifications", "Licenses and Certifications", "Credentials"),
    "extra": ("Accomplishments", "Affiliations", "Volunteer Experience", "Languages", "Interests",
              "Awards", "Additional Information", "References"),
}
SKILLS = ("Patient assessment", "Medication administration", "IV therapy", "Wound care", "EMR / Epic",
          "Cerner", "Meditech", "Infection control", "Phlebotomy", "Vital signs", "Patient education",
          "Care planning", "Team leadership", "Time management", "HIPAA compliance", "Bilingual Spanish",
          "Telemetry", "Critical thinking", "Customer service", "Microsoft Office", "Scheduling",
          "Catheter insertion", "Ventilator management", "Case management", "Crisis intervention",
          "CPR certified", "Compassionate care", "Detail oriented", "Medical terminology")
SUMMARY = ("Dedicated {role} with {n} years of experience in {setting}.",
           "Compassionate and reliable {role} seeking a position in {setting}.",
           "Results-oriented professional with a background in {setting} and strong clinical skills.",
           "Hardworking {role} committed to safe, patient-centered care.",
           "Nursing student eager to apply clinical rotation experience in {setting}.",
           "Seeking a challenging role where I can grow as a {role}.")
SETTINGS = ("acute care", "long-term care", "home health", "emergency medicine", "behavioral health",
            "pediatrics", "critical care", "outpatient clinics", "rehabilitation", "skilled nursing facilities")
SCHOOLS = ("Community College", "College of Nursing", "Technical College", "University", "Career Institute",
           "School of Health Sciences", "Medical Career College")
DEGREES = ("Associate of Applied Science", "Associate Degree in Nursing", "Bachelor of Science in Nursing",
           "Practical Nursing Diploma", "Certificate", "Bachelor of Science", "Master of Social Work",
           "Master of Science in Nursing", "High School Diploma", "Nurse Aide Certificate",
           "Doctor of Physical Therapy", "Associate of Science: Respiratory Therapy",
           "Diploma in General Nursing", "Diploma in Midwifery", "Bachelor of Nursing (Honours)",
           "Higher Secondary Certificate", "Diploma of Nursing", "Post Basic B.Sc. Nursing")
LICENSES = ("Registered Nurse, State of {st}", "Licensed Practical Nurse - {st}", "BLS - American Heart Association",
            "CNA, {st} Nurse Aide Registry", "ACLS certified", "PALS", "Registered Respiratory Therapist (RRT)",
            "CPR / First Aid", "Certified Medical Assistant (CMA)", "LCSW, {st}")


def _range(rng: random.Random) -> str:
    """A date range in one of the resume styles: "10/2016 to Current", "2017 - 2019"."""
    start = day(rng, 1990, 2024)
    end = day(rng, start.year, 2026) if rng.random() < 0.7 else None
    a = month_year(start, rng)
    if end is None:
        b = rng.choice(("Current", "Present", "present", "current", "Now"))
    else:
        b = month_year(end, rng) if not a.isdigit() else str(end.year)
    sep = rng.choice((" to ", " - ", " – ", "-", " — "))
    return a + sep + b


def _employer(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.4:
        return "Company Name", rng.choice(("City , State", "City , State", "City"))
    return employer(rng), place(rng)


def _job(rng: random.Random, role: str) -> list[str]:
    dates = _range(rng)
    org, where = _employer(rng)
    title = role if rng.random() < 0.7 else rng.choice(list(ROLES))
    glue = rng.choice((" - ", " ", " ï¼\u200b ", " â€“ ", ", "))
    layouts = ([f"{org}{glue}{title} {where} {dates}"], [f"{title} {dates}", f"{org}{glue}{where}"],
               [f"{dates}", f"{title}", f"{org}{glue}{where}"], [f"{org} {dates} {title}", where],
               [f"{title}, {org}", f"{where} | {dates}"], [f"{title.upper()}", f"{org}{glue}{where}", dates])
    lines = list(rng.choice(layouts))
    duties = list(ROLES.get(title, ROLES[role]))
    duties += [f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}" for _ in range(rng.randrange(0, 4))]
    lines += [rng.choice(("", "• ", "- ", "* ")) + d for d in rng.sample(duties, rng.randrange(1, len(duties) + 1))]
    return lines


def _education(rng: random.Random, st: str) -> list[str]:
    school = f"{place(rng).split(',')[0]} {rng.choice(SCHOOLS)}"
    degree = rng.choice(DEGREES)
    year = str(day(rng, 1985, 2026).year)
    return rng.choice(([f"{degree} : {rng.choice(('Nursing', 'Health Science', 'Psychology', 'Biology'))} , {year}",
                        f"{school} {rng.choice(('City , State', place(rng)))}"],
                       [f"{school}, {place(rng)}", f"{degree}, {year}"],
                       [f"{year} {degree}", school],
                       [f"{degree} Expected in {rng.choice(('May', 'December'))} {year}", school, "GPA: 3.6"]))


def resume(rng: random.Random, role: str | None = None) -> list[str]:
    """A resume of one or two pages; the second carries no name or heading of its own."""
    role = role or rng.choice(list(ROLES))
    st = rng.choice(("TX", "CA", "FL", "NY", "OH", "GA", "IL", "PA", "NC", "MI"))
    lines: list[str] = []
    if rng.random() < 0.55:
        name = person(rng, upper=rng.random() < 0.5)
        lines += [name, rng.choice((f"{place(rng)} | {phone(rng)} | {email(rng, name)}",
                                    f"{email(rng, name)}", f"{phone(rng)}", f"{place(rng)}"))]
    lines.append(role.upper() if rng.random() < 0.5 else role)
    order = ["summary", "skills", "work", "education", "licenses", "extra"]
    head = order[:2]
    rng.shuffle(head)
    tail = order[3:]
    rng.shuffle(tail)
    for section in head + ["work"] + tail:
        if section != "work" and rng.random() < 0.2:
            continue
        heading = rng.choice(SECTIONS[section])
        lines.append(heading.upper() if rng.random() < 0.4 else heading)
        lines += _section(section, rng, role, st)
    return _pages(lines, rng)


def _section(section: str, rng: random.Random, role: str, st: str) -> list[str]:
    if section == "summary" and rng.random() < 0.15:
        return [" ".join(rng.sample(LETTER_SUMMARY, 3))]
    if section == "summary":
        return [" ".join(rng.choice(SUMMARY).format(role=role.lower(), n=rng.randrange(1, 25),
                                                    setting=rng.choice(SETTINGS)) for _ in range(rng.randrange(1, 4)))]
    if section == "skills":
        picks = rng.sample(SKILLS, rng.randrange(4, 12))
        per = rng.choice((1, 2, 3))
        return [" ".join(picks[i:i + per]) for i in range(0, len(picks), per)]
    if section == "work":
        return [line for _ in range(rng.randrange(1, 6)) for line in _job(rng, role)]
    if section == "education":
        # nurses trained abroad or by stages list three or four diplomas: still a resume
        return [line for _ in range(rng.randrange(1, 5)) for line in _education(rng, st)]
    if section == "licenses":
        return [rng.choice(LICENSES).format(st=st) for _ in range(rng.randrange(1, 4))]
    return [rng.choice(("Member, American Nurses Association", "Fluent in English and Spanish",
                        "Employee of the Month, 2019", "Volunteer, local food bank",
                        "References available upon request", "Dean's List"))
            for _ in range(rng.randrange(1, 3))]


def _pages(lines: list[str], rng: random.Random) -> list[str]:
    if len(lines) < 24 or rng.random() < 0.4:
        return ["\n".join(lines)]
    cut = rng.randrange(len(lines) // 3, 2 * len(lines) // 3)
    return ["\n".join(lines[:cut]), "\n".join(lines[cut:])]
