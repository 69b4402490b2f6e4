"""Pieces several templates share: browser print headers, date-style picks, addresses."""

from __future__ import annotations

import random
from datetime import date, timedelta

from credintake.sample_docs.data import STATE_NAMES
from credintake.sample_docs.persona import Persona
from credintake.sample_docs.render import DAY_STYLES, MONTH_STYLES, Doc, fmt_date


def day_style(rng: random.Random, choices: tuple[str, ...] = DAY_STYLES) -> str:
    return rng.choice(choices)


def month_style(rng: random.Random) -> str:
    return rng.choice(MONTH_STYLES)


def browser_frame(doc: Doc, rng: random.Random, persona: Persona, title: str, url: str) -> None:
    """Header/footer a browser adds when a web page is printed: their dates are distractors."""
    printed = persona.as_of - timedelta(days=rng.randrange(0, 20))
    hh, mm = rng.randrange(1, 13), rng.randrange(60)
    stamp = rng.choice((f"{printed.month}/{printed.day}/{printed.year % 100:02d}, {hh}:{mm:02d} {rng.choice(('AM', 'PM'))}",
                        f"{printed.month}/{printed.day}/{printed.year} {hh}:{mm:02d}:{rng.randrange(60):02d} PM"))
    doc.text(28, 22, stamp, "Helvetica", 7.5)
    doc.text(doc.W / 2, 22, title, "Helvetica", 7.5, "c")
    doc.text(28, doc.H - 18, url, "Helvetica", 7.5)
    doc.text(doc.W - 28, doc.H - 18, "1/1", "Helvetica", 7.5, "r")


def address_lines(persona: Persona) -> list[str]:
    return [persona.street, f"{persona.city}, {persona.practice_state} {persona.zip}"]


def state_name(code: str) -> str:
    return STATE_NAMES[code]


def distractor_date(rng: random.Random, persona: Persona, style: str = "mdy") -> str:
    d = persona.as_of - timedelta(days=rng.randrange(1, 400))
    return fmt_date(d, style)[0]


def board_address(rng: random.Random, state: str) -> str:
    num = rng.randrange(100, 9999)
    street = rng.choice(("Capitol Mall", "W. Broad Street", "Executive Park Drive", "State Office Building",
                         "Commerce Way", "Professional Plaza"))
    suite = rng.randrange(100, 600)
    city = {"CA": "Sacramento", "TX": "Austin", "NY": "Albany", "FL": "Tallahassee", "PA": "Harrisburg",
            "OH": "Columbus", "IL": "Springfield", "MA": "Boston", "WA": "Olympia", "GA": "Atlanta",
            "NC": "Raleigh", "MI": "Lansing", "AZ": "Phoenix", "CO": "Denver", "MN": "St. Paul",
            "VA": "Richmond", "TN": "Nashville", "OR": "Portland"}.get(state, "Capitol City")
    return f"{num} {street}, Suite {suite}, {city}, {state}"


def today_minus(persona: Persona, days: int) -> date:
    return persona.as_of - timedelta(days=days)
