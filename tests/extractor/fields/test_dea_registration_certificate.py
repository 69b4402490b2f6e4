"""DEA certificates on the real certificate's geometry: schedules printed one per cell."""

from __future__ import annotations

import random

from handmade_pages import page

from credintake.evaluation import values_equal
from credintake.extractor.fields import extract
from credintake.extractor.read import read_file
from credintake.sample_docs.generate import render_document, supports
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings


def test_schedules_in_separate_cells_are_joined() -> None:
    pg = page([(60, 40, "CONTROLLED SUBSTANCE REGISTRATION CERTIFICATE"),
               (60, 100, "DEA REGISTRATION NUMBER"), (230, 100, "SCHEDULES"),
               (60, 114, "BB1388568"),
               (230, 114, "2"), (255, 114, "2N"), (280, 114, "3"), (305, 114, "3N"), (330, 114, "4"),
               (355, 114, "5"), (420, 114, "PRACTITIONER")])
    got = {k: v.value for k, v in extract("dea_registration", [pg]).fields.items()}
    assert got["schedules"] == "2,2N,3,3N,4,5"
    assert got["dea_number"] == "BB1388568"


def test_generated_registration_certificates_read_whole() -> None:
    right = total = 0
    rng = random.Random(5)
    for _ in range(12):
        persona = make_persona(rng)
        while not supports(persona, "dea_registration"):
            persona = make_persona(rng)
        doc = render_document("dea_registration", "dea_registration/registration_certificate", persona, rng)
        got = {k: v.value for k, v in
               extract("dea_registration", read_file("d.pdf", doc.pdf, Settings()).pages).fields.items()}
        for name, value in doc.label["fields"].items():
            total += 1
            right += name in got and values_equal(name, value, got[name])
    assert right / total >= 0.97, (right, total)
