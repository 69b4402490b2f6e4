"""Regressions for the extraction errors the findings benchmark (bench/RESULTS_findings.md,
seed 9102) traced its misses to: each test pins the value the benchmark got wrong."""

from __future__ import annotations

import random

from credintake.extractor.fields import extract
from credintake.extractor.fields.context import applicant
from credintake.extractor.layout import Line, Page, Word, build_lines
from credintake.extractor.names import looks_like_name, name_similarity
from credintake.extractor.read import read_file
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings
from handmade_pages import page as _page


def page(rows: list[tuple[float, float, str]], *, size: float = 8.5) -> Page:
    return _page(rows, size=size, file="doc.pdf")


def values(doc_type: str, *pages: Page) -> dict:
    return {k: v.value for k, v in extract(doc_type, list(pages)).fields.items()}


def test_merged_header_cells_give_each_date_its_own_column() -> None:
    # A verification printout's header cells "Original Certification" and "Expiration" ran
    # together into one segment (boxes as the benchmark's PDF printed them): the expiration
    # label must not read the issue date's cell ("Certified Since" read as the expiry before).
    head = [page([(40, 50, "Board of Pharmacy Specialties"), (40, 78, "Certification Verification Results"),
                  (40, 104, "Dylan Lyons, PharmD")]).words]
    boxes = [("Certification", 38.52, 153.84, 88.11, 163.94), ("Original", 218.52, 153.84, 250.64, 163.94),
             ("Certification", 253.0, 153.84, 302.59, 163.94), ("Expiration", 318.52, 153.84, 360.08, 163.94),
             ("Status", 418.52, 153.84, 444.49, 163.94), ("MOC", 488.52, 153.84, 508.35, 163.94),
             ("Pharmacotherapy", 38.52, 173.98, 105.6, 183.92), ("2007-11-26", 218.52, 173.98, 261.99, 183.92),
             ("2028-09-30", 318.52, 173.98, 361.99, 183.92), ("Certified", 418.52, 173.98, 450.16, 183.92),
             ("Yes", 488.52, 173.98, 503.16, 183.92)]
    words = head[0] + [Word(t, x0, y0, x1, y1, 1.0) for t, x0, y0, x1, y1 in boxes]
    # the reader's order: the specialty column first, then the merged header, then its row
    cells = {w.text + str(w.x0): w for w in words}
    order = [["Certification38.52"], ["Pharmacotherapy38.52"],
             ["Original218.52", "Certification253.0", "Expiration318.52"], ["2007-11-26218.52"],
             ["2028-09-30318.52"], ["Status418.52"], ["MOC488.52"], ["Certified418.52"], ["Yes488.52"]]
    lines = build_lines(head[0]) + [Line([cells[k] for k in keys]) for keys in order]
    p = Page(file="doc.pdf", number=1, width=612, height=792, words=words, lines=lines, ocr=False)
    got = values("board_certification", p)
    assert got["issue_date"] == "2007-11-26"
    assert got["expiration_date"] == "2028-09-30"


def test_license_number_label_is_not_an_issue_label_misread() -> None:
    # "License No. R44329" fuzzily matched "Licensed On" and the expiry below became the issue date.
    p = page([
        (106, 62, "STATE OF MASSACHUSETTS"),
        (109, 73, "Massachusetts Board of Nursing"),
        (89, 93, "KELLY LEAH WRIGHT"),
        (89, 108, "Registered Nurse"),
        (89, 125, "License No. R44329"),
        (89, 138, "Expires Mar 29, 2028"),
        (49, 197, "Printed 03/17/2026"),
    ])
    got = values("state_license", p)
    assert got["license_number"] == "R44329"
    assert got["expiration_date"] == "2028-03-29"
    assert "issue_date" not in got


def test_issue_date_still_read_next_to_license_number() -> None:
    p = page([
        (89, 93, "KELLY LEAH WRIGHT"),
        (89, 125, "License No. R44329"),
        (89, 138, "Expires Mar 29, 2028"),
        (89, 151, "Issued Apr 2, 2014"),
    ])
    got = values("state_license", p)
    assert got["issue_date"] == "2014-04-02"
    assert got["expiration_date"] == "2028-03-29"


