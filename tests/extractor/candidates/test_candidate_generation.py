"""Typed candidates and their neighbourhood: every value-shaped string of a page becomes a
candidate with its words, box and page, and its features name the words around it by
direction."""

from __future__ import annotations

from credintake.extractor.candidates import DocView, candidate_tokens, generate, pair_features
from credintake.extractor.layout import Page, Word, build_lines


def _page(rows: list[tuple[float, float, str]], number: int = 1) -> Page:
    """A text page from (x, top, text) rows, 10-point words whose width follows their length."""
    words = []
    for x, top, text in rows:
        cursor = x
        for token in text.split():
            width = len(token) * 5.0
            words.append(Word(token, cursor, top, cursor + width, top + 10))
            cursor += width + 3
    return Page(file="c.pdf", number=number, width=612, height=792, words=words,
                lines=build_lines(words))


ROWS = [
    (60, 40, "Riverside Mutual Insurance Company"),
    (60, 80, "Named Insured:"), (200, 80, "Dana Q. Whitfield, MD"),
    (60, 100, "Policy Number:"), (200, 100, "MPL 204 8811"),
    (60, 120, "DEA Registration:"), (200, 120, "BW1234563"),
    (60, 140, "Coverage Begins:"), (200, 140, "03/01/2026"),
    (60, 160, "Coverage Ends:"), (200, 160, "March 1, 2027"),
    (60, 180, "Each Claim"), (200, 180, "$1,000,000"),
    (60, 200, "Annual Aggregate"), (200, 200, "$3,000,000"),
    (60, 220, "Mailing address:"), (200, 220, "12 Elm Street, Dayton, OH 45402"),
]


def _by_kind(page: Page) -> dict[str, list]:
    out: dict[str, list] = {}
    for cand in generate([page]):
        out.setdefault(cand.kind, []).append(cand)
    return out


def test_every_kind_is_found_with_its_value_in_contract_shape() -> None:
    found = _by_kind(_page(ROWS))
    values = {kind: [c.value for c in cands] for kind, cands in found.items()}
    assert values["date"] == ["2026-03-01", "2027-03-01"]
    assert values["money"] == [1_000_000, 3_000_000]
    assert "MPL2048811" in values["ident"] and "BW1234563" in values["ident"]
    assert "Dana Q. Whitfield, MD" in values["name"]
    assert "Riverside Mutual Insurance Company" in values["org"]
    assert "OH" in values["state"]


def test_a_candidate_keeps_its_words_box_and_page() -> None:
    page = _page(ROWS, number=3)
    (end,) = [c for c in generate([page], {"date"}) if c.value == "2027-03-01"]
    assert [w.text for w in end.words] == ["March", "1,", "2027"]
    assert end.page is page and end.page.number == 3
    x0, top, x1, bottom = end.bbox
    assert (x0, top, bottom) == (200, 160, 170) and x1 > x0
    assert end.raw == "March 1, 2027" and end.detail == "day"


def test_state_codes_say_whether_they_are_an_address_or_a_common_word() -> None:
    page = _page([(60, 40, "Transaction ID 7755821"), (60, 60, "Dayton, OH 45402"), (60, 80, "TX")])
    details = {c.value: c.detail for c in generate([page], {"state"})}
    assert details == {"ID": "code_amb", "OH": "code_zip_amb", "TX": "code"}


def test_a_blank_forms_captions_are_no_amounts_or_dates() -> None:
    page = _page([(60, 40, "CERTIFICATE OF LIABILITY INSURANCE"), (60, 80, "INSURED"),
                  (300, 80, "EACH OCCURRENCE $"), (300, 100, "GENERAL AGGREGATE $"),
                  (60, 120, "POLICY NUMBER"), (60, 140, "POLICY EFF (MM/DD/YYYY)")])
    found = _by_kind(page)
    assert "money" not in found and "date" not in found


def test_features_name_the_label_left_of_the_value_and_the_fields_synonym() -> None:
    page = _page(ROWS)
    view = DocView("malpractice_insurance", [page], generate([page]))
    (end,) = [c for c in view.candidates if c.value == "2027-03-01"]
    tokens = candidate_tokens(view, end)
    assert tokens[0]["Lf:ends"] == 1.0 and tokens[0]["L1:ends"] == 1.0
    assert tokens[0]["val:max"] == 1.0  # the later of the two dates
    (claim,) = [c for c in view.candidates if c.value == 1_000_000]
    row = pair_features(view, claim, "per_claim_limit", candidate_tokens(view, claim))
    assert row["per_claim_limit|syn_left"] == 1.0
    assert row["malpractice_insurance.per_claim_limit|Lf:claim"] == 1.0
    other = pair_features(view, claim, "aggregate_limit", candidate_tokens(view, claim))
    assert "aggregate_limit|syn_left" not in other
    assert other["aggregate_limit|syn_left=per_claim_limit"] == 1.0


def test_the_engine_answer_is_one_feature_and_can_be_left_out() -> None:
    from credintake.contract import FieldValue

    page = _page(ROWS)
    engine = {"expiration_date": FieldValue(value="2027-03-01", confidence=0.85)}
    view = DocView("malpractice_insurance", [page], generate([page], {"date"}), engine)
    end, start = sorted(view.candidates, key=lambda c: c.value, reverse=True)
    with_engine = pair_features(view, end, "expiration_date", candidate_tokens(view, end))
    assert with_engine["malpractice_insurance.expiration_date|eng_same"] == 1.0
    assert pair_features(view, start, "effective_date", candidate_tokens(view, start))[
        "malpractice_insurance.effective_date|eng_none"] == 1.0
    assert pair_features(view, end, "effective_date", candidate_tokens(view, end))[
        "effective_date|eng_is=expiration_date"] == 1.0
    pure = pair_features(view, end, "expiration_date", candidate_tokens(view, end), use_engine=False)
    assert not any("eng_" in key for key in pure)
