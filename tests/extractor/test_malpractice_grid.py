"""Liability certificates read by their coverage grid: hand-built ACORD 25 pages in the
2010/05 geometry (values centred in tall rows), the 2016/03 geometry (values on the row's
first line, a professional row typed in a free row), a blank form, and OCR words."""

from __future__ import annotations

from credintake.extractor.fields import extract
from credintake.extractor.layout import Page, build_lines
from handmade_pages import page

SIZE = 6.0

TOP = [
    (170, 40, "CERTIFICATE OF LIABILITY INSURANCE"),
    (520, 30, "DATE (MM/DD/YYYY)"),
    (30, 52, "THIS CERTIFICATE IS ISSUED AS A MATTER OF INFORMATION ONLY AND CONFERS NO RIGHTS UPON THE"),
    (30, 60, "CERTIFICATE HOLDER. THIS CERTIFICATE DOES NOT AFFIRMATIVELY OR NEGATIVELY AMEND, EXTEND OR ALTER"),
    (22, 124, "PRODUCER"),
    (370, 162, "INSURER(S) AFFORDING COVERAGE"), (557, 162, "NAIC #"),
    (310, 172, "INSURER A :"), (310, 184, "INSURER B :"), (310, 196, "INSURER C :"),
    (22, 184, "INSURED"),
    (22, 243, "COVERAGES"), (160, 243, "CERTIFICATE NUMBER:"),
    (30, 255, "THIS IS TO CERTIFY THAT THE POLICIES OF INSURANCE LISTED BELOW HAVE BEEN ISSUED TO THE INSURED"),
    (30, 263, "NAMED ABOVE FOR THE POLICY PERIOD INDICATED. LIMITS SHOWN MAY HAVE BEEN REDUCED BY PAID CLAIMS."),
    (20, 289, "INSR"), (178, 289, "ADDL SUBR"), (337, 289, "POLICY EFF"), (384, 289, "POLICY EXP"),
    (21, 295, "LTR"), (75, 293, "TYPE OF INSURANCE"), (178, 295, "INSR WVD"), (247, 294, "POLICY NUMBER"),
    (334, 295, "(MM/DD/YYYY) (MM/DD/YYYY)"), (500, 293, "LIMITS"),
    (22, 567, "DESCRIPTION OF OPERATIONS / LOCATIONS / VEHICLES (ACORD 101, Additional Remarks Schedule)"),
    (22, 651, "CERTIFICATE HOLDER"), (310, 651, "CANCELLATION"),
    (22, 758, "ACORD 25 (2010/05)"),
]
# the standard rows' printed captions (every edition prints them, filled or blank)
GL_ROW = [
    (40, 303, "GENERAL LIABILITY"), (428, 305, "EACH OCCURRENCE"), (518, 305, "$"),
    (40, 314, "X COMMERCIAL GENERAL LIABILITY"), (428, 313, "DAMAGE TO RENTED"),
    (428, 319, "PREMISES (Ea occurrence)"), (518, 318, "$"),
    (68, 327, "CLAIMS-MADE X OCCUR"), (428, 329, "MED EXP (Any one person)"), (518, 329, "$"),
    (428, 341, "PERSONAL & ADV INJURY"), (518, 341, "$"),
    (428, 353, "GENERAL AGGREGATE"), (518, 353, "$"),
    (40, 365, "GEN'L AGGREGATE LIMIT APPLIES PER:"), (428, 365, "PRODUCTS - COMP/OP AGG $"),
    (54, 375, "POLICY PRO- JECT LOC"),
]
AUTO_ROW = [
    (40, 387, "AUTOMOBILE LIABILITY"), (428, 387, "COMBINED SINGLE LIMIT"), (518, 390, "$"),
    (40, 397, "ANY AUTO"), (428, 399, "BODILY INJURY (Per person) $"),
    (54, 409, "ALL OWNED SCHEDULED"), (428, 411, "BODILY INJURY (Per accident) $"),
    (54, 426, "HIRED AUTOS NON-OWNED"), (428, 423, "PROPERTY DAMAGE $"),
]
WC_ROW = [
    (40, 481, "WORKERS COMPENSATION"), (428, 481, "X STATUTORY LIMITS"),
    (40, 489, "AND EMPLOYERS' LIABILITY"), (160, 492, "Y / N"), (428, 497, "E.L. EACH ACCIDENT $"),
    (40, 497, "ANY PROPRIETOR/PARTNER/EXECUTIVE"), (180, 501, "N / A"),
    (40, 503, "OFFICER/MEMBER EXCLUDED?"), (428, 509, "E.L. DISEASE - EA EMPLOYEE $"),
    (40, 522, "DESCRIPTION OF OPERATIONS below"), (428, 521, "E.L. DISEASE - POLICY LIMIT $"),
]


