"""The scorer behind bench/RESULTS.md must count right, or the recorded numbers mean nothing."""

from __future__ import annotations

from credintake.evaluation import PRF, Scores, names_match, score_entries, score_packet, \
    values_equal


def test_prf_arithmetic() -> None:
    prf = PRF(tp=8, fp=2, fn=8)
    assert (prf.precision, prf.recall) == (0.8, 0.5)
    assert round(prf.f1, 4) == round(2 * 0.8 * 0.5 / 1.3, 4)
    assert PRF().f1 == 1.0  # nothing to find and nothing found


def test_values_equal_normalises_text_but_not_identifiers() -> None:
    assert values_equal("holder_name", "JANE A. DOE, MD", "Jane A Doe MD")
    assert not values_equal("license_number", "A12345", "a12345")
    assert values_equal("per_claim_limit", 1000000, 1000000.0)
    assert not values_equal("expiration_date", "2027-03", "2027-03-31")


def test_entries_match_on_organisation_and_both_dates() -> None:
    want = [{"employer": "Mercy Hospital", "start_date": "2015-07", "end_date": None},
            {"employer": "City Clinic", "start_date": "2012", "end_date": "2015"}]
    got = [{"employer": {"value": "Mercy Hospital, Inc."}, "start_date": {"value": "2015-07"},
            "end_date": {"value": None}},
           {"employer": {"value": "City Clinic"}, "start_date": {"value": "2012"},
            "end_date": {"value": "2014"}}]
    prf = score_entries(want, got)
    assert (prf.tp, prf.fp, prf.fn) == (1, 1, 1)


def test_a_fragment_of_a_name_does_not_match_the_name() -> None:
    assert names_match("Lakeside Health, Inc.", "Lakeside Health Inc")
    assert names_match("Mercy Hospital of Springfield", "Mercy Hospital")
    assert names_match("Department of Surgery, Riverbend Hospital",
                       "Riverbend Hospital, Department of Surgery")
    assert not names_match("Lakeside Health, Inc.", "Inc.")
    assert not names_match("Riverbend University School of Medicine", "Medicine")
    assert not names_match("University of California", "University")
    assert names_match("Sleep Laboratory, Riverbend Hospital", "Riverbend Hospital")
    assert names_match("Riverbend University", "RIVERBEND UNIVERSITY St. Jude Campus")
    assert not names_match("RN in Skilled, Assisted, and Home Settings", "and Home Settings")
    assert not names_match("Lakeside Health, Inc.", "President and Co-Founder")
    assert not names_match("", "")
    got = [{"employer": {"value": "Inc."}, "start_date": {"value": "2014-11"},
            "end_date": {"value": "2017-12"}}]
    want = [{"employer": "Lakeside Health, Inc.", "start_date": "2014-11", "end_date": "2017-12"}]
    assert (score_entries(want, got).tp, score_entries(want, got).fp) == (0, 1)


def test_score_packet_pairs_documents_by_file_and_pages() -> None:
    labels = {"packet_id": "p", "documents": [
        {"file": "a.pdf", "pages": [1], "doc_type": "dea_registration",
         "fields": {"dea_number": "BB1388568", "state": "CA"}},
        {"file": "a.pdf", "pages": [2], "doc_type": "diploma", "fields": {"degree": "MD"}}]}
    result = {"documents": [
        {"file": "a.pdf", "pages": [1], "doc_type": "dea_registration", "doc_type_confidence": 0.9,
         "fields": {"dea_number": {"value": "BB1388568"}, "state": {"value": "NV"}}},
        {"file": "a.pdf", "pages": [2], "doc_type": "other", "doc_type_confidence": 0.6,
         "fields": {}}]}
    scores = Scores()
    score_packet(result, labels, scores)
    assert scores.docs["dea_registration"] == [1, 1] and scores.docs["diploma"] == [0, 1]
    dea = scores.fields["dea_registration"]
    assert (dea.tp, dea.fp, dea.fn) == (1, 1, 1)
    assert scores.fields["diploma"].fn == 1
    assert scores.classification_accuracy() == 0.5
    assert round(scores.calibration_error(), 4) == round((0.1 + 0.6) / 2, 4)


def test_reliability_table_and_calibration_error() -> None:
    from credintake.evaluation import calibration_error, reliability

    pairs = [(0.95, True)] * 9 + [(0.95, False)] + [(0.55, True), (0.55, False)]
    bins = reliability(pairs)
    assert [(b.lo, b.count) for b in bins] == [(0.5, 2), (0.9, 10)]
    assert (bins[1].mean_confidence, bins[1].accuracy) == (0.95, 0.9)
    assert round(calibration_error(pairs), 4) == round((10 * 0.05 + 2 * 0.05) / 12, 4)
    assert calibration_error([]) == 0.0 and reliability([(1.0, True)])[0].lo == 0.9


def test_field_outcomes_judge_fields_and_entries() -> None:
    from credintake.evaluation import field_outcomes

    labels = {"packet_id": "p", "documents": [
        {"file": "a.pdf", "pages": [1], "doc_type": "cv", "condition": "scan",
         "fields": {"name": "Jane Doe"},
         "entries": {"work_history": [{"employer": "Mercy Hospital", "start_date": "2015-07",
                                       "end_date": None}]}},
        {"file": "a.pdf", "pages": [2], "doc_type": "diploma", "fields": {"degree": "MD"}}]}
    value = lambda v, c=0.8: {"value": v, "confidence": c}  # noqa: E731
    result = {"documents": [
        {"file": "a.pdf", "pages": [1], "doc_type": "cv", "doc_type_confidence": 0.9,
         "ocr": True, "text_confidence": 0.8,
         "fields": {"name": value("JANE DOE"), "email": value("j@x.org")},
         "entries": {"work_history": [
             {"employer": value("Mercy Hospital"), "start_date": value("2015-07"),
              "end_date": value("2016")},
             {"employer": value("Nowhere"), "start_date": value("2001")}]}},
        {"file": "a.pdf", "pages": [2], "doc_type": "dea_registration",
         "doc_type_confidence": 0.6, "fields": {"state": value("CA", 0.5)}}]}
    got = {(o.key, o.correct) for o in field_outcomes(result, labels)}
    assert got == {("cv.name", True), ("cv.email", False),
                   ("cv.work_history.employer", True), ("cv.work_history.start_date", True),
                   ("cv.work_history.end_date", False), ("cv.work_history.employer", False),
                   ("cv.work_history.start_date", False), ("dea_registration.state", False)}
    first = field_outcomes(result, labels)[0]
    assert (first.confidence, first.ocr, first.text_confidence, first.condition) == \
        (0.8, True, 0.8, "scan")
