"""Filled-in PDF form fields (AcroForm widgets) as words where the form draws them.

A form filled in a viewer and saved without flattening keeps its values in the widgets'
field dictionaries, not in the page's content stream, so the text layer holds the labels
("Name of insured", "Policy number") but none of the values (fillable ACORD certificates,
state license applications, CAQH-style attestation forms, the IRS W-9). Each widget with a
value becomes words inside the widget's rectangle, laid out the way a viewer draws one line
of text, so the extractors find the value beside its printed label. Ticked check boxes and
radio buttons become "☒", empty ones "☐", the marks the text-layer and OCR readers produce.

Geometry is estimated, not measured (pdfium gives the field's font size, not its glyphs):
each character is given ``_ADVANCE_EM`` of the font size, shrunk to fit the rectangle. The
widget's quadding (``/Q``: left, centred, right) places the line as a viewer does: issuers'
eCards and certificates centre their values in wide fields under centred labels (AHA
eCards' "Issue Date" / "Renew By"), and a value left-aligned in such a field would sit
under the neighbouring label.
"""

from __future__ import annotations

import ctypes
import logging

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from credintake.extractor.layout import Word

_TEXT_KINDS = (pdfium_c.FPDF_FORMFIELD_TEXTFIELD, pdfium_c.FPDF_FORMFIELD_COMBOBOX,
               pdfium_c.FPDF_FORMFIELD_LISTBOX)
_BOX_KINDS = (pdfium_c.FPDF_FORMFIELD_CHECKBOX, pdfium_c.FPDF_FORMFIELD_RADIOBUTTON)
_HIDDEN = pdfium_c.FPDF_ANNOT_FLAG_HIDDEN | pdfium_c.FPDF_ANNOT_FLAG_NOVIEW
_ADVANCE_EM = 0.52   # mean advance of Helvetica/Arial text, the default font of form fields
_PADDING_PT = 2.0    # viewers inset field text by the border width plus one point
_LINE_SPACING = 1.15


def open_forms(pdf: pdfium.PdfDocument) -> None:
    """Start pdfium's form environment (a no-op for PDFs without a form); it must run
    before the first page is loaded, and also lets renders draw the fields (OCR path).

    An XFA form's AcroForm fields are read without XFA support; pypdfium2's warning that
    its build lacks XFA would be printed for every such file (IRS and state forms), so it
    is silenced around the call."""
    quiet = logging.getLogger("pypdfium2._helpers.document")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        pdf.init_forms()
    finally:
        quiet.setLevel(level)


def form_words(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, height: float) -> list[Word]:
    """Words of the page's visible, filled form fields, boxes in points, origin top-left."""
    form = pdf.formenv
    if form is None:
        return []
    words: list[Word] = []
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, index)
        if not annot:
            continue
        try:
            words += _widget_words(form, annot, height)
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return words


def _widget_words(form: object, annot: object, height: float) -> list[Word]:
    if pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_WIDGET \
            or pdfium_c.FPDFAnnot_GetFlags(annot) & _HIDDEN:
        return []
    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFAnnot_GetRect(annot, rect):
        return []
    x0, x1 = sorted((rect.left, rect.right))
    y0, y1 = sorted((height - rect.top, height - rect.bottom))
    if x1 - x0 < 1 or y1 - y0 < 1:
        return []
    kind = pdfium_c.FPDFAnnot_GetFormFieldType(form, annot)
    if kind in _BOX_KINDS:
        mark = "☒" if pdfium_c.FPDFAnnot_IsChecked(form, annot) else "☐"
        return [Word(mark, x0, y0, x1, y1)]
    if kind not in _TEXT_KINDS:
        return []
    value = _field_value(form, annot)
    if not value.strip():
        return []
    return layout_value(value, (x0, y0, x1, y1), _font_size(form, annot), _quadding(annot))


def _field_value(form: object, annot: object) -> str:
    size = pdfium_c.FPDFAnnot_GetFormFieldValue(form, annot, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFAnnot_GetFormFieldValue(form, annot,
                                         ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
    return buffer.raw[:size - 2].decode("utf-16-le", errors="ignore")


def _font_size(form: object, annot: object) -> float:
    """The field's font size; 0 (auto-size, or none given) when unknown."""
    size = ctypes.c_float(0.0)
    if pdfium_c.FPDFAnnot_GetFontSize(form, annot, ctypes.byref(size)):
        return float(size.value)
    return 0.0


def _quadding(annot: object) -> int:
    """The widget's alignment ``/Q``: 0 left, 1 centred, 2 right. pdfium reads the
    widget's own dictionary only; a ``/Q`` kept on a parent field or as the form's default
    is not seen, and such a value is laid out left-aligned."""
    value = ctypes.c_float(0.0)
    if pdfium_c.FPDFAnnot_GetNumberValue(annot, b"Q", ctypes.byref(value)):
        return int(value.value) if int(value.value) in (0, 1, 2) else 0
    return 0


def layout_value(value: str, box: tuple[float, float, float, float],
                 font_size: float, align: int = 0) -> list[Word]:
    """A value's words placed as a viewer draws them: one line per line of the value,
    left-aligned, centred (``align`` 1) or right-aligned (2), a single line centred
    vertically, several from the top."""
    x0, top, x1, bottom = box
    lines = [line.split() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return []
    box_height = bottom - top
    size = font_size if font_size > 0 else min(12.0, box_height / len(lines) / _LINE_SPACING)
    size = min(size, box_height / len(lines))
    widest = max(len(" ".join(line)) for line in lines)
    advance = min(size * _ADVANCE_EM, (x1 - x0 - 2 * _PADDING_PT) / widest) \
        if x1 - x0 > 2 * _PADDING_PT else (x1 - x0) / widest
    first = top + (box_height - size) / 2 if len(lines) == 1 else top + _PADDING_PT
    words: list[Word] = []
    for row, line in enumerate(lines):
        line_top = first + row * size * _LINE_SPACING
        pad = min(_PADDING_PT, (x1 - x0) / 4)
        spare = max(0.0, x1 - x0 - 2 * pad - len(" ".join(line)) * advance)
        x = x0 + pad + (spare / 2 if align == 1 else spare if align == 2 else 0.0)
        for text in line:
            words.append(Word(text, round(x, 2), round(line_top, 2),
                              round(x + len(text) * advance, 2), round(line_top + size, 2)))
            x += (len(text) + 1) * advance
    return words