def _page(rows: list[tuple[float, float, str]], *, conf: float = 1.0) -> Page:
    return page(rows, size=SIZE, conf=conf, file="coi.pdf")


def _values(page: Page) -> tuple[dict, list]:
    got = extract("malpractice_insurance", [page])
    return {k: v.value for k, v in got.fields.items()}, got.notices


def _general_liability_2010() -> list[tuple[float, float, str]]:
    """A contractor's GL + auto certificate, values centred in their rows (2010/05)."""
    return TOP + GL_ROW + AUTO_ROW + WC_ROW + [
        (22, 133, "Harbor Lane Insurance Agency"), (22, 145, "100 Main Street"),
        (352, 172, "Granite Mutual Insurance Company"), (540, 172, "12345"),
        (352, 184, "Bayside Casualty Company"), (540, 184, "67890"),
        (22, 194, "Northwind Plumbing Inc"), (22, 206, "PO BOX 77"), (22, 218, "Springfield"),
        (545, 303, "1,000,000"), (555, 314, "100,000"), (565, 326, "5,000"), (545, 338, "1,000,000"),
        (545, 350, "2,000,000"), (545, 362, "2,000,000"),
        (24, 327, "A"), (212, 327, "GL20451187"), (331, 326, "3/1/2025 3/1/2026"),
        (545, 388, "1,000,000"), (24, 402, "B"), (212, 408, "AU7730012"), (331, 408, "3/1/2025 3/1/2026"),
    ]


def test_general_liability_certificate_reads_the_first_row_and_says_so() -> None:
    values, notices = _values(_page(_general_liability_2010()))
    assert values == {"insured_name": "Northwind Plumbing Inc", "carrier": "Granite Mutual Insurance Company",
                      "policy_number": "GL20451187", "effective_date": "2025-03-01",
                      "expiration_date": "2026-03-01", "per_claim_limit": 1_000_000,
                      "aggregate_limit": 2_000_000}
    assert [n.kind for n in notices] == ["not_professional_liability"]
    assert "general liability" in notices[0].reason and "automobile liability" in notices[0].reason


def test_ocr_words_read_the_same() -> None:
    values, notices = _values(_page(_general_liability_2010(), conf=0.9))
    assert values["policy_number"] == "GL20451187" and values["aggregate_limit"] == 2_000_000
    assert len(notices) == 1


def test_professional_row_in_a_free_row_is_the_coverage() -> None:
    """2016/03 geometry: values on the row's first line; the professional row is typed in a
    free row under workers comp, on insurer B."""
    rows = TOP + GL_ROW + AUTO_ROW + WC_ROW + [
        (352, 172, "Granite Mutual Insurance Company"), (352, 184, "Physicians Reciprocal Insurers"),
        (22, 194, "Lakeview Pediatrics PLLC"), (22, 206, "Dana R. Whitfield, MD"), (22, 218, "12 Elm Court"),
        (24, 303, "A"), (212, 303, "GL9981230"), (331, 303, "07/01/2025 07/01/2026"), (545, 303, "1,000,000"),
        (545, 350, "2,000,000"),
        (24, 533, "B PROFESSIONAL LIABILITY"), (212, 533, "MPL-4471902"), (331, 533, "01/15/2026 01/15/2027"),
        (428, 533, "EACH CLAIM"), (545, 533, "1,000,000"),
        (428, 545, "AGGREGATE"), (545, 545, "3,000,000"),
    ]
    values, notices = _values(_page(rows))
    assert values == {"insured_name": "Dana R. Whitfield, MD", "carrier": "Physicians Reciprocal Insurers",
                      "policy_number": "MPL-4471902", "effective_date": "2026-01-15",
                      "expiration_date": "2027-01-15", "per_claim_limit": 1_000_000,
                      "aggregate_limit": 3_000_000}
    assert notices == []


