"""Calibrated field confidence: the committed map loads, refuses stale or damaged artefacts,
is applied to fields and entries, and the fitting code calibrates what it is given."""

from __future__ import annotations

import json
import math
import random
import shutil
from pathlib import Path

import pytest

from credintake.contract import FieldValue
from credintake.evaluation import FieldOutcome, calibration_error
from credintake.models import field_confidence as fc
from credintake.models.train_field_confidence import context, fit
from credintake.settings import ConfidenceSettings


def _ctx(key: str = "state_license.license_number", ocr: bool = False) -> fc.ValueContext:
    return fc.ValueContext(key, 0.9 if ocr else None, ocr)


def test_committed_calibration_loads_and_is_a_probability() -> None:
    calibration = fc.load()
    for raw in (0.0, 0.3, 0.6, 0.85, 1.0):
        for ocr in (False, True):
            assert 0.0 <= calibration.probability(raw, _ctx(ocr=ocr)) <= 1.0
    # an unknown field (added after the fit) still gets a probability
    assert 0.0 <= calibration.probability(0.8, _ctx("cv.new_field")) <= 1.0


def test_higher_raw_confidence_never_lowers_the_probability() -> None:
    calibration = fc.load()
    probs = [calibration.probability(raw / 10, _ctx(ocr=True)) for raw in range(11)]
    assert probs == sorted(probs)


def test_a_value_the_reader_doubted_stays_doubted_on_a_poor_scan() -> None:
    """The extractor's own doubt is kept: an institution scored 0.03 on a page OCR'd at 0.6
    must not come out confident enough to enter the profile (it did, at 0.74, when the fit
    had one slope over the whole raw range)."""
    from credintake.settings import RuleSettings

    calibration = fc.load()
    p = calibration.probability(0.03, fc.ValueContext("diploma.institution", 0.6, True))
    assert p < RuleSettings().min_field_confidence


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "field_confidence.json"
    shutil.copy(fc.ARTIFACT, path)
    shutil.copy(fc.ARTIFACT.with_name("field_confidence.manifest.json"),
                tmp_path / "field_confidence.manifest.json")
    return path


def test_damaged_or_stale_artefacts_are_refused(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    path.write_text(path.read_text().replace("0", "1", 1))
    with pytest.raises(fc.CalibrationError, match="checksum"):
        fc.load(path)
    (tmp_path / "stale").mkdir()
    path = _copy(tmp_path / "stale")
    manifest = path.with_name("field_confidence.manifest.json")
    data = json.loads(manifest.read_text())
    data["numeric_features"] = ["raw_logit"]
    manifest.write_text(json.dumps(data))
    with pytest.raises(fc.CalibrationError, match="refit"):
        fc.load(path)
    with pytest.raises(fc.CalibrationError, match="train_field_confidence"):
        fc.load(tmp_path / "absent.json")


def test_calibrate_document_sets_fields_and_entries(tmp_path: Path) -> None:
    path = tmp_path / "cal.json"
    fc.save(fc.Calibration(-1.0, {"raw_logit": 1.0, "key=cv.name": 3.0,
                                  "key=cv.work_history.employer": -2.0}), path)

    def run(mode: str, ocr: bool) -> tuple[float, float]:
        fields = {"name": FieldValue(value="Jane Doe", confidence=0.5)}
        entries = {"work_history": [{"employer": FieldValue(value="Mercy", confidence=0.5)}]}
        fc.calibrate_document("cv", fields, entries, text_confidence=0.9 if ocr else None,
                              ocr=ocr, settings=ConfidenceSettings(calibrate=mode, model_path=path))
        return fields["name"].confidence, entries["work_history"][0]["employer"].confidence

    calibrated = (round(1 / (1 + math.exp(-2.0)), 3), round(1 / (1 + math.exp(3.0)), 3))
    assert run("all", False) == run("all", True) == run("ocr", True) == calibrated
    # a text layer keeps the extractor's score under "ocr"; "off" never calibrates
    assert run("ocr", False) == run("off", True) == (0.5, 0.5)


def test_fit_turns_overconfident_scores_into_probabilities() -> None:
    """Values scored 0.9 that are right 60% of the time (faxed license numbers) and 0.8
    that are right 97% of the time (text dates): the fit must learn both rates."""
    rng = random.Random(5)
    outcomes = []
    for _ in range(1500):
        outcomes.append(FieldOutcome("state_license.license_number", 0.9, rng.random() < 0.6,
                                     0.7, True, "fax"))
        outcomes.append(FieldOutcome("state_license.expiration_date", 0.8, rng.random() < 0.97,
                                     None, False, "text"))
    raw = calibration_error([(o.confidence, o.correct) for o in outcomes])
    calibration = fit(outcomes)
    pairs = [(calibration.probability(o.confidence, context(o)), o.correct) for o in outcomes]
    assert raw > 0.1 and calibration_error(pairs) < 0.03


def test_the_pipeline_reports_calibrated_confidences(committed_packets: list[Path]) -> None:
    from datetime import date

    from credintake.pipeline import process_packet
    from credintake.settings import Settings

    def run(mode: str) -> list[dict]:
        settings = Settings()
        settings.confidence.calibrate = mode
        return process_packet(committed_packets[0], as_of=date(2026, 11, 22),
                              settings=settings).to_json_dict()["documents"]

    calibrated, raw = run("all"), run("off")
    pairs = [(value["confidence"], raw_doc["fields"][name]["confidence"])
             for doc, raw_doc in zip(calibrated, raw) for name, value in doc["fields"].items()]
    assert pairs and all(0 <= after <= 1 for after, _ in pairs)
    assert [after for after, _ in pairs] != [before for _, before in pairs]
