"""Jobs of one work-history section read together: positions printed under one employer.

``nest``: dated positions under a dated employer line take that employer; ``inherit``: a
position printed without an employer takes the one above it; ``is_trainee`` /
``as_training``: a resident's or fellow's position listed among the jobs is postgraduate
training, which the application lists under education.
"""

from __future__ import annotations

import re

from credintake.contract import FieldValue
from credintake.extractor.cv.phrases import score

Fields = dict[str, FieldValue]

_TRAINEE = re.compile(r"(?i)(?<!research )(?<!postdoctoral )\b(?:resident|fellow)$|\bPGY-?\d")


def is_trainee(job: Fields) -> bool:
    """A postgraduate trainee's position printed as a job ("Internal Medicine Resident
    (PGY-2) | 2023 – Present", residents' CVs under "Current Position"): training. The
    title must end in resident or fellow or carry a PGY year; a research or postdoctoral
    fellow, a "Resident Counselor" and a social-work "MSW Intern" are jobs, an intern
    only counts in medicine or surgery."""
    title = job.get("title")
    if title is None:
        return False
    text = str(title.value).strip()
    if re.search(r"(?i)\bintern$", text):
        return bool(re.search(r"(?i)\b(?:medical|surgical|surgery|medicine|PGY)", text))
    return bool(_TRAINEE.search(text))


def as_training(job: Fields) -> Fields:
    """The trainee position as an education entry: the program's organisation is the
    institution, the title ("Internal Medicine Resident") names the program and its kind."""
    out = {k: job[k] for k in ("start_date", "end_date") if k in job}
    out["degree"] = job["title"]
    if "employer" in job:
        out["institution"] = job["employer"]
    return out


def nest(jobs: list[Fields]) -> list[Fields]:
    """Several dated positions under one dated employer line ("Ridgeview Medical Center
    (2017 – 2019)" over "Nurse Practitioner - Emergency Department (2017 - 2019)" and
    "Nurse Practitioner - Medical ICU (2017 - 2017)": nurse practitioners' CVs): the
    employer line is no job of its own; each position within its period takes its
    employer (the position's own organisation word is the department)."""
    out: list[Fields] = []
    k = 0
    while k < len(jobs):
        head = jobs[k]
        children = []
        for job in jobs[k + 1:]:
            if "title" not in job or not _within(job, head) or _names_employer(job):
                break
            children.append(job)
        if "title" in head or "employer" not in head or not children:
            out.append(head)
            k += 1
            continue
        for job in children:
            for key in ("employer", "city", "state"):
                if key in head:
                    job[key] = head[key].model_copy(
                        update={"confidence": round(head[key].confidence * 0.8, 3)})
        out.extend(children)
        k += 1 + len(children)
    return out


def _names_employer(job: Fields) -> bool:
    """The position names an organisation of its own ("Drake Medical Group"), not a
    department ("Emergency Department", "Medical Intensive Care")."""
    employer = job.get("employer")
    return employer is not None and score(str(employer.value)).org >= 2.0


def _within(job: Fields, head: Fields) -> bool:
    """The job's period lies inside the head's (an open head end contains any end)."""
    def value(fields: Fields, key: str) -> str | None:
        fv = fields.get(key)
        return str(fv.value) if fv is not None and fv.value else None

    start, head_start = value(job, "start_date"), value(head, "start_date")
    if start is None or head_start is None or start[:len(head_start)] < head_start:
        return False
    end, head_end = value(job, "end_date"), value(head, "end_date")
    if head_end is None:
        return True
    return end is not None and end[:len(head_end)] <= head_end


def inherit(jobs: list[Fields], blank: set[int]) -> list[Fields]:
    """Several positions under one employer heading ("Mercy Hospital" / "Chief of Staff
    2018-2020" / "Attending 2012-2018"): a position printed without an employer takes the
    one above it, with its place, at lower confidence. A position in ``blank`` (ids of
    jobs whose employer an anonymiser replaced by "Company Name") takes none."""
    previous: Fields | None = None
    for job in jobs:
        if "employer" not in job and previous is not None and "employer" in previous \
                and id(job) not in blank:
            for key in ("employer", "city", "state"):
                if key in previous and key not in job:
                    src = previous[key]
                    job[key] = src.model_copy(update={"confidence": round(src.confidence * 0.6, 3)})
        previous = job
    return jobs
