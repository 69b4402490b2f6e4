"""Page-splitting score (evaluation.score_split) on hand-made results."""

from __future__ import annotations

from typing import Any

from credintake.evaluation import SplitScore, score_split

FAX = "fax.tif"


def _labels(cover: bool = True) -> dict[str, Any]:
    docs = [{"file": FAX, "doc_type": "state_license", "pages": [2], "condition": "fax"},
            {"file": FAX, "doc_type": "cv", "pages": [3, 4, 5], "condition": "fax"},
            {"file": FAX, "doc_type": "dea_registration", "pages": [6], "condition": "fax"},
            {"file": "a.pdf", "doc_type": "diploma", "pages": [1], "condition": "text"}]
    return {"packet_id": "p", "documents": docs, "fax_cover_pages": [1] if cover else []}


def _result(*groups: list[int], extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    docs = [{"file": FAX, "pages": g} for g in groups]
    return {"documents": docs + (extra or [{"file": "a.pdf", "pages": [1]}])}


def test_perfect_split_counts_cover_sheet() -> None:
    s = score_split(_result([1], [2], [3, 4, 5], [6]), _labels())
    assert (s.right, s.total, s.exact, s.documents) == (7, 7, 4, 4)
    assert s.accuracy == 1.0 and s.wrong == []


def test_merged_documents_lose_the_smaller_ones_pages() -> None:
    # the licence and the CV glued together: the CV keeps the group, the licence page is wrong
    s = score_split(_result([1], [2, 3, 4, 5], [6]), _labels())
    assert (s.right, s.total) == (6, 7)
    assert s.exact == 2  # DEA and diploma only
    assert s.wrong == ["p/fax.tif p2 (state_license)"]


def test_cut_document_loses_the_pages_cut_off() -> None:
    s = score_split(_result([1], [2], [3], [4, 5], [6]), _labels())
    # the CV is paired with its larger piece (pages 4-5); page 3 is in the wrong document
    assert (s.right, s.total, s.exact) == (6, 7, 3)
    assert s.wrong == ["p/fax.tif p3 (cv)"]


def test_cover_sheet_joined_to_first_document_is_wrong() -> None:
    s = score_split(_result([1, 2], [3, 4, 5], [6]), _labels())
    assert (s.right, s.total) == (6, 7)
    assert "cover sheet" in s.wrong[0] and s.exact == 3


def test_missing_pages_and_file_filter() -> None:
    s = score_split({"documents": []}, _labels(cover=False))
    assert (s.right, s.total, s.exact) == (0, 6, 0)
    only_fax = score_split(_result([1], [2], [3, 4, 5], [6]), _labels(), keep_file=lambda n: n == FAX)
    assert (only_fax.right, only_fax.total) == (6, 6)


def test_scores_add_up() -> None:
    total = SplitScore()
    total.add(score_split(_result([1], [2], [3, 4, 5], [6]), _labels()))
    total.add(score_split(_result([1], [2, 3, 4, 5], [6]), _labels()))
    assert (total.right, total.total, total.documents) == (13, 14, 8)
    assert round(total.accuracy, 4) == round(13 / 14, 4)