def test_organisation_is_not_a_holder_name() -> None:
    assert not looks_like_name("Assistants Incorporated")
    assert not looks_like_name("Physician Assistants, Incorporated")
    p = page([
        (60, 120, "National Commission on Certification of Physician Assistants"),
        (200, 146, "Incorporated"),
        (200, 200, "Be it known that"),
        (180, 238, "Lindsey Debra Hansen, PA-C"),
        (80, 280, "has met all the requirements established by this Board and is hereby certified as a"),
        (80, 294, "qualified practitioner in"),
        (200, 310, "Physician Assistant"),
    ], size=12)
    assert values("board_certification", p)["holder_name"] == "Lindsey Debra Hansen, PA-C"


def test_pa_diplomate_certificates_generated() -> None:
    seen = 0
    for seed in range(12):
        rng = random.Random(f"xboard_certification/diplomate_certificate:{seed}")
        persona = make_persona(rng, profession="PA")
        doc = render_document("board_certification", "board_certification/diplomate_certificate", persona, rng)
        pages = read_file("doc.pdf", doc.pdf, Settings()).pages
        got = extract("board_certification", pages).fields
        assert got["holder_name"].value == doc.label["fields"]["holder_name"]
        seen += "Incorporated" in " ".join(w.text for p in pages for w in p.words)
    assert seen >= 2  # the heading that used to be read as the holder


def test_name_similarity_across_printed_forms() -> None:
    assert name_similarity("JANE A DOE, MD", "DOE, JANE A") == 100
    assert name_similarity("Jane Ann Doe, Physician Assistant-Certified", "DOE, JANE A") == 100
    assert name_similarity("Jake R Ortiz III, MD", "ORTIZ III, JAKE R") == 100
    assert name_similarity("Jane A. Doe, M.D., FACP", "DOE, JANET") < 80
    assert name_similarity("Jane A Doe, MD", "DOE, JOHN") < 80
    assert name_similarity("Jane A Doe", "DOE, JANE B") < 80


def test_search_results_row_found_from_cv_printed_name() -> None:
    for seed in range(8):
        rng = random.Random(f"xstate_license/search_results:{seed}")
        persona = make_persona(rng)
        doc = render_document("state_license", "state_license/search_results", persona, rng)
        pages = read_file("doc.pdf", doc.pdf, Settings()).pages
        want = doc.label["fields"]
        cv_name = persona.full_name(middle=("full", "initial")[seed % 2], credential=persona.credential,
                                    upper=seed % 3 == 0, dots=seed % 2 == 0)
        with applicant(cv_name):
            got = {k: v.value for k, v in extract("state_license", pages).fields.items()}
        for field in ("holder_name", "license_number", "expiration_date", "status"):
            assert got.get(field) == want[field], (seed, field)


def test_one_word_value_that_is_also_a_label() -> None:
    # "Physician" is the value of "License Type" here (and a name label elsewhere): the
    # next row's caption "Specialty (self-reported)" was read as the profession.
    rows = [("Name", "THORNTON, AMANDA L"), ("License Type", "Physician"), ("License Number", "16497"),
            ("Specialty (self-reported)", "Psychiatry"), ("Status", "Clear"), ("Expiration Date", "05/14/2027")]
    p = page([(53, 56, "Georgia Composite Medical Board")]
             + [(x, 122 + 20 * i, text) for i, row in enumerate(rows) for x, text in zip((59, 229), row)], size=9.5)
    got = values("state_license", p)
    assert got["profession"] == "Physician"
    assert got["holder_name"] == "THORNTON, AMANDA L"
    assert got["license_number"] == "16497"


def test_surname_that_is_a_title_word_is_still_the_holder() -> None:
    p = page([
        (40, 50, "American Board of Anesthesiology"),
        (40, 78, "Certification Verification Results"),
        (40, 104, "Robert E Dean, MD"),
        (40, 122, "Denver, CO"),
    ], size=11)
    assert values("board_certification", p)["holder_name"] == "Robert E Dean, MD"
