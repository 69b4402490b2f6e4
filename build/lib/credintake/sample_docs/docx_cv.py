"""Write a CV as a Word (DOCX) file from a CV label, because CVs very often arrive as Word.

``cv_docx(label, layout=..., rng=...)`` takes the label of a CV (``{"name", "email",
"phone", "npi", "entries": {"education": [...], "work_history": [...]}}``, or the
generator's ``{"fields": {...}, "entries": {...}}``) and returns DOCX bytes. Two layouts:
``"flow"`` (headings, one paragraph per entry, dates right-aligned with a tab) and
``"table"`` (each section a two- or three-column table: dates | employer/title | place),
the two shapes a DOCX reader must both handle. Dates are printed from the ISO label values
as "Jul 2015", "2015" or "Present", so the label stays the ground truth.
"""

from __future__ import annotations

import random
from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Inches, Pt

_MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EDUCATION_TITLES = ("Education", "Medical Education", "Education and Training")
WORK_TITLES = ("Professional Experience", "Work History", "Employment")


def _flat(label: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    fields = dict(label.get("fields", {}))
    for key in ("name", "email", "phone", "npi"):
        if key in label and key not in fields:
            fields[key] = label[key]
    entries = label.get("entries") or {}
    return fields, {"education": list(entries.get("education", [])),
                    "work_history": list(entries.get("work_history", []))}


def print_date(iso: str | None, current: bool = False) -> str:
    """'2015-07' -> 'Jul 2015', '2015' -> '2015', '2015-07-01' -> 'Jul 2015', None -> 'Present'."""
    if not iso:
        return "Present" if current or iso is None else ""
    parts = str(iso).split("-")
    if len(parts) >= 2:
        return f"{_MON[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def _span(entry: dict[str, Any]) -> str:
    start = print_date(entry.get("start_date")) if entry.get("start_date") else ""
    end = print_date(entry.get("end_date"), bool(entry.get("current")))
    return f"{start} - {end}" if start else end


def _place(entry: dict[str, Any]) -> str:
    return ", ".join(str(entry[k]) for k in ("city", "state") if entry.get(k))


def cv_docx(label: dict[str, Any], *, layout: str = "flow",
            rng: random.Random | None = None) -> bytes:
    """DOCX bytes of the CV described by ``label`` (see the module docstring)."""
    rng = rng or random.Random(0)
    fields, entries = _flat(label)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = rng.choice(("Calibri", "Arial", "Times New Roman"))
    style.font.size = Pt(11)
    doc.add_heading(str(fields.get("name", "")), level=0)
    contact = [str(fields[k]) for k in ("email", "phone") if fields.get(k)]
    if contact:
        doc.add_paragraph(" | ".join(contact))
    if fields.get("npi"):
        doc.add_paragraph(f"NPI: {fields['npi']}")
    sections = [(rng.choice(EDUCATION_TITLES), "education"), (rng.choice(WORK_TITLES), "work_history")]
    for title, key in sections:
        if not entries[key]:
            continue
        doc.add_heading(title, level=1)
        if layout == "table":
            _table_section(doc, key, entries[key])
        else:
            _flow_section(doc, key, entries[key])
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _flow_section(doc: Any, key: str, items: list[dict[str, Any]]) -> None:
    for entry in items:
        if key == "education":
            head, sub = str(entry.get("institution", "")), str(entry.get("degree", ""))
        else:
            head = str(entry.get("employer", ""))
            sub = ", ".join(x for x in (str(entry.get("title", "")), _place(entry)) if x)
        para = doc.add_paragraph()
        para.paragraph_format.tab_stops.add_tab_stop(Inches(6.0), WD_TAB_ALIGNMENT.RIGHT)
        para.add_run(head).bold = True
        para.add_run("\t" + _span(entry))
        if sub:
            doc.add_paragraph(sub)


def _table_section(doc: Any, key: str, items: list[dict[str, Any]]) -> None:
    table = doc.add_table(rows=0, cols=3 if key == "work_history" else 2)
    for entry in items:
        cells = table.add_row().cells
        cells[0].text = _span(entry)
        if key == "education":
            cells[1].text = str(entry.get("institution", ""))
            if entry.get("degree"):
                cells[1].add_paragraph(str(entry["degree"]))
        else:
            cells[1].text = str(entry.get("employer", ""))
            if entry.get("title"):
                cells[1].add_paragraph(str(entry["title"]))
            cells[2].text = _place(entry)
