"""Life-support cards on the issuers' real geometry: AHA eCard front and back, Red Cross certificate."""

from __future__ import annotations

import random

import pytest
from handmade_pages import page

from credintake.evaluation import values_equal
from credintake.extractor.fields import extract
from credintake.extractor.read import read_file
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings


def test_holder_is_above_the_completion_sentence_not_the_back_sides_instructor() -> None:
    pg = page([(50, 40, "American Heart Association"), (200, 58, "BLS Provider"),
               (300, 60, "Training Center Name"), (380, 60, "Heartland CPR Training Center"),
               (50, 86, "Christine S Johnson"),
               (300, 105, "Instructor Name"), (380, 105, "Heather Cameron"),
               (50, 106, "has successfully completed the cognitive and skills evaluations"),
               (50, 160, "03/2026"), (160, 160, "03/2028"),
               (50, 172, "Issue Date"), (160, 172, "Recommended Renewal Date")], size=7)
    got = {k: v.value for k, v in extract("life_support_card", [pg]).fields.items()}
    assert got["holder_name"] == "Christine S Johnson"
    assert got["course"] == "BLS"
    assert got["issue_date"] == "2026-03" and got["expiration_date"] == "2028-03"


@pytest.mark.parametrize("template_id", ["life_support_card/aha_ecard", "life_support_card/redcross_digital"])
def test_generated_real_geometry_cards_read_whole(template_id: str) -> None:
    right = total = extra = 0
    for seed in range(10):
        rng = random.Random(seed)
        doc = render_document("life_support_card", template_id, make_persona(rng), rng)
        got = {k: v.value for k, v in
               extract("life_support_card", read_file("d.pdf", doc.pdf, Settings()).pages).fields.items()}
        for name, value in doc.label["fields"].items():
            total += 1
            right += name in got and values_equal(name, value, got[name])
        extra += len(set(got) - set(doc.label["fields"]))  # "Valid For: 2 Years" is no expiry date
    assert right / total >= 0.97, (right, total)
    assert extra == 0
