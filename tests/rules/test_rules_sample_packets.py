"""The engine on the sample_docs generator's packets, with perfect extraction (labels).

The labels are what each document prints, the persona is the truth, application.json is
what was typed (formats differ on purpose: month-year vs full dates, phone formats,
last-first names, credentials after names). An independent, deliberately simple oracle
computes the expiration / coverage / attestation findings from the labels; the engine must
agree, must raise nothing on identity or identifiers, and must find exactly the typing
mistakes the generator seeded into application.json (``application_discrepancies``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from credintake.contract import Application, Document, FieldValue, Finding
from credintake.rules import evaluate
from credintake.rules.names import parse_name
from credintake.sample_docs.generate import COMMITTED_DIR, generate_batch
from credintake.settings import RuleSettings

EXPIRING = {"state_license", "dea_registration", "board_certification",
            "malpractice_insurance", "life_support_card"}
APP_SECTIONS = ("licenses", "dea", "board_certifications", "malpractice_insurance", "life_support")
NEVER = {"identity.name_mismatch", "identifier.invalid_npi", "identifier.invalid_dea",
         "document.unreadable", "document.unclassified"}


def documents_from_label(label: dict[str, Any]) -> list[Document]:
    out = []
    for d in label["documents"]:
        raw, page = d.get("raw", {}), d["pages"][0]
        fields = {k: FieldValue(value=v, confidence=0.95, file=d["file"], page=page,
                                raw=str(raw.get(k, v))) for k, v in d["fields"].items()}
        entries = None
        if "entries" in d:
            entries = {name: [{k: FieldValue(value=v, confidence=0.9, file=d["file"], page=page)
                               for k, v in line.items()} for line in lines]
                       for name, lines in d["entries"].items()}
        out.append(Document(file=d["file"], sha256="0" * 64, pages=d["pages"],
                            doc_type=d["doc_type"], doc_type_confidence=0.9, fields=fields,
                            entries=entries))
    return out


def _last_day(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def oracle(label: dict[str, Any], app: dict[str, Any] | None) -> set[tuple[str, Any]]:
    as_of = dt.date.fromisoformat(label["as_of"])
    expect: set[tuple[str, Any]] = set()
    dates = [d["fields"]["expiration_date"] for d in label["documents"]
             if d["doc_type"] in EXPIRING and "expiration_date" in d["fields"]]
    typed_wrong = {(d["field"], d["application_value"]) for d in shown_discrepancies(label)}
    for section in APP_SECTIONS:
        dates += [e["expiration_date"] for e in (app or {}).get(section) or []
                  if e.get("expiration_date")
                  and (f"{section}.expiration_date", e["expiration_date"]) not in typed_wrong]
    for value in dates:
        days = (_last_day(value) - as_of).days
        if days < 0:
            expect.add(("expiration.expired", _last_day(value)))
        elif days <= 90:
            expect.add(("expiration.expiring_soon", _last_day(value)))
    policies = [d["fields"] for d in label["documents"] if d["doc_type"] == "malpractice_insurance"]
    policies += (app or {}).get("malpractice_insurance") or []
    for p in policies:
        if p.get("per_claim_limit") is not None and p["per_claim_limit"] < 1_000_000:
            expect.add(("malpractice.insufficient_coverage", p["per_claim_limit"]))
        if p.get("aggregate_limit") is not None and p["aggregate_limit"] < 3_000_000:
            expect.add(("malpractice.insufficient_coverage", p["aggregate_limit"]))
    signed = ((app or {}).get("attestation") or {}).get("signed_date")
    if signed and (as_of - _last_day(signed)).days > 180:
        expect.add(("attestation.stale", (as_of - _last_day(signed)).days))
    return expect


SECTION_DOC = {"licenses": "state_license", "dea": "dea_registration",
               "board_certifications": "board_certification",
               "malpractice_insurance": "malpractice_insurance", "life_support": "life_support_card",
               "work_history": "cv"}


def shown_discrepancies(label: dict[str, Any]) -> list[dict[str, Any]]:
    """The seeded typing mistakes a document in the packet can reveal (the generator
    seeds them whether or not the packet holds the document)."""
    out = []
    for d in label.get("application_discrepancies", []):
        section, name = d["field"].split(".", 1)
        for doc in label["documents"]:
            if doc["doc_type"] != SECTION_DOC.get(section):
                continue
            lines = doc.get("entries", {}).get(section, []) if section == "work_history" else [doc["fields"]]
            if any(name in line for line in lines):
                out.append(d)
                break
    return out


def observed(findings: list[Finding]) -> set[tuple[str, Any]]:
    out: set[tuple[str, Any]] = set()
    for f in findings:
        if f.rule.startswith("expiration.") and f.evidence.get("expiration_date"):
            out.add((f.rule, _last_day(f.evidence["expiration_date"])))
        elif f.rule == "malpractice.insufficient_coverage":
            out.add((f.rule, f.evidence.get("per_claim_limit", f.evidence.get("aggregate_limit"))))
        elif f.rule == "attestation.stale":
            out.add((f.rule, f.evidence["days"]))
    return out


def _packets(root: Path) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    out = []
    for path in sorted((root / "labels").glob("*.json")):
        label = json.loads(path.read_text())
        app_path = root / "packets" / label["packet_id"] / "application.json"
        out.append((label, json.loads(app_path.read_text()) if app_path.exists() else None))
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("packets")
    generate_batch(77, 12, root)
    return root


def _untold_former_name(f: Finding, label: dict[str, Any], app: dict[str, Any] | None) -> bool:
    """A document in a true former name the application does not list: a right finding."""
    if f.rule != "identity.name_mismatch" or f.evidence.get("reason") != "probable former name":
        return False
    truth = [n.split()[-1].lower() for n in label["profile"]["provider"].get("other_names") or []]
    typed = [n.split()[-1].lower() for n in ((app or {}).get("provider") or {}).get("other_names") or []]
    last = parse_name(f.evidence["document_name"]).last.lower()
    return last in truth and last not in typed


def check_packet(label: dict[str, Any], app: dict[str, Any] | None) -> None:
    """Assert the engine's findings on one labelled packet."""
    # The self-insurance letter prints the employer's trust as carrier while the persona
    # (and so application.json) keeps the commercial carrier: a real disagreement between
    # the two, which the engine rightly reports.
    odd = {("malpractice_insurance.carrier", d["file"]) for d in label["documents"]
           if d.get("template") == "malpractice_insurance/self_insurance_letter"}
    application = Application.model_validate(app) if app else None
    ev = evaluate(documents_from_label(label), application, [],
                  as_of=dt.date.fromisoformat(label["as_of"]), settings=RuleSettings())
    pid = label["packet_id"]
    never = [f.message for f in ev.findings if f.rule in NEVER
             and not _untold_former_name(f, label, app)]
    assert not never, (pid, never)
    assert observed(ev.findings) == oracle(label, app), pid
    # the generator's seeded typing mistakes, and nothing else, are mismatches
    seeded = {(d["field"], d["application_value"]) for d in shown_discrepancies(label)}
    mismatches = {(r.field, r.application_value) for r in ev.reconciliation
                  if r.status == "mismatch" and (r.field, r.source.file) not in odd}
    assert mismatches == seeded, pid
    flagged = {(f.field, f.evidence["application_value"]) for f in ev.findings
               if f.rule == "reconciliation.mismatch" and (f.field, f.evidence["file"]) not in odd}
    assert flagged == seeded, pid


def _check(root: Path) -> int:
    packets = _packets(root)
    for label, app in packets:
        check_packet(label, app)
    return len(packets)


def test_committed_packets() -> None:
    assert _check(COMMITTED_DIR) == 6


def test_generated_packets(generated: Path) -> None:
    assert _check(generated) == 12
