"""Tiny test packets, made from code (reportlab PDFs + an application.json).

Uses the project's sample generator (``credintake.sample_docs``) when it imports; otherwise
writes a two-document packet whose text layer the pipeline reads without OCR, so the API
tests stay fast. Names and numbers here are invented.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas


def pdf_bytes(lines: list[str], pages: int = 1) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=True)
    for p in range(pages):
        y = 720
        for line in lines:
            c.drawString(72, y, line)
            y -= 18
        c.drawString(72, 60, f"Page {p + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


LICENSE = ["STATE OF CALIFORNIA", "MEDICAL BOARD OF CALIFORNIA",
           "PHYSICIAN AND SURGEON LICENSE", "This certifies that",
           "QUENTIN R TESTWELL, MD", "License Number: A123456",
           "Issue Date: 01/15/2020", "Expiration Date: 01/31/2027", "Status: ACTIVE"]

BLS = ["AMERICAN HEART ASSOCIATION", "BLS Provider", "Basic Life Support",
       "QUENTIN R TESTWELL", "Issue Date: 03/01/2025", "Recommended Renewal Date: 03/31/2027"]

APPLICATION = {"application_id": "APP-TEST-1",
               "provider": {"first_name": "Quentin", "middle_name": "R", "last_name": "Testwell",
                            "profession": "MD", "npi": "1234567893"},
               "licenses": [{"license_number": "A123456", "issuing_state": "CA"}],
               "attestation": {"signed_date": "2026-10-01"}}


def make_packet(root: Path, name: str = "pkt-test", *, variant: int = 0,
                application: bool = True) -> Path:
    """Write ``root/<name>/`` with two PDFs (and application.json); ``variant`` changes the
    bytes so that several packets are distinct."""
    d = root / name
    d.mkdir(parents=True, exist_ok=True)
    (d / "license.pdf").write_bytes(pdf_bytes(LICENSE + [f"Ref {variant}"]))
    (d / "bls_card.pdf").write_bytes(pdf_bytes(BLS + [f"Ref {variant}"]))
    if application:
        (d / "application.json").write_text(json.dumps(APPLICATION))
    return d


def zip_dir(src: Path, dest: Path, *, prefix: str | None = None) -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(src.rglob("*")):
            if f.is_file():
                arc = f.relative_to(src).as_posix()
                zf.write(f, f"{prefix}/{arc}" if prefix else arc)
    return dest
