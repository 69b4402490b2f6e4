"""Shared pickers for the training-text recipes: people, places, dates, employers, noise.

Names come from Faker in several locales (real credentialing packets arrive from nurses
and physicians trained worldwide); institutions reuse the sample-docs reference tables.
Every picker takes the recipe's ``random.Random`` so a seed reproduces the training set.
"""

from __future__ import annotations

import random
from datetime import date
from functools import lru_cache

from faker import Faker

from credintake.sample_docs import data

LOCALES = ("en_US", "en_US", "en_US", "en_CA", "en_GB", "en_IN", "en_PH", "es_MX", "en_AU", "en_NZ")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
OVERSEAS = (("Lahore", "Punjab", "Pakistan"), ("Karachi", "Sindh", "Pakistan"),
            ("Manila", "Metro Manila", "Philippines"), ("Cebu City", "Cebu", "Philippines"),
            ("Mumbai", "Maharashtra", "India"), ("Kochi", "Kerala", "India"),
            ("Lagos", "Lagos State", "Nigeria"), ("Nairobi", "Nairobi County", "Kenya"),
            ("Accra", "Greater Accra", "Ghana"), ("Kingston", "Surrey", "Jamaica"),
            ("Toronto", "ON", "Canada"), ("Hamilton", "ON", "Canada"), ("Vancouver", "BC", "Canada"),
            ("Manchester", "Greater Manchester", "United Kingdom"), ("Dublin", "Leinster", "Ireland"),
            ("Brisbane", "QLD", "Australia"), ("Cairo", "Cairo", "Egypt"), ("Amman", "Amman", "Jordan"))


@lru_cache(maxsize=None)
def _faker(locale: str) -> Faker:
    return Faker(locale)


def person(rng: random.Random, upper: bool = False) -> str:
    """An invented full name from one of several locales."""
    fk = _faker(rng.choice(LOCALES))
    fk.seed_instance(rng.randrange(1 << 30))
    name = f"{fk.first_name()} {fk.last_name()}"
    if rng.random() < 0.2:
        name = f"{fk.first_name()} {fk.first_name()[0]}. {fk.last_name()}"
    return name.upper() if upper else name


def us_place(rng: random.Random) -> tuple[str, str]:
    state = rng.choice(sorted(data.CITIES))
    return rng.choice(data.CITIES[state][0]), state


def place(rng: random.Random) -> str:
    """A city and state or province as printed on a letterhead, US or abroad."""
    if rng.random() < 0.7:
        city, state = us_place(rng)
        return f"{city}, {state}"
    city, region, country = rng.choice(OVERSEAS)
    return rng.choice((f"{city}, {region}", f"{city}, {country}", f"{city}"))


def street(rng: random.Random) -> str:
    number = rng.randrange(10, 9999)
    name = rng.choice(("Main", "Oak", "Park", "Lake", "Hospital", "College", "Mill", "Elm"))
    return f"{number} {name} {rng.choice(('St', 'Street', 'Ave', 'Avenue', 'Blvd', 'Road', 'Dr', 'Way'))}"


def phone(rng: random.Random) -> str:
    a, b, c = rng.randrange(200, 999), rng.randrange(200, 999), rng.randrange(10000)
    return rng.choice((f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}", f"{a}.{b}.{c:04d}", f"+1 {a} {b} {c:04d}"))


def email(rng: random.Random, name: str) -> str:
    parts = [p.lower().strip(".") for p in name.split() if p.strip(".")]
    return f"{parts[0]}.{parts[-1]}{rng.randrange(100) if rng.random() < 0.4 else ''}@" \
           f"{rng.choice(('gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com'))}"


def day(rng: random.Random, start_year: int = 1995, end_year: int = 2026) -> date:
    """A date between the years; never past the 28th, so adding years to it stays valid."""
    return date(rng.randint(start_year, end_year), rng.randint(1, 12), rng.randint(1, 28))


def fmt(d: date, rng: random.Random) -> str:
    """A date in one of the many ways paper prints one."""
    style = rng.randrange(9)
    return (f"{d.month:02d}/{d.day:02d}/{d.year}", f"{d.month}/{d.day}/{d.year}", d.isoformat(),
            f"{MONTHS[d.month - 1]} {d.day}, {d.year}", f"{d.day} {MONTHS[d.month - 1]} {d.year}",
            f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}", f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}",
            f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}")[style]


def month_year(d: date, rng: random.Random) -> str:
    style = rng.randrange(5)
    return (f"{d.month:02d}/{d.year}", f"{MONTHS[d.month - 1]} {d.year}", f"{MONTHS[d.month - 1][:3]} {d.year}",
            f"{d.year}", f"{d.month}/{d.year}")[style]


def employer(rng: random.Random) -> str:
    city, _ = us_place(rng)
    pattern = rng.choice(data.EMPLOYER_PATTERNS + (
        "{city} Nursing and Rehabilitation Center", "{name} Home Health Care", "{city} Senior Living",
        "{name} Dialysis Center", "{city} Children's Hospital", "{name} Behavioral Health",
        "{city} Surgery Center", "{name} Pharmacy", "{city} County Health Department", "{name} Staffing"))
    fk = _faker("en_US")
    fk.seed_instance(rng.randrange(1 << 30))
    return pattern.format(city=city, name=fk.last_name(), saint=rng.choice(data.SAINTS))


def signature_block(rng: random.Random) -> list[str]:
    """A signer and a role, as printed under a signature on certificates and letters
    (instructors sign course certificates of every kind, not only resuscitation cards)."""
    return [person(rng), rng.choice(("Director", "Registrar", "Program Coordinator", "Administrator",
                                     "Chairperson", "Controller of Examinations", "Principal",
                                     "Director of Education", "Nurse Manager", "Human Resources",
                                     "Instructor", "Course Instructor", "Lead Instructor"))]


def ocr(text: str, rng: random.Random) -> str:
    """Scanner debris: stray symbol lines, broken words, merged spaces, as a poor scan reads."""
    lines = []
    for line in text.split("\n"):
        if rng.random() < 0.12:
            lines.append(rng.choice(("®", "o", "%.", "&", "|", "—/", "‘:", "ft.", "4", "ee", "~~", "i")))
        if rng.random() < 0.15 and " " in line:
            line = line.replace(" ", "", 1)
        lines.append(line)
    return "\n".join(lines)
