"""Filled AcroForm values placed where a viewer draws them: an eCard whose values exist only
in form fields, centred (``/Q 1``) in wide fields under centred labels, reads like its
flattened copy (AHA-style eCards saved from the issuer's site without flattening)."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from credintake.extractor.fields import extract
from credintake.extractor.read import read_file
from credintake.extractor.read.pdf_forms import layout_value
from credintake.settings import Settings

_H = 792.0


def _ecard(filled: bool) -> bytes:
    """A two-column card: labels centred over wide value fields (issue date | renew by,
    training centre | instructor). ``filled``: AcroForm fields with ``/Q 1``; else the same
    values drawn centred in the page's text (a flattened copy)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)

    def text(cx: float, top: float, words: str, size: float = 9) -> None:
        c.setFont("Helvetica", size)
        c.drawCentredString(cx, _H - top - size, words)

    def value(name: str, x: float, top: float, words: str, width: float = 247) -> None:
        if not filled:
            text(x + width / 2, top + 4, words)
            return
        c.acroForm.textfield(name=name, value=words, x=x, y=_H - top - 17, width=width, height=17,
                             fontSize=9, borderWidth=0, fillColor=None, borderColor=None)
        c._doc.idToObject[f"Annot.NUMBER{c._annotationCount}"].dict["Q"] = 1

    text(306, 60, "BASIC LIFE SUPPORT", 18)
    text(130, 125, "BLS Provider", 16)
    value("name", 55, 232, "MORGAN T ELLIS", width=503)
    text(306, 256, "has successfully completed the cognitive and skills evaluations")
    text(306, 268, "in accordance with the curriculum of the Heart Association")
    text(178, 324, "Issue Date")
    text(435, 324, "Renew By")
    value("issue", 55, 341, "03/14/2024")
    value("renew", 311, 340, "03/2026")
    text(178, 360, "Training Center Name")
    text(435, 364, "Instructor Name")
    value("tc", 55, 377, "Harbor Lifesaving Institute")
    value("instructor", 311, 380, "Dana Whitfield")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("filled", [True, False])
def test_centred_form_values_pair_with_their_labels(filled: bool) -> None:
    (page,) = read_file("ecard.pdf", _ecard(filled), Settings()).pages
    got = {k: v.value for k, v in extract("life_support_card", [page]).fields.items()}
    assert got["issue_date"] == "2024-03-14"
    assert got["expiration_date"] == "2026-03"
    assert got["holder_name"] == "MORGAN T ELLIS"


def test_centred_value_sits_under_its_centred_label() -> None:
    (page,) = read_file("ecard.pdf", _ecard(True), Settings()).pages
    renew = next(w for w in page.words if w.text == "03/2026")
    label = next(w for w in page.words if w.text == "Renew")
    assert abs((renew.x0 + renew.x1) / 2 - 435) < 4
    assert renew.x0 < label.x1 and label.x0 < renew.x1   # under the label, not beside it


def test_alignment_of_a_value_in_its_box() -> None:
    box = (100.0, 10.0, 300.0, 30.0)
    left, centre, right = (layout_value("ABC 123", box, 10, align)[0] for align in (0, 1, 2))
    assert left.x0 == pytest.approx(102.0)
    assert centre.x0 > left.x0 + 50 and right.x0 > centre.x0 + 50
    assert layout_value("ABC 123", box, 10, 2)[-1].x1 == pytest.approx(298.0, abs=0.5)
