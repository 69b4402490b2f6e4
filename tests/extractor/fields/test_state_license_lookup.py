"""State board look-up printouts: the real-page families the generator draws
(``state_license/board_lookup``) and a field grid whose label row wraps into a second band."""

from __future__ import annotations

import random

from handmade_pages import page

from credintake.evaluation import values_equal
from credintake.extractor.fields import extract
from credintake.extractor.read import read_file
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings


def test_wrapped_field_grid_is_one_licence_not_a_results_table() -> None:
    # labels in a header row, values under them; the second band's first caption looks like a name
    pg = page([
        (40, 40, "Washington Medical Commission"),
        (45, 100, "Practitioner Name"), (160, 100, "Profession"), (260, 100, "License"),
        (330, 100, "Status"), (390, 100, "Expiration Date"), (500, 100, "Discipline on File"),
        (45, 116, "Garcia, Christopher"), (160, 116, "Physician and Surgeon"), (260, 116, "MD13716540"),
        (330, 116, "Current"), (390, 116, "11/23/2028"), (500, 116, "None"),
        (45, 140, "Public Complaint"), (300, 140, "Address of Record"),
        (45, 156, "No"), (300, 156, "Everett, Washington"),
    ])
    got = {k: v.value for k, v in extract("state_license", [pg]).fields.items()}
    assert got["holder_name"] == "Garcia, Christopher"
    assert got["license_number"] == "MD13716540"
    assert got["status"] == "Current"
    assert got["expiration_date"] == "2028-11-23"
    assert got["issuing_state"] == "WA"


def test_profession_is_never_the_next_header_cell() -> None:
    pg = page([
        (40, 40, "Texas Medical Board"),
        (45, 100, "LICENSE #"), (222, 100, "Profession"), (400, 100, "Status"),
        (45, 112, "Q8972"), (222, 112, "Physician"), (400, 112, "Clear"),
    ])
    got = {k: v.value for k, v in extract("state_license", [pg]).fields.items()}
    assert got["profession"] == "Physician"
    assert got["status"] == "Clear"
    assert got["license_number"] == "Q8972"


def test_board_lookup_printouts_of_every_family_read_whole() -> None:
    right = total = 0
    families = set()
    for seed in range(16):
        rng = random.Random(seed)
        persona = make_persona(rng)
        doc = render_document("state_license", "state_license/board_lookup", persona, rng)
        pages = read_file("doc.pdf", doc.pdf, Settings()).pages
        text = "\n".join(p.text for p in pages)
        families.add(next(h for h in ("License Details", "Licensee Details", "License Information", "Verification",
                                       "Verification Searches", "Online Verification", "License Look-Up",
                                       "Practitioner Profile", "Verify a License", "Search Results",
                                       "License Lookup", "Nurse License", "License Verification") if h in text))
        got = {k: v.value for k, v in extract("state_license", pages).fields.items()}
        for name, value in doc.label["fields"].items():
            total += 1
            right += name in got and values_equal(name, value, got[name])
    assert len(families) >= 4
    assert right / total >= 0.97, (right, total)


def test_search_results_with_two_licensees_of_one_name_pick_the_middle_initial() -> None:
    from credintake.extractor.fields.context import applicant

    pg = page([
        (40, 40, "Washington Board of Nursing"),
        (40, 100, "Name"), (200, 100, "License #"), (290, 100, "License Type"), (420, 100, "Status"),
        (480, 100, "Expires"),
        (40, 120, "ROSS, MARY"), (200, 120, "RN87795618"), (290, 120, "Registered Nurse"), (420, 120, "Active"),
        (480, 120, "07/15/2027"),
        (40, 144, "ROSS, MARY S"), (200, 144, "RN87795665"), (290, 144, "Registered Nurse"), (420, 144, "Active"),
        (480, 144, "05/23/2027"),
    ], size=8)
    with applicant("Mary Sheila Ross"):
        got = {k: v.value for k, v in extract("state_license", [pg]).fields.items()}
    assert got["license_number"] == "RN87795665"
    assert got["expiration_date"] == "2027-05-23"
