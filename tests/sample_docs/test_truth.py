"""Labels convert to contract objects that validate against result.schema.json."""

from __future__ import annotations

from typing import Any, Callable

from credintake.sample_docs import generate
from credintake.sample_docs.truth import expected_result


def test_committed_labels_make_a_schema_valid_result(schema_validator: Callable[[str, Any], None]) -> None:
    root = generate.COMMITTED_DIR
    for labels in sorted((root / "labels").glob("*.json")):
        result = expected_result(labels, root / "packets" / labels.stem)
        schema_validator("result.schema.json", result.to_json_dict())
        cv = [d for d in result.documents if d.doc_type == "cv"]
        assert cv and cv[0].entries and cv[0].entries["work_history"]
        lic = next(d for d in result.documents if d.doc_type == "state_license")
        number = lic.fields["license_number"]
        assert number.raw and number.value == number.raw.replace(" ", "")
        assert len({d.sha256 for d in result.documents}) <= len(result.documents)


def test_open_ended_job_serialises_as_null_end() -> None:
    root = generate.COMMITTED_DIR
    seen = False
    for labels in sorted((root / "labels").glob("*.json")):
        result = expected_result(labels, root / "packets" / labels.stem).to_json_dict()
        for doc in result["documents"]:
            for job in (doc.get("entries") or {}).get("work_history", []):
                if job["current"]["value"]:
                    assert job["end_date"]["value"] is None
                    seen = True
    assert seen
