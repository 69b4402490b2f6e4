"""FHIR and CSV exports of results: every committed sample packet's Bundle validates with
fhir.resources (R4B models, which share R4's Practitioner/PractitionerRole), and the CSV
never hands a spreadsheet a formula."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fhir.resources.R4B.bundle import Bundle

from credintake.api.cli import main
from credintake.csv_export import findings_csv, profile_csv
from credintake.fhir_export import NPI_SYSTEM
from credintake.pipeline import process_packet
from credintake.settings import Settings


@pytest.fixture(scope="module")
def results(committed_packets: list[Path], tmp_path_factory: pytest.TempPathFactory
            ) -> list[Path]:
    """Each committed packet processed once; the result JSON files."""
    out = tmp_path_factory.mktemp("results")
    paths = []
    for packet in committed_packets:
        result = process_packet(packet, as_of=date(2026, 11, 22), settings=Settings())
        path = out / f"{packet.name}.json"
        path.write_text(json.dumps(result.to_json_dict()))
        paths.append(path)
    return paths


def test_the_fhir_bundle_of_every_committed_packet_validates(results: list[Path],
                                                              tmp_path: Path) -> None:
    runner = CliRunner()
    for path in results:
        out = tmp_path / f"{path.stem}.fhir.json"
        run = runner.invoke(main, ["export", "fhir", str(path), "-o", str(out)])
        assert run.exit_code == 0, run.output
        bundle = Bundle.model_validate(json.loads(out.read_text()))
        practitioner, role = (e.resource for e in bundle.entry)
        profile = json.loads(path.read_text())["profile"]
        npi = (profile.get("provider") or {}).get("npi")
        if npi:
            assert any(i.system == NPI_SYSTEM and i.value == npi
                       for i in practitioner.identifier), path.name
        for lic in profile.get("licenses") or []:
            if lic.get("license_number"):
                assert lic["license_number"] in [i.value for i in practitioner.identifier]
        assert role.practitioner.reference == f"Practitioner/{practitioner.id}"
        assert role.active is True
        if (profile.get("provider") or {}).get("last_name"):
            assert practitioner.name[0].family == profile["provider"]["last_name"]


def _result(**profile: Any) -> dict[str, Any]:
    return {"packet_id": "p1", "as_of": "2026-11-22", "service_version": "x", "documents": [],
            "reconciliation": [], "profile": profile,
            "findings": [{"rule": "attestation.stale", "severity": "error",
                          "field": "attestation.signed_date", "message": "=HYPERLINK(\"x\")"}]}


def test_csv_cells_that_start_a_formula_are_quoted() -> None:
    result = _result(provider={"first_name": "@SUM(A1)", "last_name": "-2+3",
                               "npi": "1234567893"},
                     licenses=[{"license_number": "+A1", "issuing_state": "CA"},
                               {"license_number": "\tB2"}])
    rows = list(csv.reader(io.StringIO(profile_csv([result]))))
    assert rows[0] == ["packet_id", "section", "index", "field", "value"]
    values = {(r[1], r[2], r[3]): r[4] for r in rows[1:]}
    assert values[("provider", "", "first_name")] == "'@SUM(A1)"
    assert values[("provider", "", "last_name")] == "'-2+3"
    assert values[("provider", "", "npi")] == "1234567893"
    assert values[("licenses", "0", "license_number")] == "'+A1"
    assert values[("licenses", "1", "license_number")] == "'\tB2"
    (finding,) = list(csv.reader(io.StringIO(findings_csv([result]))))[1:]
    assert finding == ["p1", "attestation.stale", "error", "attestation.signed_date",
                       "'=HYPERLINK(\"x\")"]


def test_csv_export_over_the_cli(results: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "findings.csv"
    run = CliRunner().invoke(main, ["export", "csv", "--kind", "findings", *map(str, results),
                                    "-o", str(out)])
    assert run.exit_code == 0, run.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    expected = sum(len(json.loads(p.read_text())["findings"]) for p in results)
    assert len(rows) == expected
    assert {r["packet_id"] for r in rows} <= {p.stem for p in results}


def test_profile_lists_are_joined_and_degrees_coded() -> None:
    from credintake.fhir_export import to_bundle

    result = _result(provider={"last_name": "Lee", "other_names": ["Ann Smith", "=x"]},
                     education=[{"kind": "degree", "degree": "M.D.", "institution": "UCSF",
                                 "end_date": "2004-05"},
                                {"kind": "degree", "degree": "Bachelor of Arts"}])
    rows = list(csv.reader(io.StringIO(profile_csv([result]))))
    assert ["p1", "provider", "", "other_names", "Ann Smith; =x"] in rows
    practitioner = Bundle.model_validate(to_bundle(result)).entry[0].resource
    md, ba = practitioner.qualification
    assert (md.code.coding[0].code, md.issuer.display, md.period.end) == ("MD", "UCSF", "2004-05")
    assert ba.code.coding is None and ba.code.text == "Bachelor of Arts"


def test_training_is_named_by_its_kind_and_full_degree_names_are_coded() -> None:
    from credintake.fhir_export import to_bundle

    result = _result(education=[
        {"kind": "degree", "degree": "Doctor of  Osteopathic Medicine", "end_date": "2001-05-13"},
        {"kind": "residency", "degree": "General Surgery", "institution": "MGH",
         "start_date": "2002-07-01", "end_date": "2006-06-30"}])
    do, res = Bundle.model_validate(to_bundle(result)).entry[0].resource.qualification
    assert do.code.coding[0].code == "DO"
    assert (res.code.text, res.code.coding, res.issuer.display, str(res.period.start)) == \
        ("Residency: General Surgery", None, "MGH", "2002-07-01")


def test_an_export_of_something_that_is_not_a_result_is_a_usage_error(tmp_path: Path) -> None:
    runner = CliRunner()
    garbage, other = tmp_path / "garbage.json", tmp_path / "other.json"
    garbage.write_text("{not json")
    other.write_text(json.dumps({"provider": {"last_name": "Secretname"}}))
    for kind, path, says in (("fhir", garbage, "garbage.json is not JSON"),
                             ("csv", other, "other.json is not a credintake result")):
        run = runner.invoke(main, ["export", kind, str(path)])
        assert run.exit_code == 2 and says in run.output and "Secretname" not in run.output