def test_limits_in_one_cell() -> None:
    rows = TOP + GL_ROW + WC_ROW + [
        (352, 172, "Coastal Medical Assurance Company"), (22, 194, "Rivera Family Medicine PC"),
        (24, 533, "A MEDICAL MALPRACTICE"), (212, 533, "PL 5520"), (331, 533, "2/1/2026 2/1/2027"),
        (428, 533, "Each Claim/Aggregate"), (520, 533, "1,000,000/3,000,000"),
    ]
    values, notices = _values(_page(rows))
    assert (values["per_claim_limit"], values["aggregate_limit"]) == (1_000_000, 3_000_000)
    assert values["policy_number"] == "PL5520" and notices == []


def test_blank_form_yields_nothing() -> None:
    """Labels only: the fine print, the captions and the empty boxes are never values."""
    values, notices = _values(_page(TOP + GL_ROW + AUTO_ROW + WC_ROW))
    assert values == {} and notices == []


def test_insured_box_never_gives_an_address_line() -> None:
    rows = _general_liability_2010()
    rows = [r for r in rows if r[2] != "Northwind Plumbing Inc"]
    values, _ = _values(_page(rows))
    assert "insured_name" not in values


def _free_band_certificate(extra: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    return TOP + GL_ROW + AUTO_ROW + WC_ROW + [
        (352, 172, "Granite Mutual Insurance Company"), (352, 184, "Harborline Specialty Insurance Co"),
        (22, 194, "Meadowbrook Home Health LLC"), (22, 206, "40 Orchard Road"),
        (24, 303, "A"), (212, 303, "GL5510027"), (331, 303, "04/01/2026 04/01/2027"), (545, 303, "10,000,000"),
    ] + extra


def test_stacked_free_rows_in_one_band_are_separate_rows() -> None:
    """Agencies type two free rows into the one band under workers comp, a line each: the
    professional line is chosen with its own limit, never the deductible beside it."""
    values, notices = _values(_page(_free_band_certificate([
        (24, 533, "B"), (40, 533, "Contingent Cargo"), (212, 533, "CC3318842"),
        (331, 533, "04/01/2026 04/01/2027"), (428, 533, "DED: $2,500"), (545, 533, "250,000"),
        (24, 542, "B"), (40, 542, "Professional E&O"), (212, 542, "PE7700415"),
        (331, 542, "05/01/2026 05/01/2027"), (428, 542, "DED: $2,500"), (545, 542, "100,000"),
    ])))
    assert values["policy_number"] == "PE7700415"
    assert (values["effective_date"], values["expiration_date"]) == ("2026-05-01", "2027-05-01")
    assert values["per_claim_limit"] == 100_000 and "aggregate_limit" not in values
    assert values["carrier"] == "Harborline Specialty Insurance Co" and notices == []


def _single_limit_rows() -> list[tuple[float, float, str]]:
    return _free_band_certificate([
        (24, 545, "B"), (40, 545, "Medical Malpractice"), (212, 545, "MM 0040072 07"),
        (331, 545, "06/15/2026 06/15/2027"), (428, 545, "Limit"), (520, 545, "$5,000,000"),
    ])


def test_professional_row_with_a_single_limit_on_its_own_insurer() -> None:
    values, notices = _values(_page(_single_limit_rows()))
    assert values["carrier"] == "Harborline Specialty Insurance Co"
    assert values["per_claim_limit"] == 5_000_000 and "aggregate_limit" not in values
    assert values["policy_number"] == "MM004007207" and values["effective_date"] == "2026-06-15"
    assert notices == []


def test_text_layer_in_reverse_order_reads_the_same() -> None:
    """Some certificate centres emit the text objects bottom-up; the boxes are right."""
    forwards = _page(_single_limit_rows())
    backwards = Page(file=forwards.file, number=1, width=forwards.width, height=forwards.height,
                     words=forwards.words[::-1], lines=build_lines(forwards.words[::-1]))
    assert _values(backwards) == _values(forwards)


def test_policy_number_printed_with_spaces_is_joined_up_to_its_column() -> None:
    rows = TOP + GL_ROW + WC_ROW + [
        (352, 172, "Granite Mutual Insurance Company"), (22, 194, "Rivera Family Medicine PC"),
        (24, 533, "A PROFESSIONAL LIABILITY"), (212, 533, "76 SBU BB6SW5"), (331, 533, "2/1/2026 2/1/2027"),
        (428, 533, "EACH CLAIM"), (545, 533, "1,000,000"),
    ]
    values, _ = _values(_page(rows))
    assert values["policy_number"] == "76SBUBB6SW5" and values["effective_date"] == "2026-02-01"


def test_agency_customer_code_beside_the_insured_is_not_the_insured() -> None:
    for code_at in (184, 194):  # on the INSURED label's line, or on the name's line
        rows = [r for r in _general_liability_2010() if r[2] != "Northwind Plumbing Inc"]
        rows += [(22, 194, "AP FREIGHT INC"), (262, code_at, "APFREIG-02")]
        values, _ = _values(_page(rows))
        assert values["insured_name"] == "AP FREIGHT INC", code_at


def test_professional_row_wordings_as_agencies_type_them() -> None:
    """Free rows are typed by hand: singular or plural, abbreviated, '&' or 'and'."""
    from credintake.extractor.fields.acord_grid import _kind

    for label in ("Errors & Omission", "Errors and Omissions", "Professional E&O",
                  "Prof Liab", "Medical Malpractice", "Physicians & Surgeons Liability"):
        assert _kind(label) == "professional", label
    assert _kind("Employment Practices Liability") is None
    assert _kind("Commercial General Liability") == "general"


def _reordered(rows: list[tuple[float, float, str]], *, inverted: bool = False) -> Page:
    """The page's words emitted bottom-up and right to left, each one its own text line,
    as some agency systems write their text layers; ``inverted``: boxes with top and bottom
    swapped (a flipped text matrix)."""
    forwards = _page(rows)
    words = sorted(forwards.words, key=lambda w: (-w.top, -w.x0))
    if inverted:
        words = [type(w)(w.text, w.x0, w.bottom, w.x1, w.top, w.conf) for w in words]
    from credintake.extractor.layout import Line

    return Page(file=forwards.file, number=1, width=forwards.width, height=forwards.height,
                words=words, lines=[Line([w]) for w in words])


def test_insured_box_read_from_word_positions_whatever_the_text_order() -> None:
    rows = _general_liability_2010()
    want = _values(_page(rows))[0]["insured_name"]
    for inverted in (False, True):
        values, _ = _values(_reordered(rows, inverted=inverted))
        assert values.get("insured_name") == want == "Northwind Plumbing Inc", inverted
        assert values.get("carrier") == "Granite Mutual Insurance Company", inverted


def test_insured_name_level_with_its_caption() -> None:
    """ACORD 25 2016/03 certificates whose agency types the name on the caption's own row,
    a little right of it: the caption is not part of the name."""
    rows = [r for r in _general_liability_2010() if r[2] not in ("Northwind Plumbing Inc", "PO BOX 77")]
    rows += [(52, 184, "Northwind Plumbing Inc"), (52, 194, "PO BOX 77")]
    values, _ = _values(_page(rows))
    assert values["insured_name"] == "Northwind Plumbing Inc"


def test_prose_naming_the_insured_is_not_its_caption() -> None:
    from credintake.extractor.fields.certificate_parties import insured

    prose = _page([(30, 100, "ISSUED TO THE INSURED NAMED ABOVE FOR THE POLICY PERIOD"),
                   (30, 110, "Northwind Plumbing Inc")])
    assert insured(prose, 500) is None


def test_stacked_free_rows_under_one_policy_each_keep_their_own_limit() -> None:
    """ACORD 25 certificates listing several "other" lines of one policy under each other
    (the letter, policy number and dates typed once, then one line per coverage with its
    own limit): the professional line's limit is its own, never its neighbour's."""
    values, notices = _values(_page(_free_band_certificate([
        (24, 533, "B"), (40, 533, "Motor Truck Cargo"), (212, 533, "MTC4410782"),
        (331, 533, "04/01/2026 04/01/2027"), (428, 533, "Limit"), (545, 533, "250,000"),
        (40, 542, "Errors & Omissions"), (428, 542, "Limit"), (545, 542, "100,000"),
        (40, 551, "Trailer Interchange"), (428, 551, "Limit"), (545, 551, "50,000"),
    ])))
    assert values["per_claim_limit"] == 100_000 and "aggregate_limit" not in values
    assert values["policy_number"] == "MTC4410782" and values["effective_date"] == "2026-04-01"
    assert values["carrier"] == "Harborline Specialty Insurance Co" and notices == []


def test_free_row_limits_printed_off_their_label_line_stay_with_their_row() -> None:
    """Agency systems print the typed values a little above or below the label's line:
    each amount belongs to the row whose label it is nearest."""
    for shift in (-2.5, 2.5):
        values, _ = _values(_page(_free_band_certificate([
            (24, 533, "B"), (40, 533, "Cargo"), (212, 533, "CG3318842"),
            (331, 533, "04/01/2026 04/01/2027"), (545, 533 + shift, "250,000"),
            (24, 541, "B"), (40, 541, "Professional Liability"), (212, 541, "PL7700415"),
            (331, 541, "05/01/2026 05/01/2027"), (545, 541 + shift, "100,000"),
        ])))
        assert values["policy_number"] == "PL7700415", shift
        assert values["per_claim_limit"] == 100_000, shift


def test_two_line_free_row_label_with_both_limits() -> None:
    """A professional row typed on two lines with EACH CLAIM then AGGREGATE is one row."""
    values, _ = _values(_page(_free_band_certificate([
        (24, 533, "B"), (40, 533, "Professional"), (212, 533, "PL7700415"),
        (331, 533, "05/01/2026 05/01/2027"), (428, 533, "Each Claim"), (545, 533, "1,000,000"),
        (40, 542, "Liability"), (428, 542, "Aggregate"), (545, 542, "3,000,000"),
    ])))
    assert (values["per_claim_limit"], values["aggregate_limit"]) == (1_000_000, 3_000_000)


def test_insurer_letter_after_a_collided_company_letter_caption() -> None:
    """Carriers' own certificates caption each insurer "Company / Letter" on two lines that
    some text layers draw at one height, their letters merged."""
    from credintake.extractor.fields.certificate_parties import insurer

    pg = _page([(408, 143, "Companies Providing Coverage:"),
                (354, 154, "Company A Truck Insurance Exchange"),
                (354, 172, "C Le om tte r pan y B Harvest Mutual Insurance Exchange"),
                (354, 189, "Company C Mid-Valley Insurance Company")])
    assert insurer(pg, "B").value == "Harvest Mutual Insurance Exchange"
    assert insurer(pg, "A").value == "Truck Insurance Exchange"


def test_stacked_free_rows_with_their_letter_but_the_policy_typed_once() -> None:
    values, _ = _values(_page(_free_band_certificate([
        (24, 533, "B"), (40, 533, "Contingent Cargo"), (212, 533, "CC3318842"),
        (331, 533, "04/01/2026 04/01/2027"), (545, 533, "250,000"),
        (24, 542, "B"), (40, 542, "Professional E&O"), (545, 542, "100,000"),
    ])))
    assert values["per_claim_limit"] == 100_000 and values["policy_number"] == "CC3318842"
    assert values["expiration_date"] == "2027-04-01"


def test_professional_line_typed_after_the_general_rows_other_option() -> None:
    """ACORD 25 2016/03: agencies name the general-liability row's real line after its
    printed "OTHER:" aggregate option; GENERAL AGGREGATE under a blank PERSONAL & ADV
    INJURY caption is the aggregate."""
    rows = TOP + [
        (40, 303, "X COMMERCIAL GENERAL LIABILITY"), (428, 305, "EACH OCCURRENCE"),
        (68, 313, "X CLAIMS-MADE OCCUR"), (428, 313, "DAMAGE TO RENTED"), (428, 319, "PREMISES (Ea occurrence)"),
        (40, 325, "GEN'L AGGREGATE LIMIT APPLIES PER:"), (428, 327, "MED EXP (Any one person)"),
        (40, 334, "OTHER: Physicians Professional Liability"), (428, 337, "PERSONAL & ADV INJURY"),
        (428, 344, "GENERAL AGGREGATE"), (428, 353, "PRODUCTS - COMP/OP AGG"),
        (352, 172, "Granite Mutual Insurance Company"), (22, 194, "Dana R. Whitfield, MD"),
        (24, 303, "A"), (212, 303, "HPL 5731 6814"), (331, 303, "06/03/2026 06/03/2027"), (545, 303, "$1,000,000"),
        (545, 342, "$3,000,000"),
    ] + WC_ROW
    values, notices = _values(_page(rows))
    assert (values["per_claim_limit"], values["aggregate_limit"]) == (1_000_000, 3_000_000)
    assert values["policy_number"] == "HPL57316814" and notices == []


def test_a_contact_name_with_an_initial_is_not_an_insurer_letter() -> None:
    from credintake.extractor.fields.certificate_parties import insurer

    pg = _page([(376, 102, "Marco C. Hernandez"), (309, 104, "CONTACT NAME:"),
                (366, 138, "INSURER(S) AFFORDING COVERAGE"),
                (309, 147, "INSURER A : Erie Insurance Exchange"),
                (309, 169, "INSURER C : Lakeshore Medical Insurance Company")])
    assert insurer(pg, "C").value == "Lakeshore Medical Insurance Company"


def test_stacked_free_rows_whose_amounts_sit_a_line_off_their_labels() -> None:
    """Agency systems that top-align the limits cell while the labels are centred print
    each amount up to a line above (or below) its own label: stacked free rows and their
    amounts are paired in order."""
    for shift in (-6.0, 6.0):
        values, _ = _values(_page(_free_band_certificate([
            (24, 536, "B"), (40, 536, "Motor Truck Cargo"), (212, 536, "MTC4410782"),
            (331, 536, "04/01/2026 04/01/2027"), (545, 536 + shift, "250,000"),
            (24, 548, "B"), (40, 548, "Errors & Omissions"), (212, 548, "EO7700415"),
            (331, 548, "04/01/2026 04/01/2027"), (545, 548 + shift, "100,000"),
        ])))
        assert values["policy_number"] == "EO7700415", shift
        assert values["per_claim_limit"] == 100_000, shift


def test_row_labels_garbled_by_a_fax_claim_no_missing_professional_line() -> None:
    """No row's label read as any line of coverage (a fax garbled every printed caption):
    the grid cannot show that professional liability is absent, so no notice."""
    garbled = {"GENERAL LIABILITY": "GENFRAI IJAB", "X COMMERCIAL GENERAL LIABILITY": "X COMRIFRC GFNRAI",
               "AUTOMOBILE LIABILITY": "AUT0MQB1E L1AB", "WORKERS COMPENSATION": "W0RKFRS C0MPFN",
               "AND EMPLOYERS' LIABILITY": "AND FMPI0YFRS", "CLAIMS-MADE X OCCUR": "CIAIM5-MAOE X 0CCUH"}
    rows = [(x, y, garbled.get(t, t)) for x, y, t in _general_liability_2010()]
    values, notices = _values(_page(rows, conf=0.6))
    assert notices == []
    assert values["policy_number"] == "GL20451187"  # the row is read, as a line of unknown kind
