"""evaluate() end to end: precision on look-alikes, one finding per broken thing, and
every output validating against the contract."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credintake.contract import (DOC_TYPE_FIELDS, Application, Document, FieldValue, Finding,
                                 GapExplanation, Result, WorkHistory)
from credintake.problems import Problem
from credintake.rules import Evaluation, evaluate
from credintake.settings import RuleSettings
from rules_factories import AS_OF, clean_packet, doc, rules_fired, run

SEEDS = range(25)


@pytest.mark.parametrize("seed", SEEDS)
def test_clean_packets_have_zero_findings(seed: int) -> None:
    """Nicknames, US vs ISO dates, initials, abbreviations, maiden names: all look-alikes."""
    packet = clean_packet(random.Random(seed))
    ev = run(packet.documents, packet.application)
    assert [(f.rule, f.message) for f in ev.findings] == []
    assert not [r for r in ev.reconciliation if r.status == "mismatch"]


def _break(packet, what: str):
    docs, app = list(packet.documents), packet.application
    if what == "expired_license":
        i = next(i for i, d in enumerate(docs) if d.doc_type == "state_license")
        fields = dict(docs[i].fields)
        fields["expiration_date"] = fields["expiration_date"].model_copy(update={"value": "2026-03-31"})
        docs[i] = docs[i].model_copy(update={"fields": fields})
        app = app.model_copy(update={"licenses": [app.licenses[0].model_copy(
            update={"expiration_date": "2026-03-31"})]})
    elif what == "license_typo":
        lic = app.licenses[0]
        num = lic.license_number
        app = app.model_copy(update={"licenses": [lic.model_copy(
            update={"license_number": num[:-2] + num[-1] + num[-2]
                    if num[-1] != num[-2] else num[:-1] + str((int(num[-1]) + 1) % 10)})]})
    elif what == "gap":
        work = [w.model_copy() for w in app.work_history]
        work[1] = work[1].model_copy(update={"start_date": f"{AS_OF.year - 2}-01-01"})
        app = app.model_copy(update={"work_history": work})
        docs = [d for d in docs if d.doc_type != "cv"] + [
            d.model_copy(update={"entries": {**d.entries, "work_history": [
                d.entries["work_history"][0],
                {**d.entries["work_history"][1],
                 "start_date": FieldValue(value=f"{AS_OF.year - 2}-01", confidence=0.9,
                                          file="cv.docx", page=1)}]}})
            for d in docs if d.doc_type == "cv"]
    elif what == "someone_else":
        i = next(i for i, d in enumerate(docs) if d.doc_type == "diploma")
        fields = dict(docs[i].fields)
        fields["holder_name"] = fields["holder_name"].model_copy(update={"value": "Zelda Q. Xavier"})
        docs[i] = docs[i].model_copy(update={"fields": fields})
    elif what == "stale":
        app = app.model_copy(update={"attestation": app.attestation.model_copy(
            update={"signed_date": "2025-01-01"})})
    elif what == "low_coverage":
        i = next(i for i, d in enumerate(docs) if d.doc_type == "malpractice_insurance")
        fields = dict(docs[i].fields)
        fields["per_claim_limit"] = fields["per_claim_limit"].model_copy(update={"value": 500_000})
        docs[i] = docs[i].model_copy(update={"fields": fields})
        mal = app.malpractice_insurance[0].model_copy(update={"per_claim_limit": 500_000})
        app = app.model_copy(update={"malpractice_insurance": [mal]})
    elif what == "no_diploma":
        docs = [d for d in docs if d.doc_type != "diploma"]
    return docs, app


@pytest.mark.parametrize("what, expected", [
    ("expired_license", ["expiration.expired"]),
    ("license_typo", ["reconciliation.mismatch"]),
    ("gap", ["work_history.gap"]),
    ("someone_else", ["identity.name_mismatch"]),
    ("stale", ["attestation.stale"]),
    ("low_coverage", ["malpractice.insufficient_coverage"]),
    ("no_diploma", ["completeness.missing_document"]),
])
@pytest.mark.parametrize("seed", range(4))
def test_one_broken_thing_one_finding(what: str, expected: list[str], seed: int) -> None:
    packet = clean_packet(random.Random(seed))
    docs, app = _break(packet, what)
    assert rules_fired(run(docs, app)) == expected


def test_explained_gap_is_silent() -> None:
    packet = clean_packet(random.Random(5))
    docs, app = _break(packet, "gap")
    assert rules_fired(run(docs, app)) == ["work_history.gap"]
    start = f"{AS_OF.year - 3}-05"
    app = app.model_copy(update={"gap_explanations": [GapExplanation(
        start_date=start, end_date=f"{AS_OF.year - 2}-01", reason="Sabbatical abroad")]})
    assert rules_fired(run(docs, app)) == []


def _result(ev: Evaluation, documents: list[Document]) -> dict:
    return Result(packet_id="p1", as_of=AS_OF.isoformat(), service_version="test",
                  documents=documents, profile=ev.profile, reconciliation=ev.reconciliation,
                  findings=ev.findings).to_json_dict()


def test_findings_and_result_validate_against_the_contract(schema_validator) -> None:
    rng = random.Random(11)
    for what in ("expired_license", "license_typo", "gap", "someone_else", "stale",
                 "low_coverage", "no_diploma"):
        packet = clean_packet(rng)
        docs, app = _break(packet, what)
        problems = [Problem("unreadable", "fax.tif", "page is blank", 2),
                    Problem("unclassified", "x.pdf", "no type above threshold")]
        ev = run(docs, app, problems=problems)
        assert len(ev.findings) >= 3
        for f in ev.findings:
            Finding.model_validate(f.model_dump())
            assert "[" not in (f.field or ""), "field paths carry no indexes"
            assert f.message.endswith(".") and ":" in f.message
        schema_validator("result.schema.json", _result(ev, docs))


def test_every_finding_cites_a_file() -> None:
    packet = clean_packet(random.Random(4))
    for what in ("expired_license", "license_typo", "someone_else", "low_coverage"):
        docs, app = _break(packet, what)
        for f in run(docs, app).findings:
            assert f.evidence.get("file"), f
            assert str(f.evidence["file"]) in f.message, f.message


def test_findings_are_sorted_errors_first() -> None:
    ev = run([doc("state_license", "l.pdf", license_number="A1", expiration_date="2027-01-10")])
    severities = [f.severity for f in ev.findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert "warning" in severities and "error" in severities


# --- robustness: whatever the extractor hands over, evaluate() answers ------------------

_values = st.one_of(st.none(), st.booleans(), st.integers(-5, 5_000_000),
                    st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=20), st.sampled_from(["2027-03", "03/31/2027", "BB1388568",
                                                           "JANE A DOE, MD", "$1M", "CA"]))


@st.composite
def documents(draw) -> list[Document]:
    out = []
    for i in range(draw(st.integers(0, 5))):
        doc_type = draw(st.sampled_from(list(DOC_TYPE_FIELDS)))
        names = draw(st.lists(st.sampled_from(list(DOC_TYPE_FIELDS[doc_type]) or ["x"]),
                              max_size=6, unique=True))
        fields = {n: FieldValue(value=draw(_values), confidence=draw(st.floats(0, 1)),
                                file=f"f{i}.pdf", page=1) for n in names}
        entries = None
        if doc_type == "cv":
            entries = {"work_history": [{"employer": FieldValue(value=draw(_values), file="cv.pdf"),
                                         "start_date": FieldValue(value=draw(_values)),
                                         "end_date": FieldValue(value=draw(_values))}],
                       "education": []}
        out.append(Document(file=f"f{i}.pdf", sha256="0" * 64, pages=[1], doc_type=doc_type,
                            doc_type_confidence=0.9, fields=fields, entries=entries))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1)))
def test_evaluate_never_crashes_on_odd_values(docs: list[Document], as_of: dt.date) -> None:
    app = Application(work_history=[WorkHistory(employer="X", start_date="2020-13-45")])
    ev = evaluate(docs, app, [], as_of=as_of, settings=RuleSettings())
    for f in ev.findings:
        Finding.model_validate(f.model_dump())
    Application.model_validate(ev.profile.model_dump())


_text = st.one_of(st.none(), st.text(max_size=15), st.sampled_from(
    ["2027-03", "2020", "03/31/2027", "Robert", "Jr", "BB1388568", "1234567893", "MD", "NP"]))


@st.composite
def applications(draw) -> Application:
    from credintake.contract import (Attestation, BoardCertification, Dea, Education,
                                     License, LifeSupport, Malpractice, Provider)
    return Application(
        provider=Provider(first_name=draw(_text), middle_name=draw(_text), last_name=draw(_text),
                          suffix=draw(_text), other_names=draw(st.lists(st.text(max_size=12),
                                                                        max_size=2)),
                          profession=draw(_text), npi=draw(_text)),
        licenses=[License(license_number=draw(_text), expiration_date=draw(_text),
                          profession=draw(_text))],
        dea=[Dea(dea_number=draw(_text), expiration_date=draw(_text))],
        board_certifications=[BoardCertification(board=draw(_text), specialty=draw(_text))],
        education=[Education(institution=draw(_text), start_date=draw(_text),
                             end_date=draw(_text))],
        work_history=[WorkHistory(employer=draw(_text), start_date=draw(_text),
                                  end_date=draw(_text), current=draw(st.none() | st.booleans()))],
        gap_explanations=[GapExplanation(start_date=draw(_text), end_date=draw(_text),
                                         reason=draw(_text))],
        malpractice_insurance=[Malpractice(per_claim_limit=draw(st.none() | st.integers(0, 10**7)),
                                           expiration_date=draw(_text))],
        life_support=[LifeSupport(course=draw(_text), expiration_date=draw(_text))],
        attestation=Attestation(signed_date=draw(_text)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), applications())
def test_evaluate_never_crashes_on_odd_applications(docs: list[Document], app: Application) -> None:
    ev = evaluate(docs, app, [], as_of=AS_OF, settings=RuleSettings())
    for f in ev.findings:
        Finding.model_validate(f.model_dump())
    Application.model_validate(ev.profile.model_dump())
